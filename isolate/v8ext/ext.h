// C interface between the Go side of package v8ext and ext.cc.
// Every function that touches V8 takes the isolate's Locker itself; the Locker
// is re-entrant, so they may also be called from inside v8go callbacks.
#ifndef NANOD_V8EXT_H
#define NANOD_V8EXT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ExtIso ExtIso;

// Installs the budget allocator in place of v8go's default_allocator. Call
// once, after v8go has initialised V8 and before creating budgeted isolates.
void ext_install_allocator(void);
// 1 if the isolate allocates its ArrayBuffers through the budget allocator.
int ext_uses_budget_allocator(void* iso);
int64_t ext_ab_total(void);

ExtIso* ext_attach(void* iso, uintptr_t handle, size_t headroom, int64_t budget);
void ext_detach(ExtIso* st);

// named is a list of NUL-terminated names packed back to back, named_len bytes.
void ext_set_module(ExtIso* st, const char* name, size_t name_len, int kind,
                    const char* src, size_t src_len, const char* named,
                    size_t named_len);

// Binds the current context (call while a v8go callback runs in it).
// Returns the context id, or -1 with a message in err.
int ext_bind_current(ExtIso* st, char* err, size_t cap);
void ext_unbind(ExtIso* st, int id);
// ext_allow_codegen turns eval/new Function on or off in a bound context (-1: not bound).
int ext_allow_codegen(ExtIso* st, int id, int allow);

// Module URLs become prefix + name (default "file:///"); meta=0 leaves import.meta.url unset.
void ext_set_module_naming(ExtIso* st, const char* prefix, size_t len, int meta);

// 1 when the runtime has rejection events to dispatch (it asked for them at least once).
int ext_rejection_work(ExtIso* st);

int ext_heap_limit_hits(ExtIso* st);
void ext_cancel_terminate(ExtIso* st);
void ext_heap_stats(ExtIso* st, uint64_t out[4]);
int64_t ext_ab_bytes(ExtIso* st);

// Returns a malloc'd buffer of 2*count NUL-terminated strings (message,
// stack, ...), or NULL when there is nothing to report.
char* ext_take_rejections(ExtIso* st, int* count, size_t* len);

// Byte staging for BytesFromJS: __ext.bytes.stage(view) keeps a reference to
// the view's bytes; Go reads the length, then ext_unstage copies and drops it.
size_t ext_staged_len(ExtIso* st);
void ext_unstage(ExtIso* st, void* dst);
// Byte staging for BytesToJS: copies src into a new allocation charged to the
// isolate, which __ext.bytes.take() turns into a Uint8Array.
// Returns 0, or -1 when the allocation is refused (budget or size cap).
int ext_stage_in(ExtIso* st, const void* src, size_t n);

// Defines a global property name (non-enumerable) in bound context id holding
// a native detach(buffer, mode) function (see detach.go). 0, or -1 when the
// context is not bound.
int ext_new_detach_fn(ExtIso* st, int id, const char* name);

#ifdef __cplusplus
}
#endif
#endif
