package services_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/nanod-runtime/nanod/config"
)

// node:querystring, node:punycode, node:os and node:path/win32, compared with what workerd
// answered for the same worker (compatibility date 2026-11-17).
func TestNodeSmallModules(t *testing.T) {
	base := server(t, inline(t, nodeSmallWorker, `, compatibilityFlags = ["nodejs_compat", "enable_nodejs_os_module", "enable_nodejs_punycode_module"]`), config.Options{})
	_, _, body := get(t, base+"/")
	var got, want map[string]any
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	json.Unmarshal([]byte(nodeSmallWant), &want)
	for k, w := range want {
		if !reflect.DeepEqual(got[k], w) {
			g, _ := json.Marshal(got[k])
			ws, _ := json.Marshal(w)
			t.Errorf("%s:\n got  %s\n want %s", k, g, ws)
		}
	}

	// As in workerd, node:os and node:punycode need their own flags (on by date from 2025-09-15
	// and 2025-12-04) besides nodejs_compat.
	base = server(t, inline(t, `export default { async fetch() {
  const out = [];
  for (const m of ["node:os", "node:punycode", "node:querystring"]) { try { await import(m); out.push("ok"); } catch (e) { out.push(e.message); } }
  return Response.json(out);
} };`, `, compatibilityFlags = ["nodejs_compat"]`), config.Options{})
	if _, _, body := get(t, base+"/"); body != `["No such module \"node:os\".","No such module \"node:punycode\".","ok"]` {
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
