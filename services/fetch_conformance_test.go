package services_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/internal/oracle"
)

// fetchConfWorker exercises fetch() corner cases: data: URLs, redirects (followed through the SELF
// binding, which also serves the /r/… targets), iterable bodies, Request options. Each /case
// answers JSON: {ok: value} or {err: name, msg: message}.
const fetchConfWorker = `
const enc = new TextEncoder();
const dec = (r) => r.arrayBuffer().then((b) => [...new Uint8Array(b)]);
async function dataURL(u, init) {
  const r = await fetch(u, init);
  return [r.status, r.statusText, r.headers.get("content-type"), r.url, r.redirected, r.body === null ? null : await dec(r)];
}
const via = (path, init) => SELF.fetch("http://api.example.com" + path, init);
async function show(r) {
  return [r.status, r.url, r.redirected, r.headers.get("location"), await r.text()];
}
const cases = {
  dataPlain: () => dataURL("data:text/plain,Hello%2C%20World!"),
  dataBase64: () => dataURL('  DATA:text/plain;a="b";base64,\t\nSGVsbG8sIFdvcmxkIQ%3D%3D'),
  dataDefaultType: () => dataURL("data:,X"),
  dataSemicolonType: () => dataURL("data:;charset=UTF-8,abc"),
  dataBadType: () => dataURL("data:text/html    ;charset=x   ,X"),
  dataNoComma: () => dataURL("data:text/html"),
  dataFragment: () => dataURL("data:,X#frag"),
  dataPercentFF: () => dataURL("data:,%FF%zz%4"),
  dataBase64Case: () => dataURL("data:text/plain;BaSe64 ,SGk="),
  dataBase64Lenient: () => dataURL("data:;base64,S=G=k"),
  dataBase64Lone: () => dataURL("data:;base64,SGkx%"),
  dataBase64Bits: () => dataURL("data:;base64,SGl"),
  dataBase64Empty: () => dataURL("data:;base64,===="),
  dataPost: () => dataURL("data:,X", { method: "POST", body: "ignored" }),
  dataHead: () => dataURL("data:,X", { method: "HEAD" }),
  dataParams: () => dataURL("data:Text/HTML;Charset=UTF-8;x=1;x=2;y=\"a b\",X"),
  redirectSameOrigin: async () => show(await via("/r/302?to=/echo", { headers: { authorization: "s3cret" } })),
  redirectCrossOrigin: async () => show(await via("/r/302?to=http://other.example/echo", { headers: { authorization: "s3cret" } })),
  redirectManual: async () => show(await via("/r/301?to=/echo", { redirect: "manual" })),
  redirectPost303: async () => show(await via("/r/303?to=/echo", { method: "POST", body: "payload" })),
  redirectPost302: async () => show(await via("/r/302?to=/echo", { method: "POST", body: "payload" })),
  redirectPut302: async () => show(await via("/r/302?to=/echo", { method: "PUT", body: "payload" })),
  redirectPost307: async () => show(await via("/r/307?to=/echo", { method: "POST", body: "payload" })),
  redirectStream307: async () => show(await via("/r/307?to=/echo", { method: "POST", body: new Blob(["x"]).stream() })),
  redirectStream303: async () => show(await via("/r/303?to=/echo", { method: "POST", body: new Blob(["x"]).stream() })),
  redirectRelative: async () => show(await via("/r/308?to=../echo?q=1%23x")),
  redirectFragment: async () => show(await via("/r/302?to=/echo%23frag")),
  redirectNoLocation: async () => show(await via("/r/302")),
  redirectBadLocation: async () => show(await via("/r/302?to=http://[bad")),
  redirectChain20: async () => show(await via("/chain/20")),
  redirectChain21: async () => show(await via("/chain/21")),
  redirectError: () => new Request("http://x/", { redirect: "error" }),
  redirectCase: () => new Request("http://x/", { redirect: "MANUAL" }).redirect,
  iterSync: () => new Response([enc.encode("a"), enc.encode("b")]).text(),
  iterAsync: () => new Response((async function* () { yield enc.encode("x"); yield enc.encode("y"); })()).text(),
  iterGenRequest: () => new Request("http://x/", { method: "POST", body: (function* () { yield enc.encode("g"); })() }).text(),
  iterStringObject: () => new Response(new String("boxed")).text(),
  iterCustomToString: () => new Response({ *[Symbol.iterator]() { yield enc.encode("no"); }, toString() { return "yes"; } }).text(),
  iterContentType: () => new Response([enc.encode("a")]).headers.get("content-type"),
  iterBadChunk: () => new Response(["str"]).text(),
  iterOverService: async () => (await SELF.fetch("http://api.example.com/echo", { method: "POST", body: [enc.encode("it")] })).text(),
  methodPatch: () => new Request("http://x/", { method: "patch" }).method,
  methodBad: () => new Request("http://x/", { method: "patchy" }),
  integrity: () => new Request("http://x/", { integrity: "sha256-x" }),
  cacheNoStore: () => new Request("http://x/", { cache: "no-store" }).cache,
  cacheDefault: () => new Request("http://x/", { cache: "default" }),
  cacheTtlConflict: () => SELF.fetch("http://api.example.com/echo", { cache: "no-store", cf: { cacheTtl: 300 } }),
  cacheHeaders: async () => (await SELF.fetch("http://api.example.com/echo", { cache: "no-store" })).text(),
  statusTexts: async () => [new Response(null).statusText, new Response(null, { status: 404 }).statusText,
    (await SELF.fetch("http://api.example.com/status/404")).statusText, (await SELF.fetch("http://api.example.com/status/299")).statusText],
  framing: async () => [await (await SELF.fetch("http://api.example.com/echo", { method: "POST", body: "abc" })).text(),
    await (await SELF.fetch("http://api.example.com/echo", { method: "POST", body: "" })).text()],
  errorResponse: () => SELF.fetch("http://api.example.com/error"),
  unknownScheme: () => fetch("ftp://example.com/x"),
};
let SELF;
export default {
  async fetch(req, env) {
    SELF = env.SELF;
    const url = new URL(req.url);
    const parts = url.pathname.split("/");
    if (parts[1] === "r") {
      const to = url.searchParams.get("to");
      return new Response("redirect body", { status: Number(parts[2]), headers: to === null ? {} : { location: to } });
    }
    if (parts[1] === "chain") {
      const n = Number(parts[2]);
      return n === 0 ? new Response("end") : new Response(null, { status: 302, headers: { location: "/chain/" + (n - 1) } });
    }
    if (parts[1] === "echo") {
      const h = [...req.headers].filter(([k]) => ["authorization", "content-length", "transfer-encoding", "cache-control", "pragma"].includes(k));
      return new Response(JSON.stringify([req.method, req.url, h, await req.text()]));
    }
    if (parts[1] === "status") return new Response(null, { status: Number(parts[2]) });
    if (parts[1] === "error") return Response.error();
    const fn = cases[parts[1]];
    if (!fn) return new Response("no case " + parts[1], { status: 404 });
    try {
      let v = await fn(req);
      if (v instanceof Response) v = await show(v);
      if (v instanceof Request) v = [v.method, v.url, v.redirect];
      return Response.json({ ok: v });
    } catch (e) {
      return Response.json({ err: e.name, msg: e.message });
    }
  },
};
`

const fetchConfFlags = `, compatibilityFlags = ["nodejs_compat", "strip_authorization_on_cross_origin_redirect", "fetch_iterable_type_support", ` +
	`"fetch_iterable_type_support_override_adjustment", "upper_case_all_http_methods", "cache_option_enabled"], ` +
	`bindings = [(name = "SELF", service = "main")]`

// fetchConfWant is what real workerd answers (recorded from it): the cases run without workerd too.
var fetchConfWant = map[string]string{
	"dataPlain":           `{"ok":[200,"OK","text/plain","",false,[72,101,108,108,111,44,32,87,111,114,108,100,33]]}`,
	"dataBase64":          `{"ok":[200,"OK","text/plain;a=b","",false,[72,101,108,108,111,44,32,87,111,114,108,100,33]]}`,
	"dataDefaultType":     `{"ok":[200,"OK","text/plain;charset=US-ASCII","",false,[88]]}`,
	"dataNoComma":         `{"err":"TypeError","msg":"Fetch API cannot load: data:text/html"}`,
	"dataFragment":        `{"ok":[200,"OK","text/plain;charset=US-ASCII","",false,[88]]}`,
	"dataPost":            `{"ok":[200,"OK","text/plain;charset=US-ASCII","",false,null]}`,
	"redirectSameOrigin":  `{"ok":[200,"http://api.example.com/echo",true,null,"[\"GET\",\"http://api.example.com/echo\",[[\"authorization\",\"s3cret\"]],\"\"]"]}`,
	"redirectCrossOrigin": `{"ok":[200,"http://other.example/echo",true,null,"[\"GET\",\"http://other.example/echo\",[],\"\"]"]}`,
	"redirectChain21":     `{"err":"TypeError","msg":"Too many redirects.` + chainURLs(21) + `"}`,
	"redirectError":       `{"err":"TypeError","msg":"Invalid redirect value, must be one of \"follow\" or \"manual\" (\"error\" won't be implemented since it does not make sense at the edge; use \"manual\" and check the response status code)."}`,
	"iterSync":            `{"ok":"ab"}`,
	"iterCustomToString":  `{"ok":"yes"}`,
	"methodPatch":         `{"ok":"PATCH"}`,
	"methodBad":           `{"err":"TypeError","msg":"Invalid HTTP method string: patchy"}`,
	"cacheDefault":        `{"err":"TypeError","msg":"Unsupported cache mode: default"}`,
	"errorResponse":       `{"err":"TypeError","msg":"Return value from serve handler must not be an error response (like Response.error())"}`,
}

// chainURLs is the list workerd's "Too many redirects." message ends with: the URLs visited.
func chainURLs(n int) string {
	var urls []string
	for k := n; k > 0; k-- {
		urls = append(urls, fmt.Sprintf("http://api.example.com/chain/%d", k))
	}
	return strings.Join(urls, ", ")
}

func fetchConfCase(t *testing.T, base, name string) string {
	t.Helper()
	resp, err := http.Get(base + "/" + name)
	if err != nil {
		return "error: " + err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return strings.TrimSpace(string(b))
}

// TestFetchConformance checks fetch()'s data: URLs, redirects and bodies against answers
// recorded from workerd.
func TestFetchConformance(t *testing.T) {
	base := server(t, inline(t, fetchConfWorker, fetchConfFlags), config.Options{})
	for name, want := range fetchConfWant {
		if got := fetchConfCase(t, base, name); got != want {
			t.Errorf("%s:\n got  %s\n want %s", name, got, want)
		}
	}
}

// TestFetchDifferentialWorkerd runs every case on nanod and on real workerd (skipped when absent).
func TestFetchDifferentialWorkerd(t *testing.T) {
	wd := oracle.RequireWorkerd(t)
	path := inline(t, fetchConfWorker, fetchConfFlags)
	nanod := server(t, path, config.Options{})
	workerd := serveWorkerd(t, wd, path)
	for _, name := range caseNames(fetchConfWorker) {
		if strings.HasPrefix(name, "const") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			if got, want := fetchConfCase(t, nanod, name), fetchConfCase(t, workerd, name); got != want {
				t.Errorf("nanod:\n%s\nworkerd:\n%s", got, want)
			}
		})
	}
}
