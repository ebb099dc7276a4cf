package config

import (
	"strconv"
	"strings"
	"time"
)

// Compatibility dates and flags, checked the way workerd checks a worker's compatibilityDate and
// compatibilityFlags (workerd's io/compatibility-date.c++). The table below records the flags of
// workerd 1.20261117 (read from that release's compiled schema, cross-checked against its
// Cloudflare.compatibilityFlags); the messages are workerd's, word for word.

// MaxCompatDate is the newest compatibility date this build supports; a later date is an error.
const MaxCompatDate = "2026-11-24"

// CompatFlag describes one feature that compatibility dates and flags switch.
type CompatFlag struct {
	Enable       string   // the flag that turns the feature on
	Disable      string   // the flag that turns it off, if any
	Date         string   // the compatibility date from which it is on by default, if any
	AllDates     bool     // on by default for every date
	Experimental bool     // the enable flag needs --experimental
	ImpliedBy    []string // enable flags that also turn this feature on (unless it is disabled) …
	ImpliedAfter string   // … when the compatibility date is on or after this one
}

// CompatFlags returns the table of features, in workerd's order.
func CompatFlags() []CompatFlag { return append([]CompatFlag(nil), compatFlags...) }

// CompatResult is the outcome of CompileCompat.
type CompatResult struct {
	Enabled  map[string]bool // every enable flag name: whether the feature is on
	Errors   []string        // in workerd's order; any error fails the worker
	Warnings []string        // flags the date already enables (workerd prints these, then goes on)
}

// CheckCompat validates a worker's compatibility date and flags. enabled maps every enable-flag
// name to whether its feature is on, by date, by flag or implied by another; errs holds workerd's
// messages. experimental is --experimental; today is the current time (its UTC date is used).
func CheckCompat(date string, flags []string, experimental bool, today time.Time) (enabled map[string]bool, errs []string) {
	r := CompileCompat(date, flags, experimental, today)
	return r.Enabled, r.Errors
}

// CompileCompat is CheckCompat that also returns workerd's warnings.
func CompileCompat(date string, flags []string, experimental bool, today time.Time) CompatResult {
	r := CompatResult{Enabled: make(map[string]bool, len(compatFlags))}

	// The named flags as a set in workerd's order: insertion order, where taking a flag out moves
	// the last one into its place. This decides the order of the "No such compatibility flag"
	// errors.
	set := make([]string, 0, len(flags))
	index := make(map[string]int, len(flags))
	for _, f := range flags {
		if _, dup := index[f]; dup {
			r.Errors = append(r.Errors, "Compatibility flag specified multiple times: "+f)
			continue
		}
		index[f] = len(set)
		set = append(set, f)
	}
	take := func(name string) bool {
		i, ok := index[name]
		if !ok || name == "" {
			return false
		}
		last := len(set) - 1
		if i != last {
			set[i] = set[last]
			index[set[i]] = i
		}
		set = set[:last]
		delete(index, name)
		return true
	}

	d, ok := parseCompatDate(date)
	if !ok {
		r.Errors = append(r.Errors, "Invalid compatibility date: "+date)
		d = compatDate{2021, 5, 1} // workerd goes on with its default date
	}
	if max, _ := parseCompatDate(MaxCompatDate); max.before(d) {
		r.Errors = append(r.Errors, "This Worker requires compatibility date \""+d.String()+
			"\", but the newest date supported by this server binary is \""+MaxCompatDate+"\".")
	}
	t := today.UTC()
	if now := (compatDate{t.Year(), int(t.Month()), t.Day()}); now.before(d) {
		r.Errors = append(r.Errors, "Can't set compatibility date in the future: \""+d.String()+
			"\". Today's date (UTC) is \""+now.String()+"\".")
	}

	type implied struct{ flag, by string }
	var impliedList []implied
	for _, f := range compatFlags {
		byFlag := take(f.Enable)
		disabled := f.Disable != "" && take(f.Disable)
		byDate := f.AllDates || f.Date != "" && !d.before(mustCompatDate(f.Date))
		if f.ImpliedAfter != "" && !disabled && !d.before(mustCompatDate(f.ImpliedAfter)) {
			for _, by := range f.ImpliedBy {
				impliedList = append(impliedList, implied{f.Enable, by})
			}
		}
		if byFlag && disabled {
			r.Errors = append(r.Errors, "Compatibility flags are mutually contradictory: "+f.Enable+" vs "+f.Disable)
		}
		if byFlag && byDate {
			if f.Date != "" {
				r.Warnings = append(r.Warnings, "The compatibility flag "+f.Enable+" became the default as of "+
					mustCompatDate(f.Date).String()+" so does not need to be specified anymore.")
			} else {
				r.Warnings = append(r.Warnings, "The compatibility flag "+f.Enable+" is the default, so does not need to be specified anymore.")
			}
		}
		if byFlag && f.Experimental && !experimental {
			r.Errors = append(r.Errors, "The compatibility flag "+f.Enable+" is experimental and may break or be removed in a "+
				"future version of workerd. To use this flag, you must pass --experimental on the command line.")
		}
		r.Enabled[f.Enable] = byFlag || byDate && !disabled
	}
	// One pass in table order, as workerd does: a flag implied by an implied flag is on only when
	// the latter comes earlier in the table.
	for _, im := range impliedList {
		if r.Enabled[im.by] {
			r.Enabled[im.flag] = true
		}
	}
	for _, f := range set {
		r.Errors = append(r.Errors, "No such compatibility flag: "+f)
	}
	return r
}

type compatDate struct{ year, month, day int }

func (a compatDate) before(b compatDate) bool {
	if a.year != b.year {
		return a.year < b.year
	}
	if a.month != b.month {
		return a.month < b.month
	}
	return a.day < b.day
}

func (a compatDate) String() string {
	s := strconv.Itoa(a.year) + "-"
	if a.month < 10 {
		s += "0"
	}
	s += strconv.Itoa(a.month) + "-"
	if a.day < 10 {
		s += "0"
	}
	return s + strconv.Itoa(a.day)
}

func mustCompatDate(s string) compatDate {
	d, ok := parseCompatDate(s)
	if !ok {
		panic("config: bad date in the compatibility flag table: " + s)
	}
	return d
}

// parseCompatDate accepts what workerd accepts: ten characters, digits and dashes only, starting
// with "2", dashes at 4 and 7, read as sscanf("%d-%d-%d") does, then year 2000–2999, month 1–12
// and day 1–31 (so 2024-02-30 passes, as in workerd).
func parseCompatDate(s string) (compatDate, bool) {
	if !strings.HasPrefix(s, "2") || len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return compatDate{}, false
	}
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && s[i] != '-' {
			return compatDate{}, false
		}
	}
	var v [3]int
	p := 0
	for k := range v {
		if k > 0 {
			if p >= len(s) || s[p] != '-' {
				return compatDate{}, false
			}
			p++
		}
		// %d: an optional sign, then at least one digit. A negative value, stored in an unsigned
		// int by workerd, is out of every range below.
		neg := p < len(s) && s[p] == '-'
		if neg {
			p++
		}
		start := p
		for p < len(s) && s[p] >= '0' && s[p] <= '9' {
			v[k] = v[k]*10 + int(s[p]-'0')
			p++
		}
		if p == start || neg {
			return compatDate{}, false
		}
	}
	d := compatDate{v[0], v[1], v[2]}
	if d.year < 2000 || d.year >= 3000 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 {
		return compatDate{}, false
	}
	return d, true
}

// compatFlags lists workerd's compatibility flags in the order of its schema.
var compatFlags = []CompatFlag{
	{Enable: "formdata_parser_supports_files", Disable: "formdata_parser_converts_files_to_strings", Date: "2021-11-03"},
	{Enable: "fetch_refuses_unknown_protocols", Disable: "fetch_treats_unknown_protocols_as_http", Date: "2021-11-10"},
	{Enable: "html_rewriter_treats_esi_include_as_void_tag"},
	{Enable: "durable_object_fetch_requires_full_url", Disable: "durable_object_fetch_allows_relative_url", Date: "2021-11-10"},
	{Enable: "streams_byob_reader_detaches_buffer", Disable: "streams_byob_reader_does_not_detach_buffer", Date: "2021-11-10"},
	{Enable: "streams_enable_constructors", Disable: "streams_disable_constructors", Date: "2022-11-30"},
	{Enable: "workers_api_getters_setters_on_prototype", Disable: "workers_api_getters_setters_on_instance", Date: "2022-01-31"},
	{Enable: "minimal_subrequests", Disable: "no_minimal_subrequests", Date: "2022-04-05"},
	{Enable: "no_cots_on_external_fetch", Disable: "cots_on_external_fetch", Date: "2022-03-08"},
	{Enable: "url_standard", Disable: "url_original", Date: "2022-10-31"},
	{Enable: "global_navigator", Disable: "no_global_navigator", Date: "2022-03-21"},
	{Enable: "capture_async_api_throws", Disable: "do_not_capture_async_api_throws", Date: "2022-10-31"},
	{Enable: "r2_public_beta_bindings", Disable: "r2_internal_beta_bindings", AllDates: true},
	{Enable: "durable_object_alarms"},
	{Enable: "dont_substitute_null_on_type_error", Disable: "substitute_null_on_type_error", Date: "2022-06-01"},
	{Enable: "transformstream_enable_standard_constructor", Disable: "transformstream_disable_standard_constructor", Date: "2022-11-30"},
	{Enable: "r2_list_honor_include", Date: "2022-08-04"},
	{Enable: "export_commonjs_default", Disable: "export_commonjs_namespace", Date: "2022-10-31"},
	{Enable: "durable_object_rename", Experimental: true},
	{Enable: "web_socket_compression", Disable: "no_web_socket_compression", Date: "2023-08-15"},
	{Enable: "nodejs_compat", Disable: "no_nodejs_compat", Date: "2026-08-04"},
	{Enable: "tcp_sockets_support"},
	{Enable: "response_redirect_url_standard", Disable: "response_redirect_url_original", Date: "2023-03-14"},
	{Enable: "experimental", Experimental: true},
	{Enable: "durable_object_get_existing", Experimental: true},
	{Enable: "http_headers_getsetcookie", Disable: "no_http_headers_getsetcookie", Date: "2023-03-01"},
	{Enable: "dynamic_dispatch_tunnel_exceptions", Disable: "dynamic_dispatch_treat_exceptions_as_500", Date: "2023-03-01"},
	{Enable: "service_binding_extra_handlers", Experimental: true},
	{Enable: "no_cf_botmanagement_default", Disable: "cf_botmanagement_default", Date: "2023-08-01"},
	{Enable: "urlsearchparams_delete_has_value_arg", Disable: "no_urlsearchparams_delete_has_value_arg", Date: "2023-07-01"},
	{Enable: "strict_compression_checks", Disable: "no_strict_compression_checks", Date: "2023-08-01"},
	{Enable: "brotli_content_encoding", Disable: "no_brotli_content_encoding", Date: "2024-04-29"},
	{Enable: "strict_crypto_checks", Disable: "no_strict_crypto_checks", Date: "2023-08-01"},
	{Enable: "rtti_api", Experimental: true},
	{Enable: "webgpu", Experimental: true},
	{Enable: "crypto_preserve_public_exponent", Disable: "no_crypto_preserve_public_exponent", Date: "2023-12-01"},
	{Enable: "vectorize_query_metadata_optional", Disable: "vectorize_query_original", Date: "2023-11-08"},
	{Enable: "unsafe_module", Experimental: true},
	{Enable: "js_rpc", Experimental: true},
	{Enable: "no_global_importscripts", Disable: "global_importscripts", Date: "2024-03-04"},
	{Enable: "nodejs_als", Disable: "no_nodejs_als"},
	{Enable: "queues_json_messages", Disable: "no_queues_json_messages", Date: "2024-03-18"},
	{Enable: "python_workers", ImpliedBy: []string{"python_workers_development"}, ImpliedAfter: "2000-01-01"},
	{Enable: "fetcher_no_get_put_delete", Disable: "fetcher_has_get_put_delete", Date: "2024-03-26"},
	{Enable: "unwrap_custom_thenables", Disable: "no_unwrap_custom_thenables", Date: "2024-04-01"},
	{Enable: "rpc", Disable: "no_rpc", Date: "2024-04-03"},
	{Enable: "internal_stream_byob_return_view", Disable: "internal_stream_byob_return_undefined", Date: "2024-05-13"},
	{Enable: "blob_standard_mime_type", Disable: "blob_legacy_mime_type", Date: "2024-06-03"},
	{Enable: "fetch_standard_url", Disable: "fetch_legacy_url", Date: "2024-06-03"},
	{Enable: "nodejs_compat_v2", Disable: "no_nodejs_compat_v2", Date: "2026-08-04", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2024-09-23"},
	{Enable: "global_fetch_strictly_public", Disable: "global_fetch_private_origin"},
	{Enable: "new_module_registry", Disable: "legacy_module_registry", Date: "2026-11-17"},
	{Enable: "cache_option_enabled", Disable: "cache_option_disabled", Date: "2024-11-11"},
	{Enable: "kv_direct_binding", Experimental: true},
	{Enable: "allow_custom_ports", Disable: "ignore_custom_ports", Date: "2024-09-02"},
	{Enable: "increase_websocket_message_size", Experimental: true},
	{Enable: "internal_writable_stream_abort_clears_queue", Disable: "internal_writable_stream_abort_does_not_clear_queue", Date: "2024-09-02"},
	{Enable: "python_workers_development", Experimental: true},
	{Enable: "nodejs_zlib", Disable: "no_nodejs_zlib", ImpliedBy: []string{"nodejs_compat", "nodejs_compat_v2"}, ImpliedAfter: "2024-09-23"},
	{Enable: "replica_routing", Experimental: true},
	{Enable: "enable_d1_with_sessions_api", Experimental: true},
	{Enable: "handle_cross_request_promise_resolution", Disable: "no_handle_cross_request_promise_resolution", Date: "2024-10-14"},
	{Enable: "set_tostring_tag", Disable: "do_not_set_tostring_tag", Date: "2024-09-26"},
	{Enable: "upper_case_all_http_methods", Disable: "no_upper_case_all_http_methods", Date: "2024-10-14"},
	{Enable: "python_external_packages"},
	{Enable: "disable_top_level_await_in_require", Disable: "enable_top_level_await_in_require", Date: "2024-12-02"},
	{Enable: "fixup-transform-stream-backpressure", Disable: "original-transform-stream-backpressure", Date: "2024-12-16"},
	{Enable: "tail_worker_user_spans", Experimental: true},
	{Enable: "cache_no_cache_enabled", Disable: "cache_no_cache_disabled", ImpliedBy: []string{"cache_option_enabled"}, ImpliedAfter: "2025-08-07"},
	{Enable: "python_workers_20250116", Disable: "no_python_workers_20250116", ImpliedBy: []string{"python_workers"}, ImpliedAfter: "2025-09-29"},
	{Enable: "request_cf_overrides_cache_rules", Disable: "no_request_cf_overrides_cache_rules", Date: "2025-04-02"},
	{Enable: "memory_cache_delete", Experimental: true},
	{Enable: "unique_ctx_per_invocation", Date: "2025-03-10"},
	{Enable: "queue_consumer_no_wait_for_wait_until", Disable: "queue_consumer_wait_for_wait_until"},
	{Enable: "nodejs_compat_populate_process_env", Disable: "nodejs_compat_do_not_populate_process_env", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2025-04-01"},
	{Enable: "cache_api_request_cf_overrides_cache_rules", Disable: "no_cache_api_request_cf_overrides_cache_rules", Date: "2025-05-19"},
	{Enable: "disallow_importable_env", Disable: "allow_importable_env"},
	{Enable: "assets_navigation_prefers_asset_serving", Disable: "assets_navigation_has_no_effect", Date: "2025-04-01"},
	{Enable: "cache_api_compat_flags", Disable: "no_cache_api_compat_flags", Date: "2025-04-19"},
	{Enable: "python_workers_durable_objects", Experimental: true},
	{Enable: "streaming_tail_worker", Experimental: true},
	{Enable: "urlpattern_standard", Disable: "urlpattern_original", Date: "2025-05-01"},
	{Enable: "enable_weak_ref", Disable: "disable_weak_ref", Date: "2025-05-05"},
	{Enable: "request_signal_passthrough", Disable: "no_request_signal_passthrough"},
	{Enable: "enable_navigator_language", Disable: "disable_navigator_language", Date: "2025-05-19"},
	{Enable: "enable_web_file_system", Experimental: true},
	{Enable: "enable_abortsignal_rpc", Experimental: true},
	{Enable: "allow_eval_during_startup", Disable: "disallow_eval_during_startup", Date: "2025-06-01"},
	{Enable: "enable_request_signal", Disable: "disable_request_signal", Date: "2026-11-17"},
	{Enable: "connect_pass_through", Experimental: true},
	{Enable: "nonclass_entrypoint_reuses_ctx_across_invocations"},
	{Enable: "bind_asynclocalstorage_snapshot_to_request", Disable: "do_not_bind_asynclocalstorage_snapshot_to-request", Date: "2025-06-16"},
	{Enable: "throw_on_unrecognized_import_assertion", Disable: "ignore_unrecognized_import_assertion", Date: "2025-06-16"},
	{Enable: "python_workflows", Disable: "disable_python_workflows", ImpliedBy: []string{"python_workers"}, ImpliedAfter: "2025-09-20"},
	{Enable: "unsupported_process_actual_platform", Experimental: true},
	{Enable: "enable_nodejs_process_v2", Disable: "disable_nodejs_process_v2", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2025-09-15"},
	{Enable: "set_event_target_this", Disable: "no_set_event_target_this", Date: "2025-08-01"},
	{Enable: "set_forwardable_email_full_headers", Disable: "set_forwardable_email_single_headers", Date: "2025-08-01"},
	{Enable: "enable_nodejs_http_modules", Disable: "disable_nodejs_http_modules", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2025-08-15"},
	{Enable: "pedantic_wpt", Disable: "non_pedantic_wpt"},
	{Enable: "expose_global_message_channel", Disable: "no_expose_global_message_channel", Date: "2025-08-15"},
	{Enable: "enable_nodejs_http_server_modules", Disable: "disable_nodejs_http_server_modules", ImpliedBy: []string{"enable_nodejs_http_modules"}, ImpliedAfter: "2025-09-01"},
	{Enable: "python_no_global_handlers", Disable: "disable_python_no_global_handlers", Date: "2025-08-14"},
	{Enable: "enable_nodejs_fs_module", Disable: "disable_nodejs_fs_module", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2025-09-15"},
	{Enable: "enable_nodejs_os_module", Disable: "disable_nodejs_os_module", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2025-09-15"},
	{Enable: "python_workers_force_new_vendor_path", Date: "2025-08-11"},
	{Enable: "remove_nodejs_compat_eol", Disable: "add_nodejs_compat_eol", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2025-09-01"},
	{Enable: "enable_validate_workflow_entrypoint", Disable: "disable_validate_workflow_entrypoint", Date: "2025-09-20"},
	{Enable: "python_dedicated_snapshot", Disable: "disable_python_dedicated_snapshot", ImpliedBy: []string{"python_workers_20250116"}, ImpliedAfter: "2025-10-16"},
	{Enable: "typescript_strip_types", Experimental: true},
	{Enable: "enable_nodejs_http2_module", Disable: "disable_nodejs_http2_module", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2025-09-01"},
	{Enable: "allow_insecure_inefficient_logged_eval", Experimental: true},
	{Enable: "strip_authorization_on_cross_origin_redirect", Disable: "retain_authorization_on_cross_origin_redirect", Date: "2025-09-01"},
	{Enable: "enhanced_error_serialization", Disable: "legacy_error_serialization", Date: "2026-04-21"},
	{Enable: "enable_email_sending_queuing", Disable: "disable_email_sending_queuing"},
	{Enable: "remove_nodejs_compat_eol_v22", Disable: "add_nodejs_compat_eol_v22", ImpliedBy: []string{"remove_nodejs_compat_eol"}, ImpliedAfter: "2027-04-30"},
	{Enable: "remove_nodejs_compat_eol_v23", Disable: "add_nodejs_compat_eol_v23", ImpliedBy: []string{"remove_nodejs_compat_eol_v24"}, ImpliedAfter: "2025-09-01"},
	{Enable: "remove_nodejs_compat_eol_v24", Disable: "add_nodejs_compat_eol_v24", ImpliedBy: []string{"remove_nodejs_compat_eol"}, ImpliedAfter: "2028-04-30"},
	{Enable: "enable_nodejs_console_module", Disable: "disable_nodejs_console_module", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2025-09-21"},
	{Enable: "enable_nodejs_vm_module", Disable: "disable_nodejs_vm_module", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2025-10-01"},
	{Enable: "enable_nodejs_perf_hooks_module", Disable: "disable_nodejs_perf_hooks_module", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2026-03-17"},
	{Enable: "enable_global_performance_classes", Disable: "disable_global_performance_classes", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2026-03-17"},
	{Enable: "enable_nodejs_domain_module", Disable: "disable_nodejs_domain_module", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2025-12-04"},
	{Enable: "enable_nodejs_v8_module", Disable: "disable_nodejs_v8_module", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2026-03-17"},
	{Enable: "enable_nodejs_tty_module", Disable: "disable_nodejs_tty_module", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2026-03-17"},
	{Enable: "enable_nodejs_punycode_module", Disable: "disable_nodejs_punycode_module", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2025-12-04"},
	{Enable: "enable_nodejs_cluster_module", Disable: "disable_nodejs_cluster_module", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2025-12-04"},
	{Enable: "enable_nodejs_child_process_module", Disable: "disable_nodejs_child_process_module", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2026-03-17"},
	{Enable: "enable_nodejs_worker_threads_module", Disable: "disable_nodejs_worker_threads_module", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2026-03-17"},
	{Enable: "enable_nodejs_stream_wrap_module", Disable: "disable_nodejs_stream_wrap_module", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2026-01-29"},
	{Enable: "enable_nodejs_wasi_module", Disable: "disable_nodejs_wasi_module", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2025-12-04"},
	{Enable: "enable_nodejs_dgram_module", Disable: "disable_nodejs_dgram_module", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2026-01-29"},
	{Enable: "enable_nodejs_inspector_module", Disable: "disable_nodejs_inspector_module", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2026-01-29"},
	{Enable: "enable_nodejs_trace_events_module", Disable: "disable_nodejs_trace_events_module", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2025-12-04"},
	{Enable: "enable_nodejs_readline_module", Disable: "disable_nodejs_readline_module", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2026-03-17"},
	{Enable: "enable_nodejs_repl_module", Disable: "disable_nodejs_repl_module", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2026-03-17"},
	{Enable: "enable_nodejs_sqlite_module", Disable: "disable_nodejs_sqlite_module", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2026-01-29"},
	{Enable: "enable_ctx_exports", Disable: "disable_ctx_exports", Date: "2025-11-17"},
	{Enable: "enable_python_external_sdk", Disable: "disable_python_external_sdk", Date: "2026-04-21"},
	{Enable: "enable_fast_jsg_struct", Disable: "disable_fast_jsg_struct", Date: "2025-12-03"},
	{Enable: "cache_reload_enabled", Disable: "cache_reload_disabled", Experimental: true},
	{Enable: "enable_streams_nodejs_v24_compat", Disable: "disable_streams_nodejs_v24_compat"},
	{Enable: "python_check_rng_state", Disable: "disable_python_check_rng_state", ImpliedBy: []string{"python_workers"}, ImpliedAfter: "2025-12-16"},
	{Enable: "immutable_api_prototypes", Disable: "mutable_api_prototypes"},
	{Enable: "fetch_iterable_type_support", Disable: "no_fetch_iterable_type_support", Date: "2026-02-19"},
	{Enable: "env_module_nullable_support", Disable: "no_env_module_nullable_support"},
	{Enable: "precise_timers", Disable: "no_precise_timers", Experimental: true},
	{Enable: "fetch_iterable_type_support_override_adjustment", Disable: "no_fetch_iterable_type_support_override_adjustment", ImpliedBy: []string{"fetch_iterable_type_support"}, ImpliedAfter: "2026-01-15"},
	{Enable: "strip_bom_in_read_all_text", Disable: "do_not_strip_bom_in_read_all_text", Date: "2026-01-13", ImpliedBy: []string{"pedantic_wpt"}, ImpliedAfter: "2026-01-13"},
	{Enable: "allow_irrevocable_stub_storage"},
	{Enable: "rpc_params_dup_stubs", Disable: "rpc_params_transfer_stubs", Date: "2026-01-20"},
	{Enable: "enable_nodejs_global_timers", Disable: "no_nodejs_global_timers", ImpliedBy: []string{"nodejs_compat"}, ImpliedAfter: "2026-02-10"},
	{Enable: "streams_no_default_auto_allocate_chunk_size", Disable: "streams_auto_allocate_chunk_size_default", Experimental: true},
	{Enable: "python_workflows_implicit_dependencies", Disable: "no_python_workflows_implicit_dependencies", ImpliedBy: []string{"python_workers"}, ImpliedAfter: "2026-02-25"},
	{Enable: "require_returns_default_export", Disable: "require_returns_namespace", Date: "2026-01-22"},
	{Enable: "python_request_headers_preserve_commas", Disable: "disable_python_request_headers_preserve_commas", Date: "2026-02-17"},
	{Enable: "queue_expose_error_codes", Disable: "no_queue_expose_error_codes", Date: "2026-03-12"},
	{Enable: "text_decoder_replace_surrogates", Disable: "disable_text_decoder_replace_surrogates", Date: "2026-02-24", ImpliedBy: []string{"pedantic_wpt"}, ImpliedAfter: "2026-02-24"},
	{Enable: "containers_pid_namespace", Disable: "no_containers_pid_namespace", Date: "2026-04-01"},
	{Enable: "delete_all_deletes_alarm", Disable: "delete_all_preserves_alarm", Date: "2026-02-24"},
	{Enable: "unhandled_rejection_after_microtask_checkpoint", Disable: "no_unhandled_rejection_after_microtask_checkpoint", Date: "2026-03-03"},
	{Enable: "text_decoder_cjk_decoder", Disable: "disable_text_decoder_cjk_decoder", Date: "2026-03-03"},
	{Enable: "websocket_close_reason_byte_limit", Disable: "no_websocket_close_reason_byte_limit", Date: "2026-03-03"},
	{Enable: "enable_version_api", Experimental: true},
	{Enable: "websocket_standard_binary_type", Disable: "no_websocket_standard_binary_type", Date: "2026-03-17"},
	{Enable: "writable_stream_spec_compliant_writer", Disable: "no_writable_stream_spec_compliant_writer", Date: "2026-03-24"},
	{Enable: "encoder_stream_spec_compliant_backpressure", Disable: "no_encoder_stream_spec_compliant_backpressure", Date: "2026-03-24"},
	{Enable: "spec_compliant_property_attributes", Disable: "no_spec_compliant_property_attributes", Experimental: true},
	{Enable: "workflows_preserve_non_retryable_error_message", Disable: "workflows_replace_non_retryable_error_message", Date: "2026-05-14"},
	{Enable: "web_socket_auto_reply_to_close", Disable: "web_socket_manual_reply_to_close", Date: "2026-04-07"},
	{Enable: "enable_ctx_version_metadata", Experimental: true},
	{Enable: "no_resizable_array_buffer_in_blob", Disable: "resizable_array_buffer_in_blob"},
	{Enable: "diagnostics_channel_has_subscribers_getter", Disable: "no_diagnostics_channel_has_subscribers_getter", Date: "2026-05-19"},
	{Enable: "workflows_step_rollback", Experimental: true},
	{Enable: "python_process_pth_files", Disable: "disable_python_process_pth_files", Date: "2026-05-26"},
	{Enable: "throw_on_not_implemented_tls_options", Disable: "no_throw_on_not_implemented_tls_options", Date: "2026-06-16"},
	{Enable: "auto_grpc_convert"},
	{Enable: "python_workers_20260610", Disable: "no_python_workers_20260610"},
	{Enable: "enable_nodejs_inspector_local_dev", Experimental: true},
	{Enable: "d1_binding_jsrpc", Experimental: true},
	{Enable: "workflows_bindings_rpc", Experimental: true},
	{Enable: "typescript_implemented_streams", Experimental: true},
	{Enable: "expose_draining_reader", Experimental: true},
	{Enable: "workflows_enable_fast_engine_creation", Disable: "workflows_disable_fast_engine_creation", Date: "2026-08-11"},
	{Enable: "wasm_memory_discard", Experimental: true},
	{Enable: "python_workers_314", Disable: "no_python_workers_314", ImpliedBy: []string{"python_workers"}, ImpliedAfter: "2026-09-08"},
	{Enable: "spec_compliant_dispatch_exceptions", Disable: "no_spec_compliant_dispatch_exceptions", Date: "2026-09-15"},
	{Enable: "auto_inject_python_workers", Disable: "no_auto_inject_python_workers", Experimental: true},
	{Enable: "durable_object_io_tasks_prevent_eviction", Disable: "durable_object_io_tasks_do_not_prevent_eviction", Date: "2026-10-01"},
	{Enable: "webcrypto_modern_algorithms"},
	{Enable: "wasm_esm_integration_builtins"},
	{Enable: "pipe_to_backward_propagation", Disable: "no_pipe_to_backward_propagation", Date: "2026-11-17"},
	{Enable: "cache_option_preserves_cache_control", Disable: "cache_option_overrides_cache_control", Date: "2026-11-17"},
	{Enable: "durable_object_snapshots", Experimental: true},
	{Enable: "connect_handler_starttls", Experimental: true},
	{Enable: "offpeak_location_hint", Experimental: true},
	{Enable: "python_shared_standard_library", ImpliedBy: []string{"python_workers"}, ImpliedAfter: "2026-11-19"},
	{Enable: "wasm_source_url_support", Disable: "no_wasm_source_url_support", Date: "2026-12-01"},
	{Enable: "temporal", Disable: "no_temporal", Date: "2026-12-01"},
	{Enable: "python_zstd_snapshot", Experimental: true},
	{Enable: "nodejs_process_version_24", Disable: "no_nodejs_process_version_24", Date: "2026-11-24"},
	{Enable: "r2_binding_jsrpc", Experimental: true},
	{Enable: "rpc_dispose_cancels_call", Experimental: true},
	{Enable: "expose_serialization_test_class", Experimental: true},
	{Enable: "python_dedicated_snapshot_keep_import_caches", Disable: "no_python_dedicated_snapshot_keep_import_caches"},
}
