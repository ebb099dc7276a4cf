package isolate

import (
	"strings"
	"testing"
)

// hrHelpers are JS helpers for the HTMLRewriter tests. rw rewrites input (a string, bytes, or an
// array of chunks fed one per read) and returns the output text, or "ERR Name: message".
const hrHelpers = `
const enc = new TextEncoder();
const streamOf = (chunks) => new ReadableStream({ async pull(c) { await null; if (chunks.length) { const x = chunks.shift(); c.enqueue(typeof x === "string" ? enc.encode(x) : x); } else c.close(); } });
const body = (input) => (Array.isArray(input) ? streamOf([...input]) : input);
const rw = async (input, setup, init) => {
  try { return await setup(new HTMLRewriter()).transform(new Response(body(input), init)).text(); }
  catch (e) { return "ERR " + e.name + ": " + e.message; }
};
const err = (f) => { try { f(); return "ok"; } catch (e) { return e.name + ": " + e.message; } };
const trace = async (input) => {
  const l = [];
  const out = await rw(input, (r) => r.on("*", { element(e) { l.push("E:" + e.tagName); } }).onDocument({
    text(t) { l.push("T:" + t.text + (t.lastInTextNode ? "$" : "")); },
    comments(c) { l.push("C:" + c.text); },
    doctype(d) { l.push("D:" + [d.name, d.publicId, d.systemId].join(",")); },
    end() { l.push("END"); },
  }));
  return [out, l.join("|")];
};
const matches = async (sel, html) => {
  const m = [];
  const out = await rw(html, (r) => r.on(sel, { element(e) { m.push(e.getAttribute("id") ?? e.tagName); } }));
  return out.startsWith("ERR") ? out : m.join(",");
};
`

func hrCheck(t *testing.T, cases map[string]string) {
	t.Helper()
	iso, _ := newTestIsolate(t)
	for src, want := range cases {
		if got := iso.eval(t, hrHelpers+src); got != want {
			t.Errorf("%s\n got  %s\n want %s", src, got, want)
		}
	}
}

// Untouched input comes back byte for byte, whatever the handlers and the chunking.
func TestHTMLRewriterPassthrough(t *testing.T) {
	doc := `<!DOCTYPE html><html lang=en><head><title>a<b></title><script>if (a<b) x="</p>";</script></head>` +
		`<body class='a b'><!-- c --><p>text &amp; more<br/><img src=x /></P><svg><g/><![CDATA[<x>]]></svg>` +
		`<textarea><i></textarea><a b='1'c="2"d=3/e f =  g>i</a></b></>x<? pi ?></body></html>`
	hrCheck(t, map[string]string{
		`return await rw(` + jsq(doc) + `, (r) => r);`: jsonq(doc),
		`return await rw(` + jsq(doc) + `, (r) => r.on("*", { element() {}, text() {}, comments() {} }).onDocument({ text() {}, doctype() {}, comments() {}, end() {} }));`:                                                                                                           jsonq(doc),
		`const d = ` + jsq(doc) + `; const out = []; for (const n of [1, 2, 3, 7, 64]) { const ch = []; for (let i = 0; i < d.length; i += n) ch.push(d.slice(i, i + n)); out.push(await rw(ch, (r) => r.on("*", { element() {}, text() {} }))); } return out.every((o) => o === d);`: "true",
		// Invalid UTF-8 and a BOM pass through unchanged.
		`const r = new HTMLRewriter().on("p", { element(e) { e.setAttribute("a", "b"); } }).transform(new Response(new Uint8Array([0xef, 0xbb, 0xbf, 0x3c, 0x70, 0x3e, 0xff, 0xc3, 0x3c, 0x2f, 0x70, 0x3e, 0xe2, 0x82]))); return [...new Uint8Array(await r.arrayBuffer())];`: "[239,187,191,60,112,32,97,61,34,98,34,62,255,195,60,47,112,62,226,130]",
		`return await rw("", (r) => r.on("*", {}));`:                                 `""`,
		`return await rw(["", "", "a", ""], (r) => r.on("*", {}));`:                  `"a"`,
		`return await rw(new Response(null, { status: 204 }).body ?? "", (r) => r);`: `""`,
	})
}

func jsq(s string) string {
	return "`" + strings.ReplaceAll(strings.ReplaceAll(s, "\\", "\\\\"), "`", "\\`") + "`"
}
func jsonq(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`)
	return `"` + r.Replace(s) + `"`
}

// Text chunks split where lol-html splits them: at input chunk ends and at each `<`, with an
// empty last chunk closing every text node.
func TestHTMLRewriterTextChunks(t *testing.T) {
	hrCheck(t, map[string]string{
		`return (await trace(["<p>ab", "cd", "ef</p>x&amp;y<b>", "z"]))[1];`:             `"E:p|T:ab|T:cd|T:ef|T:$|T:x&amp;y|T:$|E:b|T:z|T:$|END"`,
		`return (await trace("a < b <3 c </ d </3 e <!x> f <?y> g</x>h"))[1];`:           `"T:a |T:<|T: b |T:<|T:3 c |T:$|C: d </3 e <!x|T: f |T:$|C:?y|T: g|T:$|T:h|T:$|END"`,
		`return (await trace(["a ", "<", " b", "<", "p>c"]))[1];`:                        `"T:a |T:<|T: b|T:$|E:p|T:c|T:$|END"`,
		`return (await trace(["<script>a<", "/scr", "ipt x>b</script>c"]))[1];`:          `"E:script|T:a|T:$|T:b|T:$|T:c|T:$|END"`,
		`return (await trace("<script><!--<script></script>x</script>y</script>z"))[1];`: `"E:script|T:<!--|T:<script>|T:</script>x|T:$|T:y|T:$|T:z|T:$|END"`,
		`return (await trace("<title>a&amp;<b></title><textarea>q</TEXTAREA>r"))[1];`:    `"E:title|T:a&amp;|T:<|T:b>|T:$|E:textarea|T:q|T:$|T:r|T:$|END"`,
		// A character split across input chunks arrives whole, in the later chunk.
		`return (await trace(["a\u00e9", new Uint8Array([0xe2, 0x82]), new Uint8Array([0xac, 0x62]), "c"]))[1];`: `"T:aé|T:€b|T:c|T:$|END"`,
		`return (await trace("a<div class="));`:                                  `["a<div class=","T:a|T:$|END"]`,
		`return (await trace("a<"))[1];`:                                         `"T:a|T:<|T:$|END"`,
		`return (await trace("a<!-- xx"))[1];`:                                   `"T:a|T:$|C: xx|END"`,
		`return (await trace(""))[1];`:                                           `"END"`,
		`return (await trace("<plaintext>a</plaintext><p>"))[1];`:                `"E:plaintext|T:a</plaintext><p>|T:$|END"`,
		`return (await trace(["<svg><![CDATA[a<b]]>c</svg><![CDATA[d]]>"]))[1];`: `"E:svg|T:a<b|T:$|T:c|T:$|C:[CDATA[d]]|END"`,
		`const l = []; await rw("x".repeat(3000) + "<p>" + "y".repeat(2000), (r) => r.onDocument({ text(t) { l.push(t.text.length); } })); return l;`: "[3000,0,2000,0]",
		`const l = []; await rw(["<p>ab", "cd</p>"], (r) => r.on("p", { text(t) { l.push([t.text, t.lastInTextNode, t.removed]); } })); return l;`:    `[["ab",false,false],["cd",false,false],["",true,false]]`,
	})
}

func TestHTMLRewriterTokens(t *testing.T) {
	hrCheck(t, map[string]string{
		`return (await trace("<!--a--><!----><!---><!-- x -- y --><!-->z<!--a--!>b<!--c--!-->d<!--j---->k"))[1];`:                                                                                                                                                  `"C:a|C:|C:|C: x -- y |C:|T:z|T:$|C:a|T:b|T:$|C:c--!|T:d|T:$|C:j--|T:k|T:$|END"`,
		`return (await trace("<!DOCTYPE html><!doctype HTML PUBLIC \"a\" \"b\"><!DOCTYPE><!DOCTYPE x SYSTEM 'c'>"))[1];`:                                                                                                                                           `"D:html,,|D:html,a,b|D:,,|D:x,,c|END"`,
		`const l = []; await rw("<!DOCTYPE>", (r) => r.onDocument({ doctype(d) { l.push(d.name, d.publicId, d.systemId); } })); return l;`:                                                                                                                         "[null,null,null]",
		`const l = []; await rw("<a b='1'c=\"2\"d=3/e f =  g h=>i", (r) => r.on("a", { element(e) { l.push(...e.attributes); } })); return l;`:                                                                                                                     `[["b","1"],["c","2"],["d","3/e"],["f","g"],["h",""]]`,
		`const l = []; await rw("<div a='x' b c=d e=\"f&amp;g\" A=2>", (r) => r.on("div", { element(e) { l.push([...e.attributes], e.getAttribute("A"), e.getAttribute("b"), e.getAttribute("nope"), e.hasAttribute("C"), e.hasAttribute("zz")); } })); return l;`: `[[["a","x"],["b",""],["c","d"],["e","f&amp;g"],["a","2"]],"x","",null,true,false]`,
		// Namespaces follow lol-html's tree builder simulation.
		`const l = []; await rw("<svg><a /><foreignObject><p>x</p></foreignObject><p>y</p></svg><math><mi/></math>", (r) => r.on("*", { element(e) { l.push(e.tagName + ":" + e.namespaceURI.split("/").pop()); } })); return l;`: `["svg:svg","a:svg","foreignobject:svg","p:xhtml","p:xhtml","math:MathML","mi:MathML"]`,
		// An HTML-only tag leaves nested foreign content all the way to HTML; </svg> leaves one level.
		`const m = []; await rw("<svg id=a><svg id=b><img id=c><li id=d></li></svg></svg><svg><svg></svg><g id=e></g></svg><math><svg></br><g id=f>", (r) => r.on("[id]", { element(e) { m.push(e.getAttribute("id") + ":" + e.namespaceURI.split("/").pop()); } })); return m;`: `["a:svg","b:svg","c:xhtml","d:xhtml","e:svg","f:xhtml"]`,
		`return (await trace("<svg><script>a<b>c</b></script><title><i>t</i></title></svg>"))[1];`: `"E:svg|E:script|T:a|T:$|E:b|T:c|T:$|E:title|T:<|T:i>t|T:</i|T:>|T:$|END"`,
	})
}

func TestHTMLRewriterSelectors(t *testing.T) {
	doc := `<div id=1><p id=2>a<p id=3>b<span id=4></span></div><ul><li id=5><li id=6><b id=7></b></ul>` +
		`<div id=12 class="x y" lang=en-US data-v="Hello World"><section id=13><b id=14></b></section><b id=15></b></div>`
	cases := map[string]string{
		"div p": "2,3", "div > p": "2", "p span": "4", "div > span": "", "ul > li": "5", "li b": "7",
		"div b": "14,15", "div > b": "15", ":nth-child(2)": "ul,15", ":first-child": "1,2,3,4,5,6,7,13,14",
		"b:nth-of-type(1)": "7,14,15", ":not(p)": "1,4,ul,5,6,7,12,13,14,15", ".x": "12", ".y.x": "12", ".z": "",
		"[id='12']": "12", "#a1": "", "[lang|=en]": "12", "[lang|=EN i]": "12", "[data-v~=World]": "12", "[data-v~=world i]": "12",
		"[data-v^=Hell]": "12", "[data-v$=rld]": "12", "[data-v*='o W']": "12", "[ID=\"1\"]": "1", "DIV > P": "2",
		"div[id='12'].x > section b": "14", ":not(div, p, b)": "4,ul,5,6,13", "ul li:not(:first-child)": "", "li:not(:first-child)": "", "*:first-child > *": "2,3,4,6,7,14",
		":nth-child(-n+2)": "1,2,3,4,ul,5,6,7,13,14,15", "[a^=''],[a$=''],[a*='']": "",
	}
	src := map[string]string{}
	for sel, want := range cases {
		src[`return await matches(`+jsq(sel)+`, `+jsq(doc)+`);`] = jsonq(want)
	}
	// lol-html negates each simple selector of :not() on its own.
	src[`return await matches(":not(a.x)", "<a id=1></a><b class=x id=2></b><a class=x id=3></a><i id=4></i>");`] = `"4"`
	src[`return await matches(":not(:not(b))", "<a id=1></a><b id=2></b>");`] = `"2"`
	// HTML 4's case-insensitive attributes (type, lang, …) ignore case with every operator.
	src[`return await matches("[lang|=EN], [type*=X], [data-v=x]", "<div id=1 lang=en-US></div><p id=2 type=x></p><svg><g id=3 type=x /></svg><a id=4 data-v=X>");`] = `"1,2"`
	src[`return await matches("[type=X s]", "<p id=1 type=x></p>");`] = `""`
	src[`return await matches(".x", "<a class='x y' id=1></a><a class='xy' id=2></a><a class=' x\ty ' id=3><a class=X id=4>");`] = `"1,3"`
	src[`return await matches("a:nth-of-type(2)", "<a id=1></a><b id=2></b><a id=3><a id=4></a><a id=5></a></a><a id=6></a>");`] = `"3,5"`
	src[`return await matches(":nth-child(2n+1)", "<a id=1></a>t<b id=2></b><!--c--><c id=3></c><d id=4></d><e id=5 />");`] = `"1,3,5"`
	src[`return await matches("b", "<script><b id=1></script><style><b id=2></style><textarea><b id=3></textarea><b id=4>");`] = `"4"`
	src[`return await matches("svg g", "<svg><g id=1 /><g id=2><g id=3></g></g></svg><g id=4>");`] = `"1,2,3"`
	hrCheck(t, src)
}

// Unsupported or malformed selectors throw at .on() with lol-html's message.
func TestHTMLRewriterSelectorErrors(t *testing.T) {
	p := "TypeError: Parser error: "
	cases := map[string]string{
		"div + p": p + "Unsupported combinator `+` in selector.", "a ~ b": p + "Unsupported combinator `~` in selector.",
		":hover": p + "Unsupported pseudo-class or pseudo-element in selector.", "": p + "The selector is empty.",
		"div >": p + "Dangling combinator in selector.", "a > > b": p + "Dangling combinator in selector.",
		"[]": p + "Unexpected end of selector.", "[1]": p + "Missing attribute name in attribute selector.",
		"[a=1]": p + "Unexpected token in the attribute selector.", "[a=b c]": p + "Unexpected token in selector.",
		"ns|a": p + "Selectors with explicit namespaces are not supported.", "[*|a]": p + "Selectors with explicit namespaces are not supported.",
		".1": p + "The selector is empty.", ". a": p + "Invalid or unescaped class name in selector.", ".": p + "Unexpected end of selector.",
		":last-child": p + "Unsupported pseudo-class or pseudo-element in selector.", ":not(a b)": p + "Unsupported pseudo-class or pseudo-element in selector.",
		"::before": p + "Unsupported pseudo-class or pseudo-element in selector.", ":not(::before)": p + "Unsupported syntax in selector.",
		"a,": p + "The selector is empty.", "p:nth-child(2n+1 of a)": p + "Unexpected token in selector.", ":nth-child()": p + "Unexpected end of selector.",
		"a!": p + "Unexpected token in selector.", "a||b": p + "Selectors with explicit namespaces are not supported.", ":nth-last-child(1)": p + "Unsupported pseudo-class or pseudo-element in selector.",
		// Parse errors come first, left to right; unsupported parts after, right to left.
		":hover + a": p + "Unsupported pseudo-class or pseudo-element in selector.", "a:last-child + b": p + "Unsupported combinator `+` in selector.",
		"a + b ~ c": p + "Unsupported combinator `~` in selector.", "a + b:only-child": p + "Unsupported pseudo-class or pseudo-element in selector.",
		"a ~ b, :foo": p + "Unsupported pseudo-class or pseudo-element in selector.", "a ~ b, c + d": p + "Unsupported combinator `~` in selector.",
		"a, b": "ok", ":not(:not(a))": "ok", "[a=b i]": "ok", "[a=b s]": "ok", ":nth-child(2n + 1)": "ok", ":nth-child( odd )": "ok",
		"*|a": "ok", "|a": "ok", "a:first-child:nth-of-type(odd)": "ok", "[x='y\"']": "ok", "#a1": "ok", "[a": "ok",
	}
	src := map[string]string{}
	for sel, want := range cases {
		src[`return err(() => new HTMLRewriter().on(`+jsq(sel)+`, {}));`] = jsonq(want)
	}
	hrCheck(t, src)
}

func TestHTMLRewriterMutations(t *testing.T) {
	hrCheck(t, map[string]string{
		`return await rw("<div a='x' b c=d e=\"f&amp;g\" CLASS=k>t</div><img src=x /><i/>", (r) => r.on("div", { element(e) { e.setAttribute("z", 'q"<&\'>'); e.setAttribute("C", "D"); e.setAttribute("class", "y"); } }).on("img", { element(e) { e.tagName = "IMAGE"; } }).on("i", { element(e) { e.setAttribute("k", "v"); } }));`: `"<div a='x' b c=\"D\" e=\"f&amp;g\" CLASS=\"y\" z=\"q&quot;<&'>\">t</div><IMAGE src=x /><i k=\"v\" />"`,
		`return await rw("<div a=1 A=2 b=\"x\"/>", (r) => r.on("div", { element(e) { e.setAttribute("B", "y"); e.removeAttribute("A"); } }));`:                                                                                                                                                                                         `"<div b=\"y\" />"`,
		`return await rw("<div a=1>x<span>y</span></div><br>", (r) => r.on("div,br", { element(e) { e.tagName = "SECTION"; } }));`:                                                                                                                                                                                                     `"<SECTION a=1>x<span>y</span></SECTION><SECTION>"`,
		`return await rw("<div>x</div><p>y</p>", (r) => r.on("div", { element(e) { e.before("<&>\"'"); e.append("<&>", { html: false }); e.prepend("<i>", { html: true }); e.after("&amp;", {}); } }).on("p", { element(e) { e.setInnerContent(42); e.before(null); e.after(undefined); } }));`:                                        `"&lt;&amp;&gt;\"'<div><i>x&lt;&amp;&gt;</div>&amp;amp;null<p>42</p>undefined"`,
		`return await rw("<a>x</a><b/>", (r) => r.on("a,b", { element(e) { e.before("1"); e.before("2"); e.after("3"); e.after("4"); e.prepend("5"); e.prepend("6"); e.append("7"); e.append("8"); } }));`:                                                                                                                             `"12<a>65x78</a>4312<b/>65"`,
		`return await rw("<a>x</a>", (r) => r.on("a", { element(e) { e.replace("1"); e.replace("2"); e.before("b"); e.after("c"); } }));`:                                                                                                                                                                                              `"b2c"`,
		`return await rw("<a>x</a>", (r) => r.on("a", { element(e) { e.append("A"); e.setInnerContent("I"); e.append("B"); e.prepend("P"); } }));`:                                                                                                                                                                                     `"<a>PIB</a>"`,
		`return await rw("<div>a<div>b</div>c</div>d", (r) => r.on("div", { element(e) { e.remove(); } }));`:                                                                                                                                                                                                                           `"d"`,
		`return await rw("<div a>a<div>b</div>c</div>d", (r) => r.on("div", { element(e) { e.removeAndKeepContent(); e.before("["); e.after("]"); e.prepend("("); e.append(")"); } }));`:                                                                                                                                               `"[(a[(b)]c)]d"`,
		`return await rw("<br><img src=x>a", (r) => r.on("br,img", { element(e) { e.before("["); e.after("]"); e.prepend("("); e.append(")"); e.setInnerContent("I"); if (e.tagName === "img") e.remove(); } }));`:                                                                                                                     `"[<br>][]a"`,
		`return await rw("<div>a<span>b", (r) => r.on("div,span", { element(e) { e.append("!"); e.after("?"); } }).onDocument({ end(d) { d.append("END"); d.append("<x>", { html: true }); } }));`:                                                                                                                                     `"<div>a<span>bEND<x>"`,
		`return await rw("<div><p>a</p><p>b</p></div><p>c</p>", (r) => r.on("div", { element(e) { e.remove(); } }).on("p", { element(e) { e.replace("R"); e.before("B"); } }));`:                                                                                                                                                       `"BR"`,
		`return await rw("<div>a</div><br>", (r) => r.on("div,br", { element(e) { e.after("A"); e.replace("R"); e.before("B"); e.append("X"); e.prepend("Y"); } }));`:                                                                                                                                                                  `"BRYXABRA"`,
		`return await rw(["<a>xy", "z</a><b>q</b>"], (r) => r.on("a", { text(t) { if (t.text) t.replace("[" + t.text + "]"); else t.before("E"); } }).on("b", { text(t) { t.before("<", { html: true }); t.after(">"); if (t.text) t.remove(); } }));`:                                                                                 `"<a>[xy][z]E</a><b><&gt;<&gt;</b>"`,
		`return await rw("<!--a--><!--b--><!--c--><!--d-->", (r) => r.onDocument({ comments(c) { if (c.text === "a") c.text = "A!"; if (c.text === "b") c.remove(); if (c.text === "c") { c.replace("<r>", { html: true }); c.before("x"); c.after("y"); } } }));`:                                                                     `"<!--A!-->x<r>y<!--d-->"`,
		`return await rw("x", (r) => r.onDocument({ end(e) { e.append("1"); } }).onDocument({ end(e) { e.append("2"); } }));`:                                                                                                                                                                                                          `"x21"`,
		// Selectors see the attributes a tag came with, not what a handler made of them.
		`const l = []; const out = await rw("<DIV CLASS=X><Span>t</SPAN></div>", (r) => r.on("div.X > span", { element(e) { l.push(e.tagName); e.tagName = "EM"; } }).on("DIV", { element(e) { e.setAttribute("Class", "y"); } })); return [out, l];`: `["<DIV CLASS=\"y\"><EM>t</EM></div>",["span"]]`,
		// End tags: rename follows the element; only the latest onEndTag handler runs.
		`const l = []; const out = await rw("<a>x</a><b>y</b>", (r) => r.on("a", { element(e) { e.onEndTag((t) => { t.remove(); }); e.onEndTag((t) => { t.after("2"); t.before("1"); }); } }).on("b", { element(e) { e.tagName = "i"; e.append("ap"); e.onEndTag((t) => { l.push(t.name); t.name = "BB"; }); } })); return [out, l];`: `["<a>x1</a>2<i>yap</BB>",["i"]]`,
		// An element closed by an outer end tag hands its end-tag work to that tag.
		`const l = []; const out = await rw("<div><span>x</div>y", (r) => r.on("span", { element(e) { e.onEndTag((t) => { l.push(t.name); t.after("!"); }); } })); return [out, l];`: `["<div><span>x</div>!y",["div"]]`,
		// Elements closed together run their end-tag work innermost first; the outer element's
		// mutations then replace the token's.
		`return await rw("<em><p></em>x", (r) => r.on("em", { element(e) { e.removeAndKeepContent(); } }).on("p", { element(e) { e.onEndTag((t) => t.before(".")); } }));`: `"<p>x"`,
		`const l = []; await rw("<a><b></a>", (r) => r.on("a,b", { element(e) { const n = e.tagName; e.onEndTag(() => l.push(n)); } })); return l;`:                        `["b","a"]`,
		// Inside removed content handlers still run, and start tags there count as removed.
		`const l = []; const out = await rw("<div>a<b>b</b></div><p>d</p>", (r) => r.on("div", { element(e) { e.setInnerContent("X"); } }).on("*", { element(e) { l.push(e.tagName + e.removed); }, text(t) { if (t.text) l.push(t.text + t.removed); } })); return [out, l];`: `["<div>X</div><p>d</p>",["divfalse","afalse","btrue","bfalse","pfalse","dfalse"]]`,
	})
}

func TestHTMLRewriterErrors(t *testing.T) {
	p := "TypeError: Parser error: "
	hrCheck(t, map[string]string{
		`const l = []; await rw("<div></div>", (r) => r.on("div", { element(e) { for (const v of ["", "1a", "a b", "a/b", "a>b", "a-b"]) l.push(err(() => { e.tagName = v; })); } })); return l;`:                                                                                     `["` + p + `Tag name can't be empty.","` + p + `The first character of the tag name should be an ASCII alphabetical character.","` + p + "` ` character is forbidden in the tag name\",\"" + p + "`/` character is forbidden in the tag name\",\"" + p + "`>` character is forbidden in the tag name\",\"ok\"]",
		`const l = []; await rw("<div></div>", (r) => r.on("div", { element(e) { for (const v of ["", "a b", "a=b", "a\"b"]) l.push(err(() => e.setAttribute(v, "x"))); } })); return l;`:                                                                                             `["` + p + `Attribute name can't be empty.","` + p + "` ` character is forbidden in the attribute name\",\"" + p + "`=` character is forbidden in the attribute name\",\"ok\"]",
		`const l = []; await rw("<!--a-->", (r) => r.onDocument({ comments(c) { for (const v of ["x-->y", "x--!>y", ">x", "->x", "-x"]) l.push(err(() => { c.text = v; })); } })); return l;`:                                                                                         `["` + p + `Comment text shouldn't contain a comment-closing sequence.","` + p + `Comment text shouldn't contain a comment-closing sequence.","` + p + `Comment text shouldn't contain a comment-closing sequence.","` + p + `Comment text shouldn't contain a comment-closing sequence.","ok"]`,
		`const l = []; await rw("<br><div></div>", (r) => r.on("*", { element(e) { l.push(err(() => e.onEndTag(() => {})), err(() => e.onEndTag(5))); } })); return l;`:                                                                                                               `["` + p + `No end tag.","TypeError: Failed to execute 'onEndTag' on 'Element': parameter 1 is not of type 'function'.","ok","TypeError: Failed to execute 'onEndTag' on 'Element': parameter 1 is not of type 'function'."]`,
		`const l = []; await rw("<div>", (r) => r.on("div", { element(e) { l.push(err(() => e.before()), err(() => e.before("x", 5)), err(() => e.setAttribute("a")), err(() => e.getAttribute())); } })); return l;`:                                                                 `["TypeError: Failed to execute 'before' on 'Element': parameter 1 is not of type 'string or JsReadableStream or Response'.","TypeError: Failed to execute 'before' on 'Element': parameter 2 is not of type 'ContentOptions'.","TypeError: Failed to execute 'setAttribute' on 'Element': parameter 2 is not of type 'string'.","TypeError: Failed to execute 'getAttribute' on 'Element': parameter 1 is not of type 'string'."]`,
		`return [err(() => new HTMLRewriter().on("a", 5)), err(() => new HTMLRewriter().on("a", { element: 5 })), err(() => new HTMLRewriter().onDocument()), err(() => new HTMLRewriter().transform("x")), err(() => HTMLRewriter()), err(() => new HTMLRewriter().on("a", null))];`: `["TypeError: Failed to execute 'on' on 'HTMLRewriter': parameter 2 is not of type 'ElementContentHandlers'.","TypeError: Incorrect type for the 'element' field on 'ElementContentHandlers': the provided value is not of type 'function'.","TypeError: Failed to execute 'onDocument' on 'HTMLRewriter': parameter 1 is not of type 'DocumentContentHandlers'.","TypeError: Failed to execute 'transform' on 'HTMLRewriter': parameter 1 is not of type 'Response'.","TypeError: Failed to construct 'HTMLRewriter': Please use the 'new' operator, this object constructor cannot be called as a function.","ok"]`,
		// Tokens die when their handler is done.
		`const s = {}; await rw("<!doctype html><div a=1><!--c-->t</div>", (r) => r.on("div", { element(e) { s.e = e; s.it = e.attributes; }, comments(c) { s.c = c; }, text(t) { s.t = t; } }).onDocument({ doctype(d) { s.d = d; } })); return [err(() => s.e.tagName), err(() => s.e.getAttribute("a")), err(() => s.it.next()), err(() => s.c.text), err(() => s.t.text), err(() => s.d.name)];`: `["TypeError: This content token is no longer valid. Content tokens are only valid during the execution of the relevant content handler.","TypeError: This content token is no longer valid. Content tokens are only valid during the execution of the relevant content handler.","TypeError: This content token is no longer valid. Content tokens are only valid during the execution of the relevant content handler.","TypeError: This content token is no longer valid. Content tokens are only valid during the execution of the relevant content handler.","TypeError: This content token is no longer valid. Content tokens are only valid during the execution of the relevant content handler.","TypeError: This content token is no longer valid. Content tokens are only valid during the execution of the relevant content handler."]`,
		`const l = []; await rw("<div a=1 b=2>", (r) => r.on("div", { element(e) { const it = e.attributes; l.push(it.next().value); e.setAttribute("c", "3"); l.push(err(() => it.next())); } })); return l;`:                                                                                                                                                                                       `[["a","1"],"Error: The attributes of this element have been modified during iteration. You must create a new iterator after modifying attributes."]`,
		// Handler exceptions (sync or async, any value) fail the output stream.
		`return await rw("<a>x</a>", (r) => r.on("a", { element() { throw new RangeError("bad"); } }));`:    `"ERR RangeError: bad"`,
		`return await rw("<a>x</a>", (r) => r.on("a", { async text() { throw new SyntaxError("b2"); } }));`: `"ERR SyntaxError: b2"`,
		`return await rw("<a>x</a>", (r) => r.onDocument({ end() { throw new TypeError("e"); } }));`:        `"ERR TypeError: e"`,
		// A token held back across chunks may take 3 MiB (a tag name; a whole tag when selectors need it).
		`const big = (n) => { const b = enc.encode("<a" + "a".repeat(n) + ">"); const ch = []; for (let i = 0; i < b.length; i += 65536) ch.push(b.subarray(i, i + 65536)); return ch; }; return [await rw(big(3145725), (r) => r), await rw(big(3145726), (r) => r)].map((x) => x.slice(0, 60));`: `["<aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","ERR TypeError: Parser error: The memory limit has been excee"]`,
		`return await rw("<select><style>x</style>", (r) => r);`:                                                                                                `"ERR TypeError: Parser error: The parser has encountered a text content tag (` + "`<style>`" + `) in the context where it is ambiguous whether this tag should be ignored or not. And, thus, it is unclear whether consequent content should be parsed as raw text or HTML markup.\n\nThis error occurs due to the limited capabilities of the streaming parsing. However, almost all of the cases of this error are caused by a non-conforming markup (e.g. a ` + "`<script>`" + ` element in ` + "`<select>`" + ` element)."`,
		`return err(() => new HTMLRewriter().transform(new Response("x", { headers: { "content-type": "text/html; charset=bogus" } })));`:                       `"` + p + `Unknown character encoding has been provided."`,
		`return await rw("<div></div>", (r) => r.on("div", { element(e) { e.prepend(new Response(new Uint8Array([0x61, 0xff]))); } }));`:                        `"ERR TypeError: Parser error: Invalid UTF-8"`,
		`const rs = new ReadableStream({ start(c) { c.enqueue(enc.encode("<a>")); c.error(new RangeError("input broke")); } }); return await rw(rs, (r) => r);`: `"ERR RangeError: input broke"`,
	})
}

func TestHTMLRewriterAsyncAndStreams(t *testing.T) {
	hrCheck(t, map[string]string{
		`const order = []; const out = await rw("<a><b>x</b></a>", (r) => r.on("*", { async element(e) { order.push("s" + e.tagName); await new Promise((r) => setTimeout(r, 2)); order.push("e" + e.tagName); e.before("{" + e.tagName + "}"); } }).on("b", { element() { order.push("b2"); } }).onDocument({ async text(t) { await null; order.push("t" + t.text); t.after("."); } })); return [out, order.join()];`: `["{a}<a>{b}<b>x..</b></a>","sa,ea,sb,eb,b2,tx,t"]`,
		`return await rw("<a>x</a><b>y</b>", (r) => r.on("a", { element(e) { e.onEndTag(async (t) => { await new Promise((r) => setTimeout(r, 2)); t.before("late"); }); } }));`:                                                                                                                                                                                                                                       `"<a>xlate</a><b>y</b>"`,
		// Microtasks a handler leaves behind still run with a live token before parsing goes on.
		`return await rw("<a><a>", (r) => r.on("a", { element(e) { Promise.resolve().then(() => e.before("x")); Promise.resolve().then(() => null).then(() => e.before("y")); } }));`:                                                                                  `"xy<a>xy<a>"`,
		`class H { constructor() { this.n = 0; } element(e) { this.n++; e.setAttribute("n", String(this.n)); } } const h = new H(); const out = await rw("<a></a><a></a>", (r) => r.on("a", h)); return [out, h.n];`:                                                   `["<a n=\"1\"></a><a n=\"2\"></a>",2]`,
		`return await rw(["<div>", "x</div><p>y</p>"], (r) => r.on("div", { element(e) { e.prepend(streamOf(["<b>a", "</b>"])); e.append(new Response("<i>z</i>"), { html: true }); } }).on("p", { element(e) { e.replace(new Response(streamOf(["q", "r"]))); } }));`: `"<div>&lt;b&gt;a&lt;/b&gt;x<i>z</i></div>qr"`,
		// TransformStream input written before the output is read.
		`const { readable, writable } = new TransformStream(); const resp = new HTMLRewriter().on("*", { element(e) { e.prepend("foo "); } }).transform(new Response(readable)); const w = writable.getWriter(); await w.write(enc.encode("<html>")); await w.write(enc.encode("bar")); await w.write(enc.encode("</html>")); await w.close(); return await resp.text();`: `"<html>foo bar</html>"`,
		`const resp = new HTMLRewriter().transform(new Response("abc", { status: 201, statusText: "Cr", headers: { "x-a": "b", "content-type": "text/html" } })); return [resp.status, resp.statusText, [...resp.headers], await resp.text()];`:                                                                                                                           `[201,"Cr",[["content-type","text/html"],["x-a","b"]],"abc"]`,
		// A handler failure shows on the output; a producer writing the input still finishes.
		`const { readable, writable } = new TransformStream(); const resp = new HTMLRewriter().on("b", { element() { throw new Error("in b"); } }).transform(new Response(readable)); const w = writable.getWriter(); const res = []; for (const c of ["<a>", "<b>", "<c>"]) { await w.write(enc.encode(c)); res.push("w"); } await w.close(); res.push("closed"); try { res.push(await resp.text()); } catch (e) { res.push(e.message); } return res;`: `["w","w","w","closed","in b"]`,
		`return await rw("<select><style>x</style></select>", (r) => r.on("zzz", {})) === await rw("<select><style>x</style></select>", (r) => r);`:                                                                                                                                                  "true",
		`const r = new HTMLRewriter().transform(Response.redirect("https://x.test/a", 301)); return [r.status, r.headers.get("location"), err(() => r.headers.set("x", "1")), err(() => new HTMLRewriter().transform(Response.error()))];`:                                                           `[301,"https://x.test/a","TypeError: Can't modify immutable headers.","TypeError: HTMLRewriter cannot transform an error response"]`,
		`const orig = new Response("<a>", { headers: { a: "1" } }); const r = new HTMLRewriter().transform(orig); r.headers.set("b", "2"); return [[...orig.headers], [...r.headers]];`:                                                                                                              `[[["a","1"],["content-type","text/plain;charset=UTF-8"]],[["a","1"],["b","2"],["content-type","text/plain;charset=UTF-8"]]]`,
		`const input = new Response("x"); await input.text(); return err(() => new HTMLRewriter().transform(input));`:                                                                                                                                                                                `"TypeError: The ReadableStream has been locked to a reader."`,
		`const r = new HTMLRewriter().on("p", { element(e) { e.append("é€"); } }).transform(new Response(new Uint8Array([0x3c, 0x70, 0x3e, 0xe9, 0x3c, 0x2f, 0x70, 0x3e]), { headers: { "content-type": "text/html; charset=windows-1252" } })); return [...new Uint8Array(await r.arrayBuffer())];`: "[60,112,62,233,233,128,60,47,112,62]",
		// Legacy encodings: text decoded for handlers, inserted text encoded (or written as a
		// character reference), untouched bytes copied.
		`const out = []; for (const cs of ["shift_jis", "iso-8859-2", "koi8-r", "gbk", "big5", "utf-16le", "iso-2022-jp", "bogus", "x-user-defined", "windows-1251", ""]) { try { const r = new HTMLRewriter().on("p", { element(e) { e.append("é"); }, text(t) { if (t.text) t.after("[" + t.text.length + "]"); } }).transform(new Response(new Uint8Array([0x3c, 0x70, 0x3e, 0xe9, 0x82, 0x41, 0x3c, 0x2f, 0x70, 0x3e]), { headers: { "content-type": "text/html; charset=" + cs } })); out.push([...new Uint8Array(await r.arrayBuffer())].slice(3).join(" ")); } catch (e) { out.push(e.message); } } return out;`: `["233 130 65 91 50 93 38 35 50 51 51 59 60 47 112 62","233 130 65 91 51 93 233 60 47 112 62","233 130 65 91 51 93 38 35 50 51 51 59 60 47 112 62","233 130 65 91 50 93 168 166 60 47 112 62","38 35 54 53 53 51 51 59 65 91 50 93 38 35 50 51 51 59 60 47 112 62","Parser error: Expected ASCII-compatible encoding.","Parser error: Expected ASCII-compatible encoding.","Parser error: Unknown character encoding has been provided.","233 130 65 91 51 93 38 35 50 51 51 59 60 47 112 62","233 130 65 91 51 93 38 35 50 51 51 59 60 47 112 62","239 191 189 65 91 50 93 195 169 60 47 112 62"]`,
		// Text a handler saw is written back from its decoded form; attributes and comments
		// nobody changed keep their bytes.
		`const bytes = (s) => new Uint8Array([...s].map((c) => c.charCodeAt(0))); const r = new HTMLRewriter().onDocument({ text() {}, comments() {} }).transform(new Response(bytes("<p a='\xe9x'>t\xe9\x82A<!--c\xff-->\xc3</p>"))); return [...new Uint8Array(await r.arrayBuffer())].join(" ");`: `"60 112 32 97 61 39 233 120 39 62 116 239 191 189 65 60 33 45 45 99 255 45 45 62 239 191 189 60 47 112 62"`,
		`const resp = new HTMLRewriter().transform(new Response(streamOf(["<a>", "b"]))); const p = resp.body.cancel(new Error("stop")); await p; return "canceled";`:                                                                                                                                `"canceled"`,
		`let html = ""; for (let i = 0; i < 2000; i++) html += "<div class=c" + (i % 5) + "><span>" + i + "</span></div>"; const out = await rw(html, (r) => r.on(".c3 > span", { element(e) { e.setInnerContent("x"); } })); return [out.length, (out.match(/>x</g) || []).length];`:                "[71912,400]",
	})
}
