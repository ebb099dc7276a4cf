package services_test

import (
	"testing"

	"github.com/nanod-runtime/nanod/config"
)

// node:querystring, node:punycode, node:os, node:path/win32 and node:url, compared with what workerd
// answered for the same worker (compatibility date 2026-11-17).
func TestNodeSmallModules(t *testing.T) {
	base := server(t, inline(t, nodeSmallWorker, `, compatibilityFlags = ["nodejs_compat", "enable_nodejs_os_module", "enable_nodejs_punycode_module"]`), config.Options{})
	_, _, body := get(t, base+"/")
	compareJSON(t, body, nodeSmallWant)

	base = server(t, inline(t, nodeURLWorker, `, compatibilityFlags = ["nodejs_compat"]`), config.Options{})
	_, _, body = get(t, base+"/")
	compareJSON(t, body, nodeURLWant)

	for i, c := range []struct{ worker, want string }{{dcWorker, dcWant}, {dcShapeWorker, dcShapeWant}} {
		base = server(t, inline(t, c.worker, `, compatibilityFlags = ["nodejs_compat"]`), config.Options{})
		if _, _, body := get(t, base+"/"); body != c.want {
			t.Errorf("diagnostics_channel %d:\n got  %s\n want %s", i, body, c.want)
		}
	}

	// As in workerd, node:os and node:punycode need their own flags (on by date from 2025-09-15
	// and 2025-12-04) besides nodejs_compat.
	base = server(t, inline(t, `export default { async fetch() {
  const out = [];
  for (const m of ["node:os", "node:punycode", "node:querystring", "node-internal:punycode"]) { try { await import(m); out.push("ok"); } catch (e) { out.push(e.message); } }
  return Response.json(out);
} };`, `, compatibilityFlags = ["nodejs_compat"]`), config.Options{})
	if _, _, body := get(t, base+"/"); body != `["No such module \"node:os\".","No such module \"node:punycode\".","ok","No such module \"node-internal:punycode\"."]` {
		t.Errorf("gated modules: %s", body)
	}
}

var nodeSmallWorker = `import qs from "node:querystring";
import * as qsns from "node:querystring";
import punycode from "node:punycode";
import os from "node:os";
import win32, { basename as wb } from "node:path/win32";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { const v = f(); r[k] = v === undefined ? "undefined" : v; } catch (e) { r[k] = "ERR " + e.name + " " + (e.code ?? "") + " " + e.message; } };
  t("qk", () => Object.keys(qsns).sort().join());
  for (const [i, s] of ["a=1&b=2&a=3", "a+b=c+d&e", "a=%zz&b=%41%", "&&x=1&&", "a[]=1&a[]=2", "%E2%82%AC=%E2%82%AC", "a=1;b=2", "k=v=w", "=x", "a=%F0%9F", ""].entries()) t("p" + i, () => JSON.stringify(qs.parse(s)));
  t("psep", () => JSON.stringify(qs.parse("a:1;b:2", ";", ":")));
  t("pmax", () => JSON.stringify(qs.parse("a=1&b=2&c=3", null, null, { maxKeys: 2 })));
  t("proto", () => Object.getPrototypeOf(qs.parse("a=1")) === null);
  t("s1", () => qs.stringify({ a: [1, 2], b: "x y", c: true, d: null, e: undefined, f: {}, g: NaN, h: 3n, "é": "€!'()*~" }));
  t("s2", () => qs.stringify({ a: 1, b: 2 }, ";", ":"));
  t("s3", () => qs.stringify("str"));
  t("s4", () => qs.stringify({ a: "\ud800" }));
  t("e1", () => qs.escape("a b&c/é"));
  t("u1", () => [qs.unescape("a%20b+c"), qs.unescape("%zz%41"), String(qs.unescapeBuffer("a+%41%", true))]);
  t("y1", () => [punycode.encode("mañana"), punycode.decode("maana-pta"), punycode.toASCII("mañana.com"), punycode.toUnicode("xn--maana-pta.com"), punycode.toASCII("user@☃.net"), punycode.ucs2.decode("\ud834\udf06"), punycode.ucs2.encode([0x1d306]), punycode.version]);
  t("y2", () => punycode.decode("\u0081-"));
  t("y3", () => punycode.decode("xn--abc!"));
  t("y4", () => punycode.toUnicode("XN--MAANA-PTA.com"));
  t("w1", () => [win32.basename("C:\\a\\b.txt"), wb("a\\c"), win32.sep, typeof win32.posix, win32.win32 === win32]);
  t("o1", () => [os.platform(), os.EOL, os.tmpdir()]);
  return Response.json(r);
} };
`

var nodeSmallWant = `{"qk":"decode,default,encode,escape,parse,stringify,unescape,unescapeBuffer","p0":"{\"a\":[\"1\",\"3\"],\"b\":\"2\"}","p1":"{\"a b\":\"c d\",\"e\":\"\"}","p2":"{\"a\":\"%zz\",\"b\":\"A%\"}","p3":"{\"x\":\"1\"}","p4":"{\"a[]\":[\"1\",\"2\"]}","p5":"{\"€\":\"€\"}","p6":"{\"a\":\"1;b=2\"}","p7":"{\"k\":\"v=w\"}","p8":"{\"\":\"x\"}","p9":"{\"a\":\"�\"}","p10":"{}","psep":"{\"a\":\"1\",\"b\":\"2\"}","pmax":"{\"a\":\"1\",\"b\":\"2\"}","proto":true,"s1":"a=1&a=2&b=x%20y&c=true&d=&e=&f=&g=&h=3&%C3%A9=%E2%82%AC!'()*~","s2":"a:1;b:2","s3":"","s4":"ERR URIError ERR_INVALID_URI URI malformed","e1":"a%20b%26c%2F%C3%A9","u1":["a b+c","%zzA","a A%"],"y1":["maana-pta","mañana","xn--maana-pta.com","mañana.com","user@xn--n3h.net",[119558],"𝌆","2.1.0"],"y2":"ERR RangeError  Illegal input >= 0x80 (not a basic code point)","y3":"ERR RangeError  Invalid input","y4":"XN--MAANA-PTA.com","w1":["b.txt","c","\\","object",true],"o1":["linux","\n","/tmp/"]}`

var nodeURLWorker = `import url, * as ns from "node:url";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { const v = f(); r[k] = v === undefined ? "undefined" : v; } catch (e) { r[k] = "ERR " + e.name + " " + (e.code ?? "") + " " + e.message; } };
  const plain = (u) => { const o = {}; for (const k of Object.keys(u)) o[k] = u[k] && typeof u[k] === "object" ? JSON.stringify(u[k]) : u[k]; return o; };
  t("keys", () => Object.keys(ns).sort().join());
  const inputs = ["http://user:pass@Host.COM:8080/p/a/t/h?query=string#hash", "/just/a/path?x=1", "//host/path", "https://example.com", "mailto:someone@example.com", "javascript:alert(1)", "http://a.com/b\\c?d\\e", "  http://x.com/ y  ", "http://[::1]:80/x", "HTTP://ÉXAMPLE.com/ü", "file:///etc/passwd", "file:/x", "http://a@b@c/", "http://x.com/a#h?q", "?only=query", "#frag", "http://a.com:/x", "http://a b.com/", "a:b", "xmpp:user@host", "http://a.com/%zz", "http://exa<mple.com/", "ws://h/p'q\"r", "", "//a/b", "http://ex_ample.com/"];
  inputs.forEach((s, i) => { t("p" + i, () => plain(url.parse(s))); });
  t("pq", () => plain(url.parse("http://a/?x=1&x=2&y", true)));
  t("ps", () => plain(url.parse("//host/p", false, true)));
  t("pe", () => url.parse(1));
  t("f1", () => url.format({ protocol: "https", hostname: "ex.com", pathname: "/a b#?", query: { a: 1, b: [2, 3] } }));
  t("f2", () => url.format({ protocol: "mailto", auth: "u s@r", host: "x" }));
  t("f3", () => url.format("http://a.com/x?y#z"));
  t("f4", () => url.format(new URL("http://u:p@é.com:81/p?q#h"), { auth: false, fragment: false, search: false, unicode: true }));
  t("f5", () => url.format(5));
  t("f6", () => url.format({ protocol: "file", pathname: "/x" }));
  t("f7", () => url.format({ hostname: "::1", port: 8 }));
  const rels = [["http://a/b/c/d;p?q", "g"], ["http://a/b/c/d;p?q", "./g"], ["http://a/b/c/d;p?q", "g/"], ["http://a/b/c/d;p?q", "/g"], ["http://a/b/c/d;p?q", "//g"], ["http://a/b/c/d;p?q", "?y"], ["http://a/b/c/d;p?q", "g?y"], ["http://a/b/c/d;p?q", "#s"], ["http://a/b/c/d;p?q", "../.."], ["http://a/b/c/d;p?q", "../../../g"], ["http://a/b/c/d;p?q", "g;x=1/../y"], ["http://a/b/c/d;p?q", "https:g"], ["mailto:a@b.com", "c@d.com"], ["http://example.com/one/two", "../three"], ["/one/two/three", "four"], ["http://x/", "ftp://y/z"], ["http://x/a", ""], ["mailto:local1@domain1", "local2@domain2"], ["http://u@a/b", "//c/d"], ["foo/bar", "../baz"], ["http://x/y", "http:z"]];
  rels.forEach(([a, b], i) => t("r" + i, () => url.resolve(a, b)));
  t("ro", () => plain(url.resolveObject("http://a/b/c", "../d?e#f")));
  t("fu1", () => [url.fileURLToPath("file:///a/b%20c"), url.fileURLToPath(new URL("file:///x/y"))]);
  t("fu2", () => url.fileURLToPath("http://x/"));
  t("fu3", () => url.fileURLToPath("file://host/x"));
  t("fu4", () => url.fileURLToPath("file:///a%2Fb"));
  t("fu5", () => url.fileURLToPath(5));
  t("pf1", () => [url.pathToFileURL("/a b/c#d?e%").href, url.pathToFileURL("rel/x/").href]);
  t("pf2", () => url.pathToFileURL(5));
  t("d1", () => [url.domainToASCII("español.com"), url.domainToASCII("xn--iñvalid.com"), url.domainToUnicode("xn--espaol-zwa.com"), url.domainToUnicode("xn--iñvalid.com")]);
  t("d2", () => url.domainToASCII());
  t("h1", () => url.urlToHttpOptions(new URL("https://a:b%20c@[::1]:8080/p?q#h")));
  t("tp", () => [url.toPathIfFileURL(new URL("file:///z")), url.toPathIfFileURL("s")]);
  return Response.json(r);
} };
`

var nodeURLWant = `{"keys":"URL,URLSearchParams,Url,default,domainToASCII,domainToUnicode,fileURLToPath,format,parse,pathToFileURL,resolve,resolveObject,toPathIfFileURL,urlToHttpOptions","p0":{"protocol":"http:","slashes":true,"auth":"user:pass","host":"host.com:8080","port":"8080","hostname":"host.com","hash":"#hash","search":"?query=string","query":"query=string","pathname":"/p/a/t/h","path":"/p/a/t/h?query=string","href":"http://user:pass@host.com:8080/p/a/t/h?query=string#hash"},"p1":{"protocol":null,"slashes":null,"auth":null,"host":null,"port":null,"hostname":null,"hash":null,"search":"?x=1","query":"x=1","pathname":"/just/a/path","path":"/just/a/path?x=1","href":"/just/a/path?x=1"},"p2":{"protocol":null,"slashes":null,"auth":null,"host":null,"port":null,"hostname":null,"hash":null,"search":null,"query":null,"pathname":"//host/path","path":"//host/path","href":"//host/path"},"p3":{"protocol":"https:","slashes":true,"auth":null,"host":"example.com","port":null,"hostname":"example.com","hash":null,"search":null,"query":null,"pathname":"/","path":"/","href":"https://example.com/"},"p4":{"protocol":"mailto:","slashes":null,"auth":"someone","host":"example.com","port":null,"hostname":"example.com","hash":null,"search":null,"query":null,"pathname":null,"path":null,"href":"mailto:someone@example.com"},"p5":{"protocol":"javascript:","slashes":null,"auth":null,"host":null,"port":null,"hostname":null,"hash":null,"search":null,"query":null,"pathname":"alert(1)","path":"alert(1)","href":"javascript:alert(1)"},"p6":{"protocol":"http:","slashes":true,"auth":null,"host":"a.com","port":null,"hostname":"a.com","hash":null,"search":"?d%5Ce","query":"d%5Ce","pathname":"/b/c","path":"/b/c?d%5Ce","href":"http://a.com/b/c?d%5Ce"},"p7":{"protocol":"http:","slashes":true,"auth":null,"host":"x.com","port":null,"hostname":"x.com","hash":null,"search":null,"query":null,"pathname":"/%20y","path":"/%20y","href":"http://x.com/%20y"},"p8":{"protocol":"http:","slashes":true,"auth":null,"host":"[::1]:80","port":"80","hostname":"::1","hash":null,"search":null,"query":null,"pathname":"/x","path":"/x","href":"http://[::1]:80/x"},"p9":{"protocol":"http:","slashes":true,"auth":null,"host":"xn--xample-9ua.com","port":null,"hostname":"xn--xample-9ua.com","hash":null,"search":null,"query":null,"pathname":"/ü","path":"/ü","href":"http://xn--xample-9ua.com/ü"},"p10":{"protocol":"file:","slashes":true,"auth":null,"host":"","port":null,"hostname":"","hash":null,"search":null,"query":null,"pathname":"/etc/passwd","path":"/etc/passwd","href":"file:///etc/passwd"},"p11":{"protocol":"file:","slashes":null,"auth":null,"host":null,"port":null,"hostname":null,"hash":null,"search":null,"query":null,"pathname":"/x","path":"/x","href":"file:///x"},"p12":{"protocol":"http:","slashes":true,"auth":"a@b","host":"c","port":null,"hostname":"c","hash":null,"search":null,"query":null,"pathname":"/","path":"/","href":"http://a%40b@c/"},"p13":{"protocol":"http:","slashes":true,"auth":null,"host":"x.com","port":null,"hostname":"x.com","hash":"#h?q","search":null,"query":null,"pathname":"/a","path":"/a","href":"http://x.com/a#h?q"},"p14":{"protocol":null,"slashes":null,"auth":null,"host":null,"port":null,"hostname":null,"hash":null,"search":"?only=query","query":"only=query","pathname":null,"path":"?only=query","href":"?only=query"},"p15":{"protocol":null,"slashes":null,"auth":null,"host":null,"port":null,"hostname":null,"hash":"#frag","search":null,"query":null,"pathname":null,"path":null,"href":"#frag"},"p16":{"protocol":"http:","slashes":true,"auth":null,"host":"a.com","port":null,"hostname":"a.com","hash":null,"search":null,"query":null,"pathname":"/x","path":"/x","href":"http://a.com/x"},"p17":{"protocol":"http:","slashes":true,"auth":null,"host":"a","port":null,"hostname":"a","hash":null,"search":null,"query":null,"pathname":"%20b.com/","path":"%20b.com/","href":"http://a/%20b.com/"},"p18":{"protocol":"a:","slashes":null,"auth":null,"host":"b","port":null,"hostname":"b","hash":null,"search":null,"query":null,"pathname":null,"path":null,"href":"a:b"},"p19":{"protocol":"xmpp:","slashes":null,"auth":"user","host":"host","port":null,"hostname":"host","hash":null,"search":null,"query":null,"pathname":null,"path":null,"href":"xmpp:user@host"},"p20":{"protocol":"http:","slashes":true,"auth":null,"host":"a.com","port":null,"hostname":"a.com","hash":null,"search":null,"query":null,"pathname":"/%zz","path":"/%zz","href":"http://a.com/%zz"},"p21":{"protocol":"http:","slashes":true,"auth":null,"host":"exa","port":null,"hostname":"exa","hash":null,"search":null,"query":null,"pathname":"%3Cmple.com/","path":"%3Cmple.com/","href":"http://exa/%3Cmple.com/"},"p22":{"protocol":"ws:","slashes":true,"auth":null,"host":"h","port":null,"hostname":"h","hash":null,"search":null,"query":null,"pathname":"/p%27q%22r","path":"/p%27q%22r","href":"ws://h/p%27q%22r"},"p23":{"protocol":null,"slashes":null,"auth":null,"host":null,"port":null,"hostname":null,"hash":null,"search":null,"query":null,"pathname":null,"path":null,"href":""},"p24":{"protocol":null,"slashes":null,"auth":null,"host":null,"port":null,"hostname":null,"hash":null,"search":null,"query":null,"pathname":"//a/b","path":"//a/b","href":"//a/b"},"p25":{"protocol":"http:","slashes":true,"auth":null,"host":"ex_ample.com","port":null,"hostname":"ex_ample.com","hash":null,"search":null,"query":null,"pathname":"/","path":"/","href":"http://ex_ample.com/"},"pq":{"protocol":"http:","slashes":true,"auth":null,"host":"a","port":null,"hostname":"a","hash":null,"search":"?x=1&x=2&y","query":"{\"x\":[\"1\",\"2\"],\"y\":\"\"}","pathname":"/","path":"/?x=1&x=2&y","href":"http://a/?x=1&x=2&y"},"ps":{"protocol":null,"slashes":true,"auth":null,"host":"host","port":null,"hostname":"host","hash":null,"search":null,"query":null,"pathname":"/p","path":"/p","href":"//host/p"},"pe":"ERR TypeError ERR_INVALID_ARG_TYPE The \"url\" argument must be of type string. Received type number (1)","f1":"https://ex.com/a b%23%3F?a=1&b=2&b=3","f2":"mailto:u%20s%40r@x","f3":"http://a.com/x?y#z","f4":"http://é.com:81/p","f5":"ERR TypeError ERR_INVALID_ARG_TYPE The \"urlObject\" argument must be one of type object or string. Received type number (5)","f6":"file:///x","f7":"[::1]:8","r0":"http://a/b/c/g","r1":"http://a/b/c/g","r2":"http://a/b/c/g/","r3":"http://a/g","r4":"http://g/","r5":"http://a/b/c/d;p?y","r6":"http://a/b/c/g?y","r7":"http://a/b/c/d;p?q#s","r8":"http://a/","r9":"http://a/g","r10":"http://a/b/c/y","r11":"https://g/","r12":"mailto:c@d.com","r13":"http://example.com/three","r14":"/one/two/four","r15":"ftp://y/z","r16":"http://x/a","r17":"mailto:local2@domain2","r18":"http://c/d","r19":"baz","r20":"http://x/z","ro":{"protocol":"http:","slashes":true,"auth":null,"host":"a","port":null,"hostname":"a","hash":"#f","search":"?e","query":"e","pathname":"/d","path":"/d?e","href":"http://a/d?e#f"},"fu1":["/a/b c","/x/y"],"fu2":"ERR Error ERR_INVALID_URL_SCHEME The URL must be of scheme file","fu3":"ERR Error ERR_INVALID_FILE_URL_HOST File URL host must be \"localhost\" or empty on linux","fu4":"ERR Error ERR_INVALID_FILE_URL_PATH File URL path must not include encoded / characters","fu5":"ERR TypeError ERR_INVALID_ARG_TYPE The \"path\" argument must be of type string or an instance of URL. Received type number (5)","pf1":["file:///a%20b/c%23d%3Fe%25","file:///rel/x/"],"pf2":"ERR TypeError ERR_INVALID_ARG_TYPE The \"filepath\" argument must be of type string. Received type number (5)","d1":["xn--espaol-zwa.com","","español.com",""],"d2":"ERR TypeError ERR_MISSING_ARGS The \"domain\" argument must be specified","h1":{"protocol":"https:","hostname":"::1","hash":"#h","search":"?q","pathname":"/p","path":"/p?q","href":"https://a:b%20c@[::1]:8080/p?q#h","port":8080,"auth":"a:b c"},"tp":["/z","s"]}`

var dcWorker = `import dc, * as ns from "node:diagnostics_channel";
export default { async fetch() {
  const r = {};
  const t = (k, f) => { try { const v = f(); r[k] = v === undefined ? "undefined" : v; } catch (e) { r[k] = "ERR " + e.name + " " + (e.code ?? "") + " " + e.message; } };
  t("keys", () => Object.keys(ns).sort().join() + "|" + Object.keys(dc).sort().join());
  const log = [];
  t("c1", () => { const c = dc.channel("a"); return [c === dc.channel("a"), c.name, c.hasSubscribers, c instanceof dc.Channel, Object.keys(c).join()]; });
  t("c2", () => { const f = (d, n) => log.push([d, n]); dc.subscribe("a", f); dc.channel("a").publish(1); const u = dc.unsubscribe("a", f); dc.channel("a").publish(2); return [u, dc.unsubscribe("a", f), dc.hasSubscribers("a"), JSON.stringify(log)]; });
  t("c3", () => dc.channel(5));
  t("c4", () => dc.channel("x").subscribe(5));
  t("c5", () => { const s = Symbol("s"); return [dc.channel(s).name === s, dc.hasSubscribers("nope")]; });
  t("c6", () => { const tc = dc.tracingChannel("op"); const seen = []; tc.subscribe({ start: (c) => seen.push("start"), end: (c) => seen.push("end:" + c.result) }); const v = tc.traceSync((a, b) => a + b, { x: 1 }, null, 2, 3); return [v, seen.join(), tc.start.name, tc.hasSubscribers, Object.keys(tc).join()]; });
  t("c7", () => { const tc = dc.tracingChannel("op2"); const seen = []; tc.subscribe({ error: (c) => seen.push("error:" + c.error.message) }); try { tc.traceSync(() => { throw new Error("boom"); }); } catch (e) { seen.push("caught"); } return seen.join(); });
  t("c8", () => dc.tracingChannel(5));
  t("c9", () => new dc.Channel("direct").name);
  return Response.json(r);
} };
`

var dcWant = `{"keys":"Channel,TracingChannel,channel,default,hasSubscribers,subscribe,tracingChannel,unsubscribe|Channel,channel,hasSubscribers,subscribe,tracingChannel,unsubscribe","c1":[true,null,null,true,""],"c2":[null,null,false,"[[1,\"a\"]]"],"c3":{},"c4":"ERR TypeError  Failed to execute 'subscribe' on 'Channel': parameter 1 is not of type 'function'.","c5":[false,false],"c6":[5,"start,end:5",null,null,""],"c7":"error:boom,caught","c8":"ERR TypeError ERR_INVALID_ARG_TYPE The \"channels\" argument must be of type object. Received type number (5)","c9":"ERR TypeError  Illegal constructor"}`

var dcShapeWorker = `import dc from "node:diagnostics_channel";
export default { async fetch() {
  const c = dc.channel("a");
  const tc = dc.tracingChannel("op");
  const p = Object.getPrototypeOf(c);
  const d = (o) => Object.getOwnPropertyNames(o).map(k => { const x = Object.getOwnPropertyDescriptor(o, k); return k + ":" + (x.get ? "get" : typeof x.value); }).join(",");
  const f = () => {};
  c.subscribe(f);
  return Response.json({ proto: d(p), proto2: d(Object.getPrototypeOf(p)), tproto: d(Object.getPrototypeOf(tc)), hs: typeof c.hasSubscribers, name: String(c.name), un: String(c.unsubscribe(f)), un2: String(c.unsubscribe(f)), hs2: c.hasSubscribers(), tstart: String(tc.start), ths: typeof tc.hasSubscribers, mod: String(dc.hasSubscribers("a")), str: Object.prototype.toString.call(c) });
} };
`

var dcShapeWant = `{"proto":"constructor:function,hasSubscribers:function,publish:function,subscribe:function,unsubscribe:function,bindStore:function,unbindStore:function,runStores:function","proto2":"constructor:function,__defineGetter__:function,__defineSetter__:function,hasOwnProperty:function,__lookupGetter__:function,__lookupSetter__:function,isPrototypeOf:function,propertyIsEnumerable:function,toString:function,valueOf:function,__proto__:get,toLocaleString:function","tproto":"constructor:function,start:get,end:get,asyncStart:get,asyncEnd:get,error:get,subscribe:function,unsubscribe:function,traceSync:function,tracePromise:function,traceCallback:function,hasSubscribers:function","hs":"function","name":"undefined","un":"undefined","un2":"undefined","hs2":false,"tstart":"[object Object]","ths":"function","mod":"false","str":"[object Object]"}`
