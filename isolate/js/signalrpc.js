// AbortSignals over JS RPC (enable_abortsignal_rpc), as workerd's AbortSignal::serialize: the
// receiver gets a signal of its own that aborts, with the same reason, when the sender's does.
// A signal that is already aborted, or can never abort, goes as its state alone; a live one opens
// an entry in Go's signal hub (isolate/signals.go), which carries the serialized reason across.
import { native } from "./native.js";
import { registerHost, serialize, deserialize, dataCloneError } from "./clone.js";
import { AbortSignal, signalState, newAbortSignal, onAbort, triggerAbort } from "./events.js";
import { compat } from "./misc.js";

// A hub entry lives as long as the signal that can abort it.
const entries = typeof FinalizationRegistry === "function"
  ? new FinalizationRegistry((id) => native.signalClose(id))
  : null;

function reasonBytes(reason) {
  try {
    return serialize(reason, true);
  } catch {
    // A reason RPC cannot carry still aborts the other side, with its description.
    return serialize(String(reason), true);
  }
}

registerHost(AbortSignal.prototype, "AbortSignal", {
  tag: "a",
  write(w, signal, rpc) {
    if (!compat("enable_abortsignal_rpc")) throw dataCloneError("AbortSignal serialization is not enabled.");
    if (!rpc) throw dataCloneError("AbortSignal can only be serialized for RPC.");
    const s = signalState(signal);
    w.value(s.aborted);
    w.value(s.neverAborts === true);
    w.value(s.reason);
    if (s.aborted || s.neverAborts) return;
    const id = native.signalOpen();
    w.value(id);
    entries?.register(signal, id);
    onAbort(signal, (reason) => native.signalAbort(id, reasonBytes(reason)));
  },
  read(r) {
    const aborted = r.value();
    const never = r.value();
    const reason = r.value();
    if (aborted) return AbortSignal.abort(reason);
    const sig = newAbortSignal();
    if (never) {
      signalState(sig).neverAborts = true;
      return sig;
    }
    const id = r.value();
    native.signalSubscribe(id).then((bytes) => triggerAbort(sig, deserialize(bytes)));
    return sig;
  },
});
