package isolate

import "testing"

func TestRuntimeBasics(t *testing.T) {
	check(t, map[string]string{
		`return 1 + 1`: `2`,
		`return await new Promise(r => setTimeout(() => r("late"), 20))`:                                                                               `"late"`,
		`let n = 0; await new Promise(r => { const id = setInterval(() => { if (++n === 3) { clearInterval(id); r(); } }, 1); }); return n`:            `3`,
		`const t = setTimeout(() => { throw new Error("must not fire") }, 1); clearTimeout(t); await new Promise(r => setTimeout(r, 10)); return "ok"`: `"ok"`,
		`return new TextDecoder().decode(new TextEncoder().encode("héllo €"))`:                                                                         `"héllo €"`,
		`return [...new TextEncoder().encode("\ud800")]`:                                                                                               `[239,191,189]`,
		`return new TextDecoder().decode(new Uint8Array([0xF0, 0x90, 0x80, 0x41]))`:                                                                    "\"\ufffdA\"",
		`try { new TextDecoder("utf-8", {fatal: true}).decode(new Uint8Array([0xff])) } catch (e) { return e.name }`:                                   `"TypeError"`,
		`const d = new TextDecoder(); return d.decode(new Uint8Array([0xE2, 0x82]), {stream: true}) + d.decode(new Uint8Array([0xAC]))`:                `"€"`,
		`return new TextDecoder().decode(new Uint8Array([0xEF,0xBB,0xBF,0x41]))`:                                                                       `"A"`,
		`return btoa("hello") + " " + atob("aGVsbG8=")`:                                                                                                `"aGVsbG8= hello"`,
		`try { atob("*") } catch (e) { return e.name + " " + e.code }`:                                                                                 `"InvalidCharacterError 5"`,
		`try { btoa("€") } catch (e) { return e instanceof DOMException }`:                                                                             `true`,
	})
}

func TestURL(t *testing.T) {
	check(t, map[string]string{
		`return new URL("HTTPS://Example.COM:443/a/../b?x=1#f").href`:                              `"https://example.com/b?x=1#f"`,
		`const u = new URL("/p?q", "http://h.test/a/b"); return [u.pathname, u.search, u.origin]`:  `["/p","?q","http://h.test"]`,
		`try { new URL("nope") } catch (e) { return e.name }`:                                      `"TypeError"`,
		`const u = new URL("http://a/?b=1&c=2"); u.searchParams.append("d", "x y"); return u.href`: `"http://a/?b=1&c=2&d=x+y"`,
		`const u = new URL("http://a/"); u.hostname = "b.example"; u.port = "8080"; return u.host`: `"b.example:8080"`,
		`const p = new URLSearchParams({a: "1", b: "é"}); return p.toString()`:                     `"a=1&b=%C3%A9"`,
		`return URL.canParse("http://x") && !URL.canParse("x")`:                                    `true`,
		`return new URL("http://münchen.de/").host`:                                                `"xn--mnchen-3ya.de"`,
	})
}

func TestHeadersRequestResponse(t *testing.T) {
	check(t, map[string]string{
		`const h = new Headers({"B": "2", "a": "1"}); h.append("A", "3"); return [...h]`:                                                                                                     `[["a","1, 3"],["b","2"]]`,
		`const h = new Headers(); h.append("Set-Cookie", "a=1"); h.append("set-cookie", "b=2"); return [h.getSetCookie(), [...h]]`:                                                           `[["a=1","b=2"],[["set-cookie","a=1"],["set-cookie","b=2"]]]`,
		`try { new Headers({"bad name": "x"}) } catch (e) { return e.name }`:                                                                                                                 `"TypeError"`,
		`return new Headers({"x": "  padded \t"}).get("x")`:                                                                                                                                  `"padded"`,
		`const r = new Response("hi", {status: 201}); return [r.status, r.ok, r.headers.get("content-type"), await r.text()]`:                                                                `[201,true,"text/plain;charset=UTF-8","hi"]`,
		`const r = Response.json({a: 1}); return [r.headers.get("content-type"), await r.json()]`:                                                                                            `["application/json",{"a":1}]`,
		`try { new Response("x", {status: 204}) } catch (e) { return e.name }`:                                                                                                               `"TypeError"`,
		`try { new Response("x", {status: 600}) } catch (e) { return e.name }`:                                                                                                               `"RangeError"`,
		`const r = Response.redirect("http://x/y", 301); return [r.status, r.headers.get("location")]`:                                                                                       `[301,"http://x/y"]`,
		`try { Response.redirect("http://x/", 200) } catch (e) { return e.name }`:                                                                                                            `"RangeError"`,
		`const r = new Request("http://x/a", {method: "post", body: "b"}); return [r.method, r.url, await r.text()]`:                                                                         `["POST","http://x/a","b"]`,
		`try { new Request("http://x/", {body: "b"}) } catch (e) { return e.message }`:                                                                                                       `"Request with a GET or HEAD method cannot have a body."`,
		`const r = new Response("abc"); const c = r.clone(); return [await r.text(), await c.text()]`:                                                                                        `["abc","abc"]`,
		`const r = new Response("abc"); await r.text(); try { await r.text() } catch (e) { return [r.bodyUsed, e.name] }`:                                                                    `[true,"TypeError"]`,
		`const s = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("a")); c.enqueue(new TextEncoder().encode("b")); c.close(); } }); return await new Response(s).text()`: `"ab"`,
		`return await new Response(new URLSearchParams("a=1")).text()`:                                                                                                                       `"a=1"`,
		`return new Response(null).body`: `null`,
		`const s = new ReadableStream({ start(c) { c.enqueue("h\u00e9"); c.enqueue("\ud83d"); c.enqueue("\ude00!"); c.close(); } }).pipeThrough(new TextEncoderStream()).pipeThrough(new TextDecoderStream()); let out = ""; for await (const x of s) out += x; return out`: `"hé😀!"`,
		`const d = new TextDecoderStream(); const w = d.writable.getWriter(); w.write(new Uint8Array([0xe2, 0x82])); w.write(new Uint8Array([0xac])); w.close(); let out = []; for await (const x of d.readable) out.push(x); return out`:                                   `["€"]`,
		`const r = new Response("hello").body.getReader({ mode: "byob" }); const a = await r.read(new Uint8Array(2)); const b = await r.read(new Uint8Array(10)); return [...a.value, "|", ...b.value]`:                                                                     `[104,101,"|",108,108,111]`,
	})
}
