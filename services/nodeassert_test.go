package services_test

import (
	"testing"

	"github.com/nanod-runtime/nanod/config"
)

// nodeAssertCases cover util.inspect/util.format's engine-backed parts (proxies never run their
// traps, promise states, iterator previews, function kinds whatever their prototype, numeric
// separators), node:test's mock API with its argument validation, and node:assert's messages
// (workerd's line-by-line diff, errors shown without stacks) and partial comparison. Each want was recorded from
// real workerd (compatibilityDate 2025-06-01, nodejs_compat) running the same code.
var nodeAssertCases = []struct{ name, worker, want, flags string }{
	{
		name: "inspect",
		worker: `import util from "node:util";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { r[k] = f(); } catch (e) { r[k] = "ERR " + e.name + " " + (e.code||"") + " " + e.message; } };
  const trap = new Proxy({a:1}, { get() { throw new Error("get"); }, ownKeys() { throw new Error("keys"); }, getPrototypeOf() { throw new Error("proto"); } });
  t("px1", () => util.inspect(trap));
  t("px2", () => util.inspect(trap, {showProxy: true}));
  t("px3", () => util.format("%s|%o|%O|%j", trap, trap, trap, {a:1}));
  t("px4", () => util.inspect(new Proxy([1,2], {})));
  t("px5", () => util.inspect(new Proxy(function foo(){}, {})));
  t("px6", () => util.inspect(new Proxy(class Foo{}, {})));
  const rv = Proxy.revocable({}, {}); rv.revoke();
  t("px7", () => util.inspect(rv.proxy));
  t("px8", () => util.inspect({p: new Proxy({b:2}, {})}));
  t("px9", () => util.inspect(new Proxy(new Proxy({c:3},{}), {}), {showProxy: true}));
  t("pr1", () => util.inspect(Promise.resolve(1)));
  t("pr2", () => util.inspect(new Promise(()=>{})));
  t("pr3", () => { const p = Promise.reject(new Error("x")); p.catch(()=>{}); return util.inspect(p).split("\n")[0]; });
  t("it1", () => util.inspect(new Map([[1,2],[3,4]]).entries()));
  t("it2", () => util.inspect(new Set([1,2]).values()));
  t("it3", () => { const it = new Map([[1,2],[3,4]]).keys(); it.next(); return util.inspect(it); });
  t("wm", () => util.inspect(new WeakMap([[{}, 1]]), {showHidden: true}));
  t("ws", () => util.inspect(new WeakSet([{}])));
  t("gf", () => { const f = async function(){}; Object.setPrototypeOf(f, Object.getPrototypeOf(function*(){})); return util.inspect(f); });
  t("gf2", () => { const f = function*(){}; Object.setPrototypeOf(f, null); return util.inspect(f); });
  t("gf3", () => { const f = async function*(){}; Object.setPrototypeOf(f, Function.prototype); return util.inspect(f); });
  t("ns1", () => { util.inspect.defaultOptions.numericSeparator = true; try { return util.format("%d %i %s %f", 123456789, 123456789, 1234567, 1234.5678); } finally { util.inspect.defaultOptions.numericSeparator = false; } });
  t("ns2", () => { util.inspect.defaultOptions.numericSeparator = true; try { return [util.inspect(1234567), util.format(1234567), util.format("%O", 12345n)]; } finally { util.inspect.defaultOptions.numericSeparator = false; } });
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"px1": "Proxy({ a: 1 })", "px2": "Proxy [\n  { a: 1 },\n  {\n    get: [Function: get],\n    ownKeys: [Function: ownKeys],\n    getPrototypeOf: [Function: getPrototypeOf]\n  }\n]", "px3": "Proxy({ a: 1 })|Proxy [\n  { a: 1 },\n  {\n    get: [Function: get] { [length]: 0, [name]: 'get' },\n    ownKeys: [Function: ownKeys] { [length]: 0, [name]: 'ownKeys' },\n    getPrototypeOf: [Function: getPrototypeOf] { [length]: 0, [name]: 'getPrototypeOf' }\n  }\n]|Proxy({ a: 1 })|{\"a\":1}", "px4": "Proxy([ 1, 2 ])", "px5": "Proxy([Function: foo])", "px6": "Proxy([class Foo])", "px7": "<Revoked Proxy>", "px8": "{ p: Proxy({ b: 2 }) }", "px9": "Proxy [ Proxy [ { c: 3 }, {} ], {} ]", "pr1": "Promise { 1 }", "pr2": "Promise { <pending> }", "pr3": "Promise {", "it1": "[Map Entries] { [ 1, 2 ], [ 3, 4 ] }", "it2": "[Set Iterator] { 1, 2 }", "it3": "[Map Iterator] { 3 }", "wm": "WeakMap { {} => 1 }", "ws": "WeakSet { <items unknown> }", "gf": "[AsyncFunction: f] GeneratorFunction", "gf2": "[GeneratorFunction (null prototype): f]", "gf3": "[AsyncGeneratorFunction: f] Function", "ns1": "123_456_789 123_456_789 1_234_567 1_234.567_8", "ns2": ["1_234_567", "1_234_567", "12_345n"]}`,
	},
	{
		name: "mock",
		worker: `import { mock, MockTracker, MockFunctionContext } from "node:test";
import * as T from "node:test";
export default { async fetch() {
  const r = {};
  const E = (e) => ({ name: e.name, code: e.code, msg: e.message, str: String(e), st: String(e.stack).split("\n")[0], keys: Object.keys(e), own: Object.getOwnPropertyNames(e).sort(), proto: Object.getPrototypeOf(e) === TypeError.prototype ? "TE" : Object.getPrototypeOf(e) === RangeError.prototype ? "RE" : Object.getPrototypeOf(e)?.constructor?.name });
  const t = (k, f) => { try { r[k] = f(); } catch (e) { r[k] = E(e); } };
  t("exports", () => Object.keys(T).sort());
  t("mockKeys", () => Object.getOwnPropertyNames(Object.getPrototypeOf(mock)).sort());
  t("ctxKeys", () => Object.getOwnPropertyNames(MockFunctionContext.prototype).sort());
  t("newCtx", () => { const c = new MockFunctionContext(() => 1, {}, 3); return [c.callCount(), typeof c.calls]; });
  t("newTracker", () => typeof new MockTracker().fn);
  t("timesNull", () => mock.fn({ times: null }));
  t("times0", () => mock.fn({ times: 0 }));
  t("timesPi", () => mock.fn(() => {}, { times: 3.14159 }));
  t("timesBig", () => mock.fn(() => {}, { times: -(2 ** 40) }));
  t("timesStr", () => mock.fn(() => {}, { times: "abcdefghijklmnopqrstuvwxyz0123" }));
  t("fnNotFn", () => mock.fn(1));
  t("fnImplNotFn", () => mock.fn(() => {}, 5));
  t("fnOptsArr", () => mock.fn(() => {}, () => {}, []));
  t("fnAnon", () => mock.fn(() => {}, () => {}, () => {}));
  t("fnStrOpts", () => mock.fn(() => {}, () => {}, "x"));
  t("methodObj", () => mock.method({ a() {} }, {}));
  t("methodNum", () => mock.method({ a() {} }, 5));
  t("methodNull", () => mock.method(null, "a"));
  t("methodStrObj", () => mock.method("str", "a"));
  t("methodMissing", () => mock.method({}, "nope"));
  t("methodNotFn", () => mock.method({ a: 5 }, "a"));
  t("methodNotFnS", () => mock.method({ a: "hello" }, "a"));
  t("methodGetterMissing", () => mock.method({ a() {} }, "a", { getter: true }));
  t("methodGS", () => mock.method({ get a() { return 1; } }, "a", { getter: true, setter: true }));
  t("methodGetterNB", () => mock.method({ get a() { return 1; } }, "a", { getter: 1 }));
  t("getterFalse", () => mock.getter({ get a() { return 1; } }, "a", { getter: false }));
  t("setterFalse", () => mock.setter({ set a(v) {} }, "a", { setter: false }));
  t("getterOptsBad", () => mock.getter({ get a() { return 1; } }, "a", () => 1, 5));
  t("onceRange", () => { const f = mock.fn(); f(); f(); f.mock.mockImplementationOnce(() => 1, 1); });
  t("onceType", () => { const f = mock.fn(); f.mock.mockImplementationOnce(() => 1, "1"); });
  t("onceFrac", () => { const f = mock.fn(); f.mock.mockImplementationOnce(() => 1, 1.5); });
  t("onceNotFn", () => { const f = mock.fn(); f.mock.mockImplementationOnce(3); });
  t("implNotFn", () => { const f = mock.fn(); f.mock.mockImplementation(null); });
  t("times2", () => { let n = 0; const f = mock.fn(() => "orig", () => "impl", { times: 2 }); return [f(), f(), f(), f.mock.callCount()]; });
  t("methodTimes", () => { const o = { m() { return "orig"; } }; const f = mock.method(o, "m", () => "impl", { times: 1 }); return [o.m(), o.m(), f(), o.m === f, f.mock.callCount()]; });
  t("restoreMethod", () => { const o = { m() { return "orig"; } }; const f = mock.method(o, "m", () => "impl"); f.mock.restore(); return [o.m(), f(), f.mock.callCount()]; });
  t("restoreSym", () => { const s = Symbol("s"); const o = { [s]() { return "orig"; } }; const f = mock.method(o, s, () => "impl"); f.mock.restore(); return [o[s] === f, (() => { try { return f(); } catch (e) { return e.constructor.name + ": " + e.message; } })()]; });
  t("restoreFn", () => { const f = mock.fn(() => "orig", () => "impl"); f.mock.mockImplementationOnce(() => "once", 1); f(); f.mock.restore(); return [f(), f(), f.mock.callCount()]; });
  t("restoreProto", () => { class A { static s() { return 1; } } class B extends A {} const f = mock.method(B, "s"); f.mock.restore(); const d = Object.getOwnPropertyDescriptor(B, "s"); return [!!d, d && d.value === A.s, d && d.enumerable, d && d.writable]; });
  t("calls", () => { const f = mock.fn(function (a) { return a * 2; }); f.call("T", 3); const c = f.mock.calls[0]; return [Object.getPrototypeOf(c) === null, Object.keys(c), c.arguments, c.result, String(c.this), c.target, c.stack instanceof Error]; });
  t("ctorRec", () => { class P {} const C = mock.fn(P); const i = new C(1); const c = C.mock.calls[0]; return [c.target === P, c.this === i, c.result === i, i instanceof P, Object.getPrototypeOf(i) === P.prototype]; });
  t("mockName", () => { const f = mock.fn(function foo(a, b) {}); return [f.name, f.length, typeof f.mock, "mock" in f, Object.keys(f)]; });
  t("inspectMock", () => [T.default === undefined ? "nodefault" : Object.keys(T.default).sort()]);
  t("getterSpy", () => { const o = { get a() { return 5; } }; const g = mock.getter(o, "a"); return [o.a, g.mock.callCount(), Object.getOwnPropertyDescriptor(o, "a").set]; });
  t("reset", () => { const o = { m() { return 1; } }; const t2 = new MockTracker(); t2.method(o, "m", () => 2); const a = o.m(); t2.reset(); return [a, o.m()]; });
  t("ctxRestoreNoArg", () => { const c = new MockFunctionContext(() => 1); c.restore(); return 1; });
  t("prop1", () => { const o = { a: 1 }; const p = mock.property(o, "a", 5); const r1 = [o.a, p.a, p.mock.accessCount()]; o.a = 7; const acc = p.mock.accesses.map((x) => [x.type, x.value, Object.getPrototypeOf(x) === null]); p.mock.mockImplementationOnce(9); const r2 = [o.a, o.a]; p.mock.restore(); return [r1, acc, r2, o.a, Object.getOwnPropertyDescriptor(o, "a")]; });
  t("prop2", () => mock.property({ a: 1 }, "b"));
  t("prop3", () => mock.property({ a: 1 }, 1));
  t("prop4", () => mock.property(null, "a"));
  t("prop5", () => { const o = {}; Object.defineProperty(o, "ro", { value: 1, configurable: true }); const p = mock.property(o, "ro"); try { o.ro = 2; } catch (e) { return [e.code, e.message]; } });
  t("prop6", () => { const o = { a: 1 }; const p = mock.property(o, "a"); p.mock.mockImplementationOnce(3, 0); return [o.a, o.a, p.mock.accessCount()]; });
  t("prop7", () => { const o = { a: 1 }; const p = mock.property(o, "a"); o.a; p.mock.mockImplementationOnce(3, 0); });
  t("prop8", () => { const o = { get a() { return 2; } }; const p = mock.property(o, "a"); const v = o.a; p.mock.restore(); return [v, Object.getOwnPropertyDescriptor(o, "a")]; });
  t("prop9", () => { const o = { a: 1 }; const tr = new MockTracker(); tr.property(o, "a", 2); const v = o.a; tr.restoreAll(); return [v, o.a]; });
  t("property", () => typeof mock.property);
  t("timers", () => typeof mock.timers);
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"exports": ["MockFunctionContext", "MockTracker", "default", "mock"], "mockKeys": ["constructor", "fn", "getter", "method", "property", "reset", "restoreAll", "setter"], "ctxKeys": ["callCount", "calls", "constructor", "mockImplementation", "mockImplementationOnce", "resetCalls", "restore"], "newCtx": [0, "object"], "newTracker": "function", "timesNull": {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "msg": "The \"options.times\" property must be of type number. Received null", "str": "TypeError [ERR_INVALID_ARG_TYPE]: The \"options.times\" property must be of type number. Received null", "st": "TypeError: The \"options.times\" property must be of type number. Received null", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "times0": {"name": "RangeError", "code": "ERR_OUT_OF_RANGE", "msg": "The value of \"options.times\" is out of range. It must be >= 1 && <= 9007199254740991. Received 0", "str": "RangeError: The value of \"options.times\" is out of range. It must be >= 1 && <= 9007199254740991. Received 0", "st": "RangeError [ERR_OUT_OF_RANGE]: The value of \"options.times\" is out of range. It must be >= 1 && <= 9007199254740991. Received 0", "keys": ["code", "name"], "own": ["code", "message", "name", "stack"], "proto": "ERR_OUT_OF_RANGE"}, "timesPi": {"name": "RangeError", "code": "ERR_OUT_OF_RANGE", "msg": "The value of \"options.times\" is out of range. It must be an integer. Received 3.14159", "str": "RangeError: The value of \"options.times\" is out of range. It must be an integer. Received 3.14159", "st": "RangeError [ERR_OUT_OF_RANGE]: The value of \"options.times\" is out of range. It must be an integer. Received 3.14159", "keys": ["code", "name"], "own": ["code", "message", "name", "stack"], "proto": "ERR_OUT_OF_RANGE"}, "timesBig": {"name": "RangeError", "code": "ERR_OUT_OF_RANGE", "msg": "The value of \"options.times\" is out of range. It must be >= 1 && <= 9007199254740991. Received -1_099_511_627_776", "str": "RangeError: The value of \"options.times\" is out of range. It must be >= 1 && <= 9007199254740991. Received -1_099_511_627_776", "st": "RangeError [ERR_OUT_OF_RANGE]: The value of \"options.times\" is out of range. It must be >= 1 && <= 9007199254740991. Received -1_099_511_627_776", "keys": ["code", "name"], "own": ["code", "message", "name", "stack"], "proto": "ERR_OUT_OF_RANGE"}, "timesStr": {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "msg": "The \"options.times\" property must be of type number. Received type string ('abcdefghijklmnopqrstuvwx...)", "str": "TypeError [ERR_INVALID_ARG_TYPE]: The \"options.times\" property must be of type number. Received type string ('abcdefghijklmnopqrstuvwx...)", "st": "TypeError: The \"options.times\" property must be of type number. Received type string ('abcdefghijklmnopqrstuvwx...)", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "fnNotFn": {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "msg": "The \"original\" argument must be of type function. Received type number (1)", "str": "TypeError [ERR_INVALID_ARG_TYPE]: The \"original\" argument must be of type function. Received type number (1)", "st": "TypeError: The \"original\" argument must be of type function. Received type number (1)", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "fnImplNotFn": {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "msg": "The \"implementation\" argument must be of type function. Received type number (5)", "str": "TypeError [ERR_INVALID_ARG_TYPE]: The \"implementation\" argument must be of type function. Received type number (5)", "st": "TypeError: The \"implementation\" argument must be of type function. Received type number (5)", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "fnOptsArr": {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "msg": "The \"options\" argument must be of type object. Received an instance of Array", "str": "TypeError [ERR_INVALID_ARG_TYPE]: The \"options\" argument must be of type object. Received an instance of Array", "st": "TypeError: The \"options\" argument must be of type object. Received an instance of Array", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "fnAnon": {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "msg": "The \"options\" argument must be of type object. Received type function ([Function (anonymous)])", "str": "TypeError [ERR_INVALID_ARG_TYPE]: The \"options\" argument must be of type object. Received type function ([Function (anonymous)])", "st": "TypeError: The \"options\" argument must be of type object. Received type function ([Function (anonymous)])", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "fnStrOpts": {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "msg": "The \"options\" argument must be of type object. Received type string ('x')", "str": "TypeError [ERR_INVALID_ARG_TYPE]: The \"options\" argument must be of type object. Received type string ('x')", "st": "TypeError: The \"options\" argument must be of type object. Received type string ('x')", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "methodObj": {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "msg": "The \"methodName\" argument must be one of type string or symbol. Received an instance of Object", "str": "TypeError [ERR_INVALID_ARG_TYPE]: The \"methodName\" argument must be one of type string or symbol. Received an instance of Object", "st": "TypeError: The \"methodName\" argument must be one of type string or symbol. Received an instance of Object", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "methodNum": {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "msg": "The \"methodName\" argument must be one of type string or symbol. Received type number (5)", "str": "TypeError [ERR_INVALID_ARG_TYPE]: The \"methodName\" argument must be one of type string or symbol. Received type number (5)", "st": "TypeError: The \"methodName\" argument must be one of type string or symbol. Received type number (5)", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "methodNull": {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "msg": "The \"object\" argument must be of type object. Received null", "str": "TypeError [ERR_INVALID_ARG_TYPE]: The \"object\" argument must be of type object. Received null", "st": "TypeError: The \"object\" argument must be of type object. Received null", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "methodStrObj": {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "msg": "The \"object\" argument must be of type object. Received type string ('str')", "str": "TypeError [ERR_INVALID_ARG_TYPE]: The \"object\" argument must be of type object. Received type string ('str')", "st": "TypeError: The \"object\" argument must be of type object. Received type string ('str')", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "methodMissing": {"name": "TypeError", "code": "ERR_INVALID_ARG_VALUE", "msg": "The argument 'methodName' must be a method. Received undefined", "str": "TypeError [ERR_INVALID_ARG_VALUE]: The argument 'methodName' must be a method. Received undefined", "st": "TypeError: The argument 'methodName' must be a method. Received undefined", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "methodNotFn": {"name": "TypeError", "code": "ERR_INVALID_ARG_VALUE", "msg": "The argument 'methodName' must be a method. Received 5", "str": "TypeError [ERR_INVALID_ARG_VALUE]: The argument 'methodName' must be a method. Received 5", "st": "TypeError: The argument 'methodName' must be a method. Received 5", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "methodNotFnS": {"name": "TypeError", "code": "ERR_INVALID_ARG_VALUE", "msg": "The argument 'methodName' must be a method. Received 'hello'", "str": "TypeError [ERR_INVALID_ARG_VALUE]: The argument 'methodName' must be a method. Received 'hello'", "st": "TypeError: The argument 'methodName' must be a method. Received 'hello'", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "methodGetterMissing": {"name": "TypeError", "code": "ERR_INVALID_ARG_VALUE", "msg": "The argument 'methodName' must be a method. Received undefined", "str": "TypeError [ERR_INVALID_ARG_VALUE]: The argument 'methodName' must be a method. Received undefined", "st": "TypeError: The argument 'methodName' must be a method. Received undefined", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "methodGS": {"name": "TypeError", "code": "ERR_INVALID_ARG_VALUE", "msg": "The property 'options.setter' cannot be used with 'options.getter'. Received true", "str": "TypeError [ERR_INVALID_ARG_VALUE]: The property 'options.setter' cannot be used with 'options.getter'. Received true", "st": "TypeError: The property 'options.setter' cannot be used with 'options.getter'. Received true", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "methodGetterNB": {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "msg": "The \"options.getter\" property must be of type boolean. Received type number (1)", "str": "TypeError [ERR_INVALID_ARG_TYPE]: The \"options.getter\" property must be of type boolean. Received type number (1)", "st": "TypeError: The \"options.getter\" property must be of type boolean. Received type number (1)", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "getterFalse": {"name": "TypeError", "code": "ERR_INVALID_ARG_VALUE", "msg": "The property 'options.getter' cannot be false. Received false", "str": "TypeError [ERR_INVALID_ARG_VALUE]: The property 'options.getter' cannot be false. Received false", "st": "TypeError: The property 'options.getter' cannot be false. Received false", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "setterFalse": {"name": "TypeError", "code": "ERR_INVALID_ARG_VALUE", "msg": "The property 'options.setter' cannot be false. Received false", "str": "TypeError [ERR_INVALID_ARG_VALUE]: The property 'options.setter' cannot be false. Received false", "st": "TypeError: The property 'options.setter' cannot be false. Received false", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "getterOptsBad": {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "msg": "The \"options\" argument must be of type object. Received type number (5)", "str": "TypeError [ERR_INVALID_ARG_TYPE]: The \"options\" argument must be of type object. Received type number (5)", "st": "TypeError: The \"options\" argument must be of type object. Received type number (5)", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "onceRange": {"name": "RangeError", "code": "ERR_OUT_OF_RANGE", "msg": "The value of \"onCall\" is out of range. It must be >= 2 && <= 9007199254740991. Received 1", "str": "RangeError: The value of \"onCall\" is out of range. It must be >= 2 && <= 9007199254740991. Received 1", "st": "RangeError [ERR_OUT_OF_RANGE]: The value of \"onCall\" is out of range. It must be >= 2 && <= 9007199254740991. Received 1", "keys": ["code", "name"], "own": ["code", "message", "name", "stack"], "proto": "ERR_OUT_OF_RANGE"}, "onceType": {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "msg": "The \"onCall\" argument must be of type number. Received type string ('1')", "str": "TypeError [ERR_INVALID_ARG_TYPE]: The \"onCall\" argument must be of type number. Received type string ('1')", "st": "TypeError: The \"onCall\" argument must be of type number. Received type string ('1')", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "onceFrac": {"name": "RangeError", "code": "ERR_OUT_OF_RANGE", "msg": "The value of \"onCall\" is out of range. It must be an integer. Received 1.5", "str": "RangeError: The value of \"onCall\" is out of range. It must be an integer. Received 1.5", "st": "RangeError [ERR_OUT_OF_RANGE]: The value of \"onCall\" is out of range. It must be an integer. Received 1.5", "keys": ["code", "name"], "own": ["code", "message", "name", "stack"], "proto": "ERR_OUT_OF_RANGE"}, "onceNotFn": {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "msg": "The \"implementation\" argument must be of type function. Received type number (3)", "str": "TypeError [ERR_INVALID_ARG_TYPE]: The \"implementation\" argument must be of type function. Received type number (3)", "st": "TypeError: The \"implementation\" argument must be of type function. Received type number (3)", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "implNotFn": {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "msg": "The \"implementation\" argument must be of type function. Received null", "str": "TypeError [ERR_INVALID_ARG_TYPE]: The \"implementation\" argument must be of type function. Received null", "st": "TypeError: The \"implementation\" argument must be of type function. Received null", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "times2": ["impl", "impl", "orig", 3], "methodTimes": ["impl", "orig", "impl", false, 2], "restoreMethod": ["orig", "impl", 1], "restoreFn": ["once", "orig", 3], "restoreProto": [true, true, false, true], "calls": [true, ["arguments", "error", "result", "stack", "target", "this"], [3], 6, "T", null, true], "ctorRec": [true, true, true, true, true], "mockName": ["foo", 2, "object", false, []], "inspectMock": [["MockFunctionContext", "MockTracker", "mock"]], "getterSpy": [5, 1, null], "reset": [2, 1], "ctxRestoreNoArg": {"name": "TypeError", "msg": "Cannot destructure property 'descriptor' of 'this[#restore]' as it is undefined.", "str": "TypeError: Cannot destructure property 'descriptor' of 'this[#restore]' as it is undefined.", "st": "TypeError: Cannot destructure property 'descriptor' of 'this[#restore]' as it is undefined.", "keys": [], "own": ["message", "stack"], "proto": "TE"}, "prop1": [[5, 5, 2], [["get", 5, true], ["get", 5, true], ["set", 7, true]], [9, 7], 1, {"value": 1, "writable": true, "enumerable": true, "configurable": true}], "prop2": {"name": "TypeError", "code": "ERR_INVALID_ARG_VALUE", "msg": "The argument 'propertyName' is not a property of the object. Received 'b'", "str": "TypeError [ERR_INVALID_ARG_VALUE]: The argument 'propertyName' is not a property of the object. Received 'b'", "st": "TypeError: The argument 'propertyName' is not a property of the object. Received 'b'", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "prop3": {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "msg": "The \"propertyName\" argument must be one of type string or symbol. Received type number (1)", "str": "TypeError [ERR_INVALID_ARG_TYPE]: The \"propertyName\" argument must be one of type string or symbol. Received type number (1)", "st": "TypeError: The \"propertyName\" argument must be one of type string or symbol. Received type number (1)", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "prop4": {"name": "TypeError", "code": "ERR_INVALID_ARG_TYPE", "msg": "The \"object\" argument must be of type object. Received null", "str": "TypeError [ERR_INVALID_ARG_TYPE]: The \"object\" argument must be of type object. Received null", "st": "TypeError: The \"object\" argument must be of type object. Received null", "keys": ["code", "name", "toString"], "own": ["code", "message", "name", "stack", "toString"], "proto": "TE"}, "prop5": ["ERR_INVALID_ARG_VALUE", "The argument 'propertyName' cannot be set. Received 'ro'"], "prop6": [3, 1, 2], "prop7": {"name": "RangeError", "code": "ERR_OUT_OF_RANGE", "msg": "The value of \"onAccess\" is out of range. It must be >= 1 && <= 9007199254740991. Received 0", "str": "RangeError: The value of \"onAccess\" is out of range. It must be >= 1 && <= 9007199254740991. Received 0", "st": "RangeError [ERR_OUT_OF_RANGE]: The value of \"onAccess\" is out of range. It must be >= 1 && <= 9007199254740991. Received 0", "keys": ["code", "name"], "own": ["code", "message", "name", "stack"], "proto": "ERR_OUT_OF_RANGE"}, "prop8": {"name": "TypeError", "msg": "Invalid property descriptor. Cannot both specify accessors and a value or writable attribute, [object Object]", "str": "TypeError: Invalid property descriptor. Cannot both specify accessors and a value or writable attribute, [object Object]", "st": "TypeError: Invalid property descriptor. Cannot both specify accessors and a value or writable attribute, [object Object]", "keys": [], "own": ["message", "stack"], "proto": "TE"}, "prop9": [2, 1], "property": "function", "timers": "undefined"}`,
	},
	{
		name: "assertMessages",
		worker: `import assert, { deepStrictEqual, deepEqual, strictEqual, notDeepStrictEqual, partialDeepStrictEqual, AssertionError } from "node:assert";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { f(); r[k] = "no throw"; } catch (e) { r[k] = [e.name, e.code, e.message, e.generatedMessage, e.operator]; } };
  const a = { b: [{ c: new Uint8Array([1, 2, 3]), d: false, e: "hello" }] };
  const b = { b: [{ c: new Uint8Array([1, 2, 4]), d: true, e: "hello" }] };
  t("de1", () => deepEqual(a, b));
  t("de2", () => deepStrictEqual(a, b));
  t("de3", () => deepStrictEqual({ z: 1, a: 2 }, { a: 2, z: 3 }));
  t("de4", () => deepStrictEqual({ x: "x".repeat(50), y: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }, { x: "x".repeat(50), y: [1, 2, 3, 4, 5, 6, 7, 8, 9, 11] }));
  t("de5", () => deepStrictEqual([1, 2, 3], [1, 2, 4]));
  t("de6", () => deepStrictEqual(new Error("a"), new Error("b")));
  t("de7", () => deepStrictEqual(new Map([[1, { a: 1 }]]), new Map([[1, { a: 2 }]])));
  t("de8", () => deepStrictEqual(Array.from({ length: 120 }, (_, i) => i), Array.from({ length: 120 }, (_, i) => i === 119 ? 0 : i)));
  t("de9", () => deepStrictEqual({ get g() { return 1; } }, { g: 2 }));
  t("de10", () => deepStrictEqual(1, 2));
  t("de11", () => deepStrictEqual("a\nb", "a\nc"));
  t("de12", () => notDeepStrictEqual({ a: 1 }, { a: 1 }));
  t("de13", () => strictEqual({ a: 1 }, { a: 1 }));
  t("de14", () => deepStrictEqual({ a: { b: { c: { d: { e: 1 } } } } }, { a: { b: { c: { d: { e: 2 } } } } }));
  t("pde1", () => partialDeepStrictEqual({ a: 1, b: 2 }, { a: 2 }));
  t("pde2", () => { const x = { a: 1 }; x.self = x; const y = { a: 1 }; y.self = y; partialDeepStrictEqual(x, y); });
  t("err1", () => deepStrictEqual(new Error("a"), new Error("a")));
  t("err2", () => { const e1 = new Error("a"); e1.code = 1; deepStrictEqual(e1, new Error("a")); });
  t("err3", () => deepStrictEqual(new TypeError("a"), new Error("a")));
  t("err4", () => { const e1 = new Error("a", { cause: 1 }); deepStrictEqual(e1, new Error("a", { cause: 2 })); });
  t("err5", () => { const e1 = new Error("a"); const e2 = new Error("a"); e2.name = "X"; deepStrictEqual(e1, e2); });
  t("err6", () => { const e1 = new AggregateError([1], "m"); deepStrictEqual(e1, new AggregateError([2], "m")); });
  t("px1", () => deepStrictEqual(new Proxy([1, 2], {}), [1, 2, 3]));
  t("px2", () => deepStrictEqual(new Proxy({ a: 1 }, {}), { a: 1 }));
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"de1": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ { b: [ { c: Uint8Array(3) [ 1, 2, 3 ], d: false, e: 'hello' } ] }\n- { b: [ { c: Uint8Array(3) [ 1, 2, 4 ], d: true, e: 'hello' } ] }", true, "deepStrictEqual"], "de2": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ { b: [ { c: Uint8Array(3) [ 1, 2, 3 ], d: false, e: 'hello' } ] }\n- { b: [ { c: Uint8Array(3) [ 1, 2, 4 ], d: true, e: 'hello' } ] }", true, "deepStrictEqual"], "de3": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ { a: 2, z: 1 }\n- { a: 2, z: 3 }\n             ^", true, "deepStrictEqual"], "de4": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  { x: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',\n+   y: [ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 ] }\n-   y: [ 1, 2, 3, 4, 5, 6, 7, 8, 9, 11 ] }", true, "deepStrictEqual"], "de5": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ [ 1, 2, 3 ]\n- [ 1, 2, 4 ]\n          ^", true, "deepStrictEqual"], "de6": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ [Error: a]\n- [Error: b]\n          ^", true, "deepStrictEqual"], "de7": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ Map(1) { 1 => { a: 1 } }\n- Map(1) { 1 => { a: 2 } }\n                     ^", true, "deepStrictEqual"], "de8": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected ... Lines skipped\n\n  [ 0,\n    1,\n...\n    117,\n    118,\n+   119 ]\n-   0 ]", true, "deepStrictEqual"], "de9": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ { g: [Getter: 1] }\n- { g: 2 }\n       ^", true, "deepStrictEqual"], "de10": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n\n1 !== 2\n", true, "deepStrictEqual"], "de11": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n\n'a\\nb' !== 'a\\nc'\n", true, "deepStrictEqual"], "de12": ["AssertionError", "ERR_ASSERTION", "Expected actual to not be deeply strictly equal to expected", false, "notDeepStrictEqual"], "de13": ["AssertionError", "ERR_ASSERTION", "Values have the same structure but are not reference-equal:\n\n    { a: 1 }\n", false, "strictEqual"], "de14": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ { a: { b: { c: { d: { e: 1 } } } } }\n- { a: { b: { c: { d: { e: 2 } } } } }\n                           ^", true, "deepStrictEqual"], "pde1": ["AssertionError", "ERR_ASSERTION", "Expected actual to be partially deeply strictly equal to expected", false, "partialDeepStrictEqual"], "pde2": "no throw", "err1": "no throw", "err2": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ { [Error: a] code: 1 }\n- [Error: a]", true, "deepStrictEqual"], "err3": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ [TypeError: a]\n- [Error: a]", true, "deepStrictEqual"], "err4": "no throw", "err5": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ [Error: a]\n- [X: a]", true, "deepStrictEqual"], "err6": "no throw", "px1": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ Proxy([ 1, 2 ])\n- [ 1, 2, 3 ]", true, "deepStrictEqual"], "px2": "no throw"}`,
	},
	{
		name: "partialDeepStrictEqual",
		worker: `import { partialDeepStrictEqual as p } from "node:assert";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { f(); r[k] = "ok"; } catch (e) { r[k] = [e.name, e.code, e.message, e.generatedMessage]; } };
  t("arrIdx", () => p([1, 2, 3], [2, 3]));
  t("arrPrefix", () => p([1, 2, 3], [1, 2]));
  t("arrSparse", () => p([1, 2, 3], [1, , 3]));
  t("arrObj", () => p([{ a: 1, b: 2 }], [{ a: 1 }]));
  t("setPartial", () => p(new Set([{ a: 1, b: 2 }]), new Set([{ a: 1 }])));
  t("setDeep", () => p(new Set([{ a: 1 }]), new Set([{ a: 1 }])));
  t("mapPartial", () => p(new Map([[1, { a: 1, b: 2 }]]), new Map([[1, { a: 1 }]])));
  t("mapObjKey", () => p(new Map([[{ k: 1 }, 1]]), new Map([[{ k: 1 }, 1]])));
  t("inherited", () => p(Object.create({ a: 1 }), { a: 1 }));
  t("protoDiff", () => p(Object.create(null), {}));
  t("err", () => p(new Error("a"), new Error("a")));
  t("errCode", () => { const e = new Error("a"); e.code = 1; p(new Error("a"), e); });
  t("date", () => p(new Date(1), new Date(1)));
  t("typed", () => p(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2])));
  t("typed2", () => p(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3])));
  t("typedVsArr", () => p(new Uint8Array([1]), [1]));
  t("fn", () => { const f = () => {}; p({ f }, { f }); });
  t("fn2", () => p({ f: () => {} }, { f: () => {} }));
  t("prim", () => p(1, 1));
  t("primObj", () => p({}, 1));
  t("cyc", () => { const x = { a: 1 }; x.self = x; const y = { a: 1 }; y.self = y; p(x, y); });
  t("cycArr", () => { const x = [1]; x.push(x); const y = [1]; y.push(y); p(x, y); });
  t("nan", () => p({ a: NaN }, { a: NaN }));
  t("zero", () => p({ a: 0 }, { a: -0 }));
  t("boxed", () => p(new Number(1), new Number(2)));
  t("sym", () => { const s = Symbol(); p({ [s]: 1, b: 2 }, { [s]: 1 }); });
  t("msg", () => p({ a: 1 }, { a: 2 }, "custom"));
  t("msgErr", () => p({ a: 1 }, { a: 2 }, new TypeError("boom")));
  t("noargs", () => p(1));
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"arrIdx": ["AssertionError", "ERR_ASSERTION", "Expected actual to be partially deeply strictly equal to expected", false], "arrPrefix": "ok", "arrSparse": "ok", "arrObj": "ok", "setPartial": ["AssertionError", "ERR_ASSERTION", "Expected actual to be partially deeply strictly equal to expected", false], "setDeep": "ok", "mapPartial": "ok", "mapObjKey": "ok", "inherited": ["AssertionError", "ERR_ASSERTION", "Expected actual to be partially deeply strictly equal to expected", false], "protoDiff": ["AssertionError", "ERR_ASSERTION", "Expected actual to be partially deeply strictly equal to expected", false], "err": "ok", "errCode": "ok", "date": "ok", "typed": "ok", "typed2": "ok", "typedVsArr": ["AssertionError", "ERR_ASSERTION", "Expected actual to be partially deeply strictly equal to expected", false], "fn": "ok", "fn2": ["AssertionError", "ERR_ASSERTION", "Expected actual to be partially deeply strictly equal to expected", false], "prim": "ok", "primObj": ["AssertionError", "ERR_ASSERTION", "Expected actual to be partially deeply strictly equal to expected", false], "cyc": "ok", "cycArr": "ok", "nan": "ok", "zero": ["AssertionError", "ERR_ASSERTION", "Expected actual to be partially deeply strictly equal to expected", false], "boxed": "ok", "sym": "ok", "msg": ["AssertionError", "ERR_ASSERTION", "custom", false], "msgErr": ["AssertionError", "ERR_ASSERTION", "TypeError: boom", false], "noargs": ["TypeError", "ERR_MISSING_ARGS", "The \"actual\" and \"expected\" arguments must be specified", null]}`,
	},
	{
		name: "assertionErrorMessages",
		worker: `import assert, { AssertionError, notDeepStrictEqual, notStrictEqual, deepEqual, notDeepEqual } from "node:assert";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { f(); r[k] = "no throw"; } catch (e) { r[k] = [e.name, e.code, e.message, e.generatedMessage, e.operator]; } };
  const big = Array.from({ length: 60 }, (_, i) => ({ k: i, s: "v".repeat(20) }));
  t("n1", () => notDeepStrictEqual({ b: 2, a: 1 }, { b: 2, a: 1 }));
  t("n2", () => notDeepStrictEqual(big, big.map((x) => ({ ...x }))));
  t("n3", () => notStrictEqual(1, 1));
  t("n4", () => notStrictEqual({ z: 1, a: 1 }, {}));
  t("n5", () => notDeepEqual({ z: 1, a: { get g() { return 3; } } }, { z: 1, a: { get g() { return 3; } } }));
  t("ae1", () => { throw new AssertionError({ actual: "x".repeat(600), expected: 1, operator: "==" }); });
  t("ae2", () => { throw new AssertionError({ actual: { b: 1, a: 2 }, expected: [3], operator: "op" }); });
  t("ae3", () => { throw new AssertionError({ actual: new Error("e1"), expected: new Error("e2"), operator: "deepStrictEqual" }); });
  t("ae4", () => { throw new AssertionError({ actual: { b: 1, a: 2 }, expected: { a: 2 }, operator: "deepEqual" }); });
  t("ae5", () => { throw new AssertionError({ actual: "x".repeat(200), expected: 1, operator: "notDeepEqual" }); });
  t("ae6", () => { throw new AssertionError({ actual: 1, expected: 1, operator: "notDeepEqual" }); });
  t("ae7", () => { throw new AssertionError({ actual: new Error("e1"), expected: new Error("e2"), operator: "notDeepStrictEqual" }); });
  t("ok1", () => assert.ok(0));
  t("eq1", () => assert.equal(1, "1"));
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"n1": ["AssertionError", "ERR_ASSERTION", "Expected actual to not be deeply strictly equal to expected", false, "notDeepStrictEqual"], "n2": ["AssertionError", "ERR_ASSERTION", "Expected actual to not be deeply strictly equal to expected", false, "notDeepStrictEqual"], "n3": ["AssertionError", "ERR_ASSERTION", "Expected actual to be strictly unequal to expected", false, "notStrictEqual"], "n4": "no throw", "n5": ["AssertionError", "ERR_ASSERTION", "Expected actual to not be deeply strictly equal to expected", false, "notDeepStrictEqual"], "ae1": ["AssertionError", "ERR_ASSERTION", "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... == 1", true, "=="], "ae2": ["AssertionError", "ERR_ASSERTION", "{ a: 2, b: 1 } op [ 3 ]", true, "op"], "ae3": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ [Error: e1]\n- [Error: e2]\n           ^", true, "deepStrictEqual"], "ae4": ["AssertionError", "ERR_ASSERTION", "Expected values to be loosely deep-equal:\n\n{ a: 2, b: 1 }\n\nshould loosely deep-equal\n\n{ a: 2 }", true, "deepEqual"], "ae5": ["AssertionError", "ERR_ASSERTION", "Expected values not to be loosely deep-equal:\n\n'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'\n\nshould not loosely deep-equal\n\n1", true, "notDeepEqual"], "ae6": ["AssertionError", "ERR_ASSERTION", "Expected \"actual\" not to be loosely deep-equal to:\n\n1", true, "notDeepEqual"], "ae7": ["AssertionError", "ERR_ASSERTION", "Expected \"actual\" not to be strictly deep-equal to:\n\n[Error: e1]", true, "notDeepStrictEqual"], "ok1": ["AssertionError", "ERR_ASSERTION", "0 == true", true, "=="], "eq1": ["AssertionError", "ERR_ASSERTION", "Values are not strictly equal:\n\n\n[Diff] Actual / Expected\n\n\n-   1\n+   '1'\n", false, "strictEqual"]}`,
	},
	{
		name: "inspectEngine",
		worker: `import util from "node:util";
import * as UT from "node:util/types";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { r[k] = f(); } catch (e) { r[k] = "ERR " + e.name + " " + (e.code||"") + " " + e.message; } };
  const I = util.inspect;
  t("c1", () => { class A {} const a = new A(); Object.setPrototypeOf(a, null); a.x = 1; return I(a); });
  t("c2", () => { function F() { this.q = 1; } const f = new F(); Object.setPrototypeOf(f, null); return I(f); });
  t("c3", () => { class A { constructor() { this.a = 1; } } class B extends A {} const b = new B(); Object.setPrototypeOf(b, Object.create(null)); return I(b); });
  t("f1", () => I(async function* ag() {}));
  t("f2", () => I(function* g() {}));
  t("f3", () => I(async () => {}));
  t("f4", () => I((function f() {}).bind(null)));
  t("f5", () => { const f = function* () {}; Object.setPrototypeOf(f, null); return I(f); });
  t("f6", () => { const f = async function af() {}; f.x = 1; return I(f); });
  t("f7", () => { class K { static m() {} } return I(K.m); });
  t("f8", () => { const o = { async *m() {} }; return I(o.m); });
  t("f9", () => I(Object.setPrototypeOf(function n() {}, Object.getPrototypeOf(async function () {}))));
  t("it1", () => { const it = new Map([[1, 2]]).entries(); it.next(); return I(it); });
  t("it2", () => I(new Map([[1, { a: { b: { c: 1 } } }]]).values(), { depth: 0 }));
  t("it3", () => I(new Set([1, 2, 3]).entries(), { maxArrayLength: 1 }));
  t("it4", () => I(new Map([[1, 2], [3, 4]]).entries(), { showHidden: true }));
  t("wm1", () => I(new WeakMap(), { showHidden: true }));
  t("ws1", () => { const o = { a: 1 }; const ws = new WeakSet([o]); return [I(ws, { showHidden: true }), I(ws)]; });
  t("wm2", () => { const k = {}; const wm = new WeakMap([[k, { deep: { er: { x: 1 } } }]]); return I(wm, { showHidden: true, depth: 0 }); });
  t("pr1", () => I(Promise.resolve({ a: { b: { c: { d: 1 } } } }), { depth: 0 }));
  t("pr2", () => { const p = Promise.reject(new Error("boom")); p.catch(() => {}); return I(p).split("\n")[0]; });
  t("pr3", () => { const p = Promise.resolve(2); p.extra = 1; return I(p); });
  t("pr4", () => I(Object.create(Promise.prototype)));
  t("pr5", () => { class P2 extends Promise {} return I(P2.resolve(3)); });
  t("px1", () => I(new Proxy(function pf() {}, {}), { showProxy: true }));
  t("px2", () => { const rv = Proxy.revocable({}, {}); rv.revoke(); return [I(new Proxy(rv.proxy, {})), I({ p: rv.proxy }, { showProxy: true })]; });
  t("px3", () => I(new Proxy({ [util.inspect.custom]() { return "custom!"; } }, {})));
  t("px4", () => { const o = {}; o.self = new Proxy(o, {}); return I(o); });
  t("px5", () => I(new Proxy(new Proxy([1], {}), {})));
  t("px6", () => I(new Proxy({ a: 1 }, {}), { showProxy: true, depth: -1 }));
  t("px7", () => util.format("%s", new Proxy({ toString() { return "TS"; } }, {})));
  t("px8", () => util.format("%s", new Proxy([1, 2], { get() { throw new Error("no"); } })));
  t("px9", () => util.format("%d %i %f", new Proxy({}, {}), 1, 2));
  t("px10", () => I(new Proxy(new Error("pe"), {})).split("\n")[0]);
  t("px11", () => I(new Proxy(new Date(0), {})));
  t("px12", () => I(new Proxy(new Map([[1, 2]]), {}), { showProxy: false, compact: false }));
  t("ty1", () => util.types.isProxy(new Proxy({}, {})));
  t("ty2", () => [util.types.isGeneratorFunction(Object.setPrototypeOf(function* () {}, null)), util.types.isAsyncFunction(Object.setPrototypeOf(async function () {}, null))]);
  t("ty3", () => [util.types.isPromise(Object.create(Promise.prototype)), util.types.isMapIterator(new Map().keys())]);
  t("ty4", () => [UT.isProxy(new Proxy([], {})), UT.isAsyncFunction(async function* () {}), UT.isGeneratorFunction(async function* () {}), UT.isAsyncFunction(function () {}), UT.isPromise(Promise.resolve()), UT.isProxy({}), UT.isGeneratorFunction(new Proxy(function* () {}, {}))]);
  t("sort", () => I({ b: 1, a: { d: 1, c: 2 } }, { sorted: true }));
  t("get", () => I({ get a() { return { b: 1 }; }, set s(v) {} }, { getters: true }));
  t("ns", () => I(-1234567.891, { numericSeparator: true }) + " " + I(123456789n, { numericSeparator: true }));
  t("fmt1", () => util.format("%o", function foo() {}));
  t("fmt2", () => util.format("%O %j %c|%%|%x", { a: 1 }, { b: 2 }, "css"));
  t("fmt3", () => util.formatWithOptions({ numericSeparator: true }, "%d", 1234567));
  t("fmt4", () => util.formatWithOptions({ colors: true }, "%s %O", 1, { a: "x" }));
  t("fmt5", () => util.formatWithOptions(1, "x"));
  t("fmt6", () => util.format("%s", Object.create(null)));
  t("fmt7", () => util.format("%s", new (class Foo { toString() { return "Bar"; } })()));
  t("fmt8", () => util.format("%s %s", new Error("E"), [1, [2, [3, [4]]]]).split("\n")[0]);
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"c1": "[A: null prototype] { x: 1 }", "c2": "[F: null prototype] { q: 1 }", "c3": "Object <[Object: null prototype] {}> { a: 1 }", "f1": "[AsyncGeneratorFunction: ag]", "f2": "[GeneratorFunction: g]", "f3": "[AsyncFunction (anonymous)]", "f4": "[Function: bound f]", "f5": "[GeneratorFunction (null prototype): f]", "f6": "[AsyncFunction: af] { x: 1 }", "f7": "[Function: m]", "f8": "[AsyncGeneratorFunction: m]", "f9": "[Function: n] AsyncFunction", "it1": "[Map Entries] {  }", "it2": "[Map Iterator] { [Object] }", "it3": "[Set Entries] { [ 1, 1 ], ... 2 more items }", "it4": "[Map Entries] {\n  [ 1, 2 ],\n  [ 3, 4 ],\n  [Symbol(Symbol.toStringTag)]: 'Map Iterator'\n}", "wm1": "WeakMap {  }", "ws1": ["WeakSet { { a: 1 } }", "WeakSet { <items unknown> }"], "wm2": "WeakMap { {} => [Object] }", "pr1": "Promise { [Object] }", "pr2": "Promise {", "pr3": "Promise { 2, extra: 1 }", "pr4": "Promise {}", "pr5": "P2 [Promise] { 3 }", "px1": "Proxy [ [Function: pf], {} ]", "px2": ["Proxy(<Revoked Proxy>)", "{ p: <Revoked Proxy> }"], "px3": "custom!", "px4": "<ref *1> { self: [Circular *1] }", "px5": "Proxy(Proxy([ 1 ]))", "px6": "Proxy [Array]", "px7": "TS", "px8": "Proxy([ 1, 2 ])", "px9": "NaN 1 2", "px10": "Proxy(Error: pe", "px11": "Proxy(1970-01-01T00:00:00.000Z)", "px12": "Proxy(Map(1) {\n  1 => 2\n})", "ty1": true, "ty2": [true, true], "ty3": [false, true], "ty4": [true, true, true, false, true, false, false], "sort": "{ a: { c: 2, d: 1 }, b: 1 }", "get": "{ a: [Getter] { b: 1 }, s: [Setter] }", "ns": "-1_234_567.891 123_456_789n", "fmt1": "<ref *1> [Function: foo] {\n  [length]: 0,\n  [name]: 'foo',\n  [prototype]: { [constructor]: [Circular *1] }\n}", "fmt2": "{ a: 1 } {\"b\":2} |%|%x", "fmt3": "1_234_567", "fmt4": "1 { a: \u001b[32m'x'\u001b[39m }", "fmt5": "ERR TypeError ERR_INVALID_ARG_TYPE The \"inspectOptions\" argument must be of type object. Received type number (1)", "fmt6": "[Object: null prototype] {}", "fmt7": "Bar", "fmt8": "Error: E"}`,
	},
	{
		name: "assertAPI",
		worker: `import assert, * as A from "node:assert";
import strict from "node:assert/strict";
export default { async fetch() {
  const r = {};
  const E = (e) => (e instanceof Error ? [e.name, e.code, e.message, e.generatedMessage, e.operator, typeof e.actual === "object" ? "obj" : String(e.actual), typeof e.expected === "function" ? "fn" : typeof e.expected === "object" && e.expected !== null ? "obj" : String(e.expected)] : ["nonerror", String(e)]);
  const t = (k, f) => { try { const v = f(); r[k] = v === undefined ? "ok" : v; } catch (e) { r[k] = E(e); } };
  const ta = async (k, f) => { try { await f(); r[k] = "ok"; } catch (e) { r[k] = E(e); } };
  t("keys", () => Object.keys(A).sort());
  t("akeys", () => Object.keys(assert).sort());
  t("strictSame", () => [strict === assert.strict, assert.strict.strict === assert.strict, typeof A.CallTracker]);
  t("ok0", () => assert(false));
  t("ok1", () => assert.ok(null, "msg"));
  t("ok2", () => assert.ok());
  t("eq", () => assert.equal(1, "1"));
  t("eqNaN", () => assert.equal(NaN, NaN));
  t("neq", () => assert.notEqual(1, 1));
  t("deq", () => assert.deepEqual({ a: 1 }, { a: "1" }));
  t("ndeq", () => assert.notDeepEqual({ a: 1 }, { a: 1 }));
  t("se1", () => assert.strictEqual(1, 2));
  t("se2", () => assert.strictEqual("a\nb\nc", "a\nB\nc"));
  t("se3", () => assert.strictEqual([1, 2], [1, 2]));
  t("se4", () => assert.strictEqual(1, 2, new TypeError("custom")));
  t("se5", () => assert.strictEqual(1));
  t("nse", () => assert.notStrictEqual(1, 1));
  t("nse2", () => assert.notStrictEqual("abcdefgh", "abcdefgh"));
  t("th1", () => assert.throws(() => {}));
  t("th2", () => assert.throws(() => {}, "msg"));
  t("th3", () => assert.throws(() => { throw new Error("x"); }, /y/));
  t("th4", () => assert.throws(() => { throw new Error("x"); }, { message: "y" }));
  t("th5", () => assert.throws(() => { throw new Error("x"); }, TypeError));
  t("th6", () => assert.throws(1));
  t("th7", () => assert.throws(() => { throw new Error("x"); }, "x"));
  t("th8", () => assert.throws(() => { throw new Error("x"); }, { message: /x/, name: "Error" }));
  t("th9", () => assert.throws(() => { throw new Error("x"); }, (e) => false));
  t("th10", () => assert.throws(() => { throw 5; }, { a: 1 }));
  t("th11", () => assert.throws(() => { throw new Error("x"); }, {}));
  t("dnt1", () => assert.doesNotThrow(() => { throw new Error("x"); }));
  t("dnt2", () => assert.doesNotThrow(() => { throw new Error("x"); }, "extra"));
  t("dnt3", () => assert.doesNotThrow(() => { throw new TypeError("x"); }, TypeError, "m"));
  t("dnt4", () => assert.doesNotThrow(() => { throw new TypeError("x"); }, RangeError));
  await ta("rj1", () => assert.rejects(Promise.resolve(1)));
  await ta("rj2", () => assert.rejects(() => 1));
  await ta("rj3", () => assert.rejects(1));
  await ta("rj4", () => assert.rejects(Promise.reject(new Error("x")), /y/));
  await ta("dnr1", () => assert.doesNotReject(Promise.reject(new Error("x"))));
  await ta("dnr2", () => assert.doesNotReject(() => 5));
  t("m1", () => assert.match("abc", /x/));
  t("m2", () => assert.match(1, /x/));
  t("m3", () => assert.match("abc", "x"));
  t("m4", () => assert.doesNotMatch("abc", /b/));
  t("ie1", () => assert.ifError(null));
  t("ie2", () => assert.ifError(new Error("boom")));
  t("ie3", () => assert.ifError("str"));
  t("ie4", () => assert.ifError(0));
  t("f1", () => assert.fail());
  t("f2", () => assert.fail("m"));
  t("f3", () => assert.fail(new TypeError("t")));
  t("f4", () => assert.fail(1, 2));
  t("f5", () => assert.fail(1, 2, undefined, ">"));
  t("ae1", () => { const e = new assert.AssertionError({ actual: 1, expected: 2, operator: "strictEqual" }); return [e.name, e.code, e.message, String(e), Object.keys(e).sort(), e.generatedMessage]; });
  t("ae2", () => new assert.AssertionError());
  t("ae3", () => new assert.AssertionError(5));
  t("ae4", () => { const e = new assert.AssertionError({ message: "m", actual: 1 }); return [e.message, e.generatedMessage, e.operator, String(e.stack).split("\n")[0]]; });
  t("dse1", () => assert.deepStrictEqual(new Set([1, { a: 1 }]), new Set([1, { a: 2 }])));
  t("dse2", () => assert.deepStrictEqual([1, , 3], [1, undefined, 3]));
  t("dse3", () => assert.deepStrictEqual(Object.create(null), {}));
  t("dse4", () => assert.deepStrictEqual(new Date(0), new Date(1)));
  t("dse5", () => assert.deepStrictEqual(/a/g, /a/i));
  t("dse6", () => assert.deepStrictEqual(new Number(1), new Number(2)));
  t("dse7", () => assert.deepStrictEqual(Symbol("a"), Symbol("a")));
  t("dse8", () => assert.deepStrictEqual({ [Symbol.for("s")]: 1 }, { [Symbol.for("s")]: 2 }));
  t("dse9", () => assert.deepStrictEqual(new Uint8Array([1]), new Int8Array([1])));
  t("dse10", () => assert.deepStrictEqual(new URL("http://a/"), new URL("http://b/")));
  t("dse11", () => assert.deepStrictEqual(0, -0));
  t("dse12", () => assert.deepStrictEqual(new Map([[1, 2]]), new Map([[1, 3]])));
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"keys": ["Assert", "AssertionError", "deepEqual", "deepStrictEqual", "default", "doesNotMatch", "doesNotReject", "doesNotThrow", "equal", "fail", "ifError", "match", "notDeepEqual", "notDeepStrictEqual", "notEqual", "notStrictEqual", "ok", "partialDeepStrictEqual", "rejects", "strict", "strictEqual", "throws"], "akeys": ["Assert", "AssertionError", "deepEqual", "deepStrictEqual", "doesNotMatch", "doesNotReject", "doesNotThrow", "equal", "fail", "ifError", "match", "notDeepEqual", "notDeepStrictEqual", "notEqual", "notStrictEqual", "ok", "partialDeepStrictEqual", "rejects", "strict", "strictEqual", "throws"], "strictSame": [false, true, "undefined"], "ok0": ["AssertionError", "ERR_ASSERTION", "false == true", true, "==", "false", "true"], "ok1": ["AssertionError", "ERR_ASSERTION", "msg", false, "==", "obj", "true"], "ok2": ["AssertionError", "ERR_ASSERTION", "No value argument passed to ` + "`" + `assert.ok()` + "`" + `", false, null, "undefined", "undefined"], "eq": ["AssertionError", "ERR_ASSERTION", "Values are not strictly equal:\n\n\n[Diff] Actual / Expected\n\n\n-   1\n+   '1'\n", false, "strictEqual", "1", "1"], "eqNaN": "ok", "neq": ["AssertionError", "ERR_ASSERTION", "Expected actual to be strictly unequal to expected", false, "notStrictEqual", "1", "1"], "deq": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ { a: 1 }\n- { a: '1' }\n       ^", true, "deepStrictEqual", "obj", "obj"], "ndeq": ["AssertionError", "ERR_ASSERTION", "Expected actual to not be deeply strictly equal to expected", false, "notDeepStrictEqual", "obj", "obj"], "se1": ["AssertionError", "ERR_ASSERTION", "Values are not strictly equal:\n\n\n[Diff] Actual / Expected\n\n\n-   1\n+   2\n", false, "strictEqual", "1", "2"], "se2": ["AssertionError", "ERR_ASSERTION", "Values are not strictly equal:\n\n\n[Diff] Actual / Expected\n\n\n    a\\n\n-   b\\n\n+   B\\n\n    c\n\n", false, "strictEqual", "a\nb\nc", "a\nB\nc"], "se3": ["AssertionError", "ERR_ASSERTION", "Values have the same structure but are not reference-equal:\n\n    [ 1, 2 ]\n", false, "strictEqual", "obj", "obj"], "se4": ["AssertionError", "ERR_ASSERTION", "TypeError: custom", false, "strictEqual", "1", "2"], "se5": ["TypeError", "ERR_MISSING_ARGS", "The \"actual\" and \"expected\" arguments must be specified", null, null, "undefined", "undefined"], "nse": ["AssertionError", "ERR_ASSERTION", "Expected actual to be strictly unequal to expected", false, "notStrictEqual", "1", "1"], "nse2": ["AssertionError", "ERR_ASSERTION", "Expected actual to be strictly unequal to expected", false, "notStrictEqual", "abcdefgh", "abcdefgh"], "th1": ["AssertionError", "ERR_ASSERTION", "Missing expected exception.", false, "throws", "undefined", "undefined"], "th2": ["AssertionError", "ERR_ASSERTION", "Missing expected exception: msg", false, "throws", "undefined", "undefined"], "th3": ["AssertionError", "ERR_ASSERTION", "The input did not match the regular expression /y/. Input:\n\n'Error: x'\n", true, "throws", "obj", "obj"], "th4": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n\n'x' !== 'y'\n", true, "deepStrictEqual", "x", "y"], "th5": ["AssertionError", "ERR_ASSERTION", "The error is expected to be an instance of \"TypeError\". Received \"Error\"\n\nError message:\n\nx", true, "throws", "obj", "fn"], "th6": ["TypeError", "ERR_INVALID_ARG_TYPE", "The \"fn\" argument must be of type function. Received type number (1)", null, null, "undefined", "undefined"], "th7": ["TypeError", "ERR_AMBIGUOUS_ARGUMENT", "The \"error/message\" argument is ambiguous. The error message \"x\" is identical to the message.", null, null, "undefined", "undefined"], "th8": "ok", "th9": ["AssertionError", "ERR_ASSERTION", "The validation function is expected to return \"true\". Received false\n\nCaught error:\n\nError: x", true, "throws", "obj", "fn"], "th10": ["AssertionError", "ERR_ASSERTION", "object is expected to thrown, but got number: 5", true, "throws", "5", "obj"], "th11": ["TypeError", "ERR_INVALID_ARG_VALUE", "The argument 'error' may not be an empty object. Received {}", null, null, "undefined", "undefined"], "dnt1": ["AssertionError", "ERR_ASSERTION", "Got unwanted exception.\nActual message: \"x\"", false, "doesNotThrow", "undefined", "undefined"], "dnt2": ["AssertionError", "ERR_ASSERTION", "Got unwanted exception: extra\nActual message: \"x\"", false, "doesNotThrow", "undefined", "undefined"], "dnt3": ["AssertionError", "ERR_ASSERTION", "Got unwanted exception: TypeError m", false, "doesNotThrow", "undefined", "undefined"], "dnt4": ["TypeError", null, "x", null, null, "undefined", "undefined"], "rj1": ["AssertionError", "ERR_ASSERTION", "Missing expected rejection.", true, "rejects", "undefined", "undefined"], "rj2": ["TypeError", "ERR_INVALID_RETURN_VALUE", "Expected instance of Promise to be returned from the \"promiseFn\" function but got type number (1).", null, null, "undefined", "undefined"], "rj3": ["TypeError", "ERR_INVALID_ARG_TYPE", "The \"promiseFn\" argument must be of type function or an instance of Promise. Received type number (1)", null, null, "undefined", "undefined"], "rj4": ["AssertionError", "ERR_ASSERTION", "The input did not match the regular expression /y/. Input:\n\n'Error: x'\n", true, "rejects", "obj", "obj"], "dnr1": ["AssertionError", "ERR_ASSERTION", "Got unwanted exception.\nActual message: \"x\"", false, "doesNotReject", "undefined", "undefined"], "dnr2": ["TypeError", "ERR_INVALID_RETURN_VALUE", "Expected instance of Promise to be returned from the \"promiseFn\" function but got type number (5).", null, null, "undefined", "undefined"], "m1": ["AssertionError", "ERR_ASSERTION", "actual: \"abc\" expected to match: \"/x/\"", false, "match", "abc", "obj"], "m2": ["AssertionError", "ERR_ASSERTION", "actual: \"1\" expected to match: \"/x/\"", false, "match", "1", "obj"], "m3": ["TypeError", "ERR_INVALID_ARG_TYPE", "The \"regexp\" argument must be an instance of RegExp. Received type string ('x')", null, null, "undefined", "undefined"], "m4": ["AssertionError", "ERR_ASSERTION", "actual: \"abc\" expected to not match: \"/b/\"", false, "doesNotMatch", "abc", "obj"], "ie1": "ok", "ie2": ["AssertionError", "ERR_ASSERTION", "ifError got unwanted exception: boom", false, "ifError", "obj", "null"], "ie3": ["AssertionError", "ERR_ASSERTION", "ifError got unwanted exception: 'str'", false, "ifError", "str", "null"], "ie4": ["AssertionError", "ERR_ASSERTION", "ifError got unwanted exception: 0", false, "ifError", "0", "null"], "f1": ["AssertionError", "ERR_ASSERTION", "Failed", true, "fail", "undefined", "undefined"], "f2": ["AssertionError", "ERR_ASSERTION", "m", false, "fail", "undefined", "undefined"], "f3": ["TypeError", null, "t", null, null, "undefined", "undefined"], "f4": ["nonerror", "1"], "f5": ["nonerror", "1"], "ae1": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly equal:\n\n1 !== 2\n", "AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n\n1 !== 2\n", ["actual", "code", "expected", "generatedMessage", "operator"], true], "ae2": ["TypeError", "ERR_INVALID_ARG_TYPE", "The \"options\" argument must be of type object. Received undefined", null, null, "undefined", "undefined"], "ae3": ["TypeError", "ERR_INVALID_ARG_TYPE", "The \"options\" argument must be of type object. Received type number (5)", null, null, "undefined", "undefined"], "ae4": ["m", false, null, "AssertionError [ERR_ASSERTION]: m"], "dse1": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ Set(2) { 1, { a: 1 } }\n- Set(2) { 1, { a: 2 } }\n                   ^", true, "deepStrictEqual", "obj", "obj"], "dse2": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ [ 1, <1 empty item>, 3 ]\n- [ 1, undefined, 3 ]\n       ^", true, "deepStrictEqual", "obj", "obj"], "dse3": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ [Object: null prototype] {}\n- {}", true, "deepStrictEqual", "obj", "obj"], "dse4": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ 1970-01-01T00:00:00.000Z\n- 1970-01-01T00:00:00.001Z\n                        ^", true, "deepStrictEqual", "obj", "obj"], "dse5": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ /a/g\n- /a/i", true, "deepStrictEqual", "obj", "obj"], "dse6": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ [Number: 1]\n- [Number: 2]\n           ^", true, "deepStrictEqual", "obj", "obj"], "dse7": ["AssertionError", "ERR_ASSERTION", "Values have same structure but are not reference-equal:\n\nSymbol(a)\n", true, "deepStrictEqual", "Symbol(a)", "Symbol(a)"], "dse8": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ { Symbol(s): 1 }\n- { Symbol(s): 2 }\n               ^", true, "deepStrictEqual", "obj", "obj"], "dse9": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ Uint8Array(1) [ 1 ]\n- Int8Array(1) [ 1 ]", true, "deepStrictEqual", "obj", "obj"], "dse10": "ok", "dse11": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ 0\n- -0", true, "deepStrictEqual", "0", "0"], "dse12": ["AssertionError", "ERR_ASSERTION", "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ Map(1) { 1 => 2 }\n- Map(1) { 1 => 3 }\n                ^", true, "deepStrictEqual", "obj", "obj"]}`,
	},
	{
		name: "assertStrictAndFail",
		worker: `import assert, * as A from "node:assert";
import strict, * as S from "node:assert/strict";
export default { async fetch() {
  const r = {};
  r.ids = [strict === assert, assert.strict === assert, strict.strict === assert.strict, S.strictEqual === A.strictEqual, S.equal === A.equal, assert.equal === assert.strictEqual, assert.strict.equal === assert.strictEqual, S.default === assert, typeof assert.strict, assert.strict.name, assert.name, A.strict === assert.strict, S.strict === assert.strict];
  r.skeys = Object.keys(S).sort();
  r.sakeys = Object.keys(assert.strict).sort();
  try { assert.strict(0); } catch (e) { r.sfail = [e.message, e.operator]; }
  try { assert.fail(); } catch (e) { r.f0 = [e.message, e.generatedMessage, e.operator, e.actual, e.expected]; }
  try { assert.fail(undefined); } catch (e) { r.f1 = [e.message, e.generatedMessage]; }
  try { assert.fail(null); } catch (e) { r.f2 = [e.message, e.generatedMessage]; }
  try { assert.fail({ a: 1 }); } catch (e) { r.f3 = [typeof e, e.a]; }
  try { assert.fail("m", 2); } catch (e) { r.f4 = [e.message, e.generatedMessage, e.operator]; }
  try { assert.doesNotThrow(() => { throw new TypeError("x"); }, TypeError); } catch (e) { r.d1 = e.message; }
  try { assert.doesNotThrow(() => { throw new TypeError("x"); }, (e) => true, "mm"); } catch (e) { r.d2 = e.message; }
  try { assert.doesNotThrow(() => { throw new TypeError("x"); }, (e) => false); } catch (e) { r.d3 = [e.name, e.message]; }
  try { assert.doesNotThrow(() => { throw new TypeError("x"); }, Error, "mm"); } catch (e) { r.d4 = e.message; }
  try { assert.doesNotThrow(() => { throw null; }); } catch (e) { r.d5 = e.message; }
  try { assert.doesNotThrow(() => { throw new TypeError("x"); }, /x/); } catch (e) { r.d6 = [e.name, e.message]; }
  try { await assert.doesNotReject(Promise.reject(new TypeError("x")), TypeError, "mm"); } catch (e) { r.d7 = e.message; }
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"ids": [true, false, true, true, true, false, true, true, "function", "strict", "assert", true, true], "skeys": ["Assert", "AssertionError", "deepEqual", "deepStrictEqual", "default", "doesNotMatch", "doesNotReject", "doesNotThrow", "equal", "fail", "ifError", "match", "notDeepEqual", "notDeepStrictEqual", "notEqual", "notStrictEqual", "ok", "partialDeepStrictEqual", "rejects", "strict", "strictEqual", "throws"], "sakeys": ["Assert", "AssertionError", "deepEqual", "deepStrictEqual", "doesNotMatch", "doesNotReject", "doesNotThrow", "equal", "fail", "ifError", "match", "notDeepEqual", "notDeepStrictEqual", "notEqual", "notStrictEqual", "ok", "partialDeepStrictEqual", "rejects", "strict", "strictEqual", "throws"], "sfail": ["0 == true", "=="], "f0": ["Failed", true, "fail", null, null], "f1": ["Failed", true], "f2": ["Failed", true], "f3": ["object", 1], "f4": ["m", false, "fail"], "d1": "Got unwanted exception: TypeError", "d2": "Got unwanted exception: mm\nActual message: \"x\"", "d3": ["AssertionError", "Got unwanted exception.\nActual message: \"x\""], "d4": "Got unwanted exception: TypeError mm", "d5": "Got unwanted exception.\nActual message: \"null\"", "d6": ["AssertionError", "Got unwanted exception.\nActual message: \"x\""], "d7": "Got unwanted exception: TypeError mm"}`,
	},
	{
		name: "mockMore",
		worker: `import { mock, MockTracker } from "node:test";
import util from "node:util";
export default { async fetch() {
  const r = {};
  const E = (e) => [e?.name, e?.code, e?.message];
  const t = (k, f) => { try { const v = f(); r[k] = v === undefined ? "ok" : v; } catch (e) { r[k] = E(e); } };
  t("g1", () => { const o = { get a() { return 1; } }; const g = mock.method(o, "a", () => 5, { getter: true, times: 1 }); return [o.a, o.a, g.mock.callCount(), typeof Object.getOwnPropertyDescriptor(o, "a").get]; });
  t("g2", () => { const o = { _v: 0, set v(x) { this._v = x; } }; const s = mock.setter(o, "v", function (x) { this._v = x * 10; }); o.v = 2; return [o._v, s.mock.calls[0].arguments, s.mock.callCount()]; });
  t("once1", () => { const o = { m() { return "orig"; } }; const f = mock.method(o, "m"); f.mock.mockImplementationOnce(() => "once"); return [o.m(), o.m(), f.mock.callCount()]; });
  t("once2", () => { const f = mock.fn(() => 1); f.mock.mockImplementationOnce(() => 2, 2); return [f(), f(), f(), f()]; });
  t("reset", () => { const f = mock.fn(() => 1); f(); f(); f.mock.resetCalls(); return [f.mock.callCount(), f.mock.calls.length]; });
  t("err", () => { const f = mock.fn(() => { throw new RangeError("r"); }); try { f(1); } catch {} const c = f.mock.calls[0]; return [c.error.name, c.result, c.arguments]; });
  t("async", () => { const f = mock.fn(async () => 3); const p = f(); return [util.types.isPromise(f.mock.calls[0].result), typeof p.then]; });
  t("this", () => { const o = { m: mock.fn(function () { return this; }) }; return [o.m() === o, o.m.mock.calls[0].this === o]; });
  t("inspectMock", () => util.inspect(mock.fn(function named() {})));
  t("inspectCtx", () => util.inspect(mock.fn().mock));
  t("inspectCalls", () => { const f = mock.fn((a) => a); f(1); const c = f.mock.calls[0]; return util.inspect({ ...c, stack: undefined }); });
  t("ctorFn", () => { function F(x) { this.x = x; } const M = mock.fn(F); const i = new M(3); return [i.x, i instanceof F, M.mock.calls[0].target === F, M.mock.calls[0].this === i]; });
  t("ctorImpl", () => { class A { constructor() { this.a = 1; } } class B { constructor() { this.b = 2; } } const M = mock.fn(A, B); const i = new M(); return [i.a, i.b, i instanceof A, i instanceof B]; });
  t("arrow", () => { const M = mock.fn(() => 1); try { new M(); return "constructed"; } catch (e) { return E(e); } });
  t("restoreAll", () => { const tr = new MockTracker(); const o = { m: () => 1, n: () => 2 }; tr.method(o, "m", () => 10); tr.method(o, "n", () => 20); const a = [o.m(), o.n()]; tr.restoreAll(); return [a, o.m(), o.n()]; });
  t("methodOnFn", () => { function host() {} host.s = () => 1; const f = mock.method(host, "s", () => 2); return [host.s(), f.mock.callCount()]; });
  t("nonConfig", () => { const o = {}; Object.defineProperty(o, "m", { value() {}, configurable: false }); return mock.method(o, "m"); });
  t("frozen", () => { const o = Object.freeze({ m() {} }); return mock.method(o, "m"); });
  t("timesRestoreMethod", () => { const o = { m() { return "o"; } }; const f = mock.method(o, "m", () => "i", { times: 2 }); return [o.m(), o.m(), o.m(), f()]; });
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"g1": [5, 1, 1, "function"], "g2": [20, [2], 1], "once1": ["once", "orig", 2], "once2": [1, 1, 2, 1], "reset": [0, 0], "err": ["RangeError", null, [1]], "async": [true, "function"], "this": [true, true], "inspectMock": "Proxy([Function: named])", "inspectCtx": "MockFunctionContext {}", "inspectCalls": "{\n  arguments: [ 1 ],\n  error: undefined,\n  result: 1,\n  stack: undefined,\n  target: undefined,\n  this: undefined\n}", "ctorFn": [3, true, true, true], "ctorImpl": [null, 2, true, false], "arrow": ["TypeError", null, "M is not a constructor"], "restoreAll": [[10, 20], 1, 2], "methodOnFn": [2, 1], "nonConfig": ["TypeError", null, "Cannot redefine property: m"], "frozen": ["TypeError", null, "Cannot redefine property: m"], "timesRestoreMethod": ["i", "i", "o", "i"]}`,
	},
	{
		name: "inspectOptions",
		worker: `import util from "node:util";
export default { async fetch() {
  const r = {};
  const E = (e) => [e?.name, e?.code, e?.message];
  const t = (k, f) => { try { const v = f(); r[k] = v === undefined ? "ok" : v; } catch (e) { r[k] = E(e); } };
  t("d0", () => Object.keys(util.inspect.defaultOptions));
  t("d1", () => { util.inspect.defaultOptions = null; });
  t("d2", () => { util.inspect.defaultOptions = "x"; });
  t("d3", () => { const before = util.inspect.defaultOptions; util.inspect.defaultOptions = { depth: 0 }; const o = util.inspect({ a: { b: 1 } }); const same = before === util.inspect.defaultOptions; const keys = Object.keys(util.inspect.defaultOptions).length; util.inspect.defaultOptions = { depth: 2 }; return [o, same, keys]; });
  t("d4", () => { util.inspect.defaultOptions.breakLength = 20; const o = util.inspect({ aaaa: 1, bbbb: 2, cccc: 3 }); util.inspect.defaultOptions.breakLength = 80; return o; });
  t("d5", () => { util.inspect.defaultOptions.compact = false; const o = util.inspect({ a: 1 }); util.inspect.defaultOptions.compact = 3; return o; });
  t("d6", () => Object.getOwnPropertyDescriptor(util.inspect, "defaultOptions") && ["get" in Object.getOwnPropertyDescriptor(util.inspect, "defaultOptions"), Object.getOwnPropertyDescriptor(util.inspect, "defaultOptions").enumerable]);
  t("d7", () => { util.inspect.defaultOptions = { bogus: 1 }; const has = "bogus" in util.inspect.defaultOptions; return has; });
  t("o1", () => util.inspect({ a: 1 }, { depth: "x" }));
  t("o2", () => util.inspect([1, 2, 3], { maxArrayLength: -1 }));
  t("o3", () => util.inspect("abcdef", { maxStringLength: 2 }));
  t("o4", () => util.inspect({ a: [1, { b: 2 }] }, { compact: 1, breakLength: 1 }));
  t("o5", () => util.inspect(new Map([[{ a: 1 }, [1]]]), false, 0, false));
  t("o6", () => util.inspect({ a: 1 }, { colors: true }));
  t("o7", () => Object.keys(util.inspect.colors).length + " " + util.inspect.styles.number);
  t("o8", () => util.inspect(Symbol("s"), { colors: true }));
  t("o9", () => util.inspect({ [util.inspect.custom](d, o, i) { return [typeof d, Object.keys(o).sort(), i === util.inspect]; } }));
  t("o10", () => util.inspect({ [util.inspect.custom](d, o) { return { nested: o.stylize("x", "number") }; } }, { colors: true }));
  t("o11", () => util.inspect(new Error("e", { cause: new Error("c") })).split("\n").filter((l) => !l.includes(" at ")).join("|"));
  t("o12", () => { const e = new Error("m"); e.stack = undefined; return util.inspect(e); });
  t("o13", () => { const e = new Error("m"); delete e.stack; e.extra = 1; return util.inspect(e); });
  t("o14", () => util.inspect(Object.assign(() => {}, { a: 1 })));
  t("o15", () => util.inspect(new (class extends Array {})(2)));
  t("o16", () => util.inspect({ a: 1n, b: -0, c: [,,1], d: new Boolean(false), e: Object(Symbol("q")) }));
  t("o17", () => util.inspect(new Set([[1, 2], { a: new Set([1]) }]), { depth: 1 }));
  t("o18", () => util.inspect(globalThis).slice(0, 20));
  t("o19", () => util.inspect(new ArrayBuffer(3), { showHidden: true }));
  t("o20", () => util.inspect(Object.create({ inherited: 1 }, { own: { value: 2, enumerable: false } }), { showHidden: true }));
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"d0": ["showHidden", "depth", "colors", "customInspect", "showProxy", "maxArrayLength", "maxStringLength", "breakLength", "compact", "sorted", "getters", "numericSeparator"], "d1": ["TypeError", "ERR_INVALID_ARG_TYPE", "The \"options\" argument must be of type object. Received null"], "d2": ["TypeError", "ERR_INVALID_ARG_TYPE", "The \"options\" argument must be of type object. Received type string ('x')"], "d3": ["{ a: [Object] }", true, 12], "d4": "{\n  aaaa: 1,\n  bbbb: 2,\n  cccc: 3\n}", "d5": "{\n  a: 1\n}", "d6": [true, false], "d7": ["TypeError", null, "Cannot add property bogus, object is not extensible"], "o1": "{ a: 1 }", "o2": "[ ... 3 more items ]", "o3": "'ab'... 4 more characters", "o4": "{\n  a: [\n    1,\n    {\n      b: 2\n    }\n  ]\n}", "o5": "Map(1) { [Object] => [Array] }", "o6": "{ a: \u001b[33m1\u001b[39m }", "o7": "44 yellow", "o8": "\u001b[32mSymbol(s)\u001b[39m", "o9": "[\n  'number',\n  [\n    'breakLength',\n    'colors',\n    'compact',\n    'customInspect',\n    'depth',\n    'getters',\n    'maxArrayLength',\n    'maxStringLength',\n    'numericSeparator',\n    'showHidden',\n    'showProxy',\n    'sorted',\n    'stylize'\n  ],\n  true\n]", "o10": "{ nested: \u001b[32m'\\x1B[33mx\\x1B[39m'\u001b[39m }", "o12": "[Error: m]", "o13": "[Error: m] { extra: 1 }", "o14": "[Function (anonymous)] { a: 1 }", "o15": "[ <2 empty items> ]", "o16": "{\n  a: 1n,\n  b: -0,\n  c: [ <2 empty items>, 1 ],\n  d: [Boolean: false],\n  e: [Symbol: Symbol(q)]\n}", "o17": "Set(2) { [ 1, 2 ], { a: [Set] } }", "o19": "ArrayBuffer { [Uint8Contents]: <00 00 00>, byteLength: 3 }", "o20": "{ [own]: 2, inherited: 1 }"}`,
	},
	{
		name: "inspectColors",
		worker: `import util from "node:util";
export default { async fetch() {
  const r = {};
  r.colors = util.inspect.colors;
  r.colorsAll = Object.getOwnPropertyNames(util.inspect.colors);
  r.aliasDesc = Object.getOwnPropertyDescriptor(util.inspect.colors, "grey");
  r.styles = util.inspect.styles;
  r.stylesProto = Object.getPrototypeOf(util.inspect.styles) === null;
  r.colorsProto = Object.getPrototypeOf(util.inspect.colors) === null;
  util.inspect.styles.number = "red";
  r.custom = util.inspect(5, { colors: true });
  util.inspect.styles.number = "nope";
  r.custom2 = util.inspect(5, { colors: true });
  util.inspect.styles.number = "yellow";
  r.dflt = Object.isExtensible(util.inspect.defaultOptions) + " " + Object.isSealed(util.inspect.defaultOptions) + " " + Object.isFrozen(util.inspect.defaultOptions);
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"colors": {"reset": [0, 0], "bold": [1, 22], "dim": [2, 22], "italic": [3, 23], "underline": [4, 24], "blink": [5, 25], "inverse": [7, 27], "hidden": [8, 28], "strikethrough": [9, 29], "doubleunderline": [21, 24], "black": [30, 39], "red": [31, 39], "green": [32, 39], "yellow": [33, 39], "blue": [34, 39], "magenta": [35, 39], "cyan": [36, 39], "white": [37, 39], "bgBlack": [40, 49], "bgRed": [41, 49], "bgGreen": [42, 49], "bgYellow": [43, 49], "bgBlue": [44, 49], "bgMagenta": [45, 49], "bgCyan": [46, 49], "bgWhite": [47, 49], "framed": [51, 54], "overlined": [53, 55], "gray": [90, 39], "redBright": [91, 39], "greenBright": [92, 39], "yellowBright": [93, 39], "blueBright": [94, 39], "magentaBright": [95, 39], "cyanBright": [96, 39], "whiteBright": [97, 39], "bgGray": [100, 49], "bgRedBright": [101, 49], "bgGreenBright": [102, 49], "bgYellowBright": [103, 49], "bgBlueBright": [104, 49], "bgMagentaBright": [105, 49], "bgCyanBright": [106, 49], "bgWhiteBright": [107, 49]}, "colorsAll": ["reset", "bold", "dim", "italic", "underline", "blink", "inverse", "hidden", "strikethrough", "doubleunderline", "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white", "bgBlack", "bgRed", "bgGreen", "bgYellow", "bgBlue", "bgMagenta", "bgCyan", "bgWhite", "framed", "overlined", "gray", "redBright", "greenBright", "yellowBright", "blueBright", "magentaBright", "cyanBright", "whiteBright", "bgGray", "bgRedBright", "bgGreenBright", "bgYellowBright", "bgBlueBright", "bgMagentaBright", "bgCyanBright", "bgWhiteBright", "grey", "blackBright", "bgGrey", "bgBlackBright", "faint", "crossedout", "strikeThrough", "crossedOut", "conceal", "swapColors", "swapcolors", "doubleUnderline"], "aliasDesc": {"enumerable": false, "configurable": true}, "styles": {"special": "cyan", "number": "yellow", "bigint": "yellow", "boolean": "yellow", "undefined": "grey", "null": "bold", "string": "green", "symbol": "green", "date": "magenta", "regexp": "red", "module": "underline"}, "stylesProto": true, "colorsProto": true, "custom": "\u001b[31m5\u001b[39m", "custom2": "5", "dflt": "false true false"}`,
	},
	{
		name: "utilFormat",
		worker: `import util from "node:util";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { const v = f(); r[k] = v; } catch (e) { r[k] = ["ERR", e.name, e.code, e.message]; } };
  const F = util.format;
  t("a", () => [F(), F(""), F("%s"), F("%s", undefined), F("%s", null), F("%s", 1n), F("%s", -0), F("%s", Symbol("s"))]);
  t("b", () => [F("%d", "42"), F("%d", 1.5), F("%d", -0), F("%d", {}), F("%d", 10n), F("%d", Symbol()), F("%d", "0x10")]);
  t("c", () => [F("%i", "42.9"), F("%i", -0.5), F("%i", 5n), F("%i", Symbol()), F("%f", "1.5e3"), F("%f", Symbol()), F("%f", 5n)]);
  t("d", () => [F("%j", { a: 1 }), F("%j", undefined), F("%j", () => {}), F("%j", { toJSON() { return "tj"; } })]);
  t("e", () => { const c = {}; c.c = c; return F("%j", c); });
  t("f", () => [F("%o", [1, [2]]), F("%O", { a: { b: { c: { d: 1 } } } })]);
  t("g", () => [F("%%"), F("%% %s", 1), F("%x %s", 1), F("a", "b", 1, { c: 2 }), F(1, "%s", 2), F("%s %s", 1)]);
  t("h", () => [F("%s", { a: { b: { c: 1 } } }), F("%s", [1, [2, [3]]]), F("%s", new Error("e")).split("\n")[0], F("%s", new Date(0)), F("%s", /re/g)]);
  t("i", () => [F("%s", { toString() { return "ts"; } }), F("%s", Object.create(null)), F("%s", new (class A { toString() { return "A!"; } })()), F("%s", new Map([[1, 2]]))]);
  t("j", () => [F("%c%s", "color: red", "x"), F("%s:%s", "a"), F("%", 1), F("%s%", 1), F("abc%"), F("%5d", 3)]);
  t("k", () => [F("%s", "str"), F("%s", ["a"]), F("%s", 1e21), F("%d", 1e21), F("%s", Number.MAX_SAFE_INTEGER + 2)]);
  t("l", () => util.formatWithOptions({ compact: false }, "%O", { a: 1 }));
  t("m", () => util.formatWithOptions({ depth: 0 }, { a: { b: 1 } }, "%s", 1));
  t("n", () => util.formatWithOptions(null, "x"));
  t("o", () => util.formatWithOptions(undefined, "x"));
  t("p", () => util.formatWithOptions({}, 1, 2));
  t("q", () => [F("%s", { get toString() { throw new Error("nope"); } })]);
  t("r", () => [F("%s", new Proxy({}, { get() { throw new Error("trap"); } }))]);
  t("s", () => [F("%s", function foo() {}), F("%s", class Q {}), F("%s", Symbol.iterator)]);
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"a": ["", "", "%s", "undefined", "null", "1n", "-0", "Symbol(s)"], "b": ["42", "1.5", "-0", "NaN", "10n", "NaN", "16"], "c": ["42", "-0", "5n", "NaN", "1500", "NaN", "5"], "d": ["{\"a\":1}", "undefined", "undefined", "\"tj\""], "e": "[Circular]", "f": ["[ 1, [ 2, [length]: 1 ], [length]: 2 ]", "{ a: { b: { c: [Object] } } }"], "g": ["%%", "% 1", "%x 1", "a b 1 { c: 2 }", "1 %s 2", "1 %s"], "h": ["{ a: [Object] }", "[ 1, [Array] ]", "Error: e", "1970-01-01T00:00:00.000Z", "/re/g"], "i": ["ts", "[Object: null prototype] {}", "A!", "Map(1) { 1 => 2 }"], "j": ["x", "a:%s", "% 1", "1%", "abc%", "%5d 3"], "k": ["str", "[ 'a' ]", "1e+21", "1e+21", "9007199254740992"], "l": "{\n  a: 1\n}", "m": "{ a: [Object] } %s 1", "n": ["ERR", "TypeError", "ERR_INVALID_ARG_TYPE", "The \"inspectOptions\" argument must be of type object. Received null"], "o": ["ERR", "TypeError", "ERR_INVALID_ARG_TYPE", "The \"inspectOptions\" argument must be of type object. Received undefined"], "p": "1 2", "q": ["ERR", "Error", null, "nope"], "r": ["Proxy({})"], "s": ["function foo() {}", "class Q {}", "Symbol(Symbol.iterator)"]}`,
	},
	{
		name: "nodeConsole",
		worker: `import C, * as NS from "node:console";
export default { async fetch() {
  const r = {};
  const E = (e) => [e.name, e.code, e.message, String(e), Object.keys(e)];
  const t = (k, f) => { try { r[k] = f(); } catch (e) { r[k] = E(e); } };
  t("def", () => C === globalThis.console);
  t("ns", () => Object.keys(NS).sort());
  t("gkeys", () => Object.keys(globalThis.console).sort());
  t("ctx", () => C.context());
  t("task", () => C.createTask());
  t("Ctor", () => C.Console());
  t("newCtor", () => new NS.Console({}));
  t("ctxName", () => [NS.context.name, NS.Console.name, NS.log.name, NS.log === console.log, NS.log.length]);
  t("proto", () => Object.keys(NS.Console.prototype).sort());
  t("times", () => [String(C._times), C._ignoreErrors, typeof C._stderrErrorHandler, typeof C._stdout, typeof C._stderr]);
  t("gctx", () => typeof globalThis.console.context);
  return new Response(JSON.stringify(r));
} };
`,
		want:  `{"def": true, "ns": ["Console", "assert", "clear", "context", "count", "countReset", "createTask", "debug", "default", "dir", "dirxml", "error", "group", "groupCollapsed", "groupEnd", "info", "log", "profile", "profileEnd", "table", "time", "timeEnd", "timeLog", "timeStamp", "trace", "warn"], "gkeys": ["Console", "_ignoreErrors", "_stderr", "_stderrErrorHandler", "_stdout", "_stdoutErrorHandler", "_times", "assert", "clear", "context", "count", "countReset", "createTask", "debug", "dir", "dirxml", "error", "group", "groupCollapsed", "groupEnd", "info", "log", "profile", "profileEnd", "table", "time", "timeEnd", "timeLog", "timeStamp", "trace", "warn"], "ctx": ["Error", "ERR_METHOD_NOT_IMPLEMENTED", "The Console.context method is not implemented", "Error [ERR_METHOD_NOT_IMPLEMENTED]: The Console.context method is not implemented", ["code", "name"]], "task": ["Error", "ERR_METHOD_NOT_IMPLEMENTED", "The Console.createTask method is not implemented", "Error [ERR_METHOD_NOT_IMPLEMENTED]: The Console.createTask method is not implemented", ["code", "name"]], "Ctor": ["TypeError", "ERR_CONSOLE_WRITABLE_STREAM", "Console expects a writable stream instance for stdout", "TypeError [ERR_CONSOLE_WRITABLE_STREAM]: Console expects a writable stream instance for stdout", ["code", "name", "toString"]], "newCtor": ["TypeError", "ERR_CONSOLE_WRITABLE_STREAM", "Console expects a writable stream instance for stdout", "TypeError [ERR_CONSOLE_WRITABLE_STREAM]: Console expects a writable stream instance for stdout", ["code", "name", "toString"]], "ctxName": ["context", "Console", "bound ", false, 0], "proto": ["assert", "clear", "count", "countReset", "debug", "dir", "dirxml", "error", "group", "groupCollapsed", "groupEnd", "info", "log", "table", "time", "timeEnd", "timeLog", "trace", "warn"], "times": ["[object Map]", true, "function", "object", "object"], "gctx": "function"}`,
		flags: `"nodejs_compat", "enable_nodejs_console_module"`,
	},
	{
		name: "nodeConsoleClass",
		worker: `import C, * as NS from "node:console";
import { EventEmitter } from "node:events";
export default { async fetch() {
  const r = {};
  const E = (e) => [e.name, e.code, e.message, Object.keys(e)];
  const t = (k, f) => { try { r[k] = f(); } catch (e) { r[k] = E(e); } };
  const mk = () => { const out = []; const s = new EventEmitter(); s.write = (x) => { out.push(x); return true; }; return { out, s }; };
  t("plain", () => { const a = mk(), b = mk(); const c = new NS.Console({ stdout: a.s, stderr: b.s }); c.log("hi %s", "x", { a: 1 }); c.error("err"); c.warn("w"); c.info(1); c.debug(2); c.dir({ d: { e: { f: { g: 1 } } } }); c.group("G"); c.log("in"); c.groupEnd(); c.log("out"); c.count(); c.count("k"); c.countReset("k"); c.count("k"); c.assert(false, "bad %s", "x"); c.assert(true); c.table([{ a: 1 }]); c.trace; c.dirxml(1, 2); return [a.out, b.out]; });
  t("positional", () => { const a = mk(); const c = new NS.Console(a.s); c.log("p"); c.error("e"); return a.out; });
  t("noNew", () => { const a = mk(); const c = NS.Console(a.s); c.log("nn"); return [a.out, c instanceof NS.Console]; });
  t("badStderr", () => { const a = mk(); new NS.Console({ stdout: a.s, stderr: {} }); });
  t("badOpt", () => { const a = mk(); new NS.Console({ stdout: a.s, ignoreErrors: 1 }); });
  t("colorMode", () => { const a = mk(); new NS.Console({ stdout: a.s, colorMode: "x" }); });
  t("inspectOpts", () => { const a = mk(); const c = new NS.Console({ stdout: a.s, inspectOptions: { depth: 0 } }); c.log({ a: { b: 1 } }); return a.out; });
  t("groupIndent", () => { const a = mk(); const c = new NS.Console({ stdout: a.s, groupIndentation: 4 }); c.group(); c.log("x\ny"); return a.out; });
  t("time", () => { const a = mk(); const c = new NS.Console(a.s); c.timeEnd("nope"); c.time("t"); c.time("t"); return a.out.length; });
  t("throwWrite", () => { const c = new NS.Console(Object.assign(new EventEmitter(), { write() { throw new Error("w"); } })); c.log("x"); return "swallowed"; });
  t("throwWrite2", () => { const c = new NS.Console({ stdout: Object.assign(new EventEmitter(), { write() { throw new Error("w"); } }), ignoreErrors: false }); c.log("x"); return "swallowed"; });
  t("keys", () => Object.keys(new NS.Console(mk().s)).sort());
  t("protoKeys", () => Object.getOwnPropertyNames(NS.Console.prototype).sort());
  t("ctxName", () => [NS.log.name, console.log.name, NS.Console.length]);
  return new Response(JSON.stringify(r));
} };
`,
		want:  `{"plain": [["hi x { a: 1 }\n", "1\n", "2\n", "{ d: { e: { f: [Object] } } }\n", "G\n", "  in\n", "out\n", "default: 1\n", "k: 1\n", "k: 1\n", "┌─────────┬───┐\n│ (index) │ a │\n├─────────┼───┤\n│ 0       │ 1 │\n└─────────┴───┘\n", "1 2\n"], ["err\n", "w\n", "Assertion failed: bad x\n"]], "positional": ["p\n", "e\n"], "noNew": [["nn\n"], true], "badStderr": ["TypeError", "ERR_CONSOLE_WRITABLE_STREAM", "Console expects a writable stream instance for stderr", ["code", "name", "toString"]], "colorMode": ["TypeError", "ERR_INVALID_ARG_VALUE", "The argument 'colorMode' must be one of: 'auto', true, false. Received 'x'", ["code", "name", "toString"]], "inspectOpts": ["{ a: [Object] }\n"], "groupIndent": ["    x\n    y\n"], "time": 0, "throwWrite": "swallowed", "throwWrite2": ["Error", null, "w", []], "keys": ["assert", "clear", "count", "countReset", "debug", "dir", "dirxml", "error", "group", "groupCollapsed", "groupEnd", "info", "log", "table", "time", "timeEnd", "timeLog", "trace", "warn"], "protoKeys": ["assert", "clear", "constructor", "count", "countReset", "debug", "dir", "dirxml", "error", "group", "groupCollapsed", "groupEnd", "info", "log", "table", "time", "timeEnd", "timeLog", "trace", "warn"], "ctxName": ["bound ", "", 1]}`,
		flags: `"nodejs_compat", "enable_nodejs_console_module"`,
	},
	{
		name: "deepEquality",
		worker: `import { isDeepStrictEqual as D } from "node:util";
import assert from "node:assert";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { r[k] = f(); } catch (e) { r[k] = ["ERR", e.name, e.message]; } };
  t("arrExtra", () => { const a = [1]; a.x = 1; return [D(a, [1]), D(a, Object.assign([1], { x: 1 }))]; });
  t("sparse", () => [D([1, , 3], [1, undefined, 3]), D([, 1], [, 1]), D(new Array(3), [, , ,])]);
  t("nonEnum", () => { const a = {}; Object.defineProperty(a, "x", { value: 1 }); return D(a, {}); });
  t("sym", () => [D({ [Symbol.for("a")]: 1 }, { [Symbol.for("a")]: 1 }), D({ [Symbol("a")]: 1 }, { [Symbol("a")]: 1 })]);
  t("boxed", () => [D(new String("a"), new String("a")), D(new String("a"), new String("b")), D(Object(1n), Object(1n)), D(new Number(NaN), new Number(NaN)), D(new Boolean(true), true)]);
  t("boxedProps", () => { const a = new String("a"); a.x = 1; return D(a, new String("a")); });
  t("typed", () => [D(new Float64Array([NaN]), new Float64Array([NaN])), D(new Float64Array([0]), new Float64Array([-0])), D(new Uint8Array([1]), new Uint8ClampedArray([1])), D(1, 1)]);
  t("typedProps", () => { const a = new Uint8Array([1]); a.x = 1; return D(a, new Uint8Array([1])); });
  t("dv", () => [D(new DataView(new ArrayBuffer(2)), new DataView(new ArrayBuffer(2))), D(new DataView(new ArrayBuffer(2)), new DataView(new ArrayBuffer(3)))]);
  t("ab", () => [D(new ArrayBuffer(2), new ArrayBuffer(2)), D(new ArrayBuffer(2), new SharedArrayBuffer(2)), D(new ArrayBuffer(1), new Uint8Array(1))]);
  t("date", () => { const a = new Date(0); a.x = 1; return [D(a, new Date(0)), D(new Date(NaN), new Date(NaN))]; });
  t("re", () => { const a = /a/; a.lastIndex = 3; return [D(a, /a/), D(/a/, /a/)]; });
  t("err", () => { const a = new Error("m"); a.x = 1; return [D(a, new Error("m")), D(new TypeError("m"), new Error("m")), D(Object.create(Error.prototype), Object.create(Error.prototype))]; });
  t("fn", () => { const f = () => {}; return [D(f, f), D(() => {}, () => {})]; });
  t("map", () => [D(new Map([[{ a: 1 }, 1]]), new Map([[{ a: 1 }, 1]])), D(new Map([[1, { a: 1 }]]), new Map([[1, { a: 1 }]])), D(new Map([[NaN, 1]]), new Map([[NaN, 1]])), D(new Map([[1, 1]]), new Map([["1", 1]]))]);
  t("set", () => [D(new Set([{ a: 1 }, { a: 1 }]), new Set([{ a: 1 }, { a: 1 }])), D(new Set([{ a: 1 }, { b: 1 }]), new Set([{ b: 1 }, { a: 1 }])), D(new Set([1, "1"]), new Set(["1", 1])), D(new Set([[1], [1]]), new Set([[1], [2]]))]);
  t("proto", () => [D(Object.create(null), Object.create(null)), D(Object.create(null), {}), D(new (class A {})(), new (class A {})())]);
  t("cyc", () => { const a = { x: 1 }; a.a = a; const b = { x: 1 }; b.a = b; const c = { x: 1 }; c.a = { x: 1, a: c }; return [D(a, b), D(a, c)]; });
  t("args", () => { function f() { return arguments; } return [D(f(1), f(1)), D(f(1), [1]), D(f(1), { 0: 1 })]; });
  t("weak", () => { const w = new WeakMap(); return [D(w, w), D(new WeakMap(), new WeakMap()), D(new WeakSet(), new WeakSet())]; });
  t("promise", () => [D(Promise.resolve(1), Promise.resolve(1))]);
  t("getter", () => [D({ get a() { return 1; } }, { a: 1 }), D({ get a() { return 1; } }, { get a() { return 1; } })]);
  t("url", () => [D(new URL("http://a/"), new URL("http://a/")), D(new URLSearchParams("a=1"), new URLSearchParams("a=2"))]);
  t("zero", () => [D(0, -0), D([0], [-0]), D(new Set([0]), new Set([-0])), D(new Map([[0, 1]]), new Map([[-0, 1]]))]);
  t("msg1", () => { try { assert.deepStrictEqual(new Set([1, 2]), new Set([1, 3])); } catch (e) { return e.message; } });
  t("msg2", () => { try { assert.deepStrictEqual({ a: [1, 2, { b: "x" }] }, { a: [1, 2, { b: "y" }] }); } catch (e) { return e.message; } });
  t("msg3", () => { try { assert.deepStrictEqual("a".repeat(100), "a".repeat(99) + "b"); } catch (e) { return e.message; } });
  t("msg4", () => { try { assert.deepStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30], [1, 2, 3]); } catch (e) { return e.message; } });
  t("msg5", () => { try { assert.strictEqual("x".repeat(20) + "\nabc", "x".repeat(20) + "\nabd"); } catch (e) { return e.message; } });
  t("msg6", () => { try { assert.strictEqual(1, "1"); } catch (e) { return e.message; } });
  t("msg7", () => { try { assert.strictEqual(() => {}, () => {}); } catch (e) { return e.message; } });
  t("msg8", () => { try { assert.strictEqual({ a: 1 }, { a: 2 }); } catch (e) { return e.message; } });
  t("msg9", () => { try { assert.strictEqual(NaN, 0); } catch (e) { return e.message; } });
  t("msg10", () => { try { assert.strictEqual({ a: { b: { c: { d: 1 } } } }, { a: { b: { c: { d: 2 } } } }); } catch (e) { return e.message; } });
  t("msg11", () => { try { assert.strictEqual({ [Symbol.for("nodejs.util.inspect.custom")]() { return "C1"; } }, { [Symbol.for("nodejs.util.inspect.custom")]() { return "C2"; } }); } catch (e) { return e.message; } });
  t("msg12", () => { try { assert.strictEqual(new Array(200).fill(1), new Array(200).fill(1).concat(2)); } catch (e) { return e.message; } });
  t("cyc2", () => { const a = []; a.push(a); const b = []; b.push(b); const c = [[]]; c[0].push(c); return [D(a, b), D(a, c), D(c, a)]; });
  t("cyc3", () => { const a = new Map(); a.set("s", a); const b = new Map(); b.set("s", b); const s1 = new Set(); s1.add(s1); const s2 = new Set(); s2.add(s2); return [D(a, b), D(s1, s2)]; });
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"arrExtra": [false, true], "sparse": [false, true, true], "nonEnum": true, "sym": [true, false], "boxed": [true, false, true, true, false], "boxedProps": false, "typed": [true, false, false, true], "typedProps": false, "dv": [true, false], "ab": [true, false, false], "date": [false, false], "re": [false, true], "err": [false, false, true], "fn": [true, false], "map": [true, true, true, false], "set": [true, true, true, false], "proto": [true, false, false], "cyc": [true, false], "args": [true, false, false], "weak": [true, true, true], "promise": [true], "getter": [true, true], "url": [true, true], "zero": [false, false, true, true], "msg1": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ Set(2) { 1, 2 }\n- Set(2) { 1, 3 }\n              ^", "msg2": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ { a: [ 1, 2, { b: 'x' } ] }\n- { a: [ 1, 2, { b: 'y' } ] }\n                     ^", "msg3": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'\n- 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab'", "msg4": "Expected values to be strictly deep-equal:\n+ actual - expected\n\n+ [ 1,\n+   2,\n+   3,\n+   4,\n+   5,\n+   6,\n+   7,\n+   8,\n+   9,\n+   10,\n+   11,\n+   12,\n+   13,\n+   14,\n+   15,\n+   16,\n+   17,\n+   18,\n+   19,\n+   20,\n+   21,\n+   22,\n+   23,\n+   24,\n+   25,\n+   26,\n+   27,\n+   28,\n+   29,\n+   30 ]\n- [ 1, 2, 3 ]", "msg5": "Values are not strictly equal:\n\n\n[Diff] Actual / Expected\n\n\n    xxxxxxxxxxxxxxxxxxxx\\n\n-   abc\n+   abd\n\n", "msg6": "Values are not strictly equal:\n\n\n[Diff] Actual / Expected\n\n\n-   1\n+   '1'\n", "msg7": "Values have the same structure but are not reference-equal:\n\n    [Function (anonymous)]\n", "msg8": "Values are not strictly equal:\n\n\n[Diff] Actual / Expected\n\n\n-   { a: 1 }\n+   { a: 2 }\n", "msg9": "Values are not strictly equal:\n\n\n[Diff] Actual / Expected\n\n\n-   NaN\n+   0\n", "msg10": "Values have the same structure but are not reference-equal:\n\n    { a: { b: { c: [Object] } } }\n", "msg11": "Values are not strictly equal:\n\n\n[Diff] Actual / Expected\n\n\n-   C1\n+   C2\n", "msg12": "Values are not strictly equal:\n\n\n[Diff] Actual / Expected\n\n\n    [\n      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,\n      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,\n      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,\n      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,\n      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,\n      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,\n      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,\n      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,\n      1, 1, 1, 1,\n-     ... 100 more items\n+     ... 101 more items\n    ]\n", "cyc2": [true, false, false], "cyc3": [true, true]}`,
	},
	{
		name: "inspectOddPrototypes",
		worker: `import util from "node:util";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { r[k] = f(); } catch (e) { r[k] = ["ERR", e.name, e.message]; } };
  const I = util.inspect;
  const np = (v) => Object.setPrototypeOf(v, null);
  t("a", () => I(np([1, 2])));
  t("b", () => I(np(new Map([[1, 2]]))));
  t("c", () => I(np(new Set([1]))));
  t("d", () => I(np(new Uint8Array(2))));
  t("e", () => I(np(new Date(0))));
  t("f", () => I(np(/x/g)));
  t("g", () => I(np(new Error("m"))).split("\n")[0]);
  t("h", () => I(np(function fn() {})));
  t("i", () => I(np(new ArrayBuffer(1))));
  t("j", () => I(np(new Number(3))));
  t("k", () => I(np(Promise.resolve(1))));
  t("l", () => I(np(new WeakMap())));
  t("m", () => I(np(new Map([[1, 2]]).entries())));
  t("n", () => { class A extends Map {} const a = new A([[1, 2]]); return I(a); });
  t("o", () => { class B extends Promise {} return I(B.resolve(1)); });
  t("p", () => { const o = {}; Object.defineProperty(o, Symbol.toStringTag, { value: "Tag" }); return [I(o), I(np(o))]; });
  t("q", () => { function F() {} F.prototype = np({}); return I(new F()); });
  t("r", () => { class C {} const c = new C(); Object.setPrototypeOf(C.prototype, null); return I(c); });
  t("s", () => { const o = Object.create(Array.prototype); return I(o); });
  t("u", () => I(Object.create(Map.prototype)));
  t("v", () => I(class extends null {}));
  t("w", () => I(Object.create(Object.create(null))));
  t("x", () => { const p = new Proxy(np({ a: 1 }), {}); return I(p); });
  t("ty", () => [util.types.isMapIterator(np(new Map().keys())), util.types.isSetIterator(np(new Set().values())), util.types.isMapIterator(new Set().values()), util.types.isSetIterator({})]);
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"a": "[Array(2): null prototype] [ 1, 2 ]", "b": "[Map(1): null prototype] { 1 => 2 }", "c": "[Set(1): null prototype] { 1 }", "d": "[Uint8Array(2): null prototype] [ 0, 0 ]", "e": "[Date: null prototype] 1970-01-01T00:00:00.000Z", "f": "[RegExp: null prototype] /x/g", "g": "[Error: null prototype]: m", "h": "[Function (null prototype): fn]", "i": "[ArrayBuffer: null prototype] {\n  [Uint8Contents]: <00>,\n  byteLength: undefined\n}", "j": "[Number (null prototype): 3]", "k": "[Promise: null prototype] { 1 }", "l": "[WeakMap: null prototype] { <items unknown> }", "m": "[Map Entries] { [ 1, 2 ] }", "n": "A(1) [Map] { 1 => 2 }", "o": "B [Promise] { 1 }", "p": ["Object [Tag] {}", "[Object: null prototype] [Tag] {}"], "q": "F <[Object: null prototype] {}> {}", "r": "C {}", "s": "Array {}", "u": "Map {}", "v": "[class (anonymous)]", "w": "Object <[Object: null prototype] {}> {}", "x": "Proxy([Object: null prototype] { a: 1 })", "ty": [true, true, false, false]}`,
	},
	{
		name: "assertClass",
		worker: `import assert, { Assert } from "node:assert";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { const v = f(); r[k] = v === undefined ? "ok" : v; } catch (e) { r[k] = ["ERR", e.name, e.code, e.message]; } };
  t("a1", () => { const a = new Assert(); return [Object.keys(a).sort(), typeof a.strictEqual, a.strictEqual === assert.strictEqual, Object.getOwnPropertyNames(Assert.prototype).sort()]; });
  t("a2", () => new Assert(null));
  t("a3", () => new Assert(5));
  t("a4", () => new Assert({ diff: "x" }));
  t("a5", () => new Assert({ strict: 1 }));
  t("a6", () => { const a = new Assert({ strict: false }); a.equal(1, "1"); return "passed"; });
  t("a7", () => { const a = new Assert({ strict: false }); a.deepEqual({ a: 1 }, { a: "1" }); return "passed"; });
  t("a8", () => { const a = new Assert(); a.ok(0); });
  t("a9", () => Assert());
  t("a10", () => { const a = new Assert({ diff: "full" }); a.strictEqual(1, 2); });
  t("a11", () => { const { strictEqual } = new Assert(); strictEqual(1, 2); });
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"a1": [["AssertionError", "deepEqual", "equal", "notDeepEqual", "notEqual"], "function", true, ["constructor", "deepEqual", "deepStrictEqual", "doesNotMatch", "doesNotReject", "doesNotThrow", "equal", "fail", "ifError", "match", "notDeepEqual", "notDeepStrictEqual", "notEqual", "notStrictEqual", "ok", "partialDeepStrictEqual", "rejects", "strictEqual", "throws"]], "a2": {}, "a3": {}, "a4": ["ERR", "TypeError", "ERR_INVALID_ARG_VALUE", "The property 'options.diff' must be one of: 'simple', 'full'. Received 'x'"], "a5": {}, "a6": "passed", "a7": "passed", "a8": ["ERR", "AssertionError", "ERR_ASSERTION", "0 == true"], "a9": ["ERR", "TypeError", "ERR_CONSTRUCT_CALL_REQUIRED", "Class constructor Assert cannot be invoked without ` + "`" + `new` + "`" + `"], "a10": ["ERR", "AssertionError", "ERR_ASSERTION", "Values are not strictly equal:\n\n\n[Diff] Actual / Expected\n\n\n-   1\n+   2\n"], "a11": ["ERR", "AssertionError", "ERR_ASSERTION", "Values are not strictly equal:\n\n\n[Diff] Actual / Expected\n\n\n-   1\n+   2\n"]}`,
	},
	{
		name: "assertLoose",
		worker: `import { Assert } from "node:assert";
export default { async fetch() {
  const r = {};
  const E = (e) => [e.name, e.code, e.message, e.generatedMessage, e.operator];
  const t = (k, f) => { try { const v = f(); r[k] = v === undefined ? "ok" : v; } catch (e) { r[k] = E(e); } };
  const L = new Assert({ strict: false });
  t("keysL", () => Object.keys(L).sort());
  t("e1", () => L.equal(1, 2));
  t("e2", () => L.equal(null, undefined));
  t("e3", () => L.equal(NaN, NaN));
  t("e4", () => L.notEqual(1, "1"));
  t("e5", () => L.equal({}, {}));
  t("e6", () => L.equal(1, 2, "msg"));
  t("d1", () => L.deepEqual({ a: 1 }, { a: 2 }));
  t("d2", () => L.deepEqual([1, 2], ["1", "2"]));
  t("d3", () => L.deepEqual(Object.create(null), {}));
  t("d4", () => L.deepEqual(new Date(0), new Date(0)));
  t("d5", () => L.deepEqual({ a: undefined }, {}));
  t("d6", () => L.deepEqual(new Set([1]), new Set(["1"])));
  t("d7", () => L.deepEqual(new Map([[1, "1"]]), new Map([[1, 1]])));
  t("d8", () => L.notDeepEqual({ a: 1 }, { a: "1" }));
  t("d9", () => L.deepEqual(0, -0));
  t("d10", () => L.deepEqual(new Number(1), new Number(1)));
  t("d11", () => L.deepEqual(new Error("a"), new Error("a")));
  t("d12", () => L.deepEqual([1, , 3], [1, undefined, 3]));
  t("d13", () => L.deepEqual({ [Symbol.for("s")]: 1 }, {}));
  t("d14", () => L.deepEqual(/a/, /a/g));
  t("d15", () => L.deepEqual(new Uint8Array([1]), new Int8Array([1])));
  t("d16", () => L.deepEqual(1, true));
  t("d17", () => L.deepEqual({ a: [1, { b: 2 }] }, { a: ["1", { b: "2" }] }));
  t("d18", () => L.notDeepEqual([1], [2]));
  t("s1", () => L.strictEqual(1, "1"));
  t("S", () => { const S = new Assert(); return [S.equal === S.strictEqual, Object.getPrototypeOf(S).equal === S.strictEqual]; });
  t("ok", () => L.ok(0));
  return new Response(JSON.stringify(r));
} };
`,
		want: `{"keysL": ["AssertionError"], "e1": ["AssertionError", "ERR_ASSERTION", "1 == 2", true, "=="], "e2": "ok", "e3": "ok", "e4": ["AssertionError", "ERR_ASSERTION", "1 != '1'", true, "!="], "e5": ["AssertionError", "ERR_ASSERTION", "{} == {}", true, "=="], "e6": ["AssertionError", "ERR_ASSERTION", "msg", false, "=="], "d1": ["AssertionError", "ERR_ASSERTION", "Expected values to be loosely deep-equal:\n\n{ a: 1 }\n\nshould loosely deep-equal\n\n{ a: 2 }", true, "deepEqual"], "d2": "ok", "d3": "ok", "d4": "ok", "d5": ["AssertionError", "ERR_ASSERTION", "Expected values to be loosely deep-equal:\n\n{ a: undefined }\n\nshould loosely deep-equal\n\n{}", true, "deepEqual"], "d6": "ok", "d7": "ok", "d8": ["AssertionError", "ERR_ASSERTION", "Expected values not to be loosely deep-equal:\n\n{ a: 1 }\n\nshould not loosely deep-equal\n\n{ a: '1' }", true, "notDeepEqual"], "d9": "ok", "d10": "ok", "d11": "ok", "d12": ["AssertionError", "ERR_ASSERTION", "Expected values to be loosely deep-equal:\n\n[ 1, <1 empty item>, 3 ]\n\nshould loosely deep-equal\n\n[ 1, undefined, 3 ]", true, "deepEqual"], "d13": "ok", "d14": ["AssertionError", "ERR_ASSERTION", "Expected values to be loosely deep-equal:\n\n/a/\n\nshould loosely deep-equal\n\n/a/g", true, "deepEqual"], "d15": ["AssertionError", "ERR_ASSERTION", "Expected values to be loosely deep-equal:\n\nUint8Array(1) [ 1 ]\n\nshould loosely deep-equal\n\nInt8Array(1) [ 1 ]", true, "deepEqual"], "d16": "ok", "d17": "ok", "d18": "ok", "s1": ["AssertionError", "ERR_ASSERTION", "Values are not strictly equal:\n\n\n[Diff] Actual / Expected\n\n\n-   1\n+   '1'\n", false, "strictEqual"], "S": [true, false], "ok": ["AssertionError", "ERR_ASSERTION", "0 == true", true, "=="]}`,
	},
}

func TestNodeAssertWorkerd(t *testing.T) {
	for _, c := range nodeAssertCases {
		t.Run(c.name, func(t *testing.T) {
			flags := c.flags
			if flags == "" {
				flags = `"nodejs_compat"`
			}
			base := server(t, inline(t, c.worker, `, compatibilityFlags = [`+flags+`]`), config.Options{})
			code, _, body := get(t, base+"/")
			if code != 200 {
				t.Fatalf("status %d: %s", code, body)
			}
			compareJSON(t, body, c.want)
		})
	}
}

// node:console needs enable_nodejs_console_module (implied by nodejs_compat from 2025-09-21);
// without it the bare name still means node:console, as in workerd.
func TestNodeConsoleModuleGate(t *testing.T) {
	src := `export default { async fetch() {
  const r = {};
  try { const m = await import("node:console"); r.a = typeof m.Console; } catch (e) { r.a = e.message; }
  try { const m = await import("console"); r.b = typeof m.Console; } catch (e) { r.b = e.message; }
  return new Response(JSON.stringify(r));
} };`
	for _, c := range []struct{ extra, want string }{
		{`, compatibilityFlags = ["nodejs_compat"]`, `{"a":"No such module \"node:console\".","b":"No such module \"node:console\"."}`},
		{`, compatibilityFlags = ["nodejs_compat", "enable_nodejs_console_module"]`, `{"a":"function","b":"function"}`},
	} {
		base := server(t, inline(t, src, c.extra), config.Options{})
		if _, _, body := get(t, base+"/"); body != c.want {
			t.Errorf("%s:\n got  %s\n want %s", c.extra, body, c.want)
		}
	}
}
