// The JS runtime's entry point: installs the Web APIs as globals and exports the hooks Go calls
// (isolate/*.go) on globalThis.__nanodHooks, which Go removes right after start-up.
import { installConsole } from "./console.js";
import { installTimers, fireTimer } from "./timers.js";
import { installEncoding } from "./encoding.js";
import { installStreams } from "./streams.js";
import { installURL } from "./url.js";
import { installFetch } from "./fetch.js";
import { configure, loadMain, dispatchFetch, readStream, cancelStream, listTests, dispatchTest, internals } from "./host.js";

installConsole(globalThis);
installTimers(globalThis);
installEncoding(globalThis);
installStreams(globalThis);
installURL(globalThis);
installFetch(globalThis);

Object.defineProperty(globalThis, "self", { value: globalThis, writable: true, configurable: true });

// Built-in modules reach runtime internals through a non-enumerable symbol-keyed global.
Object.defineProperty(globalThis, Symbol.for("nanod.internals"), { value: internals });

globalThis.__nanodHooks = { configure, loadMain, dispatchFetch, fireTimer, readStream, cancelStream, listTests, dispatchTest };
