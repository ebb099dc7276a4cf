package isolate

import (
	"strings"
	"testing"
)

// navigator, performance, Cloudflare, origin (js/misc.js). Expected values are real workerd's
// (compatibility date 2026-11-17).
func TestNavigator(t *testing.T) {
	check(t, map[string]string{
		`return [navigator.userAgent, navigator.hardwareConcurrency, navigator.language, navigator.languages, navigator.platform, typeof navigator.sendBeacon]`:                     `["Cloudflare-Workers",1,"en",["en"],"","function"]`,
		`return [Object.prototype.toString.call(navigator), String(navigator), Object.keys(navigator), Object.getPrototypeOf(navigator) === Navigator.prototype]`:                   `["[object Navigator]","[object Navigator]",["languages","language","platform","hardwareConcurrency","userAgent"],true]`,
		`return Object.getOwnPropertyNames(navigator).map(k => { const d = Object.getOwnPropertyDescriptor(navigator, k); return [k, d.writable, d.enumerable, d.configurable]; })`: `[["languages",false,true,true],["language",false,true,true],["platform",false,true,true],["hardwareConcurrency",false,true,true],["userAgent",false,true,true]]`,
		`Object.defineProperty(navigator, 'language', { value: 'tr' }); const l = navigator.language; Object.defineProperty(navigator, 'language', { value: 'en' }); return l`:      `"tr"`,
		`return new Navigator()`:             `throws TypeError: Illegal constructor`,
		`return navigator.sendBeacon()`:      `throws TypeError: Failed to execute 'sendBeacon' on 'Navigator': parameter 1 is not of type 'string'.`,
		`return navigator.sendBeacon.length`: `0`,
		`navigator; const d = Object.getOwnPropertyDescriptor(globalThis, 'navigator'); return [d.writable, d.enumerable, d.configurable]`: `[true,true,true]`,
	})
}

func TestPerformance(t *testing.T) {
	check(t, map[string]string{
		// workerd's clock: performance.now() is Date.now(), the time origin 0.
		`const a = performance.now(); const d = Date.now(); return [typeof a, Math.abs(a - d) < 50, performance.timeOrigin]`:                                               `["number",true,0]`,
		`const a = performance.now(); await new Promise(r => setTimeout(r, 20)); return performance.now() - a >= 15`:                                                       `true`,
		`return [Object.prototype.toString.call(performance), JSON.stringify(performance), JSON.stringify(performance.toJSON()), Object.getOwnPropertyNames(performance)]`: `["[object Performance]","{\"timeOrigin\":0}","{\"timeOrigin\":0}",[]]`,
		`return [new Performance(), 1]`: `throws TypeError: Illegal constructor`,
		`const d = Object.getOwnPropertyDescriptor(Performance.prototype, 'timeOrigin'); return [typeof d.get, d.enumerable, Object.getOwnPropertyDescriptor(Performance.prototype, 'now').enumerable]`: `["function",true,true]`,
		`return Performance.prototype.now.call({})`: illegalInvocationThrow,
		// mark() and measure().
		`performance.clearMarks(); performance.clearMeasures(); const m = performance.mark('m1', {detail: {a: 1}, startTime: 5});
		 return [m.name, m.entryType, m.startTime, m.duration, m.detail, JSON.stringify(m), Object.prototype.toString.call(m), m instanceof PerformanceEntry, m instanceof PerformanceMark]`: `["m1","mark",5,0,{"a":1},"{\"name\":\"m1\",\"entryType\":\"mark\",\"startTime\":5,\"duration\":0,\"detail\":{\"a\":1}}","[object PerformanceMark]",true,true]`,
		`const m = performance.mark('x', {startTime: -1}); performance.clearMarks('x'); return [m.startTime, m.detail]`: `[-1,null]`,
		`return performance.mark()`:                 `throws TypeError: Failed to execute 'mark' on 'Performance': parameter 1 is not of type 'string'.`,
		`return performance.mark('x', {detail: 5})`: `throws TypeError: Incorrect type for the 'detail' field on 'Options': the provided value is not of type 'Object'.`,
		`return performance.measure()`:              `throws TypeError: Failed to execute 'measure' on 'Performance': parameter 1 is not of type 'string'.`,
		`const me = performance.measure('m', {start: 10, end: 30, detail: {z: 1}}); performance.clearMeasures('m'); return [me.startTime, me.duration, me.detail, me.entryType]`: `[10,20,{"z":1},"measure"]`,
		`const me = performance.measure('m', {start: 10, duration: 5}); performance.clearMeasures('m'); return [me.startTime, me.duration]`:                                      `[10,5]`,
		`const me = performance.measure('q', 'nonexistent'); performance.clearMeasures('q'); return [me.startTime, me.duration > 1e12]`:                                          `[0,true]`,
		`performance.clearMarks(); performance.clearMeasures(); performance.mark('s1', {startTime: 100}); performance.mark('s2', {startTime: 150});
		 const me = performance.measure('m', 's1', 's2'); const r = [me.startTime, me.duration, performance.getEntries().length, performance.getEntriesByType('mark').length,
		   performance.getEntriesByName('s1').length, performance.getEntriesByName('s1', 'measure').length];
		 performance.clearMarks('s1'); r.push(performance.getEntries().map(e => e.name)); performance.clearMarks(); performance.clearMeasures(); r.push(performance.getEntries().length); return r`: `[100,50,3,2,1,0,["s2","m"],0]`,
		`return [new PerformanceMark('zz').startTime > 1e12, new PerformanceMark('zz', {detail: {q: 1}}).detail]`: `[true,{"q":1}]`,
		`return new PerformanceMark('x', {detail: 1})`:                                                            `throws TypeError: Incorrect type for the 'detail' field on 'Options': the provided value is not of type 'Object'.`,
		`return new PerformanceEntry()`:                                                                           `throws TypeError: Illegal constructor`,
		`return new PerformanceMeasure()`:                                                                         `throws TypeError: Illegal constructor`,
		`return [Object.keys(PerformanceEntry.prototype), Object.keys(PerformanceMark.prototype)]`:                `[["name","entryType","startTime","duration","toJSON"],["detail","toJSON"]]`,
	})
}

func TestCloudflareGlobal(t *testing.T) {
	check(t, map[string]string{
		`return [Object.prototype.toString.call(Cloudflare), Cloudflare.constructor === Object, Object.getPrototypeOf(Cloudflare) === Object.prototype, Object.getOwnPropertyNames(Cloudflare)]`: `["[object Cloudflare]",false,false,["compatibilityFlags"]]`,
		`const f = Cloudflare.compatibilityFlags; const d = Object.getOwnPropertyDescriptor(Cloudflare, 'compatibilityFlags');
		 return [Object.isFrozen(f), Object.getPrototypeOf(f), d.writable, d.enumerable, d.configurable, f.set_event_target_this, f.no_resizable_array_buffer_in_blob, f.no_such_flag]`: `[true,null,false,true,true,true,false,null]`,
		`'use strict'; try { Cloudflare.compatibilityFlags.x = 1; } catch (e) { return e.name; }`:                                    `"TypeError"`,
		`const d = Object.getOwnPropertyDescriptor(globalThis, 'origin'); return [origin, d.writable, d.enumerable, d.configurable]`: `["null",false,true,true]`,
	})
}

// With the host's resolved flags, Cloudflare.compatibilityFlags is exactly that set.
func TestCloudflareFlagsFromHost(t *testing.T) {
	iso, _ := newTestIsolate(t)
	got := iso.eval(t, `
		const ints = globalThis[Symbol.for("nanod.internals")];
		Object.defineProperty(ints, "compatEnabled", { value: { a_flag: true, b_flag: false, enable_navigator_language: false, global_navigator: true }, configurable: true });
		const r = [Cloudflare.compatibilityFlags, navigator.language, 'languages' in navigator];
		delete ints.compatEnabled;
		return r;`)
	if want := `[{"a_flag":true,"b_flag":false,"enable_navigator_language":false,"global_navigator":true},null,false]`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// The shape of the globals: classes are non-enumerable, the global instances enumerable.
func TestEventsGlobals(t *testing.T) {
	check(t, map[string]string{
		`return ['Event', 'EventTarget', 'ExtendableEvent', 'CustomEvent', 'AbortController', 'AbortSignal', 'Blob', 'File', 'FormData', 'Navigator', 'Performance',
		   'PerformanceEntry', 'PerformanceMark', 'PerformanceMeasure', 'addEventListener', 'removeEventListener', 'dispatchEvent', 'reportError']
		   .filter(n => { const d = Object.getOwnPropertyDescriptor(globalThis, n); return !d || d.enumerable || !d.writable || !d.configurable; })`: `[]`,
		`return ['navigator', 'performance', 'Cloudflare', 'scheduler', 'origin'].filter(n => !Object.keys(globalThis).includes(n))`: `[]`,
		`return [Event.prototype, EventTarget.prototype, AbortSignal.prototype, AbortController.prototype, CustomEvent.prototype, Blob.prototype, File.prototype, FormData.prototype]
		   .map(p => p[Symbol.toStringTag])`: `["Event","EventTarget","AbortSignal","AbortController","CustomEvent","Blob","File","FormData"]`,
		`return [typeof reportError, reportError.length, reportError.name]`: `["function",0,"reportError"]`,
	})
}

// reportError: an ErrorEvent at the global scope, then the error is logged unless a listener
// prevented that (workerd's reporterror-test.js, and its ErrorEvent message formats).
func TestReportError(t *testing.T) {
	iso, lg := newTestIsolate(t)
	cases := []struct{ src, want string }{
		{`const boom = new Error('boom'); const g = [];
		  const h = (e) => { g.push([e.constructor.name, e.type, e.message, e.error === boom, e.lineno, e.colno, e.filename, e.cancelable, e.isTrusted]); return true; };
		  addEventListener('error', h); const rv = reportError(boom); removeEventListener('error', h); return [rv, g];`,
			`[null,[["ErrorEvent","error","Uncaught Error: boom",true,2,13,"test.js",false,true]]]`},
		{`const g = []; const h = (e) => { g.push([e.message, e.error, e.lineno, e.colno]); e.preventDefault(); };
		  addEventListener('error', h); reportError('boom'); removeEventListener('error', h); return g;`,
			`[["Uncaught boom","boom",3,34]]`},
		{`const g = []; const h = (e) => { g.push(e.message); return true; }; addEventListener('error', h);
		  for (const v of [[1,2], new Map(), () => 1, Symbol('s'), 1n, true, {toString() { return 'custom'; }}, Object.create(null), new (class Foo {})(),
		    new TypeError('t'), Object.assign(new Error('m'), {name: 'Named'}), {name: 'X', message: 'y', stack: 'S'}, '', {a: 1}, undefined, null, 5]) reportError(v);
		  removeEventListener('error', h); return g;`,
			`["Uncaught [object Array]","Uncaught #<Map>","Uncaught () => 1","Uncaught Symbol(s)","Uncaught 1","Uncaught true","Uncaught [object Object]","Uncaught [object Object]","Uncaught #<Foo>","Uncaught TypeError: t","Uncaught Named: m","Uncaught #<Object>","Uncaught ","Uncaught #<Object>","Uncaught undefined","Uncaught null","Uncaught 5"]`},
		{`return reportError()`, `throws TypeError: Failed to execute 'reportError' on 'ServiceWorkerGlobalScope': parameter 1 is not of type 'Value'.`},
	}
	for _, c := range cases {
		if got := iso.eval(t, c.src); got != c.want {
			t.Errorf("%s\n got  %s\n want %s", c.src, got, c.want)
		}
	}
	if s := lg.String(); s != "" {
		t.Errorf("prevented reports were logged:\n%s", s)
	}

	// Not prevented: logged (the stack when there is one); an exception in an error listener is
	// logged as well, and does not stop the report.
	iso.eval(t, `reportError('plain'); reportError({a: 1});
		const h = () => { throw new Error('inner'); }; addEventListener('error', h);
		const e = new RangeError('outer'); e.stack = 'RangeError: outer\n    at somewhere'; reportError(e); removeEventListener('error', h);`)
	want := "error: Uncaught plain\nerror: Uncaught #<Object>\nerror: Uncaught Error: inner\n"
	s := lg.String()
	if !strings.HasPrefix(s, want) || !strings.HasSuffix(s, "error: Uncaught RangeError: outer\n    at somewhere") {
		t.Errorf("log:\n got  %q\n want %q … %q", s, want, "error: Uncaught RangeError: outer\n    at somewhere")
	}
}

// Request.signal and fetch() with an AbortSignal (workerd's abortable-fetch-test.js).
func TestRequestSignal(t *testing.T) {
	check(t, map[string]string{
		`const r = new Request('http://x/'); return [r.signal instanceof AbortSignal, r.signal === r.signal, r.signal.aborted, Reflect.has(r, 'signal')]`: `[true,true,false,true]`,
		`const ac = new AbortController(); const r = new Request('http://x/', {signal: ac.signal}); return r.signal === ac.signal`:                        `true`,
		`return new Request('http://x/', {signal: 5})`:                                  `throws TypeError: Incorrect type for the 'signal' field on 'RequestInitializerDict': the provided value is not of type 'AbortSignal'.`,
		`return new Request('http://x/', {signal: {}})`:                                 `throws TypeError: Incorrect type for the 'signal' field on 'RequestInitializerDict': the provided value is not of type 'AbortSignal'.`,
		`return new Request('http://x/', {signal: null}).signal instanceof AbortSignal`: `true`,
		`const ac = new AbortController(); const r = new Request('http://x/', {signal: ac.signal});
		 return [new Request(r).signal === ac.signal, r.clone().signal === ac.signal, new Request(r, {signal: null}).signal === ac.signal]`: `[true,true,false]`,
		`const ac = new AbortController(); ac.abort(); try { await fetch('http://example.org/', {signal: ac.signal}); } catch (e) { return [e.name, e.message, e === ac.signal.reason]; }`: `["AbortError","The operation was aborted",true]`,
		`try { await fetch('http://example.org/', {signal: AbortSignal.abort('boom')}); } catch (e) { return e; }`:                                                                         `"boom"`,
		`const ac = new AbortController(); const r = new Request('http://example.org/', {signal: ac.signal}); ac.abort('y'); try { await fetch(r); } catch (e) { return e; }`:              `"y"`,
		`const ac = new AbortController(); const p = fetch('http://example.org/', {signal: ac.signal}); ac.abort(); try { await p; } catch (e) { return [e.name, e.message]; }`:            `["AbortError","The operation was aborted"]`,
	})
}
