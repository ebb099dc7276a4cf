package services_test

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/internal/oracle"
	"github.com/nanod-runtime/nanod/services"
)

// echoServer listens on 127.0.0.1 and echoes every connection; at the client's EOF it ends
// its own side (a half-close the client can observe). wrap, if not nil, runs first on each
// connection (a STARTTLS dialogue) and returns the stream to echo on.
func echoServer(t *testing.T, ln net.Listener, wrap func(net.Conn) (net.Conn, error)) int {
	t.Helper()
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				s := c
				if wrap != nil {
					if s, err = wrap(c); err != nil {
						return
					}
				}
				io.Copy(s, s)
				if cw, ok := s.(interface{ CloseWrite() error }); ok {
					cw.CloseWrite()
				}
				io.Copy(io.Discard, s)
			}()
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port
}

func listenLocal(t *testing.T) net.Listener {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln
}

// socketConfig writes a config whose worker reaches the network through a network service
// with the given allow rules, with the ports as text bindings.
func socketConfig(t *testing.T, src, allow string, ports map[string]int) string {
	return socketConfigFlags(t, src, allow, ports, "")
}

// socketConfigFlags is socketConfig with compatibility flags (a capnp list body).
func socketConfigFlags(t *testing.T, src, allow string, ports map[string]int, flags string) string {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "w.js"), []byte(src), 0o644)
	var binds []string
	for k, v := range ports {
		binds = append(binds, fmt.Sprintf(`(name = %q, text = "%d")`, k, v))
	}
	cfg := `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = (modules = [(name = "w.js", esModule = embed "w.js")],
      compatibilityDate = "2024-09-23", compatibilityFlags = [` + flags + `], globalOutbound = "net", bindings = [` + strings.Join(binds, ", ") + `])),
    (name = "net", network = (allow = [` + allow + `])) ],
  sockets = [ (name = "http", address = "*:8080", http = (), service = "main") ],
);`
	p := filepath.Join(dir, "config.capnp")
	os.WriteFile(p, []byte(cfg), 0o644)
	return p
}

// runCases GETs base/<name> for each name and decodes the JSON object the worker answers.
func socketResults(t *testing.T, base string) map[string]json.RawMessage {
	t.Helper()
	_, _, body := get(t, base+"/")
	var out map[string]json.RawMessage
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		t.Fatalf("bad body %q: %v", body, err)
	}
	return out
}

// socketValidation is connect()'s argument checking; the answers are workerd's.
const socketValidation = `
  const E = (e) => e.name + ": " + e.message;
  const v = [];
  const tryc = (...a) => { try { const s = connect(...a); s.opened.catch(() => {}); s.closed.catch(() => {}); v.push("ok"); } catch (e) { v.push(E(e)); } };
  tryc(""); tryc("localhost"); tryc("localhost:"); tryc(":80"); tryc("a b:80"); tryc("http://x:80");
  tryc({ hostname: "x" }); tryc({ hostname: "x", port: "abc" }); tryc({ hostname: "x", port: 70000 });
  tryc({ hostname: "x", port: -1 }); tryc(123); tryc(null); tryc(undefined);
  tryc("x:80", { secureTransport: "bogus" }); tryc("x:80", { secureTransport: "ON" }); tryc("x:80", 5);
  tryc("x:99999"); tryc("x:abc"); tryc("x".repeat(300) + ":80"); tryc("\u00e9:80");
  r.validation = v;
  const sk = connect("127.0.0.1:1", { secureTransport: "off" });
  sk.opened.catch(() => {}); sk.closed.catch(() => {});
  r.shape = [Object.keys(sk), Object.getOwnPropertyNames(Object.getPrototypeOf(sk)).sort(), sk.constructor.name,
    String(sk), sk.secureTransport, sk.upgraded];
  try { new sk.constructor(); } catch (e) { r.ctor = E(e); }
  try { sk.startTls(); } catch (e) { r.startTlsOff = E(e); }
  try { await sk.opened; } catch (e) { r.refused = E(e); }
  try { await sk.closed; } catch (e) { r.refusedClosed = E(e); }
  const s80 = connect({ hostname: "127.0.0.1", port: 80 });
  try { await s80.opened; r.port80 = "open"; s80.close(); } catch (e) { r.port80 = E(e); }
  const s3 = connect("127.0.0.1:" + env.ECHO, { secureTransport: "starttls" });
  const t3 = s3.startTls();
  t3.opened.catch(() => {}); t3.closed.catch(() => {});
  r.startTls = [s3.secureTransport, t3.secureTransport, s3.upgraded, t3.upgraded];
  try { s3.startTls(); } catch (e) { r.startTlsTwice = E(e); }
  try { t3.startTls(); } catch (e) { r.startTlsOnTls = E(e); }
  await s3.closed;
  r.upgraded = s3.upgraded;
  t3.close();
  const dns = connect("nonexistent.invalid:1234");
  r.dns = await dns.opened.then(() => "opened", E);
  const ab = connect("127.0.0.1:" + env.ECHO);
  await ab.opened;
  const abw = ab.writable.getWriter();
  r.abort = String(await abw.abort(new Error("stop")));
  r.abortClosed = await Promise.race([ab.closed.then(() => "closed", E), new Promise((res) => setTimeout(() => res("open"), 50))]);
  await ab.close();
  const st4 = connect("127.0.0.1:" + env.ECHO, { secureTransport: "starttls" });
  try { st4.startTls(5); r.startTlsBadOptions = "ok"; } catch (e) { r.startTlsBadOptions = E(e); }
  await st4.close();
`

// socketEcho is a round trip through an echo server.
const socketEcho = `
  const readAll = async (rs) => { const rd = rs.getReader(); let s = ""; for (;;) { const { value, done } = await rd.read(); if (done) return s; s += new TextDecoder().decode(value); } };
  const s = connect("127.0.0.1:" + env.ECHO);
  const w = s.writable.getWriter();
  await w.write(new TextEncoder().encode("hello "));
  await w.write("text ");
  await w.write(new Uint8Array(0));
  r.opened = await s.opened;
  const rd = s.readable.getReader();
  let got = "";
  while (got.length < 11) { const { value } = await rd.read(); r.chunkType = Object.prototype.toString.call(value); got += new TextDecoder().decode(value); }
  r.echo = got;
  r.close = String(await s.close());
  r.closed = String(await s.closed);
  try { await w.write(new Uint8Array(1)); } catch (e) { r.writeAfterClose = E(e); }
  try { await rd.read(); r.readAfterClose = "ok"; } catch (e) { r.readAfterClose = E(e); }
  const bad = connect("127.0.0.1:" + env.ECHO);
  try { await bad.writable.getWriter().write(5); } catch (e) { r.writeNumber = E(e); }
  await bad.close();
  // Without allowHalfOpen, the peer's EOF closes the socket.
  const h = connect("127.0.0.1:" + env.ECHO);
  const hw = h.writable.getWriter();
  await hw.write(new TextEncoder().encode("abc"));
  await hw.close();
  r.eof = await readAll(h.readable);
  await h.closed;
  r.eofClosed = true;
  // allowHalfOpen: closed waits for close().
  const ho = connect({ hostname: "127.0.0.1", port: Number(env.ECHO) }, { allowHalfOpen: true });
  const how = ho.writable.getWriter();
  await how.write(new TextEncoder().encode("half"));
  await how.close();
  r.halfOpen = await readAll(ho.readable);
  r.halfOpenClosed = await Promise.race([ho.closed.then(() => "closed"), new Promise((res) => setTimeout(() => res("open"), 100))]);
  await ho.close();
  // BYOB reads, ArrayBuffer and DataView chunks, close() twice, closing before the connection
  // is open, a canceled readable.
  const b = connect("127.0.0.1:" + env.ECHO);
  const bw = b.writable.getWriter();
  await bw.write(new TextEncoder().encode("xy").buffer);
  await bw.write(new DataView(new TextEncoder().encode("zw").buffer));
  const br = b.readable.getReader({ mode: "byob" });
  let byob = "";
  while (byob.length < 4) { const { value } = await br.read(new Uint8Array(16)); byob += new TextDecoder().decode(value); }
  r.byob = byob;
  const c1 = b.close(), c2 = b.close();
  r.closeTwice = [String(await c1), String(await c2)];
  const early = connect("127.0.0.1:" + env.ECHO);
  const ec = early.close();
  r.early = [await early.opened.then((i) => "opened " + JSON.stringify(i), (e) => E(e)), String(await ec), await early.closed.then(() => "closed", (e) => E(e))];
  const cx = connect("127.0.0.1:" + env.ECHO);
  await cx.opened;
  r.cancel = String(await cx.readable.cancel("why"));
  const cw = cx.writable.getWriter();
  await cw.write(new TextEncoder().encode("after cancel"));
  r.writeAfterCancel = "ok";
  await cx.close();
  r.locked = [cx.readable.locked, cx.writable.locked];
  // A large transfer in both directions at once, through the streams' backpressure.
  const big = connect("127.0.0.1:" + env.ECHO);
  const data = new Uint8Array(3 << 20).map((_, i) => i % 251);
  const sent = (async () => { const bw2 = big.writable.getWriter(); for (let o = 0; o < data.length; o += 100000) await bw2.write(data.subarray(o, o + 100000)); await bw2.close(); })();
  let n = 0, sum = 0;
  for await (const chunk of big.readable) { for (const x of chunk) sum = (sum + x) % 1000003; n += chunk.byteLength; }
  await sent;
  r.big = [n, sum];
`

func socketWorker(body string) string {
	return `import { connect } from "cloudflare:sockets";
let globalScope;
try { connect("127.0.0.1:1"); globalScope = "allowed"; } catch (e) { globalScope = e.name + ": " + e.message; }
export default { async fetch(req, env) {
  const r = { globalScope };
  const E = (e) => e.name + ": " + e.message;
  try {
` + body + `
  } catch (e) { r.uncaught = E(e) + " " + e.stack; }
  return new Response(JSON.stringify(r));
} };`
}

// jsonOf is a result's JSON text, as the worker wrote it.
func jsonOf(v json.RawMessage) string { return string(v) }

// TestSocketsEcho: connect(), writes of bytes and strings, reads, close(), half-close with and
// without allowHalfOpen, write/read after close, and argument validation with workerd's
// messages.
func TestSocketsEcho(t *testing.T) {
	echo := echoServer(t, listenLocal(t), nil)
	path := socketConfig(t, socketWorker(socketValidation+socketEcho), `"local"`, map[string]int{"ECHO": echo})
	r := socketResults(t, server(t, path, config.Options{}))
	if r["uncaught"] != nil {
		t.Fatal(string(r["uncaught"]))
	}
	want := map[string]string{
		"validation":      `["TypeError: Specified address is missing hostname.","TypeError: Specified address is missing port.","TypeError: Specified address is missing port.","TypeError: Specified address could not be parsed.","TypeError: Specified address could not be parsed.","TypeError: Specified address is missing port.","TypeError: The value cannot be converted because it is not an integer.","TypeError: The value cannot be converted because it is not an integer.","TypeError: Value out of range. Must be less than or equal to 65535.","TypeError: The value cannot be converted because it is negative and this API expects a positive number.","TypeError: Specified address is missing port.","TypeError: Cannot initialize N7workerd3api13SocketAddressE with required members from an undefined or null value.","TypeError: Cannot initialize N7workerd3api13SocketAddressE with required members from an undefined or null value.","TypeError: Unsupported value in secureTransport socket option: bogus","TypeError: Unsupported value in secureTransport socket option: ON","TypeError: Failed to execute 'connect' on 'SocketsModule': parameter 2 is not of type 'SocketOptions'.","TypeError: Specified address could not be parsed.","TypeError: Specified address could not be parsed.","TypeError: Specified address is empty string, contains unsupported characters or is too long.","TypeError: Specified address is empty string, contains unsupported characters or is too long."]`,
		"shape":           `[[],["close","closed","constructor","opened","readable","secureTransport","startTls","upgraded","writable"],"Socket","[object Object]","off",false]`,
		"ctor":            `"TypeError: Illegal constructor"`,
		"startTlsOff":     `"TypeError: The ` + "`secureTransport`" + ` socket option must be set to 'starttls' for startTls to be used."`,
		"refused":         `"Error: proxy request failed, cannot connect to the specified address"`,
		"refusedClosed":   `"Error: proxy request failed, cannot connect to the specified address"`,
		"port80":          `"Error: proxy request failed, cannot connect to the specified address. It looks like you might be trying to connect to a HTTP-based service — consider using fetch instead"`,
		"startTls":        `["starttls","on",false,false]`,
		"startTlsTwice":   `"TypeError: startTls has already been called on this socket, or the socket was transferred over RPC."`,
		"startTlsOnTls":   `"TypeError: Cannot startTls on a TLS socket."`,
		"upgraded":        `true`,
		"writeNumber":     `"TypeError: This TransformStream is being used as a byte stream, but received an object of non-ArrayBuffer/ArrayBufferView type on its writable side."`,
		"opened":          fmt.Sprintf(`{"remoteAddress":"127.0.0.1:%d"}`, echo),
		"chunkType":       `"[object Uint8Array]"`,
		"echo":            `"hello text "`,
		"close":           `"undefined"`,
		"closed":          `"undefined"`,
		"writeAfterClose": `"TypeError: This WritableStream has been closed."`,
		"readAfterClose":  `"TypeError: This ReadableStream belongs to an object that is closing."`,
		"eof":             `"abc"`,
		"eofClosed":       `true`,
		"halfOpen":        `"half"`,
		"halfOpenClosed":  `"open"`,
	}
	want["byob"] = `"xyzw"`
	want["closeTwice"] = `["undefined","undefined"]`
	want["early"] = fmt.Sprintf(`["opened {\"remoteAddress\":\"127.0.0.1:%d\"}","undefined","closed"]`, echo)
	want["cancel"] = `"undefined"`
	want["writeAfterCancel"] = `"ok"`
	want["locked"] = `[false,true]`
	want["globalScope"] = `"Error: Disallowed operation called within global scope. Asynchronous I/O (ex: fetch() or connect()), setting a timeout, and generating random values are not allowed within global scope. To fix this error, perform this operation within a handler. https://developers.cloudflare.com/workers/runtime-apis/handlers/"`
	want["big"] = `[3145728,` + fmt.Sprint(bigSum()) + `]`
	want["dns"] = `"Error: proxy request failed, cannot connect to the specified address"`
	want["abort"] = `"undefined"`
	want["abortClosed"] = `"open"`
	want["startTlsBadOptions"] = `"TypeError: Failed to execute 'startTls' on 'Socket': parameter 1 is not of type 'TlsOptions'."`
	for k, w := range want {
		if got := jsonOf(r[k]); got != w {
			t.Errorf("%s:\n got  %s\n want %s", k, got, w)
		}
	}
}

// tlsSetup makes a self-signed certificate for "localhost" that TLS sockets trust for the test.
func tlsSetup(t *testing.T) *tls.Config {
	certPEM, keyPEM := selfSigned(t)
	cert, err := tls.X509KeyPair([]byte(certPEM), []byte(keyPEM))
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM([]byte(certPEM))
	t.Cleanup(services.SetConnectRootCAsForTest(pool))
	return &tls.Config{Certificates: []tls.Certificate{cert}}
}

// TestSocketsTLS: secureTransport "on" to a TLS echo server; startTls after a plain-text
// STARTTLS dialogue; a handshake that fails (plain server, or a name the certificate lacks).
func TestSocketsTLS(t *testing.T) {
	tc := tlsSetup(t)
	plain := echoServer(t, listenLocal(t), nil)
	secure := echoServer(t, tls.NewListener(listenLocal(t), tc), nil)
	starttls := echoServer(t, listenLocal(t), func(c net.Conn) (net.Conn, error) {
		io.WriteString(c, "220 ready\r\n")
		line, err := bufio.NewReader(c).ReadString('\n')
		if err != nil || line != "STARTTLS\r\n" {
			return nil, fmt.Errorf("bad command %q", line)
		}
		io.WriteString(c, "220 go ahead\r\n")
		s := tls.Server(c, tc)
		return s, s.Handshake()
	})
	src := socketWorker(`
  const rt = async (s, text) => {
    const w = s.writable.getWriter(); await w.write(new TextEncoder().encode(text)); w.releaseLock();
    const rd = s.readable.getReader(); let got = "";
    while (got.length < text.length) { const { value, done } = await rd.read(); if (done) break; got += new TextDecoder().decode(value); }
    rd.releaseLock(); return got;
  };
  const line = async (s) => { const rd = s.readable.getReader(); const { value } = await rd.read(); rd.releaseLock(); return new TextDecoder().decode(value); };
  const on = connect("localhost:" + env.SECURE, { secureTransport: "on" });
  r.on = [on.secureTransport, await on.opened, await rt(on, "secret")];
  await on.close();
  const st = connect("localhost:" + env.STARTTLS, { secureTransport: "starttls" });
  r.greeting = await line(st);
  r.reply = await rt(st, "STARTTLS\r\n");
  const up = st.startTls();
  r.up = [await up.opened, await rt(up, "over tls"), st.upgraded, up.secureTransport];
  await st.closed;
  await up.close();
  const bad = connect("localhost:" + env.PLAIN, { secureTransport: "on" });
  try { await bad.opened; r.bad = "opened"; } catch (e) { r.bad = e.name; }
  const wrongName = connect("127.0.0.1:" + env.SECURE, { secureTransport: "on" });
  try { await wrongName.opened; r.wrongName = "opened"; } catch (e) { r.wrongName = e.name; }
`)
	path := socketConfig(t, src, `"local"`, map[string]int{"PLAIN": plain, "SECURE": secure, "STARTTLS": starttls})
	r := socketResults(t, server(t, path, config.Options{}))
	if r["uncaught"] != nil {
		t.Fatal(string(r["uncaught"]))
	}
	want := map[string]string{
		"on":        fmt.Sprintf(`["on",{"remoteAddress":"localhost:%d"},"secret"]`, secure),
		"greeting":  `"220 ready\r\n"`,
		"reply":     `"220 go ahead\r\n"`,
		"up":        fmt.Sprintf(`[{"remoteAddress":"localhost:%d"},"over tls",true,"on"]`, starttls),
		"bad":       `"Error"`,
		"wrongName": `"Error"`,
	}
	for k, w := range want {
		if got := jsonOf(r[k]); got != w {
			t.Errorf("%s:\n got  %s\n want %s", k, got, w)
		}
	}
}

// TestSocketsNetworkRules: the network service's allow and deny rules apply to connect() as to
// fetch(): the default "internet" (public only) refuses loopback, and so does a deny rule.
func TestSocketsNetworkRules(t *testing.T) {
	echo := echoServer(t, listenLocal(t), nil)
	src := socketWorker(`
  const s = connect("127.0.0.1:" + env.ECHO);
  try { await s.opened; r.result = "opened"; await s.close(); } catch (e) { r.result = E(e); }
  try { await s.closed; } catch (e) { r.closed = E(e); }
`)
	refused := `"Error: proxy request failed, cannot connect to the specified address"`
	for _, c := range []struct{ allow, want string }{
		{`"public"`, refused},
		{`"local", "private"`, `"opened"`},
		{`"127.0.0.0/8"`, `"opened"`},
		{`"10.0.0.0/8"`, refused},
	} {
		path := socketConfig(t, src, c.allow, map[string]int{"ECHO": echo})
		r := socketResults(t, server(t, path, config.Options{}))
		if got := jsonOf(r["result"]); got != c.want {
			t.Errorf("allow %s: got %s, want %s", c.allow, got, c.want)
		}
	}
	// A deny rule wins over allow.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "w.js"), []byte(src), 0o644)
	cfg := fmt.Sprintf(`using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = (modules = [(name = "w.js", esModule = embed "w.js")],
      compatibilityDate = "2024-09-23", globalOutbound = "net", bindings = [(name = "ECHO", text = "%d")])),
    (name = "net", network = (allow = ["local"], deny = ["127.0.0.1"])) ],
  sockets = [ (name = "http", address = "*:8080", http = (), service = "main") ],
);`, echo)
	p := filepath.Join(dir, "config.capnp")
	os.WriteFile(p, []byte(cfg), 0o644)
	r := socketResults(t, server(t, p, config.Options{}))
	if got := jsonOf(r["result"]); got != refused || jsonOf(r["closed"]) != refused {
		t.Errorf("deny: got %s / %s", got, r["closed"])
	}
	// The implicit "internet" service (no globalOutbound) is public-only too.
	path := inline(t, strings.Replace(src, `export default`, `const env0 = {};
export default`, 1), fmt.Sprintf(`, bindings = [(name = "ECHO", text = "%d")]`, echo))
	r = socketResults(t, server(t, path, config.Options{}))
	if got := jsonOf(r["result"]); got != refused {
		t.Errorf("internet: got %s", got)
	}
}

// TestSocketsDifferential runs the validation cases and an echo round trip on real workerd
// and on nanod, and compares the answers.
func TestSocketsDifferential(t *testing.T) {
	wd := oracle.RequireWorkerd(t)
	echo := echoServer(t, listenLocal(t), nil)
	path := socketConfig(t, socketWorker(socketValidation+socketEcho), `"local"`, map[string]int{"ECHO": echo})
	port := freePort(t)
	cmd := exec.Command(wd, "serve", path, "--socket-addr", fmt.Sprintf("http=127.0.0.1:%d", port))
	cmd.Stderr, cmd.Stdout = nil, nil
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	workerd := fmt.Sprintf("http://127.0.0.1:%d", port)
	waitReady(t, workerd)
	want := socketResults(t, workerd)
	got := socketResults(t, server(t, path, config.Options{}))
	for k, w := range want {
		if jsonOf(got[k]) != jsonOf(w) {
			t.Errorf("%s:\n nanod   %s\n workerd %s", k, jsonOf(got[k]), jsonOf(w))
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: only nanod answers %s", k, jsonOf(got[k]))
		}
	}
}

// TestSocketsConnectHandler: fetcher.connect() on a service binding reaches the target's
// connect handler (default export and a named entrypoint) over an in-memory connection; the
// handler's socket has the caller's authority as localAddress, sees the caller's writes and
// half-close, and is closed (neutered) when the handler returns.
func TestSocketsConnectHandler(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "front.js"), []byte(socketWorker(`
  const readAll = async (rs) => { const rd = rs.getReader(); let s = ""; for (;;) { const { value, done } = await rd.read(); if (done) return s; s += new TextDecoder().decode(value); } };
  const s = env.BACK.connect("example.com:1234");
  r.opened = await s.opened;
  const w = s.writable.getWriter();
  await w.write(new TextEncoder().encode("abc"));
  await w.close();
  r.echo = await readAll(s.readable);
  await s.closed;
  const n = env.NAMED.connect({ hostname: "db.internal", port: 5432 });
  r.named = await readAll(n.readable);
  const z = env.BACK.connect("neuter:1");
  await z.closed;
  await new Promise((res) => setTimeout(res, 20));
  r.neutered = await env.BACK.fetch("http://x/late").then((x) => x.text());
  try { env.BACK.connect("x:1", 5); } catch (e) { r.badOptions = E(e); }
`)), 0o644)
	os.WriteFile(filepath.Join(dir, "back.js"), []byte(`import { WorkerEntrypoint } from "cloudflare:workers";
let late = "none";
export default {
  async connect(socket, env, ctx) {
    const info = await socket.opened;
    if (info.localAddress === "neuter:1") {
      const w = socket.writable.getWriter();
      ctx.waitUntil((async () => { await new Promise((res) => setTimeout(res, 1)); try { await w.write(new Uint8Array([1])); late = "wrote"; } catch (e) { late = e.name + ": " + e.message; } })());
      return;
    }
    const rd = socket.readable.getReader(); let got = "";
    for (;;) { const { value, done } = await rd.read(); if (done) break; got += new TextDecoder().decode(value); }
    const w = socket.writable.getWriter();
    await w.write(new TextEncoder().encode(got.toUpperCase() + "|" + info.localAddress + "|" + info.remoteAddress));
    await w.close();
  },
  fetch() { return new Response(late); },
};
export class Named extends WorkerEntrypoint {
  async connect(socket) {
    const w = socket.writable.getWriter();
    await w.write(new TextEncoder().encode("named:" + (await socket.opened).localAddress));
    await w.close();
  }
}`), 0o644)
	os.WriteFile(filepath.Join(dir, "c.capnp"), []byte(`using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = (modules = [(name = "front.js", esModule = embed "front.js")], compatibilityDate = "2024-09-23",
      bindings = [(name = "BACK", service = "back"), (name = "NAMED", service = (name = "back", entrypoint = "Named"))])),
    (name = "back", worker = (modules = [(name = "back.js", esModule = embed "back.js")], compatibilityDate = "2024-09-23")) ],
  sockets = [ (name = "http", address = "*:8080", http = (), service = "main") ],
);`), 0o644)
	r := socketResults(t, server(t, filepath.Join(dir, "c.capnp"), config.Options{}))
	if r["uncaught"] != nil {
		t.Fatal(string(r["uncaught"]))
	}
	want := map[string]string{
		"opened":     `{"remoteAddress":"example.com:1234"}`,
		"echo":       `"ABC|example.com:1234|undefined"`,
		"named":      `"named:db.internal:5432"`,
		"neutered":   `"TypeError: Can't read from request stream because client disconnected."`,
		"badOptions": `"TypeError: Failed to execute 'connect' on 'Fetcher': parameter 2 is not of type 'SocketOptions'."`,
	}
	for k, w := range want {
		if got := jsonOf(r[k]); got != w {
			t.Errorf("%s:\n got  %s\n want %s", k, got, w)
		}
	}
}

// bigSum is the checksum of the large transfer's bytes (i % 251 for 3 MiB).
func bigSum() int {
	sum := 0
	for i := 0; i < 3<<20; i++ {
		sum = (sum + i%251) % 1000003
	}
	return sum
}
