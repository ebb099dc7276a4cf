package isolate

import (
	"regexp"
	"strings"
	"testing"
)

// The console formats like workerd, whose console.log runs Node's util.format / util.inspect
// (node-internal:internal_inspect formatLog). Unless a table says otherwise, each expectation was
// measured from real workerd (`make oracle`; `workerd test --compat-date=2024-09-23` on a module
// worker whose test() handler runs each snippet between marker lines, its stdout split at the
// markers) and is compared byte for byte. Snippets run in strict mode, as module code does in
// workerd; a snippet that throws is expected as "throws Name: message".

type consoleCase struct{ src, want string }

// consoleDeviation is a case where nanod knowingly prints something other than workerd.
type consoleDeviation struct{ src, nanod, workerd string }

var consoleDeviations = []consoleDeviation{
	{`{ const e = new Error("m"); e.stack = "Error: m\n    at x (y.js:1:1)"; console.dir(e, { showHidden: true }) }`, `Error: m
    at x (y.js:1:1) {
  [stack]: 'Error: m\n    at x (y.js:1:1)',
  [message]: 'm'
}`, `Error: m
    at x (y.js:1:1) {
  [stack]: [Getter/Setter],
  [message]: 'm'
}`},
}

// console.log output measured from workerd, one case per statement list.
var consoleWorkerdCases = []consoleCase{
	// Proxies, promise states and iterator previews come from v8ext (__ext.details).
	{`console.log(new Proxy({ a: 1 }, { get() { throw new Error("trap"); } }))`, "Proxy({ a: 1 })"},
	{`console.log(new Proxy(class Foo {}, {}))`, "Proxy([class Foo])"},
	{`console.log([new Proxy([1], {}), new Proxy(new Set([1]), {})])`, "[ Proxy([ 1 ]), Proxy(Set(1) { 1 }) ]"},
	{`console.log(Object.setPrototypeOf(new Map([[1, 2]]).keys(), null))`, "[Map Iterator] { 1 }"},
	{`{ class Foo { constructor() { this.x = 1; } } const f = new Foo(); Object.setPrototypeOf(f, null); console.log(f) }`, "[Foo: null prototype] { x: 1 }"},
	{`console.log(Object.setPrototypeOf(async function* agen() {}, null))`, "[AsyncGeneratorFunction (null prototype): agen]"},
	{`console.log({ gen: Object.setPrototypeOf(function* g() {}, Function.prototype) })`, "{ gen: [GeneratorFunction: g] Function }"},
	{`console.log("%s", new Proxy({ toString() { return "T"; } }, {}))`, "T"},
	{`console.log("%s|%o", new Proxy([1, 2], {}), new Proxy({ a: 1 }, {}))`, "Proxy([ 1, 2 ])|Proxy [ { a: 1 }, {} ]"},
	{`console.log(new Set([1, 2]).entries())`, "[Set Entries] { [ 1, 1 ], [ 2, 2 ] }"},
	{`{ function F() {} F.prototype = Object.create(null); console.log(new F()) }`, "F <[Object: null prototype] {}> {}"},
	{`console.log(Promise.resolve(42))`, "Promise { 42 }"},
	{`console.log(new Promise(() => {}))`, "Promise { <pending> }"},
	{`console.log(new Map([[1, 2]]).entries())`, "[Map Entries] { [ 1, 2 ] }"},
	{`console.log(new Set([1, 2]).values())`, "[Set Iterator] { 1, 2 }"},
	{`console.log(new Map([["k", "v"]]).keys())`, "[Map Iterator] { 'k' }"},
	{`console.log(new Proxy({ a: 1 }, {}))`, "Proxy({ a: 1 })"},
	{`console.log(new Proxy([1, 2], {}))`, "Proxy([ 1, 2 ])"},
	{`console.log(new Proxy(function pf() {}, {}))`, "Proxy([Function: pf])"},
	{`console.log({ p: new Proxy({ a: 1 }, {}) })`, "{ p: Proxy({ a: 1 }) }"},
	{`console.log("%o", new Proxy({ a: 1 }, {}))`, "Proxy [ { a: 1 }, {} ]"},
	{`console.log(new Proxy(new Map([[1,2]]), {}))`, "Proxy(Map(1) { 1 => 2 })"},
	{`{ const p = Promise.reject(new Error("x")); p.catch(() => {}); console.log(Promise.reject(5).catch(()=>{}), p.constructor.name) }`, "Promise { <pending> } Promise"},
	{`{ const p = Promise.reject(5); p.catch(() => {}); console.log(p) }`, "Promise { <rejected> 5 }"},
	{`console.log(Promise.resolve({ a: { b: { c: { d: 1 } } } }))`, "Promise { { a: { b: [Object] } } }"},
	{`console.log({ p: Promise.resolve([1, 2]) })`, "{ p: Promise { [ 1, 2 ] } }"},
	{`console.log(new Map([[1, 2]])[Symbol.iterator]())`, "[Map Entries] { [ 1, 2 ] }"},
	{`{ const it = new Map([[1, 2], [3, 4]]).entries(); it.next(); console.log(it) }`, "[Map Entries] { [ 3, 4 ] }"},
	{`console.log([new Set([1]).entries()])`, "[ [Set Entries] { [ 1, 1 ] } ]"},
	{`console.log(1)`, "1"},
	{`console.log(-0)`, "-0"},
	{`console.log(0)`, "0"},
	{`console.log(1.5, -2.25e-7, 1e21, 123456789012345680000)`, "1.5 -2.25e-7 1e+21 123456789012345680000"},
	{`console.log(NaN, Infinity, -Infinity)`, "NaN Infinity -Infinity"},
	{`console.log(10n, -5n, 0n)`, "10n -5n 0n"},
	{`console.log(true, false)`, "true false"},
	{`console.log(undefined)`, "undefined"},
	{`console.log(null)`, "null"},
	{`console.log(Symbol("x"), Symbol(), Symbol.iterator, Symbol.for("reg"))`, "Symbol(x) Symbol() Symbol(Symbol.iterator) Symbol(reg)"},
	{`console.log("plain string")`, "plain string"},
	{`console.log("a", "b", 3)`, "a b 3"},
	{`console.log("")`, ""},
	{`console.log()`, ""},
	{`console.log(["str"])`, "[ 'str' ]"},
	{`console.log(["it's"])`, "[ \"it's\" ]"},
	{`console.log(["say \"hi\" it's"])`, "[ `say \"hi\" it's` ]"},
	{"console.log([\"a'b\\\"c`d\"])", "[ 'a\\'b\"c`d' ]"},
	{`console.log(["a'b\"c${d"])`, "[ 'a\\'b\"c${d' ]"},
	{`console.log(["tab\there", "nl\nhere", "bs\\x"])`, "[ 'tab\\there', 'nl\\nhere', 'bs\\\\x' ]"},
	{`console.log(["\x00\x1f\x7f\x9f"])`, "[ '\\x00\\x1F\\x7F\\x9F' ]"},
	{`console.log(["\ud800", "\udc00x", "\ud83d\ude00"])`, "[ '\\ud800', '\\udc00x', '😀' ]"},
	{`console.log(["it's\n"])`, "[ \"it's\\n\" ]"},
	{`console.log(["ünïcödé ☃ 日本"])`, "[ 'ünïcödé ☃ 日本' ]"},
	{`console.log({ s: "x".repeat(100) })`, `{
  s: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'
}`},
	{`console.log(["x".repeat(75)])`, `[
  'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'
]`},
	{`console.log(["line1\nline2\nline3 long enough to wrap the line to the next one ok"])`, `[
  'line1\nline2\nline3 long enough to wrap the line to the next one ok'
]`},
	{`console.log({ a: "line1\nline2 this is a very long string that goes past the eighty character limit" })`, `{
  a: 'line1\n' +
    'line2 this is a very long string that goes past the eighty character limit'
}`},
	{`console.log([-0, 0, +0])`, "[ -0, 0, 0 ]"},
	{`console.log([1n, 2n])`, "[ 1n, 2n ]"},
	{`console.log([Symbol("s")])`, "[ Symbol(s) ]"},
	{`console.log([undefined, null])`, "[ undefined, null ]"},
	{`console.log([])`, "[]"},
	{`console.log([1, 2, 3])`, "[ 1, 2, 3 ]"},
	{`console.log([[1, [2, [3, [4, [5]]]]]])`, "[ [ 1, [ 2, [Array] ] ] ]"},
	{`console.log([1, , 3])`, "[ 1, <1 empty item>, 3 ]"},
	{`console.log([, , 1])`, "[ <2 empty items>, 1 ]"},
	{`console.log(new Array(5))`, "[ <5 empty items> ]"},
	{`console.log([1, , , , 5, , ])`, "[ 1, <3 empty items>, 5, <1 empty item> ]"},
	{`console.log(new Array(1))`, "[ <1 empty item> ]"},
	{`{ const a = [1, 2]; a.extra = "x"; a[-1] = 0; console.log(a) }`, "[ 1, 2, extra: 'x', '-1': 0 ]"},
	{`{ const a = []; a.k = 1; console.log(a) }`, "[ k: 1 ]"},
	{`{ const a = [1,2,3]; a.length = 5; console.log(a) }`, "[ 1, 2, 3, <2 empty items> ]"},
	{`console.log(Array.from({ length: 101 }, (_, i) => i))`, `[
   0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11,
  12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
  24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,
  36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
  48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,
  60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71,
  72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83,
  84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,
  96, 97, 98, 99,
  ... 1 more item
]`},
	{`console.log(Array.from({ length: 26 }, (_, i) => i * 1000))`, `[
      0,  1000,  2000,  3000,
   4000,  5000,  6000,  7000,
   8000,  9000, 10000, 11000,
  12000, 13000, 14000, 15000,
  16000, 17000, 18000, 19000,
  20000, 21000, 22000, 23000,
  24000, 25000
]`},
	{`console.log(Array.from({ length: 7 }, (_, i) => i))`, `[
  0, 1, 2, 3,
  4, 5, 6
]`},
	{`console.log(Array.from({ length: 6 }, (_, i) => i))`, "[ 0, 1, 2, 3, 4, 5 ]"},
	{`console.log(Array.from({ length: 30 }, (_, i) => "item" + i))`, `[
  'item0',  'item1',  'item2',
  'item3',  'item4',  'item5',
  'item6',  'item7',  'item8',
  'item9',  'item10', 'item11',
  'item12', 'item13', 'item14',
  'item15', 'item16', 'item17',
  'item18', 'item19', 'item20',
  'item21', 'item22', 'item23',
  'item24', 'item25', 'item26',
  'item27', 'item28', 'item29'
]`},
	{`console.log(Array.from({ length: 20 }, (_, i) => i % 3 ? "a" : "bbbbbbbbbbbb"))`, `[
  'bbbbbbbbbbbb', 'a',
  'a',            'bbbbbbbbbbbb',
  'a',            'a',
  'bbbbbbbbbbbb', 'a',
  'a',            'bbbbbbbbbbbb',
  'a',            'a',
  'bbbbbbbbbbbb', 'a',
  'a',            'bbbbbbbbbbbb',
  'a',            'a',
  'bbbbbbbbbbbb', 'a'
]`},
	{`console.log(Array.from({ length: 10 }, (_, i) => ({ i })))`, `[
  { i: 0 }, { i: 1 },
  { i: 2 }, { i: 3 },
  { i: 4 }, { i: 5 },
  { i: 6 }, { i: 7 },
  { i: 8 }, { i: 9 }
]`},
	{`console.log(Array.from({ length: 150 }, () => 1))`, `[
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1,
  ... 50 more items
]`},
	{`console.log(Array.from({ length: 12 }, (_, i) => i % 2 ? -i * 100 : i))`, `[
     0, -100,     2,
  -300,    4,  -500,
     6, -700,     8,
  -900,   10, -1100
]`},
	{`console.log(Array.from({ length: 8 }, (_, i) => BigInt(i) * 10000n))`, `[
      0n, 10000n,
  20000n, 30000n,
  40000n, 50000n,
  60000n, 70000n
]`},
	{`console.log([1, "a", 2, "b", 3, "c", 4, "d"])`, `[
  1, 'a', 2, 'b',
  3, 'c', 4, 'd'
]`},
	{`console.log(["a", "b", "c", "d", "e", "f", "g"])`, `[
  'a', 'b', 'c',
  'd', 'e', 'f',
  'g'
]`},
	{`console.log(Array.from({ length: 40 }, (_, i) => i % 7 === 0 ? undefined : i))`, `[
  undefined, 1,         2,         3,
  4,         5,         6,         undefined,
  8,         9,         10,        11,
  12,        13,        undefined, 15,
  16,        17,        18,        19,
  20,        undefined, 22,        23,
  24,        25,        26,        27,
  undefined, 29,        30,        31,
  32,        33,        34,        undefined,
  36,        37,        38,        39
]`},
	{`console.log([["a", 1], ["b", 2]])`, "[ [ 'a', 1 ], [ 'b', 2 ] ]"},
	{`console.log([{ a: 1, b: 2 }, { c: [1, 2, 3] }])`, "[ { a: 1, b: 2 }, { c: [ 1, 2, 3 ] } ]"},
	{`console.log(Array.from({ length: 3 }, (_, i) => "x".repeat(30)))`, `[
  'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'
]`},
	{`console.log(Array.from({ length: 200 }, (_, i) => i).concat([,]))`, `[
   0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11,
  12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
  24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,
  36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
  48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,
  60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71,
  72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83,
  84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,
  96, 97, 98, 99,
  ... 101 more items
]`},
	{`console.log({})`, "{}"},
	{`console.log({ a: 1 })`, "{ a: 1 }"},
	{`console.log({ a: 1, b: "two", c: [3], d: { e: null } })`, "{ a: 1, b: 'two', c: [ 3 ], d: { e: null } }"},
	{`console.log({ "a-b": 1, "c d": 2, "3x": 3, _ok: 4, $dollar: 5, "it's": 6, "": 7, 42: 8 })`, `{
  '42': 8,
  'a-b': 1,
  'c d': 2,
  '3x': 3,
  _ok: 4,
  '$dollar': 5,
  "it's": 6,
  '': 7
}`},
	{`console.log({ [Symbol("sym")]: 1, [Symbol()]: 2, normal: 3 })`, "{ normal: 3, Symbol(sym): 1, Symbol(): 2 }"},
	{`console.log({ get a() { return 1 }, set a(v) {}, get b() { return 2 }, set c(v) {} })`, "{ a: [Getter/Setter], b: [Getter], c: [Setter] }"},
	{`console.log({ a: { b: { c: { d: { e: 1 } } } } })`, "{ a: { b: { c: [Object] } } }"},
	{`console.log({ a: { b: { c: [1, 2] } } })`, "{ a: { b: { c: [Array] } } }"},
	{`console.log({ a: { b: { c: {} } } })`, "{ a: { b: { c: {} } } }"},
	{`console.log({ a: { b: { c: [] } } })`, "{ a: { b: { c: [] } } }"},
	{`console.log([[[[1]]]])`, "[ [ [ [Array] ] ] ]"},
	{`console.log([[[[]]]])`, "[ [ [ [] ] ] ]"},
	{`console.log({ f() {}, g: function () {}, h: () => {}, i: async () => {}, j: function* () {}, k: async function* named() {} })`, `{
  f: [Function: f],
  g: [Function: g],
  h: [Function: h],
  i: [AsyncFunction: i],
  j: [GeneratorFunction: j],
  k: [AsyncGeneratorFunction: named]
}`},
	{`console.log({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, k: 11, l: 12, m: 13, n: 14, o: 15, p: 16, q: 17, r: 18, s: 19, t: 20, u: 21, v: 22, w: 23, x: 24, y: 25, z: 26 })`, `{
  a: 1,
  b: 2,
  c: 3,
  d: 4,
  e: 5,
  f: 6,
  g: 7,
  h: 8,
  i: 9,
  j: 10,
  k: 11,
  l: 12,
  m: 13,
  n: 14,
  o: 15,
  p: 16,
  q: 17,
  r: 18,
  s: 19,
  t: 20,
  u: 21,
  v: 22,
  w: 23,
  x: 24,
  y: 25,
  z: 26
}`},
	{`console.log({ alpha: "aaaaaaaaaaaaaaa", beta: "bbbbbbbbbbbbbbbbb", gamma: "ccccccccccccccccc", delta: 4 })`, `{
  alpha: 'aaaaaaaaaaaaaaa',
  beta: 'bbbbbbbbbbbbbbbbb',
  gamma: 'ccccccccccccccccc',
  delta: 4
}`},
	{`console.log({ alpha: "aaaaaaaaaaaaaaa", beta: "bbbbbbbbbbbbbbbbb", gamma: "ccccccccccccccccc", delta: 44444 })`, `{
  alpha: 'aaaaaaaaaaaaaaa',
  beta: 'bbbbbbbbbbbbbbbbb',
  gamma: 'ccccccccccccccccc',
  delta: 44444
}`},
	{`console.log({ a: { b: 1, c: { d: 2, e: { f: 3 } } }, g: [1, 2, { h: 4 }] })`, "{ a: { b: 1, c: { d: 2, e: [Object] } }, g: [ 1, 2, { h: 4 } ] }"},
	{`console.log({ nested: { arr: [1, 2, 3], obj: { x: 1, y: 2 } }, list: ["a", "b"], flag: true, n: null })`, `{
  nested: { arr: [ 1, 2, 3 ], obj: { x: 1, y: 2 } },
  list: [ 'a', 'b' ],
  flag: true,
  n: null
}`},
	{`console.log({ level1: { level2: { level3: { level4: "deep" }, sibling: "s" }, other: [1, [2, [3]]] } })`, `{
  level1: { level2: { level3: [Object], sibling: 's' }, other: [ 1, [Array] ] }
}`},
	{`console.log({ user: { id: 1, name: "Alice Example", email: "alice@example.com", roles: ["admin", "user"], profile: { age: 30 } } })`, `{
  user: {
    id: 1,
    name: 'Alice Example',
    email: 'alice@example.com',
    roles: [ 'admin', 'user' ],
    profile: { age: 30 }
  }
}`},
	{`console.log({ a: [{ b: { c: 1 } }] })`, "{ a: [ { b: [Object] } ] }"},
	{`console.log(Object.create(null))`, "[Object: null prototype] {}"},
	{`{ const o = Object.create(null); o.x = 1; console.log(o) }`, "[Object: null prototype] { x: 1 }"},
	{`{ const o = Object.create(null); o[Symbol.toStringTag] = "T"; console.log(o) }`, "[T: null prototype] { Symbol(Symbol.toStringTag): 'T' }"},
	{`{ const o = {}; Object.defineProperty(o, "hidden", { value: 1, enumerable: false }); o.shown = 2; console.log(o) }`, "{ shown: 2 }"},
	{`console.log({ __proto__: { inherited: 1 }, own: 2 })`, "{ own: 2 }"},
	{`console.log({ ["__proto__"]: 1 })`, "{ ['__proto__']: 1 }"},
	{`{ const o = { a: 1 }; o.self = o; console.log(o) }`, "<ref *1> { a: 1, self: [Circular *1] }"},
	{`{ const a = [1]; a.push(a); console.log(a) }`, "<ref *1> [ 1, [Circular *1] ]"},
	{`{ const o = { x: { y: {} } }; o.x.y.z = o.x; console.log(o) }`, "{ x: <ref *1> { y: { z: [Circular *1] } } }"},
	{`{ const a = {}; const b = { a }; a.b = b; console.log([a, b]) }`, `[
  <ref *1> { b: { a: [Circular *1] } },
  <ref *2> { a: <ref *1> { b: [Circular *2] } }
]`},
	{`{ const a = { name: "a" }; const b = { name: "b", a }; a.b = b; b.self = b; console.log(a) }`, `<ref *1> {
  name: 'a',
  b: <ref *2> { name: 'b', a: [Circular *1], self: [Circular *2] }
}`},
	{`{ const o = {}; o.o = o; console.log({ first: o, second: o }) }`, `{
  first: <ref *1> { o: [Circular *1] },
  second: <ref *1> { o: [Circular *1] }
}`},
	{`{ const m = new Map(); m.set("m", m); console.log(m) }`, "<ref *1> Map(1) { 'm' => [Circular *1] }"},
	{`{ const shared = { s: 1 }; console.log({ a: shared, b: shared }) }`, "{ a: { s: 1 }, b: { s: 1 } }"},
	{`console.log({ toString() { return "x" } })`, "{ toString: [Function: toString] }"},
	{`console.log({ a: undefined, b: null, c: NaN })`, "{ a: undefined, b: null, c: NaN }"},
	{`{ const o = {}; o[Symbol.toStringTag] = "Tagged"; console.log(o) }`, "{ Symbol(Symbol.toStringTag): 'Tagged' }"},
	{`console.log({ [Symbol.toStringTag]: "Own" })`, "{ Symbol(Symbol.toStringTag): 'Own' }"},
	{`console.log({ "key\nwith newline": 1, "tab\t": 2 })`, "{ 'key\\nwith newline': 1, 'tab\\t': 2 }"},
	{`console.log({ "ünï": 1, "日本": 2, a1: 3, "1a": 4, A_B: 5 })`, "{ 'ünï': 1, '日本': 2, a1: 3, '1a': 4, A_B: 5 }"},
	{`class Foo { constructor() { this.x = 1 } } console.log(new Foo())`, "Foo { x: 1 }"},
	{`class Empty {} console.log(new Empty())`, "Empty {}"},
	{`class Bar extends Map {} console.log(new Bar([[1, 2]]))`, "Bar(1) [Map] { 1 => 2 }"},
	{`class Arr extends Array {} console.log(Arr.from([1, 2]))`, "Arr(2) [ 1, 2 ]"},
	{`class Arr2 extends Array {} console.log(new Arr2())`, "Arr2(0) []"},
	{`class P { #priv = 1; pub = 2 } console.log(new P())`, "P { pub: 2 }"},
	{`class G { get v() { return 1 } } console.log(new G())`, "G {}"},
	{`class T { get [Symbol.toStringTag]() { return "TT" } } console.log(new T())`, "T [TT] {}"},
	{`class A {} class B extends A { constructor() { super(); this.b = 1 } } console.log(new B())`, "B { b: 1 }"},
	{`function Old() { this.a = 1 } console.log(new Old())`, "Old { a: 1 }"},
	{`{ const o = Object.create({ constructor: { name: "Fake" } }); console.log(o) }`, "{}"},
	{`class S extends Set {} console.log(new S([1]))`, "S(1) [Set] { 1 }"},
	{`class E extends Error {} { const e = new E("m"); e.stack = "Error: m\n    at x (y.js:1:1)"; console.log(e) }`, `E [Error]: m
    at x (y.js:1:1)`},
	{`class Foo2 { constructor() { this.x = 1 } } console.log([new Foo2()])`, "[ Foo2 { x: 1 } ]"},
	{`class Empty2 {} console.log({ e: new Empty2() })`, "{ e: Empty2 {} }"},
	{`class D3 { constructor() { this.a = { b: { c: { d: 1 } } } } } console.log(new D3())`, "D3 { a: { b: { c: [Object] } } }"},
	{`class N {} console.log({ a: { b: { c: new N() } } })`, "{ a: { b: { c: N {} } } }"},
	{`console.log(new Map())`, "Map(0) {}"},
	{`console.log(new Map([["a", 1], ["b", { c: 2 }]]))`, "Map(2) { 'a' => 1, 'b' => { c: 2 } }"},
	{`console.log(new Map([[{ k: 1 }, [1, 2]]]))`, "Map(1) { { k: 1 } => [ 1, 2 ] }"},
	{`console.log(new Set())`, "Set(0) {}"},
	{`console.log(new Set([1, "two", [3]]))`, "Set(3) { 1, 'two', [ 3 ] }"},
	{`console.log(new Map([[1, new Map([[2, new Map([[3, new Map()]])]])]]))`, "Map(1) { 1 => Map(1) { 2 => Map(1) { 3 => Map(0) {} } } }"},
	{`console.log(new Set([new Set([new Set([new Set([1])])])]))`, "Set(1) { Set(1) { Set(1) { [Set] } } }"},
	{`{ const m = new Map([["a", 1]]); m.extra = true; console.log(m) }`, "Map(1) { 'a' => 1, extra: true }"},
	{`console.log(new Map(Array.from({ length: 120 }, (_, i) => [i, i])).size)`, "120"},
	{`console.log(new Set(Array.from({ length: 30 }, (_, i) => "value" + i)))`, `Set(30) {
  'value0',
  'value1',
  'value2',
  'value3',
  'value4',
  'value5',
  'value6',
  'value7',
  'value8',
  'value9',
  'value10',
  'value11',
  'value12',
  'value13',
  'value14',
  'value15',
  'value16',
  'value17',
  'value18',
  'value19',
  'value20',
  'value21',
  'value22',
  'value23',
  'value24',
  'value25',
  'value26',
  'value27',
  'value28',
  'value29'
}`},
	{`console.log(new Map(Array.from({ length: 10 }, (_, i) => ["key" + i, "value" + i])))`, `Map(10) {
  'key0' => 'value0',
  'key1' => 'value1',
  'key2' => 'value2',
  'key3' => 'value3',
  'key4' => 'value4',
  'key5' => 'value5',
  'key6' => 'value6',
  'key7' => 'value7',
  'key8' => 'value8',
  'key9' => 'value9'
}`},
	{`console.log([new Map([[1, 2]]), new Set([1])])`, "[ Map(1) { 1 => 2 }, Set(1) { 1 } ]"},
	{`console.log(new WeakMap(), new WeakSet())`, "WeakMap { <items unknown> } WeakSet { <items unknown> }"},
	{`console.log({ w: new WeakMap([[{}, 1]]) })`, "{ w: WeakMap { <items unknown> } }"},
	{`console.log(new Uint8Array([1, 2, 3]))`, "Uint8Array(3) [ 1, 2, 3 ]"},
	{`console.log(new Uint8Array(0))`, "Uint8Array(0) []"},
	{`console.log(new Float64Array([1.5, -0, NaN]))`, "Float64Array(3) [ 1.5, -0, NaN ]"},
	{`console.log(new BigInt64Array([1n, -2n]))`, "BigInt64Array(2) [ 1n, -2n ]"},
	{`console.log(new Int16Array(3))`, "Int16Array(3) [ 0, 0, 0 ]"},
	{`console.log(new Uint8Array(120))`, `Uint8Array(120) [
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0,
  ... 20 more items
]`},
	{`console.log(new Uint8ClampedArray([300]))`, "Uint8ClampedArray(1) [ 255 ]"},
	{`console.log(new Float32Array([0.1]))`, "Float32Array(1) [ 0.10000000149011612 ]"},
	{`console.log(new Uint32Array(30).fill(4294967295))`, `Uint32Array(30) [
  4294967295, 4294967295, 4294967295,
  4294967295, 4294967295, 4294967295,
  4294967295, 4294967295, 4294967295,
  4294967295, 4294967295, 4294967295,
  4294967295, 4294967295, 4294967295,
  4294967295, 4294967295, 4294967295,
  4294967295, 4294967295, 4294967295,
  4294967295, 4294967295, 4294967295,
  4294967295, 4294967295, 4294967295,
  4294967295, 4294967295, 4294967295
]`},
	{`console.log(new Uint8Array([1, 2]).buffer)`, "ArrayBuffer { [Uint8Contents]: <01 02>, byteLength: 2 }"},
	{`console.log(new ArrayBuffer(0))`, "ArrayBuffer { [Uint8Contents]: <>, byteLength: 0 }"},
	{`console.log(new ArrayBuffer(60))`, `ArrayBuffer {
  [Uint8Contents]: <00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00>,
  byteLength: 60
}`},
	{`console.log(new Uint8Array(Array.from({ length: 150 }, (_, i) => i)).buffer)`, `ArrayBuffer {
  [Uint8Contents]: <00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f 20 21 22 23 24 25 26 27 28 29 2a 2b 2c 2d 2e 2f 30 31 32 33 34 35 36 37 38 39 3a 3b 3c 3d 3e 3f 40 41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f 50 51 52 53 54 55 56 57 58 59 5a 5b 5c 5d 5e 5f 60 61 62 63 ... 50 more bytes>,
  byteLength: 150
}`},
	{`console.log(new DataView(new ArrayBuffer(3), 1))`, `DataView {
  byteLength: 2,
  byteOffset: 1,
  buffer: ArrayBuffer { [Uint8Contents]: <00 00 00>, byteLength: 3 }
}`},
	{`console.log({ buf: new Uint8Array([255]).buffer })`, "{ buf: ArrayBuffer { [Uint8Contents]: <ff>, byteLength: 1 } }"},
	{`{ const u = new Uint8Array(2); u.extra = 1; console.log(u) }`, "Uint8Array(2) [ 0, 0, extra: 1 ]"},
	{`console.log([new Uint8Array(2)])`, "[ Uint8Array(2) [ 0, 0 ] ]"},
	{`console.log({ a: { b: { c: new Uint8Array(2) } } })`, "{ a: { b: { c: [Uint8Array] } } }"},
	{`console.log({ a: { b: { c: new Uint8Array(0) } } })`, "{ a: { b: { c: Uint8Array(0) [] } } }"},
	{`console.log(new Date(0))`, "1970-01-01T00:00:00.000Z"},
	{`console.log(new Date(1700000000123))`, "2023-11-14T22:13:20.123Z"},
	{`console.log(new Date(NaN))`, "Invalid Date"},
	{`console.log([new Date(86400000)])`, "[ 1970-01-02T00:00:00.000Z ]"},
	{`{ const d = new Date(0); d.prop = 1; console.log(d) }`, "1970-01-01T00:00:00.000Z { prop: 1 }"},
	{`console.log(/ab+c/gi)`, "/ab+c/gi"},
	{`console.log(new RegExp("a/b"))`, "/a\\/b/"},
	{`console.log([/x/y])`, "[ /x/y ]"},
	{`{ const r = /r/; r.extra = 1; console.log(r) }`, "/r/ { extra: 1 }"},
	{`console.log({ a: { b: { c: /deep/ } } })`, "{ a: { b: { c: /deep/ } } }"},
	{`{ const e = new Error("boom"); e.stack = "Error: boom\n    at foo (file.js:1:2)\n    at bar (file.js:3:4)"; console.log(e) }`, `Error: boom
    at foo (file.js:1:2)
    at bar (file.js:3:4)`},
	{`{ const e = new TypeError("bad"); e.stack = "TypeError: bad\n    at x (y.js:1:1)"; console.log(e) }`, `TypeError: bad
    at x (y.js:1:1)`},
	{`{ const e = new Error("with code"); e.stack = "Error: with code\n    at x (y.js:1:1)"; e.code = "E_CODE"; e.status = 404; console.log(e) }`, `Error: with code
    at x (y.js:1:1) {
  code: 'E_CODE',
  status: 404
}`},
	{`{ const e = new Error("outer", { cause: "inner" }); e.stack = "Error: outer\n    at x (y.js:1:1)"; console.log(e) }`, `Error: outer
    at x (y.js:1:1) {
  [cause]: 'inner'
}`},
	{`{ const c = new Error("inner"); c.stack = "Error: inner\n    at c (c.js:1:1)"; const e = new Error("outer", { cause: c }); e.stack = "Error: outer\n    at x (y.js:1:1)"; console.log(e) }`, `Error: outer
    at x (y.js:1:1) {
  [cause]: Error: inner
      at c (c.js:1:1)
}`},
	{`{ const e = new Error("nostack"); e.stack = undefined; console.log(e) }`, "[Error: nostack]"},
	{`{ const e = new Error("nostack2"); delete e.stack; e.stack = ""; console.log(e) }`, "[Error: nostack2]"},
	{`{ const e = new RangeError("r"); e.stack = "RangeError: r"; console.log(e) }`, "[RangeError: r]"},
	{`{ const e = new Error("msg"); e.stack = "Error: msg\n    at x (y.js:1:1)"; console.log({ err: e }) }`, `{
  err: Error: msg
      at x (y.js:1:1)
}`},
	{`{ const e = new Error("msg"); e.stack = "Error: msg\n    at x (y.js:1:1)"; console.log([e]) }`, `[
  Error: msg
      at x (y.js:1:1)
]`},
	{`{ const e = new Error("m"); e.name = "CustomName"; e.stack = "CustomName: m\n    at x (y.js:1:1)"; console.log(e) }`, `CustomName: m
    at x (y.js:1:1)`},
	{`{ const e = new Error("m"); e.name = "Custom"; e.stack = "Error: m\n    at x (y.js:1:1)"; console.log(e) }`, `Error: m
    at x (y.js:1:1) {
  name: 'Custom'
}`},
	{`{ const e = new Error("m"); e.stack = "Error: m\n    at x (y.js:1:1)"; e.name = "MyError"; console.log(e) }`, `Error: m
    at x (y.js:1:1) {
  name: 'MyError'
}`},
	{`{ const e = new AggregateError([new Error("a")], "agg"); e.stack = "AggregateError: agg\n    at x (y.js:1:1)"; e.errors[0].stack = "Error: a\n    at a (a.js:1:1)"; console.log(e) }`, `AggregateError: agg
    at x (y.js:1:1) {
  [errors]: [
    Error: a
        at a (a.js:1:1)
  ]
}`},
	{`{ class MyErr extends Error { constructor(m) { super(m); this.name = "MyErr" } } const e = new MyErr("x"); e.stack = "MyErr: x\n    at x (y.js:1:1)"; console.log(e) }`, `MyErr: x
    at x (y.js:1:1)`},
	{`{ const e = Object.create(Error.prototype); console.log(e) }`, "[Error]"},
	{`{ const e = new Error(""); e.stack = "Error\n    at x (y.js:1:1)"; console.log(e) }`, `Error
    at x (y.js:1:1)`},
	{`{ const e = new Error("multi\nline"); e.stack = "Error: multi\nline\n    at x (y.js:1:1)"; console.log({ e }) }`, `{
  e: Error: multi
  line
      at x (y.js:1:1)
}`},
	{`{ const e = new Error("m"); e.stack = "Error: m\n    at x (y.js:1:1)"; e.message = "changed"; console.log(e) }`, `Error: m
    at x (y.js:1:1)`},
	{`console.log(new DOMException("dom msg", "AbortError").name)`, "AbortError"},
	{`{ const e = new Error("x"); console.log(String(e), e.message) }`, "Error: x x"},
	{`console.log(function named() {})`, "[Function: named]"},
	{`console.log(function () {})`, "[Function (anonymous)]"},
	{`console.log(() => {})`, "[Function (anonymous)]"},
	{`console.log(async function af() {})`, "[AsyncFunction: af]"},
	{`console.log(function* gen() {})`, "[GeneratorFunction: gen]"},
	{`console.log(async function* ag() {})`, "[AsyncGeneratorFunction: ag]"},
	{`console.log(class K {})`, "[class K]"},
	{`console.log(class {})`, "[class (anonymous)]"},
	{`class Base {} console.log(class Derived extends Base {})`, "[class Derived extends Base]"},
	{`console.log(Math.max)`, "[Function: max]"},
	{`console.log(Symbol)`, "[Function: Symbol]"},
	{`console.log(Object)`, "[Function: Object]"},
	{`{ function f() {} f.prop = 1; console.log(f) }`, "[Function: f] { prop: 1 }"},
	{`{ const f = () => {}; console.log(f) }`, "[Function: f]"},
	{`{ const o = { m() {} }; console.log(o.m) }`, "[Function: m]"},
	{`console.log({ fn: function () {} })`, "{ fn: [Function: fn] }"},
	{`console.log([function x() {}, class Y {}])`, "[ [Function: x], [class Y] ]"},
	{`{ function f() {} Object.setPrototypeOf(f, null); console.log(f) }`, "[Function (null prototype): f]"},
	{`{ const f = function () {}; Object.defineProperty(f, "name", { value: "renamed" }); console.log(f) }`, "[Function: renamed]"},
	{`console.log(async () => {})`, "[AsyncFunction (anonymous)]"},
	{`{ const b = function orig() {}.bind(null); console.log(b) }`, "[Function: bound orig]"},
	{`class St { static x = 1 } console.log(St)`, "[class St] { x: 1 }"},
	{`console.log(Array)`, "[Function: Array]"},
	{`console.log(Map)`, "[Function: Map]"},
	{`console.log(new Number(3))`, "[Number: 3]"},
	{`console.log(new String("str"))`, "[String: 'str']"},
	{`console.log(new Boolean(false))`, "[Boolean: false]"},
	{`console.log(Object(1n))`, "[BigInt: 1n]"},
	{`console.log(Object(Symbol("bs")))`, "[Symbol: Symbol(bs)]"},
	{`console.log(new Number(-0))`, "[Number: -0]"},
	{`{ const s = new String("ab"); s.extra = 1; console.log(s) }`, "[String: 'ab'] { extra: 1 }"},
	{`console.log([new Number(1), new String("x")])`, "[ [Number: 1], [String: 'x'] ]"},
	{`{ const p = Promise.reject(new Error("r")); p.catch(() => {}); console.log(p.then) }`, "[Function: then]"},
	{`console.log([1, 2][Symbol.iterator]())`, "Object [Array Iterator] {}"},
	{`console.log("ab"[Symbol.iterator]())`, "Object [String Iterator] {}"},
	{`console.log((function* () { yield 1 })())`, "Object [Generator] {}"},
	{`console.log(Object.entries({ a: 1 }))`, "[ [ 'a', 1 ] ]"},
	{`console.log(JSON)`, "Object [JSON] {}"},
	{`console.log(Math)`, "Object [Math] {}"},
	{`console.log(Reflect.ownKeys(Atomics).length > 0)`, "true"},
	{`(function () { console.log(arguments) })(1, "two")`, "[Arguments] { '0': 1, '1': 'two' }"},
	{`(function () { console.log(arguments) })()`, "[Arguments] {}"},
	{`console.log(globalThis === globalThis)`, "true"},
	{`console.log({ [Symbol.for("nodejs.util.inspect.custom")]() { return "CUSTOM" } })`, "CUSTOM"},
	{`console.log({ inner: { [Symbol.for("nodejs.util.inspect.custom")](depth, opts) { return { depth, replaced: true } } } })`, "{ inner: { depth: 1, replaced: true } }"},
	{`console.log({ [Symbol.for("nodejs.util.inspect.custom")](depth, opts, inspect) { return typeof inspect } })`, "function"},
	{`console.log({ [Symbol.for("nodejs.util.inspect.custom")]() { return "multi\nline" } }, "x")`, `multi
line x`},
	{`console.log({ a: { [Symbol.for("nodejs.util.inspect.custom")]() { return "multi\nline" } } })`, `{
  a: multi
  line
}`},
	{`console.log(Object.assign(Object.create(null), { [Symbol.iterator]: 1 }))`, "[Object: null prototype] { Symbol(Symbol.iterator): 1 }"},
	{`{ const o = {}; Object.defineProperty(o, "x", { get() { throw new Error("no") }, enumerable: true }); console.log(o) }`, "{ x: [Getter] }"},
	{`console.log([undefined, , null])`, "[ undefined, <1 empty item>, null ]"},
	{`console.log(Object.create(Array.prototype))`, "Array {}"},
	{`{ const a = [1, 2, 3]; Object.setPrototypeOf(a, null); console.log(a) }`, "[Array(3): null prototype] [ 1, 2, 3 ]"},
	{`{ const m = new Map([[1, 2]]); Object.setPrototypeOf(m, null); console.log(m) }`, "[Map(1): null prototype] { 1 => 2 }"},
	{`{ const s = new Set([1]); Object.setPrototypeOf(s, null); console.log(s) }`, "[Set(1): null prototype] { 1 }"},
	{`{ const d = new Date(0); Object.setPrototypeOf(d, null); console.log(d) }`, "[Date: null prototype] 1970-01-01T00:00:00.000Z"},
	{`{ const r = /x/; Object.setPrototypeOf(r, null); console.log(r) }`, "[RegExp: null prototype] /x/"},
	{`{ const u = new Uint8Array(1); Object.setPrototypeOf(u, null); console.log(u) }`, "[Uint8Array(1): null prototype] [ 0 ]"},
	{`console.log(Object.create(Object.create(null)))`, "Object <[Object: null prototype] {}> {}"},
	{`{ class Q {} const q = new Q(); Object.setPrototypeOf(Q.prototype, null); console.log(q) }`, "Q {}"},
	{`console.log(new (class Foo3 extends Map {})([[1, 2]]), new (class Foo4 extends Array {})(1))`, "Foo3(1) [Map] { 1 => 2 } Foo4(1) [ <1 empty item> ]"},
	{`console.log({ a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28] })`, `{
  a: [
     1,  2,  3,  4,  5,  6,  7,  8,
     9, 10, 11, 12, 13, 14, 15, 16,
    17, 18, 19, 20, 21, 22, 23, 24,
    25, 26, 27, 28
  ]
}`},
	{`console.log({ key1: [1, 2, 3], key2: { a: "aaaaaaaaaaaaaaaa", b: "bbbbbbbbbbbbbbbbbbbb" }, key3: "ccccccccccccccccccccccccc" })`, `{
  key1: [ 1, 2, 3 ],
  key2: { a: 'aaaaaaaaaaaaaaaa', b: 'bbbbbbbbbbbbbbbbbbbb' },
  key3: 'ccccccccccccccccccccccccc'
}`},
	{`console.log([[1, 2, [3, 4, [5, 6, [7, 8]]]], { a: { b: { c: { d: 1 } } } }])`, "[ [ 1, 2, [ 3, 4, [Array] ] ], { a: { b: [Object] } } ]"},
	{`console.log({ a: [{ b: 1, c: 2 }, { d: 3, e: 4 }], f: "gggggggggggggggggggggggggggggggggggggggg" })`, `{
  a: [ { b: 1, c: 2 }, { d: 3, e: 4 } ],
  f: 'gggggggggggggggggggggggggggggggggggggggg'
}`},
	{`console.log(new Map([["config", { host: "localhost", port: 8080, tls: { cert: "c", key: "k" } }]]))`, `Map(1) {
  'config' => { host: 'localhost', port: 8080, tls: { cert: 'c', key: 'k' } }
}`},
	{`console.log(["aaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbb", "cccccccccccccccccccc", "dddddddddddddddd"])`, `[
  'aaaaaaaaaaaaaaaaaaaa',
  'bbbbbbbbbbbbbbbbbbbb',
  'cccccccccccccccccccc',
  'dddddddddddddddd'
]`},
	{`console.log(["aaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbb", "cccccccccccccccccccc", "ddddddddddddddddd"])`, `[
  'aaaaaaaaaaaaaaaaaaaa',
  'bbbbbbbbbbbbbbbbbbbb',
  'cccccccccccccccccccc',
  'ddddddddddddddddd'
]`},
	{`console.log(Array.from({ length: 16 }, (_, i) => "k".repeat(i)))`, `[
  '',               'k',
  'kk',             'kkk',
  'kkkk',           'kkkkk',
  'kkkkkk',         'kkkkkkk',
  'kkkkkkkk',       'kkkkkkkkk',
  'kkkkkkkkkk',     'kkkkkkkkkkk',
  'kkkkkkkkkkkk',   'kkkkkkkkkkkkk',
  'kkkkkkkkkkkkkk', 'kkkkkkkkkkkkkkk'
]`},
	{`console.log(Array.from({ length: 27 }, (_, i) => String.fromCharCode(97 + (i % 26)).repeat(3)))`, `[
  'aaa', 'bbb', 'ccc', 'ddd',
  'eee', 'fff', 'ggg', 'hhh',
  'iii', 'jjj', 'kkk', 'lll',
  'mmm', 'nnn', 'ooo', 'ppp',
  'qqq', 'rrr', 'sss', 'ttt',
  'uuu', 'vvv', 'www', 'xxx',
  'yyy', 'zzz', 'aaa'
]`},
	{`console.log(Array.from({ length: 9 }, (_, i) => [i, i * 2]))`, `[
  [ 0, 0 ],  [ 1, 2 ],
  [ 2, 4 ],  [ 3, 6 ],
  [ 4, 8 ],  [ 5, 10 ],
  [ 6, 12 ], [ 7, 14 ],
  [ 8, 16 ]
]`},
	{`console.log(Array.from({ length: 7 }, (_, i) => ({ id: i, name: "n" + i })))`, `[
  { id: 0, name: 'n0' },
  { id: 1, name: 'n1' },
  { id: 2, name: 'n2' },
  { id: 3, name: 'n3' },
  { id: 4, name: 'n4' },
  { id: 5, name: 'n5' },
  { id: 6, name: 'n6' }
]`},
	{`console.log({ data: Array.from({ length: 30 }, (_, i) => i * 3) })`, `{
  data: [
     0,  3,  6,  9, 12, 15, 18, 21, 24,
    27, 30, 33, 36, 39, 42, 45, 48, 51,
    54, 57, 60, 63, 66, 69, 72, 75, 78,
    81, 84, 87
  ]
}`},
	{`console.log([["a", "b", "c", "d", "e", "f", "g"], ["h"]])`, `[
  [
    'a', 'b', 'c',
    'd', 'e', 'f',
    'g'
  ],
  [ 'h' ]
]`},
	{`console.log(Array.from({ length: 8 }, (_, i) => i % 2 ? "x" : 1))`, `[
  1, 'x', 1, 'x',
  1, 'x', 1, 'x'
]`},
	{`console.log(Array.from({ length: 101 }, (_, i) => "s" + i))`, `[
  's0',  's1',  's2',  's3',  's4',  's5',  's6',  's7',
  's8',  's9',  's10', 's11', 's12', 's13', 's14', 's15',
  's16', 's17', 's18', 's19', 's20', 's21', 's22', 's23',
  's24', 's25', 's26', 's27', 's28', 's29', 's30', 's31',
  's32', 's33', 's34', 's35', 's36', 's37', 's38', 's39',
  's40', 's41', 's42', 's43', 's44', 's45', 's46', 's47',
  's48', 's49', 's50', 's51', 's52', 's53', 's54', 's55',
  's56', 's57', 's58', 's59', 's60', 's61', 's62', 's63',
  's64', 's65', 's66', 's67', 's68', 's69', 's70', 's71',
  's72', 's73', 's74', 's75', 's76', 's77', 's78', 's79',
  's80', 's81', 's82', 's83', 's84', 's85', 's86', 's87',
  's88', 's89', 's90', 's91', 's92', 's93', 's94', 's95',
  's96', 's97', 's98', 's99',
  ... 1 more item
]`},
	{`console.log(Array.from({ length: 7 }, () => "日本語"))`, `[
  '日本語', '日本語',
  '日本語', '日本語',
  '日本語', '日本語',
  '日本語'
]`},
	{`console.log(Array.from({ length: 10 }, (_, i) => i ? 1 : "abcdefghijklmnopqrstuvwxyzabcdefghij"))`, "[ 'abcdefghijklmnopqrstuvwxyzabcdefghij', 1, 1, 1, 1, 1, 1, 1, 1, 1 ]"},
	{`console.log("%s is %d years", "Bob", 42)`, "Bob is 42 years"},
	{`console.log("%s", { a: { b: { c: 1 } } })`, "{ a: [Object] }"},
	{`console.log("%s", [1, [2, [3]]])`, "[ 1, [Array] ]"},
	{`console.log("%s", null, undefined)`, "null undefined"},
	{`console.log("%s", 1.5, -0, 2n, Symbol("q"))`, "1.5 -0 2n Symbol(q)"},
	{`console.log("%s", "str", "extra")`, "str extra"},
	{`console.log("%s", { toString() { return "custom toString" } })`, "custom toString"},
	{`console.log("%s", new Error("e").message)`, "e"},
	{`class WithTS { toString() { return "WithTS!" } } console.log("%s", new WithTS())`, "WithTS!"},
	{`console.log("%s", new Date(0))`, "1970-01-01T00:00:00.000Z"},
	{`console.log("%s", () => 1)`, "() => 1"},
	{`console.log("%s", new Map([[1, 2]]))`, "Map(1) { 1 => 2 }"},
	{`console.log("%d %i %f", "42.5", "42.5", "42.5")`, "42.5 42 42.5"},
	{`console.log("%d", 1n, "%i", 2n)`, "1n %i 2n"},
	{`console.log("%d %d", {}, Symbol("z"))`, "NaN NaN"},
	{`console.log("%i", 3.99, "%i", -3.99)`, "3 %i -3.99"},
	{`console.log("%f", "abc")`, "NaN"},
	{`console.log("%d", -0)`, "-0"},
	{`console.log("%i", "0x10")`, "16"},
	{`console.log("%j", { a: [1, "b"] })`, "{\"a\":[1,\"b\"]}"},
	{`{ const o = {}; o.o = o; console.log("%j", o) }`, "[Circular]"},
	{`console.log("%j", undefined)`, "undefined"},
	{`console.log("%j", { toJSON() { return "tj" } })`, "\"tj\""},
	{`console.log("%o", { a: 1 })`, "{ a: 1 }"},
	{`console.log("%o", [1, 2])`, "[ 1, 2, [length]: 2 ]"},
	{`console.log("%o", function foo() {})`, `<ref *1> [Function: foo] {
  [length]: 0,
  [name]: 'foo',
  [prototype]: { [constructor]: [Circular *1] }
}`},
	{`console.log("%O", { a: { b: { c: { d: 1 } } } })`, "{ a: { b: { c: [Object] } } }"},
	{`console.log("%o", { a: { b: { c: { d: { e: 1 } } } } })`, `{
  a: {
    b: { c: { d: { e: 1 } } }
  }
}`},
	{`console.log("%c styled", "color: red")`, " styled"},
	{`console.log("100%% sure", 1)`, "100% sure 1"},
	{`console.log("%x %s", "a")`, "%x a"},
	{`console.log("%s %s", "only one")`, "only one %s"},
	{`console.log("%", "a")`, "% a"},
	{`console.log("a%")`, "a%"},
	{`console.log("%%")`, "%%"},
	{`console.log("%%", 1)`, "% 1"},
	{`console.log("%s%s", "a", "b", "c")`, "ab c"},
	{`console.log(1, "%s", "x")`, "1 %s x"},
	{`console.log("no specifiers", { a: 1 })`, "no specifiers { a: 1 }"},
	{`console.log("%s")`, "%s"},
	{`console.log("%d")`, "%d"},
	{`console.log("%s", "a\nb")`, `a
b`},
	{`console.log("str\nwith\nnewlines")`, `str
with
newlines`},
	{`console.log("%O", "s")`, "'s'"},
	{`console.log("%o", "s")`, "'s'"},
	{`console.log("%s", Object.create(null))`, "throws TypeError: Cannot convert object to primitive value"},
	{`console.log("%s", new (class Foo5 {})())`, "Foo5 {}"},
	{`console.log("%s", { a: 1, toString: undefined })`, "throws TypeError: Cannot convert object to primitive value"},
	{`console.log("%s", [])`, "[]"},
	{`console.log("%s", [1, 2, 3])`, "[ 1, 2, 3 ]"},
	{`console.log("%c%s", "css", "after")`, "after"},
	{`console.log("%d", "")`, "0"},
	{`console.log("%i", "")`, "NaN"},
	{`console.log("%f", "1e3")`, "1000"},
	{`console.log("%s", 12345678901234567890n)`, "12345678901234567890n"},
	{`{ const o = {}; Object.defineProperty(o, Symbol("hid"), { value: 1, enumerable: false }); o.x = 1; console.log("%o", o) }`, "{ x: 1, [Symbol(hid)]: 1 }"},
	{`{ const r = Proxy.revocable({}, {}); r.revoke(); console.log(r.proxy) }`, "<Revoked Proxy>"},
	{`console.log(console)`, `Object [console] {
  debug: [Function (anonymous)],
  error: [Function (anonymous)],
  info: [Function (anonymous)],
  log: [Function (anonymous)],
  warn: [Function (anonymous)],
  dir: [Function: dir],
  dirxml: [Function: dirxml],
  table: [Function: table],
  trace: [Function: trace],
  group: [Function: group],
  groupCollapsed: [Function: groupCollapsed],
  groupEnd: [Function: groupEnd],
  clear: [Function: clear],
  count: [Function: count],
  countReset: [Function: countReset],
  assert: [Function: assert],
  profile: [Function: profile],
  profileEnd: [Function: profileEnd],
  time: [Function: time],
  timeLog: [Function: timeLog],
  timeEnd: [Function: timeEnd],
  timeStamp: [Function: timeStamp],
  context: [Function: context]
}`},
	{`console.log(Object.prototype.toString.call(console))`, "[object console]"},
	{`console.log(Promise.reject(3).catch(() => {}) && 1)`, "1"},
	{`console.log(Object.getPrototypeOf(function*(){}()))`, "Object [Generator] {}"},
	{`console.log("%o", [1, [2, [3, [4, [5]]]]])`, `[
  1,
  [
    2,
    [ 3, [ 4, [ 5, [length]: 1 ], [length]: 2 ], [length]: 2 ],
    [length]: 2
  ],
  [length]: 2
]`},
	{`console.log("%o", new Map([[1, { a: 1 }]]))`, "Map(1) { 1 => { a: 1 } }"},
	{`console.log("%o", new Uint8Array(2))`, `Uint8Array(2) [
  0,
  0,
  [BYTES_PER_ELEMENT]: 1,
  [length]: 2,
  [byteLength]: 2,
  [byteOffset]: 0,
  [buffer]: ArrayBuffer { byteLength: 2 }
]`},
	{`console.log("%o", "x", new Error("e").name)`, "'x' Error"},
	{`console.log("%o", { f() {} })`, "{ f: [Function: f] { [length]: 0, [name]: 'f' } }"},
	{`console.log("%o", new Date(0))`, "1970-01-01T00:00:00.000Z"},
	{`console.log("%o", class A {})`, `<ref *1> [class A] {
  [length]: 0,
  [name]: 'A',
  [prototype]: { [constructor]: [Circular *1] }
}`},
	{`console.log(Object.create(Map.prototype))`, "Map {}"},
	{`console.log(Map.prototype)`, "Object [Map] {}"},
	{`console.log(Array.prototype)`, "Object(0) []"},
	{`console.log(Object.prototype)`, "[Object: null prototype] {}"},
	{`console.log(Function.prototype)`, "{}"},
	{`console.log(Date.prototype)`, "{}"},
	{`console.log(RegExp.prototype)`, "{}"},
	{`console.log(Error.prototype)`, "{}"},
	{`console.log(Promise.prototype)`, "Object [Promise] {}"},
	{`console.log(Uint8Array.prototype)`, "TypedArray {}"},
	{`{ class K { m() {} } console.log(K.prototype) }`, "{}"},
	{`{ class K { constructor() { this.a = 1 } } console.log(Object.getPrototypeOf(new K())) }`, "{}"},
	{`console.log(Symbol.prototype)`, "Object [Symbol] {}"},
	{`console.log(String.prototype)`, "{}"},
	{`console.log(Number.prototype)`, "{}"},
	{`{ const o = { a: 1 }; o[Symbol.for("nodejs.util.inspect.custom")] = function(d, opts) { return opts.stylize("S", "special") + " " + Object.keys(opts).sort().join() }; console.log(o) }`, "S breakLength,colors,compact,customInspect,depth,getters,maxArrayLength,maxStringLength,numericSeparator,showHidden,showProxy,sorted,stylize"},
	{`{ const o = { [Symbol.for("nodejs.util.inspect.custom")](d, o, inspect) { return inspect({ deep: { x: 1 } }, o) } }; console.log([o]) }`, "[ { deep: { x: 1 } } ]"},
	{`{ const o = { [Symbol.for("nodejs.util.inspect.custom")]() { return this } }; console.log(o) }`, `{
  Symbol(nodejs.util.inspect.custom): [Function: [nodejs.util.inspect.custom]]
}`},
	{`{ const o = { [Symbol.for("nodejs.util.inspect.custom")]: 5, a: 1 }; console.log(o) }`, "{ a: 1, Symbol(nodejs.util.inspect.custom): 5 }"},
	{`{ const o = { get x() { return 1 } }; console.log("%o", o) }`, "{ x: [Getter] }"},
	{`console.log(Object.assign(() => {}, { a: 1, b: { c: 2 } }))`, "[Function (anonymous)] { a: 1, b: { c: 2 } }"},
	{`console.log([function () {}])`, "[ [Function (anonymous)] ]"},
	{`console.log({ ["a".repeat(20)]: "b".repeat(60) })`, `{
  aaaaaaaaaaaaaaaaaaaa: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'
}`},
	{`console.log({ a: 1 }, { b: 2 }, "s", 5)`, "{ a: 1 } { b: 2 } s 5"},
	{`console.log(["a", ["b", ["c", ["d"]]]])`, "[ 'a', [ 'b', [ 'c', [Array] ] ] ]"},
	{`console.log({ a: "x".repeat(10001) }.a.length)`, "10001"},
	{`console.log(["x".repeat(10005)][0].length)`, "10005"},
	{`console.log(new Array(200).fill("ab"))`, `[
  'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab',
  'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab',
  'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab',
  'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab',
  'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab',
  'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab',
  'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab',
  'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab',
  'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab',
  'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab', 'ab',
  ... 100 more items
]`},
	{`console.log(Array.from({ length: 26 }, (_, i) => i % 2 ? i : -i), Array.from({ length: 6 }, () => 1))`, `[
   -0,  1,  -2,  3,  -4,  5,  -6,  7,
   -8,  9, -10, 11, -12, 13, -14, 15,
  -16, 17, -18, 19, -20, 21, -22, 23,
  -24, 25
] [ 1, 1, 1, 1, 1, 1 ]`},
	{`console.log(Array.from({ length: 50 }, (_, i) => i * 1.5))`, `[
   0,  1.5,  3,  4.5,  6,  7.5,  9, 10.5,
  12, 13.5, 15, 16.5, 18, 19.5, 21, 22.5,
  24, 25.5, 27, 28.5, 30, 31.5, 33, 34.5,
  36, 37.5, 39, 40.5, 42, 43.5, 45, 46.5,
  48, 49.5, 51, 52.5, 54, 55.5, 57, 58.5,
  60, 61.5, 63, 64.5, 66, 67.5, 69, 70.5,
  72, 73.5
]`},
	{`console.log({ a: [1, 2, 3, 4, 5, 6, 7], b: 1 })`, `{
  a: [
    1, 2, 3, 4,
    5, 6, 7
  ],
  b: 1
}`},
	{`console.log([[1, 2, 3, 4, 5, 6, 7]])`, `[
  [
    1, 2, 3, 4,
    5, 6, 7
  ]
]`},
	{`console.log(Array.from({ length: 7 }, (_, i) => "abcdefghijklmn".slice(0, i)))`, "[ '', 'a', 'ab', 'abc', 'abcd', 'abcde', 'abcdef' ]"},
	{`console.log([["aaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbb", "cccccccccccccccccccccccc"]])`, `[
  [
    'aaaaaaaaaaaaaaaaaaaaaa',
    'bbbbbbbbbbbbbbbbbbbbbbbbbb',
    'cccccccccccccccccccccccc'
  ]
]`},
	{`console.log({ a: { b: { c: "ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc" } } })`, `{
  a: {
    b: {
      c: 'ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc'
    }
  }
}`},
	{`console.log({ a: "ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\nccccccccccccc" })`, `{
  a: 'ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\n' +
    'ccccccccccccc'
}`},
	{`console.log(["ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\nccccccccccccc"])`, `[
  'ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\n' +
    'ccccccccccccc'
]`},
	{`console.log(new Map([["ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\nccccccccccccc", 1]]))`, `Map(1) {
  'ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\n' +
    'ccccccccccccc' => 1
}`},
	{`console.log(new Set(["cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\nccccccccccccc"]))`, `Set(1) {
  'cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\n' +
    'ccccccccccccc'
}`},
	{`console.log({ b: new Set(["cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\nccccccccccccc"]) })`, `{
  b: Set(1) {
    'cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\n' +
      'ccccccccccccc'
  }
}`},
	{`console.log(Object.defineProperty([1, 2], "x", { value: 1, enumerable: false }))`, "[ 1, 2 ]"},
	{`console.log(Object.defineProperty({}, "x", { set(v) {}, enumerable: true }))`, "{ x: [Setter] }"},
	{`{ const e = new Error("m"); e.stack = "Error: m\n    at x (y.js:1:1)"; e[Symbol("s")] = 1; console.log(e) }`, `Error: m
    at x (y.js:1:1) {
  Symbol(s): 1
}`},
	{`{ const e = new Error("m"); e.stack = "Error: m\n    at x (y.js:1:1)"; Object.defineProperty(e, "hidden", { value: 1 }); console.log(e) }`, `Error: m
    at x (y.js:1:1)`},
	{`{ const e = new Error("m"); e.stack = "Error: m\n    at x (y.js:1:1)"; e.cause = undefined; console.log(e) }`, `Error: m
    at x (y.js:1:1) {
  cause: undefined
}`},
	{`{ const e = new Error("m"); e.stack = "Error: m\n    at x (y.js:1:1)"; e.message = "other"; e.extra = { deep: { er: { x: 1 } } }; console.log(e) }`, `Error: m
    at x (y.js:1:1) {
  extra: { deep: { er: [Object] } }
}`},
	{`{ const e = new Error("m"); e.stack = "Something else entirely"; console.log(e) }`, "[Something else entirely]"},
	{`{ const e = new TypeError("m"); e.stack = "Error: m\n    at x (y.js:1:1)"; console.log(e) }`, `Error: m
    at x (y.js:1:1)`},
	{`{ const e = new Error("m"); e.name = "TypeError"; e.stack = "TypeError: m\n    at x (y.js:1:1)"; console.log(e) }`, `Error [TypeError]: m
    at x (y.js:1:1)`},
	{`{ const e = new Error("m"); Object.setPrototypeOf(e, null); e.stack = "Error: m\n    at x (y.js:1:1)"; console.log(e) }`, `[Error: null prototype]: m
    at x (y.js:1:1)`},
	{`{ const e = { name: "Fake", message: "not an error", stack: "Fake: not an error" }; console.log(e) }`, "{ name: 'Fake', message: 'not an error', stack: 'Fake: not an error' }"},
	{`{ const e = new Error("m"); e.stack = "Error: m\n    at x (y.js:1:1)"; console.log("%s", e) }`, `Error: m
    at x (y.js:1:1)`},
	{`{ const e = new Error("m"); e.stack = "Error: m\n    at x (y.js:1:1)"; console.log("pre", e, "post") }`, `pre Error: m
    at x (y.js:1:1) post`},
	{`{ const e = new Error("m"); e.stack = "Error: m\n    at x (y.js:1:1)"; console.log({ a: { b: e } }) }`, `{
  a: {
    b: Error: m
        at x (y.js:1:1)
  }
}`},
	{`{ const e = new Error("m"); e.stack = "Error: m\n    at x (y.js:1:1)"; console.log({ a: { b: { c: e } } }) }`, `{
  a: {
    b: {
      c: Error: m
          at x (y.js:1:1)
    }
  }
}`},
	{`{ const e = new Error("m"); e.stack = 42; console.log(e) }`, "[42]"},
	{`{ const c = new Error("c"); c.stack = "Error: c\n    at a (a.js:1:1)\n    at b (b.js:1:1)\n    at c (c.js:1:1)\n    at d (d.js:1:1)\n    at e (e.js:1:1)"; const e = new Error("m", { cause: c }); e.stack = "Error: m\n    at z (z.js:1:1)\n    at a (a.js:1:1)\n    at b (b.js:1:1)\n    at c (c.js:1:1)\n    at d (d.js:1:1)\n    at e (e.js:1:1)"; console.log(e) }`, `Error: m
    at z (z.js:1:1)
    at a (a.js:1:1)
    ... 3 lines matching cause stack trace ...
    at e (e.js:1:1) {
  [cause]: Error: c
      at a (a.js:1:1)
      at b (b.js:1:1)
      at c (c.js:1:1)
      at d (d.js:1:1)
      at e (e.js:1:1)
}`},
	{`{ const a = new Error("a"); a.stack = "Error: a\n    at x (y.js:1:1)"; a.self = a; console.log(a) }`, `<ref *1> Error: a
    at x (y.js:1:1) {
  self: [Circular *1]
}`},
	{`console.log(new Error("real").stack.split("\n")[0])`, "Error: real"},
	{`console.log(Object(1n) instanceof BigInt, [Object(true)])`, "true [ [Boolean: true] ]"},
	{`console.log({ n: 1e21, m: -1e-7, big: 2n ** 70n })`, "{ n: 1e+21, m: -1e-7, big: 1180591620717411303424n }"},
	{`console.log(new Float32Array(8))`, `Float32Array(8) [
  0, 0, 0, 0,
  0, 0, 0, 0
]`},
	{`console.log(Array.from({ length: 6 }, (_, i) => 10 ** i))`, "[ 1, 10, 100, 1000, 10000, 100000 ]"},
	{`console.log(Array.from({ length: 7 }, (_, i) => 10 ** i))`, "[ 1, 10, 100, 1000, 10000, 100000, 1000000 ]"},
	{`console.log(Array.from({ length: 23 }, (_, i) => i % 5 ? "x" : undefined))`, `[
  undefined, 'x',       'x',
  'x',       'x',       undefined,
  'x',       'x',       'x',
  'x',       undefined, 'x',
  'x',       'x',       'x',
  undefined, 'x',       'x',
  'x',       'x',       undefined,
  'x',       'x'
]`},
	{`console.log(Array.from({ length: 9 }, () => [1]))`, `[
  [ 1 ], [ 1 ],
  [ 1 ], [ 1 ],
  [ 1 ], [ 1 ],
  [ 1 ], [ 1 ],
  [ 1 ]
]`},
	{`console.log(Array.from({ length: 9 }, () => ({})))`, `[
  {}, {}, {}, {}, {},
  {}, {}, {}, {}
]`},
	{`console.log(Array.from({ length: 9 }, (_, i) => Symbol(i)))`, `[
  Symbol(0), Symbol(1),
  Symbol(2), Symbol(3),
  Symbol(4), Symbol(5),
  Symbol(6), Symbol(7),
  Symbol(8)
]`},
	{`console.log(Array.from({ length: 9 }, (_, i) => i ? null : undefined))`, `[
  undefined, null,
  null,      null,
  null,      null,
  null,      null,
  null
]`},
	{`console.log(globalThis.__nanod === undefined)`, "true"},
	{`console.log(new Array(3).fill(), [, 1], [1, ,])`, "[ undefined, undefined, undefined ] [ <1 empty item>, 1 ] [ 1, <1 empty item> ]"},
	{`{ const a = [1, 2, 3]; delete a[1]; a.x = 5; console.log(a) }`, "[ 1, <1 empty item>, 3, x: 5 ]"},
	{`{ const a = []; a[5] = 1; a[10] = 2; console.log(a) }`, "[ <5 empty items>, 1, <4 empty items>, 2 ]"},
	{`{ const a = new Array(150); a[120] = 1; console.log(a) }`, "[ <120 empty items>, 1, <29 empty items> ]"},
	{`{ const a = Array.from({ length: 120 }, (_, i) => i); delete a[3]; console.log(a) }`, `[
  0,  1,  2,  <1 empty item>, 4,
  5,  6,  7,  8,              9,
  10, 11, 12, 13,             14,
  15, 16, 17, 18,             19,
  20, 21, 22, 23,             24,
  25, 26, 27, 28,             29,
  30, 31, 32, 33,             34,
  35, 36, 37, 38,             39,
  40, 41, 42, 43,             44,
  45, 46, 47, 48,             49,
  50, 51, 52, 53,             54,
  55, 56, 57, 58,             59,
  60, 61, 62, 63,             64,
  65, 66, 67, 68,             69,
  70, 71, 72, 73,             74,
  75, 76, 77, 78,             79,
  80, 81, 82, 83,             84,
  85, 86, 87, 88,             89,
  90, 91, 92, 93,             94,
  95, 96, 97, 98,             99,
  ... 20 more items
]`},
	{`{ const a = [1]; a[2 ** 32 - 2] = 2; console.log(a.length) }`, "4294967295"},
	{`{ const a = Array.from({ length: 110 }); a.extra = 1; console.log(a) }`, `[
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  undefined,         undefined, undefined, undefined,
  ... 10 more items,
  extra: 1
]`},
	{`class N extends Number {} console.log(new N(3))`, "[Number (N): 3]"},
	{`class S2 extends String {} console.log(new S2("ab"))`, "[String (S2): 'ab']"},
	{`{ const n = new Number(1); Object.setPrototypeOf(n, null); console.log(n) }`, "[Number (null prototype): 1]"},
	{`console.log(new (class extends Array {})(2))`, "[ <2 empty items> ]"},
	{`console.log(new (class extends Map {})())`, "Map(0) {}"},
	{`console.log(new (class {})())`, "{}"},
	{`console.log({ constructor: 1 })`, "{ constructor: 1 }"},
	{`console.log({ constructor: { name: "X" }, a: 1 })`, "{ constructor: { name: 'X' }, a: 1 }"},
	{`{ class P2 { constructor() { this.p = 1 } } const o = Object.create(new P2()); o.own = 2; console.log(o) }`, "P2 { own: 2 }"},
	{`console.log({ "01": 1, "-1": 2, "1.5": 3, 10: 4, 2: 5, b: 6, a: 7 })`, "{ '2': 5, '10': 4, '01': 1, '-1': 2, '1.5': 3, b: 6, a: 7 }"},
	{`{ const a = [1]; a["01"] = 2; a["-1"] = 3; a["4294967295"] = 4; console.log(a) }`, "[ 1, '01': 2, '-1': 3, '4294967295': 4 ]"},
	{`class D extends Date {} console.log(new D(0))`, "D 1970-01-01T00:00:00.000Z"},
	{`class R extends RegExp {} console.log(new R("x", "g"))`, "R /x/g"},
	{`{ const e = new Error(); e.stack = "Error\n    at x (y.js:1:1)"; console.log(e) }`, `Error
    at x (y.js:1:1)`},
	{`{ const e = new Error("m"); e.message = 5; e.stack = "Error: m\n    at x (y.js:1:1)"; console.log(e) }`, `Error: m
    at x (y.js:1:1)`},
	{`{ const e = new Error("m"); e.name = undefined; e.stack = "Error: m\n    at x (y.js:1:1)"; console.log(e) }`, `Error: m
    at x (y.js:1:1)`},
	{`{ const e = new Error("has\n    at fake"); e.stack = "Error: has\n    at fake\n    at x (y.js:1:1)"; console.log(e) }`, `Error: has
    at fake
    at x (y.js:1:1)`},
	{`{ class ErrT extends Error { get [Symbol.toStringTag]() { return "Tagged" } } const e = new ErrT("m"); e.stack = "Error: m\n    at x (y.js:1:1)"; console.log(e) }`, `ErrT [Tagged] [Error]: m
    at x (y.js:1:1)`},
	{`{ const e = new Error("m"); e.stack = "Error: m\n    at x (y.js:1:1)"; console.log([[e]]) }`, `[
  [
    Error: m
        at x (y.js:1:1)
  ]
]`},
	{`{ const e = new Error("m"); e.stack = "Error: m\n    at x (y.js:1:1)"; console.log(new Map([[e, e]])) }`, `Map(1) {
  Error: m
      at x (y.js:1:1) => Error: m
      at x (y.js:1:1)
}`},
	{`console.log(["\x1b[31mred\x1b[0m"])`, "[ '\\x1B[31mred\\x1B[0m' ]"},
	{`console.log("\x1b[31mred\x1b[0m")`, "\x1b[31mred\x1b[0m"},
	{`console.log([Symbol("a\nb")], { [Symbol("k\n")]: 1 })`, `[
  Symbol(a
b)
] { Symbol(k\n): 1 }`},
	{`console.log({ ["k".repeat(90)]: 1 })`, `{
  kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk: 1
}`},
	{`console.log({ a: { b: Array.from({ length: 30 }, (_, i) => i * 100) } })`, `{
  a: {
    b: [
         0,  100,  200,  300,  400,  500,
       600,  700,  800,  900, 1000, 1100,
      1200, 1300, 1400, 1500, 1600, 1700,
      1800, 1900, 2000, 2100, 2200, 2300,
      2400, 2500, 2600, 2700, 2800, 2900
    ]
  }
}`},
	{`console.log({ a: { b: { c: Array.from({ length: 10 }, (_, i) => "s" + i) } } })`, "{ a: { b: { c: [Array] } } }"},
	{`console.log([[Array.from({ length: 26 }, (_, i) => i)]])`, `[
  [
    [
       0,  1,  2,  3,  4,  5,  6,  7,
       8,  9, 10, 11, 12, 13, 14, 15,
      16, 17, 18, 19, 20, 21, 22, 23,
      24, 25
    ]
  ]
]`},
	{`console.log({ status: "ok", data: { users: [{ id: 1, name: "Ann", tags: ["a", "b"], meta: { created: "2024-01-01", active: true } }, { id: 2, name: "Bob", tags: [], meta: { created: "2024-02-02", active: false } }], total: 2 }, errors: null })`, `{
  status: 'ok',
  data: { users: [ [Object], [Object] ], total: 2 },
  errors: null
}`},
	{`console.log({ headers: { "content-type": "application/json", "x-request-id": "abc-123", "cache-control": "no-cache" }, status: 200, ok: true })`, `{
  headers: {
    'content-type': 'application/json',
    'x-request-id': 'abc-123',
    'cache-control': 'no-cache'
  },
  status: 200,
  ok: true
}`},
	{`console.log([{ a: 1, b: 2 }, { a: 3, b: 4 }, { a: 5, b: 6 }, { a: 7, b: 8 }, { a: 9, b: 10 }, { a: 11, b: 12 }, { a: 13, b: 14 }])`, `[
  { a: 1, b: 2 },
  { a: 3, b: 4 },
  { a: 5, b: 6 },
  { a: 7, b: 8 },
  { a: 9, b: 10 },
  { a: 11, b: 12 },
  { a: 13, b: 14 }
]`},
	{`console.log({ matrix: [[1, 2, 3], [4, 5, 6], [7, 8, 9]] })`, "{ matrix: [ [ 1, 2, 3 ], [ 4, 5, 6 ], [ 7, 8, 9 ] ] }"},
	{`console.log([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12], [13, 14, 15], [16, 17, 18], [19, 20, 21]])`, `[
  [ 1, 2, 3 ],
  [ 4, 5, 6 ],
  [ 7, 8, 9 ],
  [ 10, 11, 12 ],
  [ 13, 14, 15 ],
  [ 16, 17, 18 ],
  [ 19, 20, 21 ]
]`},
	{`console.log(new Float64Array([1.5, -0, 3.25, 1e21, NaN, -Infinity, 0.1, 7]))`, "Float64Array(8) [ 1.5, -0, 3.25, 1e+21, NaN, -Infinity, 0.1, 7 ]"},
	{`console.log(new BigUint64Array(8))`, `BigUint64Array(8) [
  0n, 0n, 0n, 0n,
  0n, 0n, 0n, 0n
]`},
	{`console.log(new Set([{ a: 1 }, [1, 2], "s", new Map()]))`, "Set(4) { { a: 1 }, [ 1, 2 ], 's', Map(0) {} }"},
	{`{ const s = new Set(); s.add(s); console.log(s) }`, "<ref *1> Set(1) { [Circular *1] }"},
	{`{ const a = { x: 1 }; console.log(new Set([a, { a }])) }`, "Set(2) { { x: 1 }, { a: { x: 1 } } }"},
	{`console.log("%d", { valueOf() { return 42 } })`, "42"},
	{`console.log("%i", "1e21")`, "1"},
	{`console.log("%f", "  3.5abc")`, "3.5"},
	{`{ const o = { a: {} }; o.a.o = o; console.log("%o", o) }`, "<ref *1> { a: { o: [Circular *1] } }"},
	{`console.log("%c")`, "%c"},
	{`console.log("%c", "x")`, ""},
	{`console.log("%s:%s", "a")`, "a:%s"},
	{`console.log("%s", { [Symbol.toPrimitive]() { return "prim" } })`, "{ Symbol(Symbol.toPrimitive): [Function: [Symbol.toPrimitive]] }"},
	{`console.log("%s", new (class { toString() { return "cls" } })())`, "cls"},
	{`console.log("%s", new (class Sub extends Map { })())`, "Sub(0) [Map] {}"},
	{`console.log("%s", Object.assign(new Error("em"), { stack: "Error: em\n    at q (q.js:1:1)" }))`, `Error: em
    at q (q.js:1:1)`},
	{`console.log("%s", [1, [2, [3]]], "%s")`, "[ 1, [Array] ] %s"},
	{`console.log("%O", [[[[1]]]])`, "[ [ [ [Array] ] ] ]"},
	{`console.log("%o", [[[[[[1]]]]]])`, `[
  [
    [ [ [ [Array], [length]: 1 ], [length]: 1 ], [length]: 1 ],
    [length]: 1
  ],
  [length]: 1
]`},
	{`console.log("%s", new Uint8Array(3))`, "0,0,0"},
	{`console.log("%s", function f() { return 1 })`, "function f() { return 1 }"},
	{`console.log("%s", class Q {})`, "class Q {}"},
	{`console.log("%s", { a: 1 }, { b: 2 })`, "{ a: 1 } { b: 2 }"},
	{`console.log("%s", -0, 0)`, "-0 0"},
	{`console.log("%s %o", "a", "b", "c")`, "a 'b' c"},
	{`console.log("%%s", 1)`, "%s 1"},
	{`console.log("%%%s", 1)`, "%1"},
	{`console.log("%-s", 1)`, "%-s 1"},
	{`console.log("%5d", 1)`, "%5d 1"},
	{`console.log(Object.create({ inherited: 1 }))`, "{}"},
	{`console.log(Object.assign(Object.create({ x: 1 }), { own: 1 }))`, "{ own: 1 }"},
	{`console.log({ a: [], b: {}, c: new Map(), d: new Set(), e: "", f: 0 })`, "{ a: [], b: {}, c: Map(0) {}, d: Set(0) {}, e: '', f: 0 }"},
	{`console.log([new Array(3)], [[, 1]], { a: [,] })`, "[ [ <3 empty items> ] ] [ [ <1 empty item>, 1 ] ] { a: [ <1 empty item> ] }"},
	{`console.log({ f: Object.assign(function () {}, { x: 1 }) })`, "{ f: [Function (anonymous)] { x: 1 } }"},
	{`console.log([async function* () {}])`, "[ [AsyncGeneratorFunction (anonymous)] ]"},
	{`console.log({ s: Symbol.for("x"), [Symbol.for("y")]: Symbol("z") })`, "{ s: Symbol(x), Symbol(y): Symbol(z) }"},
	{`console.log(Object.defineProperties({}, { a: { value: 1, enumerable: true }, b: { get() { return 1 }, enumerable: false } }))`, "{ a: 1 }"},
	{`console.log(Object.freeze({ frozen: [1] }))`, "{ frozen: [ 1 ] }"},
	{`console.log(Object.seal([1, 2]))`, "[ 1, 2 ]"},
	{`console.log(globalThis.Symbol.iterator, typeof globalThis)`, "Symbol(Symbol.iterator) object"},
	{`console.log({ a: 1 }.toString(), String([1, [2, 3]]))`, "[object Object] 1,2,3"},
	{`console.log(Array.from({ length: 12 }, (_, i) => i % 3 === 0 ? -i : i * 1000))`, `[
  -0,  1000,  2000,
  -3,  4000,  5000,
  -6,  7000,  8000,
  -9, 10000, 11000
]`},
	{`console.log(Array.from({ length: 7 }, (_, i) => BigInt(-i)))`, `[
   0n, -1n, -2n,
  -3n, -4n, -5n,
  -6n
]`},
	{`console.log(Array.from({ length: 7 }, (_, i) => i === 3 ? "3" : i))`, `[
  0, 1, 2, '3',
  4, 5, 6
]`},
	{`console.log(Array.from({ length: 300 }, (_, i) => i % 10))`, `[
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1,
  2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3,
  4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5,
  6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7,
  8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1,
  2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3,
  4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5,
  6, 7, 8, 9,
  ... 200 more items
]`},
	{`console.log("x", Object.create(null))`, "x [Object: null prototype] {}"},
	{`console.log("%o", Object.create(null))`, "[Object: null prototype] {}"},
	{`console.log("%s", "a", Object.create(null))`, "a [Object: null prototype] {}"},
	{`console.log("%d", Object.create(null))`, "throws TypeError: Cannot convert object to primitive value"},
	{`console.log("%s", { toString() { throw new Error("ts") } })`, "throws Error: ts"},
	{`console.log({ get a() { return 1 } }, "%s", Object.create(null))`, "{ a: [Getter] } %s [Object: null prototype] {}"},
	{`console.log("%s", { toString: 5 })`, "throws TypeError: Cannot convert object to primitive value"},
	{`console.log("%s", Object.assign(Object.create(null), { toString() { return "np" } }))`, "np"},
	{`console.log("%s %s", 1, Object.create(null))`, "throws TypeError: Cannot convert object to primitive value"},
	{`console.warn("%s", Object.create(null))`, "throws TypeError: Cannot convert object to primitive value"},
}

// console.dir(value, options), measured as workerd's node:util inspect(value, { customInspect: false, ...options })
// (workerd's own console.dir prints nothing).
var consoleInspectOptionCases = []consoleCase{
	{`console.dir({ a: { b: { c: { d: { e: 1 } } } } }, { depth: 0 })`, "{ a: [Object] }"},
	{`console.dir({ a: { b: { c: { d: { e: 1 } } } } }, { depth: 4 })`, `{
  a: {
    b: { c: { d: { e: 1 } } }
  }
}`},
	{`console.dir({ a: { b: { c: { d: { e: { f: 1 } } } } } }, { depth: null })`, `{
  a: {
    b: {
      c: { d: { e: { f: 1 } } }
    }
  }
}`},
	{`console.dir({ a: { b: { c: { d: { e: 1 } } } } }, { depth: Infinity })`, `{
  a: {
    b: { c: { d: { e: 1 } } }
  }
}`},
	{`console.dir([[[[[1]]]]], { depth: 1 })`, "[ [ [Array] ] ]"},
	{`console.dir({ a: [1, 2] }, { depth: -1 })`, "[Object]"},
	{`console.dir([1, 2], { depth: -1 })`, "[Array]"},
	{`console.dir(new Map([[1, 2]]), { depth: -1 })`, "[Map]"},
	{`console.dir({ c: 3, a: 1, b: 2 }, { sorted: true })`, "{ a: 1, b: 2, c: 3 }"},
	{`console.dir(new Map([["b", 1], ["a", 2]]), { sorted: true })`, "Map(2) { 'a' => 2, 'b' => 1 }"},
	{`console.dir(new Set(["b", "a", "c"]), { sorted: true })`, "Set(3) { 'a', 'b', 'c' }"},
	{`console.dir({ c: 3, a: 1, b: 2 }, { sorted: (x, y) => (x < y ? 1 : -1) })`, "{ c: 3, b: 2, a: 1 }"},
	{`{ const a = [3, 1]; a.z = 1; a.b = 2; console.dir(a, { sorted: true }) }`, "[ 3, 1, b: 2, z: 1 ]"},
	{`console.dir({ a: 1, b: { c: 2 } }, { compact: false })`, `{
  a: 1,
  b: {
    c: 2
  }
}`},
	{`console.dir([1, 2, 3], { compact: false })`, `[
  1,
  2,
  3
]`},
	{`console.dir({ a: [1, { b: 2 }] }, { compact: true })`, "{ a: [ 1, { b: 2 } ] }"},
	{`console.dir({ a: 1, b: { c: { d: 2 } } }, { compact: 1 })`, `{
  a: 1,
  b: {
    c: { d: 2 }
  }
}`},
	{`console.dir({ a: 1, b: { c: { d: 2 } } }, { compact: 2 })`, `{
  a: 1,
  b: { c: { d: 2 } }
}`},
	{`console.dir({ a: "x".repeat(50), b: "y".repeat(50) }, { compact: true })`, `{ a: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  b: 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy' }`},
	{`console.dir({ a: "x".repeat(50), b: "y".repeat(50), c: { d: "z".repeat(90) } }, { compact: true })`, `{ a: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  b: 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy',
  c:
   { d:
      'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' } }`},
	{`console.dir({ a: "x".repeat(100) }, { compact: true })`, `{ a:
   'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' }`},
	{`console.dir({ a: "line\nline2".repeat(10) }, { compact: true })`, `{ a:
   'line\nline2line\nline2line\nline2line\nline2line\nline2line\nline2line\nline2line\nline2line\nline2line\nline2' }`},
	{`console.dir({ a: "line\n".repeat(3) + "x".repeat(80) })`, `{
  a: 'line\n' +
    'line\n' +
    'line\n' +
    'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'
}`},
	{`console.dir("top level string that is rather long and goes over the break length of eighty\nwith newline")`, `'top level string that is rather long and goes over the break length of eighty\n' +
  'with newline'`},
	{`console.dir("short\nstring")`, "'short\\nstring'"},
	{`console.dir(["a".repeat(20), "b".repeat(20)], { breakLength: 40 })`, `[
  'aaaaaaaaaaaaaaaaaaaa',
  'bbbbbbbbbbbbbbbbbbbb'
]`},
	{`console.dir({ a: 1, b: 2, c: 3 }, { breakLength: 10 })`, `{
  a: 1,
  b: 2,
  c: 3
}`},
	{`console.dir({ a: 1, b: 2, c: 3 }, { breakLength: Infinity })`, "{ a: 1, b: 2, c: 3 }"},
	{`console.dir(Array.from({ length: 30 }, (_, i) => i), { breakLength: Infinity })`, `[
   0,  1,  2,  3,  4,  5,  6,  7,  8,
   9, 10, 11, 12, 13, 14, 15, 16, 17,
  18, 19, 20, 21, 22, 23, 24, 25, 26,
  27, 28, 29
]`},
	{`console.dir(Array.from({ length: 30 }, (_, i) => i), { breakLength: 40 })`, `[
   0,  1,  2,  3,  4,  5,  6,  7,  8,
   9, 10, 11, 12, 13, 14, 15, 16, 17,
  18, 19, 20, 21, 22, 23, 24, 25, 26,
  27, 28, 29
]`},
	{`console.dir(Array.from({ length: 30 }, (_, i) => i), { compact: 1 })`, `[
   0,  1,  2,  3,
   4,  5,  6,  7,
   8,  9, 10, 11,
  12, 13, 14, 15,
  16, 17, 18, 19,
  20, 21, 22, 23,
  24, 25, 26, 27,
  28, 29
]`},
	{`console.dir(Array.from({ length: 30 }, (_, i) => i), { compact: false })`, `[
  0,
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  9,
  10,
  11,
  12,
  13,
  14,
  15,
  16,
  17,
  18,
  19,
  20,
  21,
  22,
  23,
  24,
  25,
  26,
  27,
  28,
  29
]`},
	{`console.dir([1, 2, 3, 4, 5], { maxArrayLength: 2 })`, "[ 1, 2, ... 3 more items ]"},
	{`console.dir([1, 2, 3], { maxArrayLength: 0 })`, "[ ... 3 more items ]"},
	{`console.dir([1, 2, 3], { maxArrayLength: -1 })`, "[ ... 3 more items ]"},
	{`console.dir(new Set([1, 2, 3]), { maxArrayLength: 1 })`, "Set(3) { 1, ... 2 more items }"},
	{`console.dir(new Map([[1, 2], [3, 4]]), { maxArrayLength: 1 })`, "Map(2) { 1 => 2, ... 1 more item }"},
	{`console.dir(new Uint8Array(5), { maxArrayLength: 2 })`, "Uint8Array(5) [ 0, 0, ... 3 more items ]"},
	{`console.dir(new Uint8Array(5).buffer, { maxArrayLength: 2 })`, `ArrayBuffer {
  [Uint8Contents]: <00 00 ... 3 more bytes>,
  byteLength: 5
}`},
	{`console.dir(Array.from({ length: 200 }, (_, i) => i), { maxArrayLength: null })`, `[
    0,   1,   2,   3,   4,   5,   6,   7,   8,   9,  10,  11,
   12,  13,  14,  15,  16,  17,  18,  19,  20,  21,  22,  23,
   24,  25,  26,  27,  28,  29,  30,  31,  32,  33,  34,  35,
   36,  37,  38,  39,  40,  41,  42,  43,  44,  45,  46,  47,
   48,  49,  50,  51,  52,  53,  54,  55,  56,  57,  58,  59,
   60,  61,  62,  63,  64,  65,  66,  67,  68,  69,  70,  71,
   72,  73,  74,  75,  76,  77,  78,  79,  80,  81,  82,  83,
   84,  85,  86,  87,  88,  89,  90,  91,  92,  93,  94,  95,
   96,  97,  98,  99, 100, 101, 102, 103, 104, 105, 106, 107,
  108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119,
  120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131,
  132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143,
  144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155,
  156, 157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167,
  168, 169, 170, 171, 172, 173, 174, 175, 176, 177, 178, 179,
  180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191,
  192, 193, 194, 195, 196, 197, 198, 199
]`},
	{`console.dir([, , 1, , 2], { maxArrayLength: 2 })`, "[ <2 empty items>, 1, ... 2 more items ]"},
	{`console.dir(new Array(10), { maxArrayLength: 3 })`, "[ <10 empty items> ]"},
	{`console.dir("abcdef", { maxStringLength: 3 })`, "'abc'... 3 more characters"},
	{`console.dir(["abcdef", "ab"], { maxStringLength: 2 })`, "[ 'ab'... 4 more characters, 'ab' ]"},
	{`console.dir(["abcdef"], { maxStringLength: 0 })`, "[ ''... 6 more characters ]"},
	{`console.dir({ s: "abcdef" }, { maxStringLength: 5 })`, "{ s: 'abcde'... 1 more character }"},
	{`console.dir({ a: 1 }, { showHidden: true })`, "{ a: 1 }"},
	{`console.dir([1], { showHidden: true })`, "[ 1, [length]: 1 ]"},
	{`console.dir(new Error("e").name, { showHidden: true })`, "'Error'"},
	{`console.dir(Object.defineProperty({}, "h", { value: 1 }), { showHidden: true })`, "{ [h]: 1 }"},
	{`console.dir(new Map([[1, 2]]), { showHidden: true })`, "Map(1) { 1 => 2 }"},
	{`console.dir(new Uint8Array(2), { showHidden: true })`, `Uint8Array(2) [
  0,
  0,
  [BYTES_PER_ELEMENT]: 1,
  [length]: 2,
  [byteLength]: 2,
  [byteOffset]: 0,
  [buffer]: ArrayBuffer { byteLength: 2 }
]`},
	{`console.dir(function f() {}, { showHidden: true })`, `<ref *1> [Function: f] {
  [length]: 0,
  [name]: 'f',
  [prototype]: { [constructor]: [Circular *1] }
}`},
	{`{ class A { constructor() { this.x = 1 } get y() { return 2 } } A.prototype.z = 3; console.dir(new A(), { showHidden: true }) }`, "A { x: 1, [y]: [Getter], z: 3 }"},
	{`{ class A { constructor() { this.x = 1 } } A.prototype.z = 3; A.prototype.m = function () {}; console.dir(new A()) }`, "A { x: 1 }"},
	{`{ class A { constructor() { this.x = 1 } } class B extends A {} B.prototype.q = { deep: true }; console.dir(new B(), { showHidden: true }) }`, "B { x: 1, q: { deep: true } }"},
	{`console.dir({ get a() { return 1 }, get b() { return { c: 2 } }, get n() { return null }, set s(v) {}, get gs() { return "x" }, set gs(v) {} }, { getters: true })`, `{
  a: [Getter: 1],
  b: [Getter] { c: 2 },
  n: [Getter: null],
  s: [Setter],
  gs: [Getter/Setter: 'x']
}`},
	{`console.dir({ get a() { return 1 }, get gs() { return "x" }, set gs(v) {} }, { getters: "get" })`, "{ a: [Getter: 1], gs: [Getter/Setter] }"},
	{`console.dir({ get a() { return 1 }, get gs() { return "x" }, set gs(v) {} }, { getters: "set" })`, "{ a: [Getter], gs: [Getter/Setter: 'x'] }"},
	{`console.dir({ get a() { throw new Error("nope") } }, { getters: true })`, "{ a: [Getter: <Inspection threw (nope)>] }"},
	{`console.dir([1234567, 1234.5678, -9876543210, 12345678901234567890n, 0.0001, 1e21, 123], { numericSeparator: true })`, `[
  1_234_567,
  1_234.567_8,
  -9_876_543_210,
  12_345_678_901_234_567_890n,
  0.000_1,
  1e+21,
  123
]`},
	{`console.dir(new Uint32Array([1000000]), { numericSeparator: true })`, "Uint32Array(1) [ 1_000_000 ]"},
	{`console.dir({ a: 1, s: "x", n: null, u: undefined, b: true, sym: Symbol("s"), big: 1n, d: new Date(0), r: /x/, f() {} }, { colors: true })`, "{\n  a: \x1b[33m1\x1b[39m,\n  s: \x1b[32m'x'\x1b[39m,\n  n: \x1b[1mnull\x1b[22m,\n  u: \x1b[90mundefined\x1b[39m,\n  b: \x1b[33mtrue\x1b[39m,\n  sym: \x1b[32mSymbol(s)\x1b[39m,\n  big: \x1b[33m1n\x1b[39m,\n  d: \x1b[35m1970-01-01T00:00:00.000Z\x1b[39m,\n  r: \x1b[31m/x/\x1b[39m,\n  f: \x1b[36m[Function: f]\x1b[39m\n}"},
	{`console.dir([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27], { colors: true })`, "[\n   \x1b[33m1\x1b[39m,  \x1b[33m2\x1b[39m,  \x1b[33m3\x1b[39m,  \x1b[33m4\x1b[39m,  \x1b[33m5\x1b[39m,  \x1b[33m6\x1b[39m,  \x1b[33m7\x1b[39m,  \x1b[33m8\x1b[39m,\n   \x1b[33m9\x1b[39m, \x1b[33m10\x1b[39m, \x1b[33m11\x1b[39m, \x1b[33m12\x1b[39m, \x1b[33m13\x1b[39m, \x1b[33m14\x1b[39m, \x1b[33m15\x1b[39m, \x1b[33m16\x1b[39m,\n  \x1b[33m17\x1b[39m, \x1b[33m18\x1b[39m, \x1b[33m19\x1b[39m, \x1b[33m20\x1b[39m, \x1b[33m21\x1b[39m, \x1b[33m22\x1b[39m, \x1b[33m23\x1b[39m, \x1b[33m24\x1b[39m,\n  \x1b[33m25\x1b[39m, \x1b[33m26\x1b[39m, \x1b[33m27\x1b[39m\n]"},
	{`console.dir({ a: { b: { c: {} } } }, { colors: true, depth: 0 })`, "{ a: \x1b[36m[Object]\x1b[39m }"},
	{`{ const o = {}; o.o = o; console.dir(o, { colors: true }) }`, "\x1b[36m<ref *1>\x1b[39m { o: \x1b[36m[Circular *1]\x1b[39m }"},
	{`console.dir(new Map([["a", [1, "b"]]]), { colors: true })`, "Map(1) { \x1b[32m'a'\x1b[39m => [ \x1b[33m1\x1b[39m, \x1b[32m'b'\x1b[39m ] }"},
	{`console.dir([undefined, , null], { colors: true })`, "[ \x1b[90mundefined\x1b[39m, \x1b[90m<1 empty item>\x1b[39m, \x1b[1mnull\x1b[22m ]"},
	{`console.dir({ [Symbol.for("nodejs.util.inspect.custom")]() { return "CUSTOM" } })`, `{
  Symbol(nodejs.util.inspect.custom): [Function: [nodejs.util.inspect.custom]]
}`},
	{`console.dir({ [Symbol.for("nodejs.util.inspect.custom")]() { return "CUSTOM" } }, { customInspect: true })`, "CUSTOM"},
	{`{ const e = new Error("m"); e.stack = "Error: m\n    at x (y.js:1:1)"; e.extra = 1; console.dir(e, { compact: false }) }`, `Error: m
    at x (y.js:1:1) {
  extra: 1
}`},
	{`{ const o = { a: 1 }; o.self = o; console.dir(o, { compact: false }) }`, `<ref *1> {
  a: 1,
  self: [Circular *1]
}`},
	{`{ const o = { a: 1 }; o.self = o; console.dir(o, { compact: true }) }`, "<ref *1> { a: 1, self: [Circular *1] }"},
	{`console.dir(new Set([1, 2]), { compact: true })`, "Set(2) { 1, 2 }"},
	{`console.dir(Array.from({ length: 8 }, (_, i) => i), { compact: true })`, "[ 0, 1, 2, 3, 4, 5, 6, 7 ]"},
	{`console.dir({ abc: { def: { ghi: "jkl" } } }, { compact: true, breakLength: 10 })`, `{ abc:
   { def:
      { ghi: 'jkl' } } }`},
	{`console.dir(new Map([[{ a: 1 }, { b: 2 }]]), { compact: false })`, `Map(1) {
  {
    a: 1
  } => {
    b: 2
  }
}`},
	{`console.dir(new ArrayBuffer(3), { compact: false })`, `ArrayBuffer {
  [Uint8Contents]: <00 00 00>,
  byteLength: 3
}`},
	{`console.dir(Object.create(null), { showHidden: true })`, "[Object: null prototype] {}"},
	{`console.dir([[1, 2], [3, 4]], { depth: 0 })`, "[ [Array], [Array] ]"},
	{`console.dir(new Set([[1]]), { depth: 0 })`, "Set(1) { [Array] }"},
	{`console.dir({ toString: () => "x", valueOf: () => 1 })`, "{ toString: [Function: toString], valueOf: [Function: valueOf] }"},
	{`console.dir(Object(Symbol("sy")), { showHidden: true })`, "[Symbol: Symbol(sy)]"},
	{`console.dir(new String("ab"), { showHidden: true })`, "[String: 'ab'] { [length]: 2 }"},
	{`console.dir(new Date(0), { depth: -1 })`, "1970-01-01T00:00:00.000Z"},
	{`console.dir(/re/, { depth: -1 })`, "/re/"},
	{`console.dir(function named() {}, { depth: -1 })`, "[Function: named]"},
}

// Console methods, measured from Node 20's Console: workerd prints nothing for table, group, count,
// assert, dir, dirxml, time* and trace, so Node is the reference. Lines are tagged out (debug, log,
// info) or err (warn, error); stack frames and timings are normalised away.
var consoleMethodCases = []consoleCase{
	{`console.info("info", 1)`, "out: info 1"},
	{`console.debug("debug", { a: 1 })`, "out: debug { a: 1 }"},
	{`console.warn("warn %d", 5)`, "err: warn 5"},
	{`console.error(new Map([[1, 2]]))`, "err: Map(1) { 1 => 2 }"},
	{`console.log("log")`, "out: log"},
	{`console.table([{ a: 1, b: "x" }, { a: 2, c: true }])`, `out: ┌─────────┬───┬─────┬──────┐
│ (index) │ a │ b   │ c    │
├─────────┼───┼─────┼──────┤
│ 0       │ 1 │ 'x' │      │
│ 1       │ 2 │     │ true │
└─────────┴───┴─────┴──────┘`},
	{`console.table([[1, 2], [3, 4]])`, `out: ┌─────────┬───┬───┐
│ (index) │ 0 │ 1 │
├─────────┼───┼───┤
│ 0       │ 1 │ 2 │
│ 1       │ 3 │ 4 │
└─────────┴───┴───┘`},
	{`console.table(5)`, "out: 5"},
	{`console.table("s")`, "out: s"},
	{`console.table(null)`, "out: null"},
	{`console.table([{ a: 1, b: 2 }], ["a"])`, `out: ┌─────────┬───┐
│ (index) │ a │
├─────────┼───┤
│ 0       │ 1 │
└─────────┴───┘`},
	{`console.table([{ a: 1, b: 2 }, 5], ["b"])`, `out: ┌─────────┬───┐
│ (index) │ b │
├─────────┼───┤
│ 0       │ 2 │
│ 1       │   │
└─────────┴───┘`},
	{`console.table(new Map([["x", 1], [{ k: 1 }, [1, 2, 3, 4]]]))`, `out: ┌───────────────────┬──────────┬──────────────────────────────┐
│ (iteration index) │ Key      │ Values                       │
├───────────────────┼──────────┼──────────────────────────────┤
│ 0                 │ 'x'      │ 1                            │
│ 1                 │ { k: 1 } │ [ 1, 2, 3, ... 1 more item ] │
└───────────────────┴──────────┴──────────────────────────────┘`},
	{`console.table(new Set([1, "two"]))`, `out: ┌───────────────────┬────────┐
│ (iteration index) │ Values │
├───────────────────┼────────┤
│ 0                 │ 1      │
│ 1                 │ 'two'  │
└───────────────────┴────────┘`},
	{`console.table({ x: { a: 1 }, y: { b: 2 } })`, `out: ┌─────────┬───┬───┐
│ (index) │ a │ b │
├─────────┼───┼───┤
│ x       │ 1 │   │
│ y       │   │ 2 │
└─────────┴───┴───┘`},
	{`console.table([1, "a", { b: 1 }, [2]])`, `out: ┌─────────┬───┬───┬────────┐
│ (index) │ 0 │ b │ Values │
├─────────┼───┼───┼────────┤
│ 0       │   │   │ 1      │
│ 1       │   │   │ 'a'    │
│ 2       │   │ 1 │        │
│ 3       │ 2 │   │        │
└─────────┴───┴───┴────────┘`},
	{`console.table([])`, `out: ┌─────────┐
│ (index) │
├─────────┤
└─────────┘`},
	{`console.table({})`, `out: ┌─────────┐
│ (index) │
├─────────┤
└─────────┘`},
	{`console.table([{ name: "日本語", v: 1 }, { name: "ascii", v: 22222 }])`, `out: ┌─────────┬──────────┬───────┐
│ (index) │ name     │ v     │
├─────────┼──────────┼───────┤
│ 0       │ '日本語' │ 1     │
│ 1       │ 'ascii'  │ 22222 │
└─────────┴──────────┴───────┘`},
	{`console.table([{ o: { a: 1, b: 2, c: 3 }, arr: [1, 2, 3, 4, 5], s: "str", n: null, u: undefined }])`, `out: ┌─────────┬──────────┬───────────────────────────────┬───────┬──────┬───────────┐
│ (index) │ o        │ arr                           │ s     │ n    │ u         │
├─────────┼──────────┼───────────────────────────────┼───────┼──────┼───────────┤
│ 0       │ [Object] │ [ 1, 2, 3, ... 2 more items ] │ 'str' │ null │ undefined │
└─────────┴──────────┴───────────────────────────────┴───────┴──────┴───────────┘`},
	{`console.table([{ nested: { deep: { x: 1 } } }])`, `out: ┌─────────┬────────────────────┐
│ (index) │ nested             │
├─────────┼────────────────────┤
│ 0       │ { deep: [Object] } │
└─────────┴────────────────────┘`},
	{`console.table([[1, [2, [3]]]])`, `out: ┌─────────┬───┬────────────────┐
│ (index) │ 0 │ 1              │
├─────────┼───┼────────────────┤
│ 0       │ 1 │ [ 2, [Array] ] │
└─────────┴───┴────────────────┘`},
	{`console.table({ a: 1, b: "two" })`, `out: ┌─────────┬────────┐
│ (index) │ Values │
├─────────┼────────┤
│ a       │ 1      │
│ b       │ 'two'  │
└─────────┴────────┘`},
	{`console.group("G1"); console.log("in1"); console.group(); console.log("in2\nline2"); console.groupEnd(); console.groupCollapsed("C", 1); console.warn("w"); console.error({ a: 1, b: "x".repeat(80) }); console.groupEnd(); console.groupEnd(); console.groupEnd(); console.log("out")`, `out: G1
out:   in1
out:     in2
    line2
out:   C 1
err:     w
err:     {
      a: 1,
      b: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'
    }
out: out`},
	{`console.group(); console.table([{ a: 1 }]); console.dir({ x: 1 }); console.count("g"); console.groupEnd()`, `out:   ┌─────────┬───┐
  │ (index) │ a │
  ├─────────┼───┤
  │ 0       │ 1 │
  └─────────┴───┘
out:   { x: 1 }
out:   g: 1`},
	{`console.assert(false, "bad %s", "x")`, "err: Assertion failed: bad x"},
	{`console.assert(false)`, "err: Assertion failed"},
	{`console.assert(true, "no")`, ""},
	{`console.assert(false, { a: 1 })`, "err: Assertion failed: [object Object]"},
	{`console.assert(0, "zero", 1, [2])`, "err: Assertion failed: zero 1 [ 2 ]"},
	{`console.assert(1)`, ""},
	{`console.count(); console.count(); console.count("x"); console.countReset(); console.count(); console.count(undefined); console.count(null); console.count({})`, `out: default: 1
out: default: 2
out: x: 1
out: default: 1
out: default: 2
out: null: 1
out: [object Object]: 1`},
	{`console.dir({ a: { b: { c: { d: 1 } } } })`, "out: { a: { b: { c: [Object] } } }"},
	{`console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 })`, "out: { a: [Object] }"},
	{`console.dir("str")`, "out: 'str'"},
	{`console.dirxml({ a: 1 }, [2], "s")`, "out: { a: 1 } [ 2 ] s"},
	{`console.dirxml()`, "out: "},
	{`console.time(); console.timeLog(); console.timeEnd()`, `out: default: Nms
out: default: Nms`},
	{`console.time("a"); console.timeLog("a", 1, { x: 1 }); console.timeEnd("a")`, `out: a: Nms 1 { x: 1 }
out: a: Nms`},
	{`console.time(1); console.timeEnd(1)`, "out: 1: Nms"},
	{`console.trace("tr %d", 1)`, "err: Trace: tr 1"},
	{`console.trace()`, "err: Trace"},
	{`console.trace({ a: 1 })`, "err: Trace: { a: 1 }"},
}

// console.log of values whose formatting throws, measured from workerd (which prints the error's
// stack); stack frames are stripped, as nanod's frames differ.
var consoleFormattingThrewCases = []consoleCase{
	{`console.log("%j", { b: 1n })`, "<Formatting threw (TypeError: Do not know how to serialize a BigInt)>"},
	{`console.log("%j", { toJSON() { throw new Error("tj") } })`, "<Formatting threw (Error: tj)>"},
	{`console.log({ [Symbol.for("nodejs.util.inspect.custom")]() { throw new Error("ci") } })`, "<Formatting threw (Error: ci)>"},
	{`console.log("%d", { valueOf() { throw new Error("vo") } })`, "<Formatting threw (Error: vo)>"},
}

// Lines tagged by stream, for cases whose expectations come from Node (which only knows stdout
// and stderr).
var consoleStream = map[string]string{"debug": "out", "log": "out", "info": "out", "warn": "err", "error": "err"}

var (
	consoleFrames  = regexp.MustCompile(`\n    at .*`)
	consoleTimings = regexp.MustCompile(`\d+(\.\d+)?ms`)
	// Stack frames in "<Formatting threw (stack)>", keeping the closing ")>".
	consoleThrewFrames = regexp.MustCompile(`(?m)\n    at .*?(\)>)?$`)
)

// consoleOutput runs src in iso and returns what it printed: the text of each console line
// (prefixed "out: " / "err: " when tagged, else with a level other than log kept as a prefix),
// plus "throws ..." if src threw.
func consoleOutput(t *testing.T, iso *Isolate, lg *testLog, src string, tagged bool) string {
	t.Helper()
	lg.mu.Lock()
	n := len(lg.lines)
	lg.mu.Unlock()
	res := iso.eval(t, "\"use strict\";\n"+src)
	lg.mu.Lock()
	lines := append([]string(nil), lg.lines[n:]...)
	lg.mu.Unlock()
	for i, l := range lines {
		level, text, _ := strings.Cut(l, ": ")
		switch {
		case tagged:
			lines[i] = consoleStream[level] + ": " + text
		case level == "log":
			lines[i] = text
		}
	}
	if res != "null" {
		lines = append(lines, res)
	}
	out := strings.Join(lines, "\n")
	if tagged {
		out = consoleTimings.ReplaceAllString(consoleFrames.ReplaceAllString(out, ""), "Nms")
	}
	return out
}

func runConsoleCases(t *testing.T, cases []consoleCase, tagged, fresh bool) {
	t.Helper()
	iso, lg := newTestIsolate(t)
	for i, c := range cases {
		if fresh && i > 0 {
			iso, lg = newTestIsolate(t)
		}
		if got := consoleOutput(t, iso, lg, c.src, tagged); got != c.want {
			t.Errorf("%s\n--- got:\n%s\n--- want:\n%s", c.src, got, c.want)
		}
	}
}

func TestConsoleWorkerd(t *testing.T) {
	runConsoleCases(t, consoleWorkerdCases, false, false)
}

func TestConsoleInspectOptions(t *testing.T) {
	runConsoleCases(t, consoleInspectOptionCases, false, false)
}

func TestConsoleMethods(t *testing.T) {
	// A fresh isolate per case: counters, timers and the group indentation are per console.
	runConsoleCases(t, consoleMethodCases, true, true)
}

// nanod's own choices where neither workerd nor Node print anything comparable: Node reports these
// through process.emitWarning, which has no counterpart here.
func TestConsoleWarnings(t *testing.T) {
	runConsoleCases(t, []consoleCase{
		{`console.countReset("nope")`, "err: Warning: Count for 'nope' does not exist"},
		{`console.timeEnd("nope")`, "err: Warning: No such label 'nope' for console.timeEnd()"},
		{`console.timeLog()`, "err: Warning: No such label 'default' for console.timeLog()"},
		{`console.time("a"); console.time("a"); console.timeEnd("a"); console.timeEnd("a")`, "err: Warning: Label 'a' already exists for console.time()\nout: a: Nms\nerr: Warning: No such label 'a' for console.timeEnd()"},
		{`console.groupEnd(); console.groupEnd(); console.log("x")`, "out: x"},
		{`console.context().log("same console")`, "out: same console"},
	}, true, true)
}

func TestConsoleFormattingThrew(t *testing.T) {
	iso, lg := newTestIsolate(t)
	for _, c := range consoleFormattingThrewCases {
		got := consoleThrewFrames.ReplaceAllString(consoleOutput(t, iso, lg, c.src, false), "$1")
		if got != c.want {
			t.Errorf("%s\n--- got:\n%s\n--- want:\n%s", c.src, got, c.want)
		}
	}
}

func TestConsoleDeviations(t *testing.T) {
	iso, lg := newTestIsolate(t)
	for _, c := range consoleDeviations {
		if got := consoleOutput(t, iso, lg, c.src, false); got != c.nanod {
			t.Errorf("%s\n--- got:\n%s\n--- want (workerd prints %q):\n%s", c.src, got, c.workerd, c.nanod)
		}
	}
}
