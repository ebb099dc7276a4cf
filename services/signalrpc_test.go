package services_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nanod-runtime/nanod/internal/oracle"
	"github.com/nanod-runtime/nanod/services"
)

// signalRPCJS passes AbortSignals over JS RPC (enable_abortsignal_rpc): the remote end's signal
// follows the caller's, with the same reason, whether it is aborted before, during or never.
const signalRPCJS = `
import assert from "node:assert";
import { WorkerEntrypoint } from "cloudflare:workers";
export class Remote extends WorkerEntrypoint {
  echo(signal) { return signal; }
  state(signal) { return [signal instanceof AbortSignal, signal.aborted, signal.reason]; }
  async waitAbort(signal) {
    let fired = 0;
    signal.addEventListener("abort", () => { fired++; });
    while (!signal.aborted) await scheduler.wait(5);
    await scheduler.wait(5);
    return { reason: signal.reason, fired };
  }
  async relay(signal) {
    signal.onabort = () => {}; // (workerd forwards an abort it received only to a signal in use)
    return this.env.Remote.waitAbort(signal);
  }
}
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
export const alreadyAborted = { async test(c, env) {
  const [is, aborted, reason] = await env.Remote.state(AbortSignal.abort("no"));
  assert.deepStrictEqual([is, aborted, reason], [true, true, "no"]);
} };
export const defaultReason = { async test(c, env) {
  const [, aborted, reason] = await env.Remote.state(AbortSignal.abort());
  assert.ok(aborted && reason instanceof DOMException && reason.name === "AbortError", String(reason));
} };
export const live = { async test(c, env) {
  const ac = new AbortController();
  const p = env.Remote.waitAbort(ac.signal);
  await wait(20);
  ac.abort("later");
  const res = await p;
  assert.deepStrictEqual(res, { reason: "later", fired: 1 });
} };
export const liveDOMException = { async test(c, env) {
  const res = await env.Remote.waitAbort(AbortSignal.timeout(20));
  assert.ok(res.reason instanceof DOMException);
  assert.strictEqual(res.reason.name, "TimeoutError");
  assert.strictEqual(res.reason.message, "The operation was aborted due to timeout");
} };
export const relayed = { async test(c, env) {
  const ac = new AbortController();
  const p = env.Remote.relay(ac.signal);
  await wait(20);
  ac.abort("relay");
  assert.strictEqual((await p).reason, "relay");
} };
export const anySignal = { async test(c, env) {
  const ac = new AbortController();
  const p = env.Remote.waitAbort(AbortSignal.any([ac.signal, new AbortController().signal]));
  await wait(20);
  ac.abort("any");
  assert.strictEqual((await p).reason, "any");
} };
export const echoed = { async test(c, env) {
  const back = await env.Remote.echo(new AbortController().signal);
  assert.ok(back instanceof AbortSignal && !back.aborted && back.reason === undefined);
} };
export const neverAborts = { async test(c, env) {
  const [is, aborted, reason] = await env.Remote.state(new Request("http://x/").signal);
  assert.deepStrictEqual([is, aborted, reason], [true, false, undefined]);
} };
export const notForStructuredClone = { test() {
  assert.throws(() => structuredClone(new AbortController().signal), { name: "DataCloneError", message: "AbortSignal can only be serialized for RPC." });
} };
`

func signalRPCConfig(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "w.js"), []byte(signalRPCJS), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := `using Workerd = import "/workerd/workerd.capnp";
const unitTests :Workerd.Config = (
  services = [ (name = "sig", worker = (modules = [(name = "worker", esModule = embed "w.js")],
    compatibilityFlags = ["nodejs_compat", "enable_abortsignal_rpc", "experimental", "rpc"],
    bindings = [(name = "Remote", service = (name = "sig", entrypoint = "Remote"))])) ],
);`
	path := filepath.Join(dir, "sig.wd-test")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestAbortSignalOverRPC(t *testing.T) {
	r := runTests(t, signalRPCConfig(t), services.TestOptions{Timeout: 5 * time.Second})
	for _, res := range r.rep.Results {
		if !res.Passed {
			t.Errorf("%s: %s", res.Name, res.Error)
		}
	}
	if len(r.rep.Results) != 9 {
		t.Errorf("ran %v", r.names())
	}
}

// TestAbortSignalOverRPCDifferential runs the same tests on real workerd (skipped when absent):
// every one passes there too.
func TestAbortSignalOverRPCDifferential(t *testing.T) {
	wd := oracle.RequireWorkerd(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, _ := exec.CommandContext(ctx, wd, "test", "--predictable", "--experimental", "--compat-date=2024-01-01", signalRPCConfig(t)).CombinedOutput()
	verdicts := regexp.MustCompile(`\[ (PASS|FAIL) \] (\S+)`).FindAllStringSubmatch(string(out), -1)
	var failed []string
	for _, v := range verdicts {
		if v[1] != "PASS" {
			failed = append(failed, v[2])
		}
	}
	sort.Strings(failed)
	if len(verdicts) != 9 || len(failed) > 0 {
		t.Errorf("workerd: %d verdicts, failed %v\n%s", len(verdicts), failed, strings.TrimSpace(string(out)))
	}
}
