// The JS runtime's entry point: installs the Web APIs as globals and exports the hooks Go calls
// (isolate/*.go) on globalThis.__nanodHooks, which Go removes right after start-up.
import "./prelude.js"; // first: the ECMAScript built-ins our V8 lacks, before any other module runs
import { installStack } from "./stack.js";
import { installGating } from "./gating.js";
import { installConsole } from "./console.js";
import { installTimers, fireTimer } from "./timers.js";
import { installEncoding } from "./encoding.js";
import { installStreams } from "./streams.js";
import { installCompression } from "./compression.js";
import { installURL } from "./url.js";
import { installURLPattern } from "./urlpattern.js";
import { installFetch } from "./fetch.js";
import { installEvents, dispatchRejections } from "./events.js";
import { installBlob } from "./blob.js";
import { installMisc } from "./misc.js";
import { installWebSocket, wsEvent } from "./websocket.js";
import { installEncodingStreams } from "./encodingstreams.js";
import { configure, loadMain, dispatchFetch, readStream, cancelStream, listTests, dispatchTest, dispatchRpc, dispatchConnect, internals } from "./host.js";
import { installClone } from "./clone.js";
import { installCrypto } from "./crypto.js";
import { installCache } from "./cache.js";
import { installMessageChannel } from "./messagechannel.js";
import { installEventSource } from "./eventsource.js";
import { installHTMLRewriter } from "./htmlrewriter.js";

installStack(globalThis);
installConsole(globalThis);
installTimers(globalThis);
installEncoding(globalThis);
installEvents(globalThis); // after timers and console (AbortSignal.timeout, reportError); before WebSocket (its EventTarget)
installStreams(globalThis);
installCompression(globalThis);
installEncodingStreams(globalThis);
installURL(globalThis);
installURLPattern(globalThis);
installBlob(globalThis);
installFetch(globalThis);
installMisc(globalThis);
installWebSocket(globalThis);
installCrypto(globalThis);
installCache(globalThis);
installMessageChannel(globalThis);
installEventSource(globalThis);
installHTMLRewriter(globalThis);

Object.defineProperty(globalThis, "self", { value: globalThis, writable: true, configurable: true, enumerable: true });

// Built-in modules reach runtime internals through a non-enumerable symbol-keyed global.
Object.defineProperty(globalThis, Symbol.for("nanod.internals"), { value: internals });

// structuredClone. It learns which globals are API classes (not cloneable), so keep it after the
// installs.
installClone(globalThis);
installGating(globalThis); // last: settles flag-dependent globals once configure knows the flags

globalThis.__nanodHooks = {
  configure, loadMain, dispatchFetch, fireTimer, readStream, cancelStream, listTests, dispatchTest, wsEvent, dispatchRpc, dispatchConnect,
  dispatchRejections,
};
