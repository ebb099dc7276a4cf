package services_test

import (
	"fmt"
	"os/exec"
	"testing"

	"github.com/nanod-runtime/nanod/config"
	"github.com/nanod-runtime/nanod/internal/oracle"
)

// nodeNetWorker exercises node:net: its exports, isIP, SocketAddress, BlockList, Server,
// argument errors, and a Socket's echo round trip and refused connection with their events.
const nodeNetWorker = `import * as net from "node:net";
import { Buffer } from "node:buffer";
export default { async fetch(req, env) {
  const r = {};
  const E = (e) => "ERR " + e.name + " " + (e.code || "") + " " + e.message;
  const t = (k, f) => { try { r[k] = f(); } catch (e) { r[k] = E(e); } };
  r.exports = Object.keys(net).sort();
  r.defaults = Object.keys(net.default).sort();
  t("isIP", () => ["1.2.3.4", "::1", "x", "", 5, "01.2.3.4", "1.2.3.256", "::ffff:1.2.3.4", "fe80::1%eth0", "1::2::3", "[::1]", undefined, "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "::", "1::", "::1.2.3.4"].map(net.isIP));
  t("isIPv4", () => [net.isIPv4("1.2.3.4"), net.isIPv4("::1"), net.isIPv6("::1"), net.isIPv6("1.2.3.4")]);
  t("autosel", () => [net.getDefaultAutoSelectFamily(), net.getDefaultAutoSelectFamilyAttemptTimeout()]);
  t("sa", () => { const a = new net.SocketAddress({ address: "1.2.3.4", port: 80 }); return [a.address, a.port, a.family, a.flowlabel, a.toJSON(), String(a)]; });
  t("sa6", () => new net.SocketAddress({ address: "::1", family: "ipv6", port: 1 }).toJSON());
  t("sadef", () => new net.SocketAddress().toJSON());
  t("sabad", () => new net.SocketAddress({ address: "x" }));
  t("sabad2", () => new net.SocketAddress({ family: "ipv5" }));
  t("sabad3", () => new net.SocketAddress({ port: 70000 }));
  t("sabad4", () => new net.SocketAddress(5));
  t("saparse", () => [net.SocketAddress.parse("1.2.3.4:56").toJSON(), net.SocketAddress.parse("[::1]:80")?.toJSON(), net.SocketAddress.parse("x") ?? null]);
  t("isSA", () => [net.SocketAddress.isSocketAddress(new net.SocketAddress()), net.SocketAddress.isSocketAddress({})]);
  t("bl", () => { const b = new net.BlockList(); b.addAddress("1.2.3.4"); b.addRange("10.0.0.1", "10.0.0.10"); b.addSubnet("192.168.0.0", 16); b.addSubnet("::1", 128, "ipv6");
    return [b.check("1.2.3.4"), b.check("10.0.0.5"), b.check("10.0.0.11"), b.check("192.168.5.5"), b.check("::1", "ipv6"), b.check("::ffff:1.2.3.4", "ipv6"), b.check("::2", "ipv6"), b.rules, b.toJSON()]; });
  t("blbad", () => new net.BlockList().addAddress(5));
  t("blbad2", () => new net.BlockList().addRange("10.0.0.10", "10.0.0.1"));
  t("blbad3", () => new net.BlockList().addSubnet("1.2.3.4", 33));
  t("blbad4", () => new net.BlockList().check("x"));
  t("blisbl", () => [net.BlockList.isBlockList(new net.BlockList()), net.BlockList.isBlockList({})]);
  t("server", () => JSON.stringify(net.createServer()));
  t("sock", () => { const s = new net.Socket(); return [s.readyState, s.connecting, s.pending, s.remoteAddress ?? null, s.bytesRead, s.bytesWritten, typeof s.setNoDelay, typeof s.setKeepAlive, s.allowHalfOpen, net.Stream === net.Socket]; });
  t("connbad", () => net.connect());
  t("connbad2", () => net.connect({ port: -1 }));
  t("connbad3", () => net.connect({ path: "/x" }));
  t("norm", () => [net._normalizeArgs([80, "h"]), net._normalizeArgs([{ port: 1 }])]);
  await new Promise((res) => {
    const s = net.connect(Number(env.ECHO), "127.0.0.1", () => { r.connected = [s.remoteAddress, s.remotePort, s.remoteFamily, s.readyState]; s.write("ping"); });
    r.connecting = [s.connecting, s.readyState];
    const ev = [];
    for (const e of ["lookup", "connect", "ready", "end", "close", "finish", "error", "timeout"]) s.on(e, (...a) => ev.push(e + (e === "close" ? ":" + a[0] : "") + (e === "error" ? ":" + a[0].message : "")));
    s.on("data", (d) => { ev.push("data:" + d.toString() + ":" + Buffer.isBuffer(d)); s.end(); });
    s.on("close", () => { r.events = ev; r.counts = [s.bytesRead, s.bytesWritten, s.readyState]; res(); });
  });
  await new Promise((res) => {
    const s = net.connect({ port: Number(env.CLOSED), host: "127.0.0.1" });
    const ev = [];
    s.on("error", (e) => ev.push("error:" + E(e)));
    s.on("close", (h) => { ev.push("close:" + h); r.refused = ev; res(); });
  });
  return new Response(JSON.stringify(r));
} };`

func nodeNetConfig(t *testing.T) string {
	echo := echoServer(t, listenLocal(t), nil)
	ln := listenLocal(t)
	closed := ln.Addr().String()
	ln.Close()
	var port int
	fmt.Sscanf(closed[len("127.0.0.1:"):], "%d", &port)
	return socketConfigFlags(t, nodeNetWorker, `"local"`, map[string]int{"ECHO": echo, "CLOSED": port}, `"nodejs_compat"`)
}

// TestNodeNet checks node:net against what workerd answered for the same worker.
func TestNodeNet(t *testing.T) {
	r := socketResults(t, server(t, nodeNetConfig(t), config.Options{}))
	want := map[string]string{
		"exports":  `["BlockList","BoundSocket","Server","Socket","SocketAddress","Stream","_normalizeArgs","connect","createConnection","createServer","default","getDefaultAutoSelectFamily","getDefaultAutoSelectFamilyAttemptTimeout","isIP","isIPv4","isIPv6","setDefaultAutoSelectFamily","setDefaultAutoSelectFamilyAttemptTimeout"]`,
		"isIP":     `[4,6,0,0,0,0,0,6,6,0,0,0,6,0,6,6,6]`,
		"isIPv4":   `[true,false,true,false]`,
		"autosel":  `[false,10]`,
		"sa":       `["1.2.3.4",80,"ipv4",0,{"address":"1.2.3.4","port":80,"family":"ipv4","flowlabel":0},"[object Object]"]`,
		"sa6":      `{"address":"::1","port":1,"family":"ipv6","flowlabel":0}`,
		"sadef":    `{"address":"127.0.0.1","port":0,"family":"ipv4","flowlabel":0}`,
		"sabad":    `"ERR TypeError ERR_INVALID_ADDRESS Invalid socket address"`,
		"sabad2":   `"ERR TypeError ERR_INVALID_ARG_VALUE The property 'options.family' must be one of: 'ipv4', 'ipv6'. Received 'ipv5'"`,
		"sabad3":   `"ERR Error ERR_SOCKET_BAD_PORT options.port should be >= 0 and < 65536. Received number."`,
		"sabad4":   `"ERR TypeError ERR_INVALID_ARG_TYPE The \"options\" argument must be of type object. Received type number (5)"`,
		"isSA":     `[true,false]`,
		"bl":       `[true,true,false,true,true,true,false,["Address: IPv4 1.2.3.4","Range: IPv4 10.0.0.1-10.0.0.10","Subnet: IPv4 192.168.0.0/16","Subnet: IPv6 ::1/128"],["Address: IPv4 1.2.3.4","Range: IPv4 10.0.0.1-10.0.0.10","Subnet: IPv4 192.168.0.0/16","Subnet: IPv6 ::1/128"]]`,
		"blbad":    `"ERR TypeError ERR_INVALID_ARG_TYPE The \"address\" argument must be of type string. Received type number (5)"`,
		"blbad2":   `"ERR TypeError ERR_INVALID_ARG_VALUE The argument 'start' must come before end. Received '10.0.0.10'"`,
		"blbad3":   `"ERR RangeError ERR_OUT_OF_RANGE The value of \"prefix\" is out of range. It must be between 0 and 32. Received 33"`,
		"blbad4":   `false`,
		"blisbl":   `[true,false]`,
		"server":   `"{\"_events\":{},\"_eventsCount\":0,\"domain\":null,\"allowHalfOpen\":false,\"pauseOnConnect\":false,\"noDelay\":false,\"keepAlive\":false,\"keepAliveInitialDelay\":0}"`,
		"sock":     `["open",false,true,null,0,0,"function","function",false,true]`,
		"connbad":  `"ERR TypeError ERR_MISSING_ARGS The \"options\" or \"port\" or \"path\" argument must be specified"`,
		"connbad2": `"ERR Error ERR_SOCKET_BAD_PORT Port should be >= 0 and < 65536. Received number."`,
		"connbad3": `"ERR TypeError ERR_INVALID_ARG_VALUE The argument 'path' is not supported. Received '/x'"`,
		"norm":     `[[{"port":80,"host":"h"},null],[{"port":1},null]]`,
		"events":   `["connect","ready","data:ping:true","finish","end","close:false"]`,
	}
	for k, w := range want {
		if got := jsonOf(r[k]); got != w {
			t.Errorf("%s:\n got  %s\n want %s", k, got, w)
		}
	}
}

// TestNodeNetDifferential compares node:net with real workerd's for the same worker.
func TestNodeNetDifferential(t *testing.T) {
	wd := oracle.RequireWorkerd(t)
	path := nodeNetConfig(t)
	port := freePort(t)
	cmd := exec.Command(wd, "serve", path, "--socket-addr", fmt.Sprintf("http=127.0.0.1:%d", port))
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
}
