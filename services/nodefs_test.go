package services_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/nanod-runtime/nanod/config"
)

// fsConfig writes a worker with the fs test worker and two more modules (what /bundle shows),
// at a compatibility date where nodejs_compat turns node:fs on.
func fsConfig(t *testing.T, src, date string) string {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "w.js"), []byte(src), 0o644)
	cfg := `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = (modules = [(name = "w.js", esModule = embed "w.js"),
      (name = "sub/data.txt", text = "hello data"), (name = "lib.cjs", commonJsModule = "module.exports = 1;")],
    compatibilityDate = "` + date + `", compatibilityFlags = ["nodejs_compat"])) ],
  sockets = [ (name = "http", address = "*:8080", http = (), service = "main") ],
);`
	p := filepath.Join(dir, "config.capnp")
	os.WriteFile(p, []byte(cfg), 0o644)
	return p
}

// node:fs over workerd's virtual file system: every entry of nodeFSWant is what workerd
// (compatibility date 2026-11-17) answered for nodeFSWorker — listings and their order, Stats,
// descriptors, and the exact error objects (code, syscall, path, message, own keys).
func TestNodeFS(t *testing.T) {
	base := server(t, fsConfig(t, nodeFSWorker, "2026-11-17"), config.Options{})
	var got, want map[string]any
	_, _, body := get(t, base+"/")
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	if err := json.Unmarshal([]byte(nodeFSWant), &want); err != nil {
		t.Fatal(err)
	}
	for k, w := range want {
		if !reflect.DeepEqual(got[k], w) {
			g, _ := json.Marshal(got[k])
			ws, _ := json.Marshal(w)
			t.Errorf("%s:\n got  %s\n want %s", k, g, ws)
		}
	}
	// /tmp is per request (descriptor numbers and mkdtemp names run on per isolate).
	_, _, body = get(t, base+"/")
	got = nil
	json.Unmarshal([]byte(body), &got)
	if tmp, _ := json.Marshal(got["tmpStart"]); string(tmp) != "[]" {
		t.Errorf("second request's /tmp: %s", tmp)
	}
}

// node:fs needs enable_nodejs_fs_module, on by date (2025-09-15) under nodejs_compat.
func TestNodeFSGate(t *testing.T) {
	src := `export default { async fetch() {
  const out = [];
  for (const m of ["node:fs", "node:fs/promises", "node-internal:fs"]) { try { await import(m); out.push("ok"); } catch (e) { out.push(e.message); } }
  return Response.json(out);
} };`
	base := server(t, fsConfig(t, src, "2025-09-14"), config.Options{})
	if _, _, body := get(t, base+"/"); body != `["No such module \"node:fs\".","No such module \"node:fs/promises\".","No such module \"node-internal:fs\"."]` {
		t.Errorf("before the date: %s", body)
	}
	base = server(t, fsConfig(t, src, "2025-09-15"), config.Options{})
	if _, _, body := get(t, base+"/"); body != `["ok","ok","No such module \"node-internal:fs\"."]` {
		t.Errorf("from the date: %s", body)
	}
}

const nodeFSWorker = `import fs from "node:fs";
import fsp from "node:fs/promises";
import { Buffer } from "node:buffer";
const E = (f) => { try { return { ok: f() }; } catch (e) { return err(e); } };
const err = (e) => ({ name: e.name, code: e.code, errno: e.errno, syscall: e.syscall, path: e.path, dest: e.dest, msg: e.message, str: String(e), keys: Object.keys(e).sort() });
const A = async (f) => { try { return { ok: await f() }; } catch (e) { return err(e); } };
const S = (s) => { const o = {}; for (const k in s) if (typeof s[k] !== "function") o[k] = typeof s[k] === "bigint" ? String(s[k]) : s[k]; return o; };
export default { async fetch(req) {
  const out = {};
  out.tmpStart = fs.readdirSync("/tmp");
  out.root = E(() => [fs.readdirSync("/"), fs.readdirSync("/dev"), fs.readdirSync("/bundle"), fs.readdirSync("/bundle", { recursive: true })]);
  out.bundleText = E(() => [fs.readFileSync("/bundle/sub/data.txt", "utf8"), fs.readFileSync("lib.cjs", "utf8"), fs.readFileSync(new URL("file:///bundle/sub/data.txt")).toString("hex")]);
  out.bundleW = E(() => fs.writeFileSync("/bundle/x", "a"));
  out.bundleMk = E(() => fs.mkdirSync("/bundle/d"));
  out.bundleUnlink = E(() => fs.unlinkSync("/bundle/lib.cjs"));
  out.bundleOpenW = E(() => fs.openSync("/bundle/lib.cjs", "w"));
  out.bundleTrunc = E(() => fs.truncateSync("/bundle/lib.cjs"));
  out.bundleRename = E(() => fs.renameSync("/bundle/lib.cjs", "/tmp/z"));
  out.bundleStat = E(() => S(fs.statSync("/bundle/sub/data.txt")));
  out.bundleDirStat = E(() => S(fs.statSync("/bundle/sub")));
  out.rootW = E(() => fs.writeFileSync("/x.txt", "a"));
  out.noent = E(() => fs.readFileSync("/x"));
  out.noentRel = E(() => fs.readFileSync("nope.txt"));
  out.isdir = E(() => fs.readFileSync("/tmp"));
  out.write = E(() => fs.writeFileSync("/tmp/a.txt", "abc"));
  out.stat = E(() => S(fs.statSync("/tmp/a.txt")));
  out.statBig = E(() => S(fs.statSync("/tmp/a.txt", { bigint: true })));
  out.statKinds = E(() => ["/tmp", "/tmp/a.txt", "/dev/null", "/"].map((p) => { const s = fs.statSync(p); return [s.mode, s.dev, s.isFile(), s.isDirectory(), s.isCharacterDevice(), s.constructor.name]; }));
  out.statNo = E(() => fs.statSync("/x"));
  out.lstatNo = E(() => fs.lstatSync("/x"));
  out.statNoThrow = E(() => fs.statSync("/x", { throwIfNoEntry: false }) === undefined);
  out.mkdirExisting = E(() => fs.mkdirSync("/tmp"));
  out.mkdirOverFile = E(() => fs.mkdirSync("/tmp/a.txt"));
  out.mkdirNoParent = E(() => fs.mkdirSync("/tmp/m/n"));
  out.mkdirRec = E(() => [fs.mkdirSync("/tmp/p/q/r", { recursive: true }), fs.mkdirSync("/tmp/p/q/r", { recursive: true })]);
  out.readdirFile = E(() => fs.readdirSync("/tmp/a.txt"));
  out.readdirNo = E(() => fs.readdirSync("/nope"));
  out.underFile = E(() => fs.readFileSync("/tmp/a.txt/b"));
  out.rmdirNotEmpty = E(() => fs.rmdirSync("/tmp/p"));
  out.rmdirNo = E(() => fs.rmdirSync("/tmp/nope"));
  out.rmdirFile = E(() => fs.rmdirSync("/tmp/a.txt"));
  out.rmNoForce = E(() => fs.rmSync("/tmp/nope"));
  out.unlinkNo = E(() => fs.unlinkSync("/tmp/nope"));
  out.unlinkDir = E(() => fs.unlinkSync("/tmp/p"));
  out.exists = E(() => [fs.existsSync("/tmp"), fs.existsSync("/nope"), fs.existsSync("/bundle/lib.cjs"), fs.existsSync(null)]);
  out.access = E(() => [[fs.constants.R_OK, "/bundle/lib.cjs"], [fs.constants.W_OK, "/bundle/lib.cjs"], [fs.constants.X_OK, "/tmp/a.txt"], [fs.constants.W_OK, "/tmp/a.txt"], [0, "/nope"]].map(([m, p]) => E(() => fs.accessSync(p, m))));
  out.dev = E(() => [fs.readFileSync("/dev/zero").length, fs.readFileSync("/dev/null").length, fs.readFileSync("/dev/random").length, E(() => fs.writeFileSync("/dev/full", "x")), E(() => fs.writeFileSync("/dev/null", "x"))]);
  out.devRead = E(() => { const fd = fs.openSync("/dev/zero", "r"); const b = Buffer.alloc(4, 1); const n = fs.readSync(fd, b); fs.closeSync(fd); return [n, Array.from(b)]; });
  out.fds = E(() => { const a = fs.openSync("/tmp/a.txt", "r"); const b = Buffer.alloc(10); const n = fs.readSync(a, b); fs.closeSync(a); const c = fs.openSync("/tmp/a.txt", "r"); fs.closeSync(c); return [a, n, b.toString("hex"), c]; });
  out.closeBad = E(() => [fs.closeSync(99), fs.closeSync(99)]);
  out.readBad = E(() => fs.readSync(99, Buffer.alloc(1)));
  out.fstatBad = E(() => fs.fstatSync(77));
  out.fdType = E(() => fs.fstatSync("x"));
  out.fdNeg = E(() => fs.fstatSync(-1));
  out.wx = E(() => fs.openSync("/tmp/a.txt", "wx"));
  out.openNo = E(() => fs.openSync("/nope", "r"));
  out.openDirW = E(() => fs.openSync("/tmp", "w"));
  out.badFlag = E(() => fs.openSync("/tmp/a.txt", "zz"));
  out.writeRO = E(() => { const fd = fs.openSync("/bundle/lib.cjs", "r"); try { return fs.writeSync(fd, "x"); } finally { fs.closeSync(fd); } });
  out.appendPos = E(() => { const fd = fs.openSync("/tmp/a.txt", "a"); fs.writeSync(fd, "Z", 0); fs.closeSync(fd); return fs.readFileSync("/tmp/a.txt", "latin1"); });
  out.writeHole = E(() => { const fd = fs.openSync("/tmp/a.txt", "r+"); fs.writeSync(fd, "Q", 6); fs.closeSync(fd); return Array.from(fs.readFileSync("/tmp/a.txt")); });
  out.readPos = E(() => { const fd = fs.openSync("/tmp/a.txt", "r"); const b = Buffer.alloc(3); const n = fs.readSync(fd, b, 0, 3, 1); const n2 = fs.readSync(fd, b, { position: null }); fs.closeSync(fd); return [n, n2, Array.from(b)]; });
  out.readBadLen = E(() => { const fd = fs.openSync("/tmp/a.txt", "r"); try { return fs.readSync(fd, Buffer.alloc(3), 5, 1); } finally { fs.closeSync(fd); } });
  out.writeBadData = E(() => fs.writeFileSync("/tmp/w", 12));
  out.nulPath = E(() => fs.readFileSync("/tmp/a\0b"));
  out.numPath = E(() => fs.readFileSync(123));
  out.badPathType = E(() => fs.statSync(123));
  out.append = E(() => { fs.appendFileSync("/tmp/ap.txt", "x"); fs.appendFileSync("/tmp/ap.txt", Buffer.from("yz")); return fs.readFileSync("/tmp/ap.txt", "utf8"); });
  out.order = E(() => { fs.writeFileSync("/tmp/o1", ""); fs.writeFileSync("/tmp/o2", ""); fs.writeFileSync("/tmp/o3", ""); fs.renameSync("/tmp/o1", "/tmp/o4"); fs.unlinkSync("/tmp/o2"); return fs.readdirSync("/tmp"); });
  out.renameNo = E(() => fs.renameSync("/tmp/nope", "/tmp/q"));
  out.renameOverDir = E(() => fs.renameSync("/tmp/a.txt", "/tmp/p"));
  out.renameIntoSelf = E(() => fs.renameSync("/tmp/p", "/tmp/p/q/x"));
  out.copy = E(() => { fs.copyFileSync("/bundle/sub/data.txt", "/tmp/c.txt"); return fs.readFileSync("/tmp/c.txt", "utf8"); });
  out.copyExcl = E(() => fs.copyFileSync("/bundle/sub/data.txt", "/tmp/c.txt", fs.constants.COPYFILE_EXCL));
  out.copyNo = E(() => fs.copyFileSync("/nope", "/tmp/q"));
  out.copyDir = E(() => fs.copyFileSync("/tmp", "/tmp/q"));
  out.symlink = E(() => { fs.symlinkSync("/tmp/c.txt", "/tmp/l"); return [fs.readlinkSync("/tmp/l"), fs.lstatSync("/tmp/l").isSymbolicLink(), fs.statSync("/tmp/l").isFile(), fs.realpathSync("/tmp/l"), fs.readFileSync("/tmp/l", "utf8")]; });
  out.symlinkExists = E(() => fs.symlinkSync("/x", "/tmp/a.txt"));
  out.dangling = E(() => { fs.symlinkSync("/nowhere", "/tmp/d"); return [fs.realpathSync("/tmp/d"), E(() => fs.readFileSync("/tmp/d"))]; });
  out.readlinkFile = E(() => fs.readlinkSync("/tmp/c.txt"));
  out.link = E(() => { fs.linkSync("/tmp/c.txt", "/tmp/h"); fs.appendFileSync("/tmp/h", "!"); return [fs.readFileSync("/tmp/c.txt", "utf8"), fs.statSync("/tmp/h").nlink]; });
  out.linkDir = E(() => fs.linkSync("/tmp/p", "/tmp/h2"));
  out.dirents = E(() => fs.readdirSync("/tmp", { withFileTypes: true }).map((d) => [d.name, d.parentPath, d.isFile(), d.isDirectory(), d.isSymbolicLink(), d.constructor.name, Object.keys(d)]));
  out.readdirRec = E(() => { fs.writeFileSync("/tmp/p/q/f", ""); return [fs.readdirSync("/tmp/p", { recursive: true }), fs.readdirSync("/tmp/p", { recursive: true, withFileTypes: true }).map((d) => [d.name, d.parentPath])]; });
  out.mkdtemp = E(() => [fs.mkdtempSync("/tmp/foo-"), fs.mkdtempSync("/tmp/foo-"), fs.mkdtempSync("/tmp/bar")]);
  out.mkdtempNo = E(() => fs.mkdtempSync("/nope/x-"));
  out.trunc = E(() => { fs.truncateSync("/tmp/c.txt", 2); const a = fs.readFileSync("/tmp/c.txt", "utf8"); fs.truncateSync("/tmp/c.txt", 4); return [a, Array.from(fs.readFileSync("/tmp/c.txt"))]; });
  out.truncNo = E(() => fs.truncateSync("/nope"));
  out.truncDir = E(() => fs.truncateSync("/tmp"));
  out.truncHuge = E(() => fs.truncateSync("/tmp/c.txt", 2 ** 31));
  out.chmod = E(() => [fs.chmodSync("/tmp/c.txt", 0o777), fs.chownSync("/tmp/c.txt", 1, 1), fs.statSync("/tmp/c.txt").mode]);
  out.chmodNo = E(() => fs.chmodSync("/tmp/nope", 0o777));
  out.utimes = E(() => { fs.utimesSync("/tmp/c.txt", 1000, 2000); const s = fs.statSync("/tmp/c.txt"); return [s.atimeMs, s.mtimeMs, s.ctimeMs, s.birthtimeMs]; });
  out.watch = E(() => fs.watch("/tmp"));
  out.watchP = E(() => fsp.watch("/tmp"));
  out.cpDir = E(() => { fs.cpSync("/tmp/p", "/tmp/p2", { recursive: true }); return fs.readdirSync("/tmp/p2", { recursive: true }); });
  out.cpDirNoRec = E(() => fs.cpSync("/tmp/p", "/tmp/p3"));
  out.rmrf = E(() => { fs.rmSync("/tmp/p", { recursive: true }); return fs.existsSync("/tmp/p"); });
  out.dir = await A(async () => { const d = fs.opendirSync("/tmp/p2"); const r = [d.path, d.constructor.name]; for await (const e of d) r.push(e.name, e.isDirectory()); return r; });
  out.statfs = E(() => fs.statfsSync("/"));
  out.pReadNo = await A(() => fsp.readFile("/nope"));
  out.pAccessNo = await A(() => fsp.access("/nope"));
  out.pStatNo = await A(() => fsp.stat("/nope"));
  out.pWrite = await A(async () => { await fsp.writeFile("/tmp/pw", "hello"); await fsp.appendFile("/tmp/pw", " there"); return fsp.readFile("/tmp/pw", "utf8"); });
  out.fh = await A(async () => { const fh = await fsp.open("/tmp/pw", "r+"); const r = [typeof fh.fd, fh.constructor.name]; const { bytesRead, buffer } = await fh.read(Buffer.alloc(5), 0, 5, 0); r.push(bytesRead, buffer.toString()); await fh.write("J", 0); r.push((await fh.stat()).size, await fh.readFile("utf8")); await fh.truncate(3); await fh.close(); r.push(fs.readFileSync("/tmp/pw", "utf8")); r.push(await fh.stat().then(() => "ok", (e) => [e.code, e.syscall, e.message])); return r; });
  out.cbRead = await new Promise((r) => fs.readFile("/nope", (e, d) => r([e.code, e.message, d])));
  out.cbStat = await new Promise((r) => fs.stat("/nope", (e) => r([e.code, e.errno, e.message])));
  out.cbMkdir = await new Promise((r) => fs.mkdir("/tmp/cb/x", { recursive: true }, (e, p) => r([e, p])));
  out.cbExists = await new Promise((r) => fs.exists("/tmp/cb", (x) => r(x)));
  out.cbNoFn = E(() => fs.readFile("/tmp/pw"));
  out.stream = await A(async () => { const chunks = []; for await (const c of fs.createReadStream("/bundle/sub/data.txt", { start: 2, end: 6 })) chunks.push(c.toString()); return chunks.join(""); });
  out.wstream = await A(async () => { const ws = fs.createWriteStream("/tmp/ws"); ws.write("ab"); ws.write(Buffer.from("cd")); await new Promise((r) => ws.end("e", r)); return [fs.readFileSync("/tmp/ws", "utf8"), ws.bytesWritten]; });
  out.keys = Object.keys(fs).length;
  out.pkeys = Object.keys(fsp).length;
  return Response.json(out);
} };
`

const nodeFSWant = `{"tmpStart":[],"root":{"ok":[["bundle","tmp","dev"],["null","zero","full","random"],["w.js","sub","lib.cjs"],["bundle/w.js","bundle/sub","bundle/sub/data.txt","bundle/lib.cjs"]]},"bundleText":{"ok":["hello data","module.exports = 1;","68656c6c6f2064617461"]},"bundleW":{"name":"Error","code":"EPERM","syscall":"writeAll","msg":"operation not permitted","str":"Error: operation not permitted","keys":["code","syscall"]},"bundleMk":{"name":"Error","code":"EPERM","syscall":"mkdir","msg":"operation not permitted","str":"Error: operation not permitted","keys":["code","syscall"]},"bundleUnlink":{"name":"Error","code":"EPERM","syscall":"unlink","msg":"operation not permitted","str":"Error: operation not permitted","keys":["code","syscall"]},"bundleOpenW":{"name":"Error","code":"EPERM","syscall":"open","path":"/bundle/lib.cjs","msg":"operation not permitted, open '/bundle/lib.cjs'","str":"Error: operation not permitted, open '/bundle/lib.cjs'","keys":["code","path","syscall"]},"bundleTrunc":{"name":"Error","code":"EPERM","syscall":"ftruncate","msg":"operation not permitted","str":"Error: operation not permitted","keys":["code","syscall"]},"bundleRename":{"name":"Error","code":"EPERM","syscall":"rename","msg":"operation not permitted","str":"Error: operation not permitted","keys":["code","syscall"]},"bundleStat":{"ok":{"dev":0,"ino":0,"mode":33060,"nlink":1,"uid":0,"gid":0,"rdev":0,"size":10,"blksize":0,"blocks":0,"atimeMs":0,"mtimeMs":0,"ctimeMs":0,"birthtimeMs":0,"atime":"1970-01-01T00:00:00.000Z","mtime":"1970-01-01T00:00:00.000Z","ctime":"1970-01-01T00:00:00.000Z","birthtime":"1970-01-01T00:00:00.000Z"}},"bundleDirStat":{"ok":{"dev":0,"ino":0,"mode":16676,"nlink":1,"uid":0,"gid":0,"rdev":0,"size":0,"blksize":0,"blocks":0,"atimeMs":0,"mtimeMs":0,"ctimeMs":0,"birthtimeMs":0,"atime":"1970-01-01T00:00:00.000Z","mtime":"1970-01-01T00:00:00.000Z","ctime":"1970-01-01T00:00:00.000Z","birthtime":"1970-01-01T00:00:00.000Z"}},"rootW":{"name":"Error","code":"EPERM","syscall":"writeAll","msg":"operation not permitted","str":"Error: operation not permitted","keys":["code","syscall"]},"noent":{"name":"Error","code":"ENOENT","syscall":"readAll","path":"/x","msg":"no such file or directory, readAll '/x'","str":"Error: no such file or directory, readAll '/x'","keys":["code","path","syscall"]},"noentRel":{"name":"Error","code":"ENOENT","syscall":"readAll","path":"/bundle/nope.txt","msg":"no such file or directory, readAll '/bundle/nope.txt'","str":"Error: no such file or directory, readAll '/bundle/nope.txt'","keys":["code","path","syscall"]},"isdir":{"name":"Error","code":"EISDIR","syscall":"readAll","msg":"illegal operation on a directory","str":"Error: illegal operation on a directory","keys":["code","syscall"]},"write":{"ok":3},"stat":{"ok":{"dev":0,"ino":0,"mode":33206,"nlink":1,"uid":0,"gid":0,"rdev":0,"size":3,"blksize":0,"blocks":0,"atimeMs":0,"mtimeMs":0,"ctimeMs":0,"birthtimeMs":0,"atime":"1970-01-01T00:00:00.000Z","mtime":"1970-01-01T00:00:00.000Z","ctime":"1970-01-01T00:00:00.000Z","birthtime":"1970-01-01T00:00:00.000Z"}},"statBig":{"ok":{"dev":"0","ino":"0","mode":"33206","nlink":"1","uid":"0","gid":"0","rdev":"0","size":"3","blksize":"0","blocks":"0","atimeMs":"0","mtimeMs":"0","ctimeMs":"0","birthtimeMs":"0","atimeNs":"0","mtimeNs":"0","ctimeNs":"0","birthtimeNs":"0","atime":"1970-01-01T00:00:00.000Z","mtime":"1970-01-01T00:00:00.000Z","ctime":"1970-01-01T00:00:00.000Z","birthtime":"1970-01-01T00:00:00.000Z"}},"statKinds":{"ok":[[16822,0,false,true,false,"Stats"],[33206,0,true,false,false,"Stats"],[8630,1,false,false,true,"Stats"],[16676,0,false,true,false,"Stats"]]},"statNo":{"name":"Error","code":"ENOENT","errno":-2,"syscall":"stat","path":"/x","msg":"no such file or directory, stat '/x'","str":"Error [ENOENT]: no such file or directory, stat '/x'","keys":["code","errno","name","path","syscall"]},"lstatNo":{"name":"Error","code":"ENOENT","errno":-2,"syscall":"lstat","path":"/x","msg":"no such file or directory, lstat '/x'","str":"Error [ENOENT]: no such file or directory, lstat '/x'","keys":["code","errno","name","path","syscall"]},"statNoThrow":{"ok":true},"mkdirExisting":{},"mkdirOverFile":{"name":"Error","code":"EEXIST","syscall":"mkdir","msg":"file already exists","str":"Error: file already exists","keys":["code","syscall"]},"mkdirNoParent":{"name":"Error","code":"ENOENT","syscall":"mkdir","path":"n","msg":"no such file or directory, mkdir 'n'","str":"Error: no such file or directory, mkdir 'n'","keys":["code","path","syscall"]},"mkdirRec":{"ok":["/tmp/p",null]},"readdirFile":{"name":"Error","code":"ENOTDIR","syscall":"readdir","path":"/tmp/a.txt","msg":"not a directory, readdir '/tmp/a.txt'","str":"Error: not a directory, readdir '/tmp/a.txt'","keys":["code","path","syscall"]},"readdirNo":{"name":"Error","code":"ENOENT","syscall":"readdir","path":"/nope","msg":"no such file or directory, readdir '/nope'","str":"Error: no such file or directory, readdir '/nope'","keys":["code","path","syscall"]},"underFile":{"name":"Error","code":"ENOENT","syscall":"readAll","path":"/tmp/a.txt/b","msg":"no such file or directory, readAll '/tmp/a.txt/b'","str":"Error: no such file or directory, readAll '/tmp/a.txt/b'","keys":["code","path","syscall"]},"rmdirNotEmpty":{"name":"Error","code":"ENOTEMPTY","syscall":"rm","path":"p","msg":"directory not empty, rm 'p'","str":"Error: directory not empty, rm 'p'","keys":["code","path","syscall"]},"rmdirNo":{"name":"Error","code":"ENOENT","syscall":"rm","path":"nope","msg":"no such file or directory, rm 'nope'","str":"Error: no such file or directory, rm 'nope'","keys":["code","path","syscall"]},"rmdirFile":{"name":"Error","code":"ENOTDIR","syscall":"rm","msg":"not a directory","str":"Error: not a directory","keys":["code","syscall"]},"rmNoForce":{},"unlinkNo":{"name":"Error","code":"ENOENT","syscall":"unlink","path":"nope","msg":"File not found","str":"Error: File not found","keys":["code","path","syscall"]},"unlinkDir":{"name":"Error","code":"EISDIR","syscall":"unlink","msg":"Cannot unlink a directory","str":"Error: Cannot unlink a directory","keys":["code","syscall"]},"exists":{"ok":[true,false,true,false]},"access":{"ok":[{},{"name":"Error","code":"ENOENT","errno":-2,"syscall":"access","path":"/bundle/lib.cjs","msg":"no such file or directory, access '/bundle/lib.cjs'","str":"Error [ENOENT]: no such file or directory, access '/bundle/lib.cjs'","keys":["code","errno","name","path","syscall"]},{"name":"Error","code":"ENOENT","errno":-2,"syscall":"access","path":"/tmp/a.txt","msg":"no such file or directory, access '/tmp/a.txt'","str":"Error [ENOENT]: no such file or directory, access '/tmp/a.txt'","keys":["code","errno","name","path","syscall"]},{},{"name":"Error","code":"ENOENT","errno":-2,"syscall":"access","path":"/nope","msg":"no such file or directory, access '/nope'","str":"Error [ENOENT]: no such file or directory, access '/nope'","keys":["code","errno","name","path","syscall"]}]},"dev":{"ok":[0,0,0,{"name":"Error","code":"EPERM","syscall":"writeAll","msg":"operation not permitted","str":"Error: operation not permitted","keys":["code","syscall"]},{"ok":1}]},"devRead":{"ok":[4,[0,0,0,0]]},"fds":{"ok":[4,3,"61626300000000000000",5]},"closeBad":{"ok":[null,null]},"readBad":{"name":"Error","code":"EBADF","syscall":"read","msg":"bad file descriptor","str":"Error: bad file descriptor","keys":["code","syscall"]},"fstatBad":{"name":"Error","code":"EBADF","syscall":"fstat","msg":"bad file descriptor","str":"Error: bad file descriptor","keys":["code","syscall"]},"fdType":{"name":"TypeError","code":"ERR_INVALID_ARG_TYPE","msg":"The \"fd\" argument must be of type number. Received type string ('x')","str":"TypeError [ERR_INVALID_ARG_TYPE]: The \"fd\" argument must be of type number. Received type string ('x')","keys":["code","name","toString"]},"fdNeg":{"name":"RangeError","code":"ERR_OUT_OF_RANGE","msg":"The value of \"fd\" is out of range. It must be >= 0 && <= 2147483647. Received -1","str":"RangeError: The value of \"fd\" is out of range. It must be >= 0 && <= 2147483647. Received -1","keys":["code","name"]},"wx":{"name":"Error","code":"EEXIST","syscall":"open","path":"/tmp/a.txt","msg":"file already exists, open '/tmp/a.txt'","str":"Error: file already exists, open '/tmp/a.txt'","keys":["code","path","syscall"]},"openNo":{"name":"Error","code":"ENOENT","syscall":"open","path":"/nope","msg":"no such file or directory, open '/nope'","str":"Error: no such file or directory, open '/nope'","keys":["code","path","syscall"]},"openDirW":{"name":"Error","code":"EISDIR","syscall":"open","path":"/tmp","msg":"illegal operation on a directory, open '/tmp'","str":"Error: illegal operation on a directory, open '/tmp'","keys":["code","path","syscall"]},"badFlag":{"name":"TypeError","code":"ERR_INVALID_ARG_VALUE","msg":"The argument 'flags' is invalid. Received 'zz'","str":"TypeError [ERR_INVALID_ARG_VALUE]: The argument 'flags' is invalid. Received 'zz'","keys":["code","name","toString"]},"writeRO":{"name":"Error","code":"EPERM","syscall":"write","msg":"operation not permitted","str":"Error: operation not permitted","keys":["code","syscall"]},"appendPos":{"ok":"abcZ"},"writeHole":{"ok":[97,98,99,90,0,0,81]},"readPos":{"ok":[3,3,[97,98,99]]},"readBadLen":{"name":"RangeError","code":"ERR_OUT_OF_RANGE","msg":"The value of \"length\" is out of range. It must be <= -2. Received 1","str":"RangeError: The value of \"length\" is out of range. It must be <= -2. Received 1","keys":["code","name"]},"writeBadData":{"name":"TypeError","code":"ERR_INVALID_ARG_TYPE","msg":"The \"data\" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (12)","str":"TypeError [ERR_INVALID_ARG_TYPE]: The \"data\" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (12)","keys":["code","name","toString"]},"nulPath":{"name":"TypeError","code":"ERR_INVALID_ARG_VALUE","msg":"The argument 'path' must not contain null bytes. Received '/tmp/a\\x00b'","str":"TypeError [ERR_INVALID_ARG_VALUE]: The argument 'path' must not contain null bytes. Received '/tmp/a\\x00b'","keys":["code","name","toString"]},"numPath":{"name":"Error","code":"EBADF","syscall":"fread","msg":"bad file descriptor","str":"Error: bad file descriptor","keys":["code","syscall"]},"badPathType":{"name":"Error","code":"EBADF","syscall":"fstat","msg":"bad file descriptor","str":"Error: bad file descriptor","keys":["code","syscall"]},"append":{"ok":"xyz"},"order":{"ok":["a.txt","p","ap.txt","o4","o3"]},"renameNo":{"name":"Error","code":"ENOENT","syscall":"rename","path":"/tmp/nope","msg":"no such file or directory, rename '/tmp/nope'","str":"Error: no such file or directory, rename '/tmp/nope'","keys":["code","path","syscall"]},"renameOverDir":{"name":"Error","code":"EISDIR","syscall":"rename","msg":"illegal operation on a directory","str":"Error: illegal operation on a directory","keys":["code","syscall"]},"renameIntoSelf":{"name":"Error","code":"EINVAL","syscall":"rename","msg":"invalid argument","str":"Error: invalid argument","keys":["code","syscall"]},"copy":{"ok":"hello data"},"copyExcl":{"name":"Error","code":"EEXIST","errno":-17,"syscall":"copyFile","path":"/tmp/c.txt","msg":"file already exists, copyFile '/tmp/c.txt'","str":"Error [EEXIST]: file already exists, copyFile '/tmp/c.txt'","keys":["code","errno","name","path","syscall"]},"copyNo":{"name":"Error","code":"ENOENT","syscall":"copy","path":"/nope","msg":"no such file or directory, copy '/nope'","str":"Error: no such file or directory, copy '/nope'","keys":["code","path","syscall"]},"copyDir":{"name":"Error","code":"EISDIR","syscall":"copy","msg":"illegal operation on a directory","str":"Error: illegal operation on a directory","keys":["code","syscall"]},"symlink":{"ok":["/tmp/c.txt",true,true,"/tmp/c.txt","hello data"]},"symlinkExists":{"name":"Error","code":"EEXIST","syscall":"link","msg":"File already exists","str":"Error: File already exists","keys":["code","syscall"]},"dangling":{"ok":["/nowhere",{"name":"Error","code":"ENOENT","syscall":"readAll","path":"/tmp/d","msg":"no such file or directory, readAll '/tmp/d'","str":"Error: no such file or directory, readAll '/tmp/d'","keys":["code","path","syscall"]}]},"readlinkFile":{"name":"Error","code":"EINVAL","syscall":"readlink","msg":"invalid argument","str":"Error: invalid argument","keys":["code","syscall"]},"link":{"ok":["hello data!",1]},"linkDir":{"name":"Error","code":"EPERM","syscall":"link","msg":"Cannot hardlink to a directory","str":"Error: Cannot hardlink to a directory","keys":["code","syscall"]},"dirents":{"ok":[["a.txt","/tmp",true,false,false,"Dirent",["name","parentPath"]],["p","/tmp",false,true,false,"Dirent",["name","parentPath"]],["ap.txt","/tmp",true,false,false,"Dirent",["name","parentPath"]],["o4","/tmp",true,false,false,"Dirent",["name","parentPath"]],["o3","/tmp",true,false,false,"Dirent",["name","parentPath"]],["c.txt","/tmp",true,false,false,"Dirent",["name","parentPath"]],["l","/tmp",false,false,true,"Dirent",["name","parentPath"]],["d","/tmp",false,false,true,"Dirent",["name","parentPath"]],["h","/tmp",true,false,false,"Dirent",["name","parentPath"]]]},"readdirRec":{"ok":[["tmp/p/q","tmp/p/q/r","tmp/p/q/f"],[["tmp/p/q","/tmp/p"],["tmp/p/q/r","/tmp/p/q"],["tmp/p/q/f","/tmp/p/q"]]]},"mkdtemp":{"ok":["/tmp/foo-0","/tmp/foo-1","/tmp/bar2"]},"mkdtempNo":{"name":"Error","code":"ENOENT","syscall":"mkdir","path":"x-","msg":"no such file or directory, mkdir 'x-'","str":"Error: no such file or directory, mkdir 'x-'","keys":["code","path","syscall"]},"trunc":{"ok":["he",[104,101,0,0]]},"truncNo":{"name":"Error","code":"ENOENT","syscall":"ftruncate","path":"/nope","msg":"no such file or directory, ftruncate '/nope'","str":"Error: no such file or directory, ftruncate '/nope'","keys":["code","path","syscall"]},"truncDir":{"name":"Error","code":"EISDIR","syscall":"ftruncate","msg":"illegal operation on a directory","str":"Error: illegal operation on a directory","keys":["code","syscall"]},"truncHuge":{"name":"Error","code":"EPERM","syscall":"ftruncate","msg":"File size limit exceeded","str":"Error: File size limit exceeded","keys":["code","syscall"]},"chmod":{"ok":[null,null,33206]},"chmodNo":{"name":"Error","code":"ENOENT","errno":-2,"syscall":"chmod","path":"/tmp/nope","msg":"no such file or directory, chmod '/tmp/nope'","str":"Error [ENOENT]: no such file or directory, chmod '/tmp/nope'","keys":["code","errno","name","path","syscall"]},"utimes":{"ok":[0,2000,2000,0]},"watch":{"name":"Error","code":"ERR_UNSUPPORTED_OPERATION","msg":"The requested operation is unsupported","str":"Error [ERR_UNSUPPORTED_OPERATION]: The requested operation is unsupported","keys":["code","name"]},"watchP":{"name":"Error","msg":"Not implemented","str":"Error: Not implemented","keys":[]},"cpDir":{"ok":["tmp/p2/q","tmp/p2/q/r","tmp/p2/q/f"]},"cpDirNoRec":{"name":"Error","code":"ERR_FS_EISDIR","msg":"Expected a file but found a directory","str":"Error: Expected a file but found a directory","keys":["code"]},"rmrf":{"ok":false},"dir":{"ok":["/tmp/p2","Dir","q",true]},"statfs":{"ok":{"type":0,"bsize":0,"blocks":0,"bfree":0,"bavail":0,"files":0,"ffree":0}},"pReadNo":{"name":"Error","code":"ENOENT","syscall":"readAll","path":"/nope","msg":"no such file or directory, readAll '/nope'","str":"Error: no such file or directory, readAll '/nope'","keys":["code","path","syscall"]},"pAccessNo":{"name":"Error","code":"ENOENT","errno":-2,"syscall":"access","path":"/nope","msg":"no such file or directory, access '/nope'","str":"Error [ENOENT]: no such file or directory, access '/nope'","keys":["code","errno","name","path","syscall"]},"pStatNo":{"name":"Error","code":"ENOENT","errno":-2,"syscall":"stat","path":"/nope","msg":"no such file or directory, stat '/nope'","str":"Error [ENOENT]: no such file or directory, stat '/nope'","keys":["code","errno","name","path","syscall"]},"pWrite":{"ok":"hello there"},"fh":{"ok":["number","FileHandle",5,"hello",11,"Jello there","Jel",["EBADF","stat","Bad file descriptor"]]},"cbRead":["ENOENT","no such file or directory, readAll '/nope'",null],"cbStat":["ENOENT",-2,"no such file or directory, stat '/nope'"],"cbMkdir":[null,"/tmp/cb"],"cbExists":true,"cbNoFn":{"name":"TypeError","code":"ERR_INVALID_ARG_TYPE","msg":"The \"callback\" argument must be of type function. Received undefined","str":"TypeError [ERR_INVALID_ARG_TYPE]: The \"callback\" argument must be of type function. Received undefined","keys":["code","name","toString"]},"stream":{"ok":"llo d"},"wstream":{"ok":["abcde",5]},"keys":105,"pkeys":33}`
