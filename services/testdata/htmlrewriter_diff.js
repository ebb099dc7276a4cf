// Cases for TestHTMLRewriterDifferential (services/htmlrewriter_diff_test.go): served by both
// nanod and real workerd; each path names a case whose result comes back as JSON (or, for
// direct* cases, as the rewritten response itself).
const enc = new TextEncoder();
const streamOf = (chunks) => new ReadableStream({ async pull(c) { await null; if (chunks.length) { const x = chunks.shift(); c.enqueue(typeof x === "string" ? enc.encode(x) : x); } else c.close(); } });
const body = (input) => (Array.isArray(input) ? streamOf([...input]) : input);
const err = (e) => (e instanceof Error ? [e.name, e.message] : ["nonerror", String(e)]);
async function rw(input, setup, init) {
  try {
    const r = setup(new HTMLRewriter());
    const resp = r.transform(new Response(body(input), init));
    return await resp.text();
  } catch (e) { return { err: err(e) }; }
}
// trace records every token handlers see (document level and "*" content), and the output.
async function trace(input, extra = (r) => r) {
  const l = [];
  const out = await rw(input, (r) => extra(r.on("*", {
    element(e) { l.push("E:" + e.tagName + ":" + e.namespaceURI.slice(-4) + ":" + JSON.stringify([...e.attributes])); },
  }).onDocument({
    text(t) { l.push("T:" + t.text + (t.lastInTextNode ? "$" : "")); },
    comments(c) { l.push("C:" + c.text); },
    doctype(d) { l.push("D:" + JSON.stringify([d.name, d.publicId, d.systemId])); },
    end() { l.push("END"); },
  })));
  return [out, l];
}
const sel = async (s, html) => {
  const m = [];
  const out = await rw(html, (r) => r.on(s, { element(e) { m.push(e.tagName + (e.getAttribute("id") ? "#" + e.getAttribute("id") : "")); } }));
  return typeof out === "object" ? out : m;
};
const onSel = (s) => { try { new HTMLRewriter().on(s, {}); return "ok"; } catch (e) { return err(e); } };
const DOC = `<div id=1><p id=2>a<p id=3>b<span id=4></span></div><ul><li id=5><li id=6><b id=7></b></ul><table><tr id=8><td id=9></table><p id=10><div id=11></div></p><div id=12 class="x y" lang=en-US data-v="Hello World"><section id=13><b id=14></b></section><b id=15></b></div><svg id=16><a id=17 /><rect id=18></rect></svg>`;
const SELECTORS = ["div + p", "a ~ b", ":hover", "", " ", "div >", "[]", "[", "[a", "[1]", "[a=]", "[a=1]", "[a b]", "[a=b c]", "[a=b i", "[a=b x]", "[a!=b]", "ns|a", ".1", ".", ". a", "#1", "#", ":last-child", ":not(a b)", ":not(a > b)", ":not(.a, #b)", ":not()", "::before", "::", ":", "a:", ":has(a)", ":is(a)", ":where(a)", "a,", ",a", "a,,b", "a, b", ":not(:not(a))", "[a=b i]", "[a=b s]", "[a=\"b\" I]", "p:nth-child(2n+1 of a)", ":nth-child(2n + 1)", ":nth-child(+ 2n)", ":nth-child(- n+1)", ":nth-child(n- 1)", ":nth-child(-n+3)", ":nth-child( odd )", ":nth-child(EVEN)", ":nth-child(3)", ":nth-child()", ":nth-child(n)", ":nth-child(1.5)", ":nth-of-type(2n-1)", ":only-child", ":only-of-type", ":last-of-type", ":root", ":empty", ":scope", ":first-of-type", ":FIRST-CHILD", ":nth-last-child(1)", ":nth-last-of-type(1)", ":foo", ":foo(bar)", "#1a", "#a1", "a:first-child:nth-of-type(odd)", "*|a", "|a", "[*|a]", "[|a]", "[ns|a]", "a  >  b", "A", "[x='y\"']", "[x='unterminated", ":nth-child(foo)", "}", "{", ")", "a)", "a!", "a b!", "a > > b", "> a", "a||b", "a|", "*", "*.a", "**", "a*", "div#x.y[z]:first-child", "\\61", ".\\31 a", "#\\31", "a\\", "[a=\"\\\"\"]", "@media", "a b c d e", "a > b > c", "a:not(b):not(c)", ":not(*)", ":not(:first-child)", ":not(:nth-child(2))", ":not(::before)", "div:lang(en)", ":link", ":checked", ":enabled", ":first", ":host", "a::after", "a:nth-child(2):hover", ":hover + a", "a:last-child + b", "a + b ~ c", "a + b:only-child", "a ~ b, :foo", "a ~ b, c + d", ":not(a b):hover", ":not(a + b)", ":is(a) + b", ":root ~ b", ":scope", ":host", ":empty:hover", "a:not(:last-child + b)"];
const cases = {
  selectorErrors: () => SELECTORS.map((s) => [s, onSel(s)]),
  selectorMatch: async () => {
    const out = [];
    for (const s of ["div p", "div > p", "p span", "div > span", "li b", "ul > li", "p div", "div b", "div > b", ":nth-child(2)", ":nth-child(2n)", ":nth-child(-n+2)", ":first-child", "b:nth-of-type(1)", ":first-of-type", ":not(p)", ":not(div, p, b)", ":not(:first-child)", "td", "tr > td", "table td", "[id=\"1\" i]", "[ID=\"1\"]", "[id|=\"1\"]", "*", ".x", ".y.x", ".z", "#12", "[lang|=en]", "[lang|=EN i]", "[data-v~=World]", "[data-v~=world i]", "[data-v^=Hell]", "[data-v$=rld]", "[data-v*='o W']", "[data-v*='o w' s]", "svg a", "svg > rect", "a", "rect", "div#12 > section b", "div > section > b", "div:not(.x) b", "[class]", "[class=x]", "ul li:not(:first-child)", "DIV > P", "*:first-child > *"]) out.push([s, await sel(s, DOC)]);
    out.push(["x > y", await sel("x > y", "<x><y id=1><y id=2></y></y><z><y id=3></y></z></x>")]);
    out.push(["nth", await sel(":nth-child(2n+1)", "<a id=1></a>text<b id=2></b><!--c--><c id=3></c><d id=4></d><e id=5/><f id=6><br id=7><g id=8></f><h id=9>")]);
    out.push(["ntype", await sel("a:nth-of-type(2)", "<a id=1></a><b id=2></b><a id=3><a id=4></a><a id=5></a></a><a id=6></a>")]);
    out.push(["cls", await sel(".x", "<a class='x y' id=1></a><a class='xy' id=2></a><a class=' x\ty ' id=3><a class=X id=4>")]);
    out.push(["idcase", await sel("#A", "<a id=A></a><a id=a></a><a ID=A id=3>")]);
    out.push(["empty-op", await sel("[a^=''],[a$=''],[a*=''],[a~=''],[a|='']", "<x a='c b' id=1></x><x a='' id=3><x a='-' id=4>")]);
    out.push(["tagcase", await sel("DIV", "<div id=1></div><DIV id=2></DIV><Div id=3>")]);
    out.push(["voidparent", await sel("img > b, br b, input + b", "<img><b id=1></b><br/><b id=2>")]);
    out.push(["unclosed", await sel("div div", "<div id=1><div id=2></span><div id=3></div></div></div><div id=4>")]);
    out.push(["foreignSelfClose", await sel("svg g", "<svg><g id=1/><g id=2><g id=3></g></g></svg><g id=4>")]);
    out.push(["raw", await sel("b", "<script><b id=1></script><style><b id=2></style><textarea><b id=3></textarea><b id=4>")]);
    return out;
  },
  tokens1: () => trace("a < b <3 c </ d </3 e <!x> f <?y> g</x>h<a\nb>i"),
  tokensSplit: () => trace(["a ", "<", " b", "<", "p>c"]),
  tokensScript: () => trace(["<script>a<", "/scr", "ipt x>b</script>c"]),
  tokensScriptEsc: () => trace("<script><!--<script></script>x</script>y</script>z"),
  tokensScriptEsc2: () => trace(["<script><!", "-", "-a<", "/scrip", "t>b"]),
  tokensScriptEsc3: () => trace("<script><!--a--><b></script><script><!--<script>--></script></script>"),
  tokensRcdata: () => trace("<title>a&amp;<b></title><textarea>q</TEXTAREA>r"),
  tokensSvg: () => trace("<svg><script>a<b>c</b></script><title><i>t</i></title><style>s<x/></style></svg><style><x></style>"),
  tokensCdata: () => trace(["<svg><![CDATA[a<b]]>c<![CDA", "TA[x]", "]y]]", ">z</svg><![CDATA[d]]>"]),
  tokensUtf8: () => trace(["a\u00e9", new Uint8Array([0xe2, 0x82]), new Uint8Array([0xac, 0x62]), "c\u{1F600}"]),
  tokensEofTag: () => trace("a<div class="),
  tokensEofTag2: () => trace(["a<div", " class='x"]),
  tokensEofComment: () => trace("a<!-- xx"),
  tokensEofDoctype: () => trace("<!DOCTYPE html"),
  tokensEofLt: () => trace("a<"),
  tokensEofEndLt: () => trace("a</"),
  tokensEofEnd: () => trace("a</b"),
  tokensEofBang: () => trace("a<!"),
  tokensEofBangDash: () => trace("a<!-"),
  tokensNul: () => trace("a\u0000b<p\u0000q>"),
  tokensEmpty: () => trace(""),
  tokensCR: () => trace("a\r\nb\rc"),
  tokensPlaintext: () => trace("<plaintext>a</plaintext><p>"),
  tokensRawtext: () => trace("<noscript><p>x</p></noscript><iframe><p></iframe><noembed><p></noembed><noframes><p></noframes><xmp></xmp ><p>"),
  tokensForeign: () => trace("<svg><foreignObject><p>x</p></foreignObject><p>y</p><b>z</b></svg><math><mi><p>q</p></mi><annotation-xml encoding='text/html'><p>r</p></annotation-xml></math>"),
  tokensForeign2: () => trace("<svg><desc/><title>t</title><font color=red>f</font></svg><math><annotation-xml><i>x</i></annotation-xml></math><svg/><p>after"),
  tokensEndTags: () => trace("</p><b></b attr=1></b/><div></DIV ></>x"),
  tokensAttrs: () => trace("<a b='1'c=\"2\"d=3/e f =  g h=>i"),
  tokensDupAttrs: () => trace("<a x=1 X=2 x>"),
  tokensComments: () => trace("<!--a--><!----><!---><!-- x -- y --><!-->z<!--a--!>b<!--c--!-->d<!--<!--e-->f<!--g<!-h-->i<!--j---->k"),
  tokensDoctypes: () => trace("<!DOCTYPE html><!doctype HTML PUBLIC \"a\" \"b\"><!DOCTYPE><!DOCTYPE x SYSTEM 'c'><!DOCTYPE y PUBLIC 'p'><!DOCTYPE z bogus><!DOCTYPE w PUBLIC\"q\"'r'><!DOCTYPE v PUBLIC \"unterminated>"),
  tokensBigText: () => trace("x".repeat(3000) + "<p>" + "y".repeat(70000)).then(([o, l]) => [o.length, l.map((x) => x.length)]),
  tokensSplitEverywhere: async () => {
    const html = `<!DOCTYPE html><html lang="en"><!-- c --><body class='a b'>text &amp; more<br/><script>if (a<b) x="</p>";</script><p>end</p></body></html>`;
    const chunks = [];
    for (const ch of html) chunks.push(ch);
    return trace(chunks);
  },
  tokensChunkLens: async () => {
    const html = `<div a="1">hello <b>world</b> <!-- hi --> tail</div>`;
    const out = [];
    for (const n of [1, 2, 3, 5, 7, 13]) {
      const chunks = [];
      for (let i = 0; i < html.length; i += n) chunks.push(html.slice(i, i + n));
      out.push(await trace(chunks));
    }
    return out;
  },
  mutateAttrs: () => rw(`<div a='x' b c=d e="f&amp;g">t</div><img src=x /><i/>`, (r) => r.on("div", { element(e) { e.setAttribute("z", `q"<&'>`); e.setAttribute("C", "D"); } }).on("img", { element(e) { e.tagName = "IMAGE"; } }).on("i", { element(e) { e.setAttribute("k", "v"); } })),
  attrsRead: async () => { const l = []; await rw(`<div a='x' b c=d e="f&amp;g" A=2 ÉÉ=3>t</div>`, (r) => r.on("div", { element(e) { l.push([...e.attributes], e.getAttribute("A"), e.getAttribute("b"), e.getAttribute("nope"), e.hasAttribute("C"), e.hasAttribute("zz"), e.getAttribute("éé")); } })); return l; },
  removeAttr: () => rw(`<div a=1 A=2 b="x"/><p x=1>`, (r) => r.on("div", { element(e) { e.setAttribute("B", "y"); e.removeAttribute("A"); } }).on("p", { element(e) { e.removeAttribute("nope"); } })),
  rename: () => rw(`<div a=1>x<span>y</span></div><br><p></P >`, (r) => r.on("div,br,p", { element(e) { e.tagName = "SECTION"; } })),
  renameEnd: () => rw(`<div>x</div>`, (r) => r.on("div", { element(e) { e.tagName = "a"; e.onEndTag((t) => { t.name = "B"; }); } })),
  escape: () => rw(`<div>x</div><p>y</p>`, (r) => r.on("div", { element(e) { e.before(`<&>"'\u00a0`); e.append(`<&>"'`, { html: false }); e.prepend("<i>", { html: true }); e.after("&amp;", {}); } }).on("p", { element(e) { e.setInnerContent(42); e.before(null); e.after(undefined); e.prepend({}); } })),
  elementOrder: () => rw(`<a>x</a><b/>`, (r) => r.on("a,b", { element(e) { e.before("1"); e.before("2"); e.after("3"); e.after("4"); e.prepend("5"); e.prepend("6"); e.append("7"); e.append("8"); } })),
  replaceTwice: () => rw(`<a>x</a>`, (r) => r.on("a", { element(e) { e.replace("1"); e.replace("2"); e.before("b"); e.after("c"); } })),
  replaceThenRemove: () => rw(`<a>x</a><b>y</b>`, (r) => r.on("a", { element(e) { e.replace("R"); e.remove(); } }).on("b", { element(e) { e.remove(); e.replace("S"); } })),
  innerThenAppend: () => rw(`<a>x</a>`, (r) => r.on("a", { element(e) { e.append("A"); e.setInnerContent("I"); e.append("B"); e.prepend("P"); } })),
  innerNested: () => rw(`<div><div>x</div>y</div>z<div>w</div>`, (r) => r.on("div", { element(e) { e.setInnerContent("N"); } })),
  removeNested: () => rw(`<div>a<div>b</div>c</div>d`, (r) => r.on("div", { element(e) { e.remove(); } })),
  removeKeep: () => rw(`<div a>a<div>b</div>c</div>d`, (r) => r.on("div", { element(e) { e.removeAndKeepContent(); e.before("["); e.after("]"); e.prepend("("); e.append(")"); } })),
  removeVoid: () => rw(`<br><img src=x>a<input/>`, (r) => r.on("br,img,input", { element(e) { e.before("["); e.after("]"); e.prepend("("); e.append(")"); e.setInnerContent("I"); if (e.tagName === "img") e.remove(); } })),
  removedContentHandlers: async () => { const l = []; const out = await rw(`<div>a<b>b</b><!--c--></div><p>d</p>`, (r) => r.on("div", { element(e) { e.setInnerContent("X"); } }).on("*", { element(e) { l.push(["el", e.tagName, e.removed]); }, text(t) { l.push(["t", t.text, t.removed]); }, comments(c) { l.push(["c", c.text, c.removed]); } })); return [out, l]; },
  unclosed: () => rw(`<div>a<span>b`, (r) => r.on("div,span", { element(e) { e.append("!"); e.after("?"); } }).onDocument({ end(d) { d.append("END"); d.append("<x>", { html: true }); } })),
  unclosedRemove: () => rw(`<div>a<span>b`, (r) => r.on("div", { element(e) { e.remove(); } })),
  pclose: async () => { const l = []; const out = await rw(`<p>a<div>b</div></p><div><span>x</div>y`, (r) => r.on("p,span", { element(e) { e.append("!"); e.onEndTag((t) => l.push(t.name)); } })); return [out, l]; },
  implicitEndHandler: async () => { const l = []; const out = await rw(`<div><span>x</div>y<p><i>z</p>`, (r) => r.on("span,i", { element(e) { e.tagName = "em"; e.onEndTag((t) => { l.push(t.name); t.after("(" + t.name + ")"); }); } })); return [out, l]; },
  endTagMutations: async () => { const l = []; const out = await rw(`<a>x</a><b>y</b><c>z</c>`, (r) => r.on("a", { element(e) { e.onEndTag((t) => { t.remove(); t.before("B"); t.after("A"); }); e.onEndTag((t) => { t.after("2"); t.before("1"); t.before("1b"); t.after("2b"); }); } }).on("b", { element(e) { e.append("ap"); e.after("af"); e.onEndTag((t) => { l.push(t.name); t.name = "BB"; }); } }).on("c", { element(e) { e.remove(); e.onEndTag((t) => { t.after("after-removed"); }); } })); return [out, l]; },
  endTagErrors: async () => { const l = []; await rw(`<br><div></div>`, (r) => r.on("*", { element(e) { try { e.onEndTag(() => {}); l.push("ok"); } catch (x) { l.push(err(x)); } try { e.onEndTag(); } catch (x) { l.push(err(x)); } e.onEndTag && l.push(typeof e.onEndTag(() => {})); } })); return l; },
  textMutations: () => rw([`<a>xy`, `z</a><b>q</b>`], (r) => r.on("a", { text(t) { if (t.text) t.replace("[" + t.text + "]"); else t.before("E"); } }).on("b", { text(t) { t.before("<", { html: true }); t.after(">"); if (t.text) t.remove(); } })),
  textReplaceHtml: () => rw(`<p>hello world</p>`, (r) => r.on("p", { text(t) { if (t.text === "hello world") { t.replace("<b>bold</b>", { html: true }); t.after("<i>", { html: false }); } } })),
  commentMutations: () => rw(`<!--a--><!--b--><!--c--><!--d-->`, (r) => r.onDocument({ comments(c) { if (c.text === "a") c.text = "A!"; if (c.text === "b") c.remove(); if (c.text === "c") { c.replace("<r>", { html: true }); c.before("x"); c.after("y"); } if (c.text === "d") { c.before("<", { html: false }); c.after(">", { html: true }); } } })),
  commentTextErrors: async () => { const l = []; await rw(`<!--a-->`, (r) => r.onDocument({ comments(c) { for (const v of ["x-->y", "x--!>y", ">x", "->x", "-x", "x--", "x->", "<!--"]) { try { c.text = v; l.push([v, "ok", c.text]); } catch (e) { l.push([v, err(e)]); } } } })); return l; },
  tagNameErrors: async () => { const l = []; await rw(`<div></div>`, (r) => r.on("div", { element(e) { for (const v of ["", "1a", "a b", "a/b", "a>b", "a\tb", "-a", "a-b", "A:B", "é", "aé", "a=b", "a\"b"]) { try { e.tagName = v; l.push([v, "ok", e.tagName]); } catch (x) { l.push([v, err(x)]); } } } })); return l; },
  attrNameErrors: async () => { const l = []; await rw(`<div></div>`, (r) => r.on("div", { element(e) { for (const v of ["", "a b", "a/b", "a>b", "a=b", "a\"b", "a'b", "a<b", "1", "É", "a\u0000"]) { try { e.setAttribute(v, "x"); l.push([v, "ok"]); } catch (x) { l.push([v, err(x)]); } } } })); return l; },
  argErrors: async () => { const l = []; await rw(`<div>x<!--c--></div>`, (r) => r.on("div", {
    element(e) { for (const f of [() => e.setAttribute("a"), () => e.getAttribute(), () => e.hasAttribute(), () => e.removeAttribute(), () => e.before(), () => e.before("x", 5), () => e.before("x", "s"), () => e.append("x", true), () => e.replace(), () => e.setInnerContent(), () => e.prepend(), () => e.after(), () => e.onEndTag(5), () => e.before(Symbol("s"))]) { try { const r = f(); l.push(r === e ? "self" : String(r)); } catch (x) { l.push(err(x)); } } },
    comments(c) { for (const f of [() => c.before(), () => c.after("x", 1), () => c.replace(), () => c.remove()]) { try { const r = f(); l.push(r === c ? "self" : String(r)); } catch (x) { l.push(err(x)); } } },
    text(t) { for (const f of [() => t.before(), () => t.after("x", 1), () => t.replace()]) { try { f(); l.push("ok"); } catch (x) { l.push(err(x)); } } },
  }).onDocument({ end(d) { for (const f of [() => d.append(), () => d.append("x", 1)]) { try { const r = f(); l.push(r === d ? "self" : String(r)); } catch (x) { l.push(err(x)); } } } })); return l; },
  handlerTypeErrors: () => {
    const out = [];
    for (const f of [() => new HTMLRewriter().on("a", 5), () => new HTMLRewriter().on("a"), () => new HTMLRewriter().on("a", null), () => new HTMLRewriter().on("a", { element: 5 }), () => new HTMLRewriter().on("a", { text: "x" }), () => new HTMLRewriter().on("a", { comments: {} }), () => new HTMLRewriter().onDocument({ end: 1 }), () => new HTMLRewriter().onDocument({ doctype: 1 }), () => new HTMLRewriter().onDocument(), () => new HTMLRewriter().onDocument(7), () => new HTMLRewriter().transform("x"), () => new HTMLRewriter().transform(), () => new HTMLRewriter().transform(new Request("http://x/")), () => HTMLRewriter(), () => new HTMLRewriter().on("a", () => {}), () => new HTMLRewriter().on(5, {}), () => new HTMLRewriter().on({ toString() { return "p"; } }, {})]) {
      try { const r = f(); out.push(r instanceof HTMLRewriter ? "rewriter" : String(r)); } catch (e) { out.push(err(e)); }
    }
    return out;
  },
  shape: async () => {
    const l = [];
    const own = (o) => Object.keys(o);
    const proto = (o) => { const p = Object.getPrototypeOf(o); return [p.constructor.name, Object.keys(p), Object.prototype.toString.call(o)]; };
    l.push(proto(new HTMLRewriter()), [HTMLRewriter.length, HTMLRewriter.name, String(new HTMLRewriter()), typeof HTMLRewriter.prototype.on]);
    l.push(["Element", "Comment", "Text", "Doctype", "DocumentEnd", "EndTag", "AttributesIterator"].map((n) => typeof globalThis[n]));
    await rw(`<!doctype html><div a=1><!--c-->t</div>`, (r) => r.on("div", {
      element(e) { l.push(proto(e), own(e), [e.selfClosing, e.canHaveContent], proto(e.attributes), e.attributes === e.attributes, typeof e.attributes[Symbol.iterator], e.attributes[Symbol.iterator]().next()); e.onEndTag((t) => l.push(proto(t), own(t))); },
      comments(c) { l.push(proto(c), own(c), JSON.stringify(c)); }, text(t) { l.push(proto(t), own(t), JSON.stringify(t)); },
    }).onDocument({ doctype(d) { l.push(proto(d), own(d), JSON.stringify(d)); }, end(d) { l.push(proto(d), own(d)); } }));
    return l;
  },
  deadTokens: async () => {
    const saved = {};
    await rw(`<!doctype html><div a=1><!--c-->t</div>`, (r) => r.on("div", { element(e) { saved.e = e; saved.it = e.attributes; e.onEndTag((t) => { saved.end = t; }); }, comments(c) { saved.c = c; }, text(t) { saved.t = t; } }).onDocument({ doctype(d) { saved.d = d; }, end(d) { saved.de = d; } }));
    const out = [];
    for (const f of [() => saved.e.tagName, () => saved.e.removed, () => saved.e.getAttribute("a"), () => saved.e.before("x"), () => { saved.e.tagName = "x"; }, () => saved.it.next(), () => saved.end.name, () => saved.end.before("x"), () => saved.c.text, () => saved.c.removed, () => saved.t.text, () => saved.t.lastInTextNode, () => saved.d.name, () => saved.de.append("x"), () => saved.e.namespaceURI, () => saved.e.attributes]) {
      try { out.push(["ok", String(f())]); } catch (e) { out.push(err(e)); }
    }
    return out;
  },
  attrIterator: async () => {
    const l = [];
    await rw(`<div a="1" b="2" c="3">t</div>`, (r) => r.on("div", { element(e) {
      const it = e.attributes; l.push(it.next()); e.setAttribute("d", "4"); try { it.next(); } catch (x) { l.push(err(x)); }
      const it2 = e.attributes; e.removeAttribute("zz"); try { l.push(it2.next()); } catch (x) { l.push(err(x)); }
      const it3 = e.attributes; for (const x of it3) l.push(x); l.push(it3.next(), it3.next());
      const it4 = e.attributes; for (const x of it4) {} e.setAttribute("a", "9"); try { l.push(it4.next()); } catch (x) { l.push(err(x)); }
    } }));
    return l;
  },
  asyncOrder: async () => {
    const order = [];
    const out = await rw(`<a><b>x</b></a>`, (r) => r.on("*", { async element(e) { order.push("s" + e.tagName); await new Promise((r) => setTimeout(r, 2)); order.push("e" + e.tagName); e.before("{" + e.tagName + "}"); } }).on("b", { element(e) { order.push("b2"); } }).onDocument({ async text(t) { await null; order.push("t" + t.text); t.after("."); } }));
    return [out, order];
  },
  handlerThis: async () => {
    class H { constructor() { this.n = 0; } element(e) { this.n++; e.setAttribute("n", String(this.n)); } }
    const h = new H();
    const out = await rw(`<a></a><a></a>`, (r) => r.on("a", h));
    const plain = { k: "v", element(e) { e.setAttribute("k", this.k); } };
    return [out, h.n, await rw(`<b>`, (r) => r.on("b", plain))];
  },
  handlersCapturedAtOn: async () => { const h = { element(e) { e.before("1"); } }; const r = new HTMLRewriter().on("a", h); h.element = (e) => e.before("2"); return new Response(await r.transform(new Response("<a>")).text()).text(); },
  multipleHandlers: () => rw(`<p>x<!--c--></p>`, (r) => r.onDocument({ text(t) { t.before("D1"); }, comments(c) { c.before("D1"); } }).on("p", { text(t) { t.before("P1"); }, comments(c) { c.before("P1"); }, element(e) { e.before("P1"); } }).onDocument({ text(t) { t.before("D2"); } }).on("*", { text(t) { t.before("S2"); }, element(e) { e.before("S2"); } })),
  throwSync: () => rw(`<a>x</a>`, (r) => r.on("a", { element() { throw new RangeError("bad"); } })),
  throwAsync: () => rw(`<a>x</a>`, (r) => r.on("a", { async text() { throw new SyntaxError("bad2"); } })),
  throwString: () => rw(`<a>x</a>`, (r) => r.on("a", { element() { throw "str"; } })),
  throwEnd: () => rw(`<a>x</a>`, (r) => r.onDocument({ end() { throw new TypeError("endboom"); } })),
  throwEndTag: () => rw(`<a>x</a>`, (r) => r.on("a", { element(e) { e.onEndTag(() => { throw new Error("et"); }); } })),
  partialOutputOnError: async () => { const resp = new HTMLRewriter().on("b", { element() { throw new Error("late"); } }).transform(new Response(streamOf(["<a>first</a>", "<b>x</b>"]))); const reader = resp.body.getReader(); const got = []; try { for (;;) { const { value, done } = await reader.read(); if (done) break; got.push(new TextDecoder().decode(value)); } } catch (e) { got.push(err(e)); } return got.join("|"); },
  responseMeta: () => { const resp = new HTMLRewriter().transform(new Response("abc", { status: 201, statusText: "Cr", headers: { "content-length": "3", "x-a": "b", "content-type": "text/html" } })); return [resp.status, resp.statusText, [...resp.headers], resp.ok, resp.redirected, resp.url, resp.bodyUsed]; },
  responseNullBody: async () => { const resp = new HTMLRewriter().on("*", { element() {} }).onDocument({ end(e) { e.append("x"); } }).transform(new Response(null, { status: 204 })); return [resp.status, resp.body === null, await resp.text()]; },
  responseInputUsed: async () => { const input = new Response("<a>"); const out = new HTMLRewriter().transform(input); return [input.bodyUsed, await out.text(), input.bodyUsed]; },
  transformTwice: async () => { const r = new HTMLRewriter().on("a", { element(e) { e.before("!"); } }); return [await r.transform(new Response("<a>")).text(), await r.transform(new Response("<a><a>")).text()]; },
  usedBody: async () => { const input = new Response("x"); await input.text(); try { return await new HTMLRewriter().transform(input).text(); } catch (e) { return err(e); } },
  charsetUnknown: () => { try { new HTMLRewriter().transform(new Response("x", { headers: { "content-type": "text/html; charset=bogus" } })); return "ok"; } catch (e) { return err(e); } },
  charsetLatin1: async () => { const r = new HTMLRewriter().on("p", { element(e) { e.append("é€"); e.setAttribute("t", "ü"); } }).transform(new Response(new Uint8Array([0x3c, 0x70, 0x3e, 0xe9, 0x3c, 0x2f, 0x70, 0x3e]), { headers: { "content-type": "text/html; charset=windows-1252" } })); return [...new Uint8Array(await r.arrayBuffer())]; },
  charsetQuoted: async () => { try { return await new HTMLRewriter().transform(new Response("x", { headers: { "content-type": 'text/html; charset="utf-8"' } })).text(); } catch (e) { return err(e); } },
  streamContent: async () => rw(["<div>", "x</div><p>y</p>"], (r) => r.on("div", { element(e) { e.prepend(streamOf(["<b>a", "</b>"])); e.append(new Response("<i>z</i>"), { html: true }); } }).on("p", { element(e) { e.replace(new Response(streamOf(["q", "r"]))); } })),
  streamContentBadUtf8: () => rw("<div></div>", (r) => r.on("div", { element(e) { e.prepend(new Response(new Uint8Array([0x61, 0xff]))); } })),
  inputNotBytes: () => rw(new ReadableStream({ start(c) { c.enqueue("string chunk"); c.close(); } }), (r) => r.on("*", {})),
  docEndOrder: () => rw("<a>x", (r) => r.onDocument({ end(e) { e.append("1"); e.append("<2>", { html: true }); e.append("<3>"); } }).onDocument({ end(e) { e.append("4"); } })),
  textChunksInElement: async () => { const l = []; await rw(["<p>ab", "cd", "ef</p>x&amp;y<b>", "z"], (r) => r.on("*", { text(t) { l.push([t.text, t.lastInTextNode]); } }).onDocument({ text(t) { l.push(["D", t.text, t.lastInTextNode]); } })); return l; },
  selfClosingHtml: () => rw(`<div/>x</div><span/><svg><g/><g></g></svg>`, (r) => r.on("div,span,g", { element(e) { e.append("A"); } })),
  selfClosingPrepend: () => rw(`<div/><svg><g/></svg><p/>`, (r) => r.on("div,g", { element(e) { e.prepend("P"); } }).on("p", { element(e) { e.setAttribute("x", "1"); } })),
  namespaceEscape: () => rw(`<svg><foreignObject><div>x</div></foreignObject></svg>`, (r) => r.on("*", { element(e) { e.setAttribute("ns", e.namespaceURI.slice(-4)); } })),
  entityAttr: async () => { const l = []; const out = await rw(`<a href="?a=1&amp;b=2" title='x&quot;y' data-x=&lt;>`, (r) => r.on("a", { element(e) { l.push(e.getAttribute("href"), e.getAttribute("title"), e.getAttribute("data-x")); e.setAttribute("title", e.getAttribute("title") + '"'); } })); return [out, l]; },
  bigDoc: async () => { let html = ""; for (let i = 0; i < 300; i++) html += `<div class="c${i % 7}" id="d${i}"><span>${i}</span><!--${i}--></div>\n`; const chunks = []; for (let i = 0; i < html.length; i += 97) chunks.push(html.slice(i, i + 97)); const out = await rw(chunks, (r) => r.on(".c3 > span", { element(e) { e.setInnerContent("three"); } }).on("div:nth-child(5n)", { element(e) { e.setAttribute("five", ""); } }).onDocument({ comments(c) { if (Number(c.text) % 2) c.remove(); } })); return [out.length, out.slice(0, 400), out.slice(-300)]; },
  docEndOrder3: () => rw("<a>x", (r) => r.onDocument({ end(e) { e.append("1"); } }).onDocument({ async end(e) { await null; e.append("2"); } }).onDocument({ end(e) { e.append("3"); } })),
  docEndWithText: async () => { const l = []; const out = await rw("x", (r) => r.onDocument({ text(t) { l.push("t1"); }, end(e) { l.push("e1"); } }).onDocument({ text(t) { l.push("t2"); }, end(e) { l.push("e2"); } })); return [out, l]; },
  symbolContent: () => rw("<a>", (r) => r.on("a", { element(e) { e.before(Symbol("s")); } })),
  doctypeMulti: async () => { const l = []; await rw("<!DOCTYPE html>", (r) => r.onDocument({ doctype(d) { l.push(1); } }).onDocument({ doctype(d) { l.push(2); } })); return l; },
  commentMulti: () => rw("<p><!--x--></p>", (r) => r.onDocument({ comments(c) { c.after("D1"); } }).on("p", { comments(c) { c.after("P"); } }).onDocument({ comments(c) { c.after("D2"); } })),
  elementMulti: async () => { const l = []; const out = await rw("<p>", (r) => r.on("p", { element(e) { l.push(1); e.after("1"); } }).on("*", { element(e) { l.push(2); e.after("2"); } }).on("p", { element(e) { l.push(3); e.after("3"); } })); return [out, l]; },
  bom: async () => { const r = new HTMLRewriter().on("p", { element(e) { e.setAttribute("a", "b"); } }).onDocument({ text(t) {} }).transform(new Response(new Uint8Array([0xef, 0xbb, 0xbf, 0x3c, 0x70, 0x3e, 0x78]))); return [...new Uint8Array(await r.arrayBuffer())]; },
  bomText: async () => { const l = []; await rw(new Uint8Array([0xef, 0xbb, 0xbf, 0x78]), (r) => r.onDocument({ text(t) { l.push(t.text.length, t.text.charCodeAt(0)); } })); return l; },
  badUtf8Input: async () => { const r = new HTMLRewriter().on("p", { element(e) { e.setAttribute("a", "b"); } }).transform(new Response(new Uint8Array([0x3c, 0x70, 0x3e, 0xff, 0xc3, 0x3c, 0x2f, 0x70, 0x3e, 0xe2, 0x82]))); return [...new Uint8Array(await r.arrayBuffer())]; },
  badUtf8InputText: async () => { const l = []; const r = await rw(new Uint8Array([0x61, 0xff, 0x62]), (r) => r.onDocument({ text(t) { l.push(t.text); } })); return [r, l]; },
  selectScript: () => trace("<select><script>x</script></select>"),
  selectStyle: () => trace("<select><option><style>x</style></select><p>"),
  frameset: () => trace("<frameset><noframes>x</noframes></frameset>"),
  templateScript: () => trace("<template><script>x</script></template>"),
  selectTextarea: () => trace("<select><textarea>x</textarea></select>"),
  scriptTextHandler: async () => { const l = []; const out = await rw(["<script>var a = '<b>", "</b>';</scr", "ipt><textarea>q<x></textarea>"], (r) => r.on("script, textarea", { text(t) { l.push([t.text, t.lastInTextNode]); if (t.text.includes("a")) t.replace("[R]", { html: true }); } })); return [out, l]; },
  asyncEndTag: async () => rw("<a>x</a><b>y</b>", (r) => r.on("a", { element(e) { e.onEndTag(async (t) => { await new Promise((r) => setTimeout(r, 2)); t.before("late"); }); } }).on("b", { async element(e) { await null; e.remove(); e.onEndTag((t) => t.after("!")); } })),
  endTagThis: async () => { let th = "unset"; await rw("<a></a>", (r) => r.on("a", { element(e) { e.onEndTag(function () { th = this === undefined ? "undefined" : [typeof this, this === globalThis]; }); } })); return th; },
  handlerThisDoc: async () => { const l = []; const h = { x: 1, text() { l.push(this === h); }, end() { l.push(this === h); } }; await rw("t", (r) => r.onDocument(h)); return l; },
  attrNewline: async () => { const l = []; const out = await rw(["<a x='1\n2' y=\"a", "b\" z", "=c\tw>t</a>"], (r) => r.on("a", { element(e) { l.push([...e.attributes]); e.setAttribute("y", "Q"); } })); return [out, l]; },
  upperTags: async () => { const l = []; const out = await rw("<DIV CLASS=X><Span>t</SPAN></div>", (r) => r.on("div.X > span", { element(e) { l.push(e.tagName, [...e.attributes]); e.tagName = "EM"; } }).on("DIV", { element(e) { l.push(e.tagName, [...e.attributes]); e.setAttribute("Class", "y"); } })); return [out, l]; },
  removeInsideRemoved: () => rw("<div><p>a</p><p>b</p></div><p>c</p>", (r) => r.on("div", { element(e) { e.remove(); } }).on("p", { element(e) { e.replace("R"); e.before("B"); } })),
  replaceKeepsAfter: () => rw("<div>a</div><br>", (r) => r.on("div,br", { element(e) { e.after("A"); e.replace("R"); e.before("B"); e.append("X"); e.prepend("Y"); } })),
  innerContentVoid: () => rw("<img><svg><g/></svg>", (r) => r.on("img,g", { element(e) { e.setInnerContent("I"); e.append("A"); } })),
  manyChunksTiny: async () => { const html = "<ul>" + Array.from({ length: 50 }, (_, i) => `<li data-i="${i}">item ${i}</li>`).join("") + "</ul>"; const chunks = []; for (let i = 0; i < html.length; i += 3) chunks.push(html.slice(i, i + 3)); const l = []; const out = await rw(chunks, (r) => r.on("li:nth-child(3n)", { element(e) { e.setAttribute("hit", e.getAttribute("data-i")); }, text(t) { l.push(t.text); } })); return [out, l.join("|")]; },
  endTagNoMatch: () => rw("</div><div>x</span></div></div>", (r) => r.on("div", { element(e) { e.append("A"); } })),
  svgCaseAttr: async () => { const l = []; await rw('<svg viewBox="0 0 1 1"><clipPath id=c /><foreignObject><DIV>x</DIV></foreignObject></svg>', (r) => r.on("*", { element(e) { l.push([e.tagName, e.namespaceURI, [...e.attributes]]); } })); return l; },
  textAfterEnd: async () => { const l = []; const out = await rw("<p>a</p>b<!--c-->", (r) => r.on("p", { text(t) { l.push(t.text); }, comments(c) { l.push("c"); } })); return [out, l]; },
  doctypeCase: async () => { const l = []; await rw('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">', (r) => r.onDocument({ doctype(d) { l.push([d.name, d.publicId, d.systemId]); } })); return l; },
  commentsInRaw: async () => { const l = []; await rw("<style><!--x--></style><title><!--y--></title><script><!--z--></script>", (r) => r.onDocument({ comments(c) { l.push(c.text); } })); return l; },
  attrCaseInsensitive: async () => { const out = []; for (const sel of ["[type=TEXT]", "[type=TEXT s]", "[lang=EN]", "[lang|=EN]", "[data-x=A]", "[rel~=NOFOLLOW]", "[method^=PO]", "[align$=FT]", "[media*=CREEN]", "[target=_BLANK]", "[dir=RTL]", "[charset=UTF-8]", "[name=Q]", "[href=X]", "[accept=X]", "[disabled=DISABLED]", "[checked=CHECKED]", "[http-equiv=REFRESH]", "[valign=TOP]", "[scope=ROW]", "[text=X]", "[color=RED]", "[face=ARIAL]", "[id=A]", "[class=A]", "[hreflang=EN]", "[enctype=X]", "[language=X]", "[rev=X]", "[rules=X]", "[shape=X]", "[frame=X]", "[axis=X]", "[clear=X]", "[codetype=X]", "[compact=X]", "[declare=X]", "[defer=X]", "[direction=X]", "[link=X]", "[multiple=X]", "[nohref=X]", "[noresize=X]", "[noshade=X]", "[nowrap=X]", "[readonly=X]", "[scrolling=X]", "[selected=X]", "[valuetype=X]", "[vlink=X]", "[alink=X]", "[bgcolor=X]", "[accept-charset=X]", "[autocomplete=X]", "[role=X]", "[title=X]"]) { const attr = sel.slice(1).split(/[~|^$*]?=/)[0]; const m = []; await rw(`<x id=h ${attr}="${sel.includes("CHECKED") ? "checked" : sel.slice(sel.indexOf("=") + 1).replace(/ s\]$|\]$/, "").toLowerCase()}"></x><svg><x id=s ${attr}="${sel.slice(sel.indexOf("=") + 1).replace(/ s\]$|\]$/, "").toLowerCase()}"/></svg>`, (r) => r.on(sel, { element(e) { m.push(e.getAttribute("id")); } })); out.push(sel + ":" + m.join("")); } return out; },
  textHandlerNested: async () => { const l = []; const out = await rw("<p>a<b>c</b>d<!--x--></p>e", (r) => r.on("p", { text(t) { l.push(t.text + (t.lastInTextNode ? "$" : "")); }, comments(c) { l.push("C" + c.text); } }).on("p", { text(t) { l.push("2:" + t.text); } })); return [out, l]; },
  removedFlags: async () => { const l = []; await rw("<a>x</a><b>y</b><c>z</c><d>w</d>", (r) => r.on("a", { element(e) { e.removeAndKeepContent(); l.push(e.removed); } }).on("b", { element(e) { e.setInnerContent("q"); l.push(e.removed); } }).on("c", { element(e) { e.replace("q"); l.push(e.removed); } }).on("d", { element(e) { e.after("q"); e.prepend("p"); l.push(e.removed); } })); return l; },
  endTagInRemoved: async () => { const l = []; const out = await rw("<div><span>a</span></div>", (r) => r.on("div", { element(e) { e.remove(); } }).on("span", { element(e) { e.onEndTag((t) => { l.push(t.name); t.after("!"); }); } })); return [out, l]; },
  illegalThis: () => { const out = []; for (const f of [() => HTMLRewriter.prototype.on.call({}, "a", {}), () => HTMLRewriter.prototype.transform.call(null, new Response("")), () => HTMLRewriter.prototype.onDocument.call(5, {})]) { try { f(); out.push("ok"); } catch (e) { out.push(err(e)); } } return out; },
  sameSelectorTwice: () => rw("<p>x</p>", (r) => r.on("p", { element(e) { e.before("1"); }, text(t) { t.before("t1"); } }).on("p", { element(e) { e.before("2"); }, text(t) { t.before("t2"); } })),
  unicodeSelector: async () => [await sel(".é", "<a class='é x' id=1><a class=e id=2>"), await sel("[data-é=ü]", "<a data-é=ü id=3>"), await sel("é", "<é id=4></é>"), await sel(".a\\:b", "<a class='a:b' id=5>"), await sel("#\\31 23", "<a id=123>")],
  doctypeForeign: () => trace("<svg><!DOCTYPE html><![CDATA[x]]></svg><!DOCTYPE html>"),
  commentInElement: async () => { const l = []; const out = await rw("<div><!--a--><p><!--b--></p></div><!--c-->", (r) => r.on("p", { comments(c) { l.push("p" + c.text); c.text = c.text.toUpperCase(); } }).on("div", { comments(c) { l.push("d" + c.text); } })); return [out, l]; },
  handlerReturnsNonPromise: () => rw("<a>", (r) => r.on("a", { element(e) { e.before("x"); return { then: 5 }; } })),
  handlerReturnsThenable: () => rw("<a>", (r) => r.on("a", { element(e) { return { then(res) { e.before("thenable"); res(); } }; } })),
  handlerReturnsRejectedThenable: () => rw("<a>", (r) => r.on("a", { element(e) { return { then(res, rej) { rej(new RangeError("thenable-rej")); } }; } })),
  asyncTokenStillValid: async () => { const l = []; await rw("<a>", (r) => r.on("a", { async element(e) { await new Promise((r) => setTimeout(r, 1)); l.push(e.tagName); setTimeout(() => {}, 0); } })); return l; },
  tokenAfterAsync: async () => { let saved; const l = []; await rw("<a>", (r) => r.on("a", { element(e) { saved = e; Promise.resolve().then(() => { try { l.push(saved.tagName); } catch (x) { l.push(err(x)); } }); } })); await null; return l; },
  largeAttr: async () => { const v = "v".repeat(100000); const l = []; await rw(["<a x='", v.slice(0, 50000), v.slice(50000), "'>"], (r) => r.on("a", { element(e) { l.push(e.getAttribute("x").length); } })); return l; },
  setInnerContentHtmlFalseStream: () => rw("<a>x</a>", (r) => r.on("a", { element(e) { e.setInnerContent(new Response("<b>&</b>"), { html: false }); e.after(new Response("<i>")); e.before(streamOf(["1", "2"]), { html: true }); } })),
  textReplaceStream: () => rw("<a>xy</a>", (r) => r.on("a", { text(t) { if (t.text) t.replace(new Response("<s>"), { html: true }); } })),
  docEndStream: () => rw("<a>", (r) => r.onDocument({ end(e) { e.append(new Response("<tail>"), { html: true }); e.append(new Response("<t2>")); } })),
  emptyStreamContent: () => rw("<a>", (r) => r.on("a", { element(e) { e.before(new Response(null)); e.after(new Response("")); } })),
  usedStreamContent: async () => { const resp = new Response("abc"); await resp.text(); return rw("<a>", (r) => r.on("a", { element(e) { e.before(resp); } })); },
  contentOptionsGetter: async () => { const l = []; const out = await rw("<a>", (r) => r.on("a", { element(e) { e.before("<x>", { get html() { l.push("got"); return 1; } }); } })); return [out, l]; },
  onEndTagOnVoidInSvg: async () => { const l = []; await rw("<svg><g/><g></g></svg>", (r) => r.on("g", { element(e) { try { e.onEndTag(() => {}); l.push("ok"); } catch (x) { l.push(err(x)); } } })); return l; },
  tagNameSetVoid: () => rw("<br><img/>", (r) => r.on("br,img", { element(e) { e.tagName = "div"; } })),
  selfClosingAttrsModified: () => rw("<a/><b x=1/><c x=1 /><d x=\"1\"/>", (r) => r.on("*", { element(e) { e.setAttribute("y", "2"); } })),
  attrNoValueModified: () => rw("<a b c=\"\" d=''>", (r) => r.on("a", { element(e) { e.setAttribute("c", ""); } })),
  streamKinds: async () => { const out = []; const kinds = { cb: (c) => c.before(new Response("x")), ca: (c) => c.after(new Response("x")), cr: (c) => c.replace(new Response("x")), tb: (t) => t.before(new Response("x")), ta: (t) => t.after(new Response("x")), eb: (e) => e.onEndTag((t) => t.before(new Response("x"))), ea: (e) => e.onEndTag((t) => t.after(new Response("x"))), de: (d) => d.append(new Response("x")), rs: (e) => e.before(new ReadableStream({ start(c) { c.enqueue("str"); c.close(); } })) }; for (const [k, f] of Object.entries(kinds)) { out.push([k, await rw("<p>t<!--c--></p>", (r) => k[0] === "c" ? r.onDocument({ comments: f }) : k[0] === "t" ? r.on("p", { text(t) { if (t.text) f(t); } }) : k[0] === "d" ? r.onDocument({ end: f }) : r.on("p", { element: f }))]); } return out; },
  streamContentLocked: async () => { const rs = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("q")); c.close(); } }); rs.getReader(); return rw("<a>", (r) => r.on("a", { element(e) { e.before(rs); } })); },
  streamContentTwice: async () => { const resp = new Response("abc"); return rw("<a><b>", (r) => r.on("a,b", { element(e) { e.before(resp); } })); },
  noHandlersAmbiguity: () => rw("<select><style>x</style></select>", (r) => r),
  docOnlyAmbiguity: () => rw("<select><style>x</style></select>", (r) => r.onDocument({ end() {} })),
  unmatchedSelectorAmbiguity: () => rw("<select><style>x</style></select>", (r) => r.on("zzz", {})),
  charsets: async () => { const out = []; for (const cs of ["utf-16", "utf-16le", "UTF-16BE", "shift_jis", "iso-8859-2", "koi8-r", "gbk", "euc-kr", "x-user-defined", "iso-2022-kr", "replacement", "big5", "windows-1251", "macintosh", "latin2", "ascii", "UTF8", " utf-8 ", "utf-8;q", "", "unicode-1-1-utf-8", "iso-8859-15", "gb18030", "iso-2022-jp"]) { try { const r = new HTMLRewriter().on("p", { element(e) { e.append("é"); }, text(t) { if (t.text) t.after("[" + t.text.length + "]"); } }).transform(new Response(new Uint8Array([0x3c, 0x70, 0x3e, 0xe9, 0x82, 0x41, 0x3c, 0x2f, 0x70, 0x3e]), { headers: { "content-type": "text/html; charset=" + cs } })); out.push([cs, [...new Uint8Array(await r.arrayBuffer())].join(" ")]); } catch (e) { out.push([cs, err(e)]); } } return out; },
  charsetForms: async () => { const out = []; for (const ct of ["text/html;charset=latin1", "text/html; CHARSET=Latin1", "text/html; charset=\"latin1\"", "text/html; charset='latin1'", "text/html; foo=bar; charset=latin1", "text/html; charset=latin1; charset=utf-8", "text/plain; charset=bogus", "charset=latin1", "text/html; charset=", "text/html; charset=utf-8, text/html; charset=latin1"]) { try { const r = new HTMLRewriter().on("p", { element(e) { e.append("é"); } }).transform(new Response(new Uint8Array([0x3c, 0x70, 0x3e, 0x3c, 0x2f, 0x70, 0x3e]), { headers: { "content-type": ct } })); out.push([ct, [...new Uint8Array(await r.arrayBuffer())].join(" ")]); } catch (e) { out.push([ct, err(e)]); } } return out; },
  invalidBytesCaptured: async () => { const bytes = (s) => new Uint8Array([...s].map((c) => c.charCodeAt(0))); const input = "<p a='\xe9x'>t\xe9\x82A<!--c\xff-->\xc3</p>"; const out = []; for (const [name, setup] of [["none", (r) => r], ["textNoop", (r) => r.onDocument({ text() {} })], ["textElem", (r) => r.on("p", { text() {} })], ["commentNoop", (r) => r.onDocument({ comments() {} })], ["commentSet", (r) => r.onDocument({ comments(c) { c.text = c.text; } })], ["attrSet", (r) => r.on("p", { element(e) { e.setAttribute("b", "1"); } })], ["textChunks", (r) => r.onDocument({ text() {} })]]) { const r = setup(new HTMLRewriter()).transform(new Response(name === "textChunks" ? streamOf(["<p>t\xe9"].map(bytes).concat([bytes("\x82A\xe9"), bytes("</p>")])) : bytes(input))); out.push([name, [...new Uint8Array(await r.arrayBuffer())].join(" ")]); } return out; },
  transformErrorResponse: () => { try { const r = new HTMLRewriter().transform(Response.error()); return [r.status, r.type, r.body === null]; } catch (e) { return err(e); } },
  transformRedirect: async () => { const r = new HTMLRewriter().transform(Response.redirect("https://x.test/a", 301)); let set; try { r.headers.set("x", "1"); set = "ok"; } catch (e) { set = err(e); } return [r.status, r.headers.get("location"), r.body === null, set, r.redirected, r.type]; },
  transformHeadersMutable: async () => { const orig = new Response("<a>", { headers: { a: "1" } }); const r = new HTMLRewriter().transform(orig); r.headers.set("b", "2"); return [[...orig.headers], [...r.headers], r.headers === orig.headers]; },
  transformStatusText: async () => { const r = new HTMLRewriter().transform(new Response("x", { status: 404, statusText: "Nope" })); return [r.status, r.statusText, r.ok, await r.text()]; },
  transformBodyType: async () => { const r = new HTMLRewriter().transform(new Response("x")); return [r.body instanceof ReadableStream, r.bodyUsed, typeof r.body.getReader]; },
  transformBlob: async () => new HTMLRewriter().on("b", { element(e) { e.setInnerContent("blob"); } }).transform(new Response(new Blob(["<b>x</b>"]))).text(),
  transformFormData: async () => { const fd = new FormData(); fd.append("a", "<b>"); const r = new HTMLRewriter().transform(new Response(fd)); const t = await r.text(); return [t.includes("<b>"), r.headers.get("content-type").startsWith("multipart/form-data")]; },
  readTwice: async () => { const r = new HTMLRewriter().transform(new Response("x")); await r.text(); try { await r.text(); return "ok"; } catch (e) { return err(e); } },
  cloneTransformed: async () => { const r = new HTMLRewriter().on("a", { element(e) { e.before("!"); } }).transform(new Response("<a>")); const c = r.clone(); return [await r.text(), await c.text()]; },
  bodyByob: async () => { const r = new HTMLRewriter().transform(new Response("<a>hello</a>")); try { const rd = r.body.getReader({ mode: "byob" }); const { value, done } = await rd.read(new Uint8Array(100)); return [value.constructor.name, value.byteLength > 0, done]; } catch (e) { return err(e); } },
  bodyChunkType: async () => { const r = new HTMLRewriter().transform(new Response("<a>hello</a>")); const rd = r.body.getReader(); const { value } = await rd.read(); return [Object.prototype.toString.call(value), value.constructor.name]; },
  bodyTee: async () => { const r = new HTMLRewriter().on("a", { element(e) { e.after("!"); } }).transform(new Response("<a>hello</a>")); const [x, y] = r.body.tee(); return [await new Response(x).text(), await new Response(y).text()]; },
  bodyPipeThrough: async () => { const r = new HTMLRewriter().on("a", { element(e) { e.after("é"); } }).transform(new Response("<a>hello</a>")); const t = r.body.pipeThrough(new TextDecoderStream()); let s = ""; for await (const c of t) s += c; return s; },
  fuzzDocs: async () => {
    let seed = 12345;
    const rnd = (n) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % n; };
    const pieces = ["<div>", "</div>", "<p class='a b'>", "</p>", "<br>", "<img src=x/>", "<!-- c -->", "<!---->", "text ", "a<b", "&amp;", "<script>if(a<b)x='</div>'</script>", "<style>p>a{}</style>", "<title>t<i></title>", "<textarea></p></textarea>", "<svg><g/><rect></rect><![CDATA[<x>]]></svg>", "<math><mi>x</mi></math>", "<!DOCTYPE html>", "</ span>", "<a href=\"/x?a=1&b=2\">", "</a>", "é€", "<x-y z>", "<?pi?>", "</>", "<ul><li>1<li>2</ul>", "<table><tr><td>c</table>", "\n", "<span id=s>", "</span>", "<b/>", "<input value='v'>", "<noscript><b></noscript>", "<iframe><b></iframe>", "<!doctype html public 'x'>"];
    const out = [];
    for (let d = 0; d < 40; d++) {
      let html = "";
      const n = 5 + rnd(25);
      for (let k = 0; k < n; k++) html += pieces[rnd(pieces.length)];
      const bytes = enc.encode(html);
      const chunks = [];
      for (let i = 0; i < bytes.length;) { const len = 1 + rnd(12); chunks.push(bytes.slice(i, i + len)); i += len; }
      const l = [];
      const res = await rw(chunks, (r) => r.on("div, p.a, li:nth-child(2), span#s, svg *, a[href^='/x']", {
        element(e) { l.push("E" + e.tagName + (e.tagName === "p" ? "!" : "")); if (e.tagName === "span") e.setInnerContent("<inner>", { html: true }); if (e.tagName === "a") e.setAttribute("href", "/y"); if (e.tagName === "li") e.after("[li]"); },
        text(t) { l.push("t" + t.text + (t.lastInTextNode ? "$" : "")); if (t.text === "text ") t.replace("TEXT "); },
        comments(c) { l.push("c" + c.text); },
      }).onDocument({ text(t) { l.push("T" + t.text.length + (t.lastInTextNode ? "$" : "")); }, doctype(dt) { l.push("D" + dt.name); }, end(e) { e.append("<!--end-->", { html: true }); } }));
      out.push([res, l.join("|")]);
    }
    return out;
  },
  fuzzDocs2: async () => {
    let seed = 4242;
    const rnd = (n) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % n; };
    const pieces = ["<!--a--!>", "<!-->", "<!--->", "<!--x--", "-->", "<!--<!-- -->", "<script><!--<script>", "</script>", "--></script>", "<SCRIPT>a</SCRIPT >", "<Div Class=K>", "</DIV>", "<a b=c d='e' f=\"g\" h>", "<a/b>", "<![CDATA[q]]>", "<svg><foreignObject><p>fo</p></foreignObject></svg>", "<svg><title><b>t</b></title></svg>", "<math><annotation-xml encoding=\"text/html\"><p>m</p></annotation-xml></math>", "<svg><font color=red>f</font></svg>", "<!DOCTYPE html SYSTEM \"s\">", "<!DOCTYPE>", "<!doctypehtml>", "<plaintext>", "<xmp><b></xmp>", "x", " ", "\u00a0", "<p>", "</p>", "<br/>", "</br>", "<template><p>t</p></template>", "<em>", "</em>", "<table><td>", "&lt;", "<", ">", "</", "<!", "<?", "='\"", "<i x=1 y=\"2\"/>", "\r\n", "<textarea>", "</textarea>", "<title>", "</title>", "<style>", "</style>"];
    const out = [];
    for (let d = 0; d < 40; d++) {
      let html = "";
      const n = 5 + rnd(20);
      for (let k = 0; k < n; k++) html += pieces[rnd(pieces.length)];
      const bytes = enc.encode(html);
      const chunks = [];
      for (let i = 0; i < bytes.length;) { const len = 1 + rnd(9); chunks.push(bytes.slice(i, i + len)); i += len; }
      const l = [];
      const res = await rw(chunks, (r) => r.on("div.K, p, i, em, title, svg p, script", {
        element(e) { l.push("E" + e.tagName + ":" + e.namespaceURI.slice(-3)); if (e.tagName === "em") e.removeAndKeepContent(); if (e.tagName === "i") e.replace("[i]"); if (e.tagName === "div") { e.tagName = "section"; e.prepend("^"); } if (e.tagName === "p") e.onEndTag((t) => { l.push("/" + t.name); t.before("."); }); },
        text(t) { l.push("t" + t.text + (t.lastInTextNode ? "$" : "")); },
        comments(c) { l.push("c" + c.text); if (c.text === "a") c.text = "A"; },
      }).onDocument({ text(t) { l.push("T" + t.text + (t.lastInTextNode ? "$" : "")); }, comments(c) { l.push("C" + c.text); }, doctype(dt) { l.push("D" + [dt.name, dt.publicId, dt.systemId]); } }));
      out.push([res, l.join("|")]);
    }
    return out;
  },
  fuzzSelectors: async () => {
    let seed = 777;
    const rnd = (n) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % n; };
    const pick = (a) => a[rnd(a.length)];
    const tags = ["div", "p", "span", "a", "li", "ul", "b", "svg", "g"];
    const simple = () => pick([
      () => pick(tags), () => "*", () => "." + pick(["x", "y", "z", "X"]), () => "#i" + rnd(12),
      () => "[" + pick(["class", "id", "data-k", "lang", "type", "DATA-K"]) + "]",
      () => "[" + pick(["class", "data-k", "lang", "type"]) + pick(["=", "~=", "|=", "^=", "$=", "*="]) + pick(["x", "'x y'", "en", "EN", "v", "'a-b'", "a", "''", "X"]) + pick(["", " i", " s"]) + "]",
      () => ":first-child", () => ":first-of-type", () => ":nth-child(" + pick(["2", "odd", "even", "2n+1", "-n+2", "3n", "n+2", "0n+1"]) + ")",
      () => ":nth-of-type(" + pick(["1", "2", "odd", "2n"]) + ")", () => ":not(" + pick(tags) + pick(["", ".x", ":first-child", "[data-k]"]) + ")",
      () => pick([":last-child", ":hover", "::before", ":only-child"]),
    ])();
    const compound = () => { let c = ""; const n = 1 + rnd(3); for (let k = 0; k < n; k++) { const x = simple(); c += (k > 0 && /^[a-z*]/.test(x) ? "" : "") + x; } return c; };
    const selector = () => { let sel = compound(); const n = rnd(3); for (let k = 0; k < n; k++) sel += pick([" ", " > ", ">", " + ", " ~ "]) + compound(); if (rnd(5) === 0) sel += ", " + compound(); return sel; };
    const docs = [];
    for (let d = 0; d < 6; d++) {
      let id = 0, html = "";
      const gen = (depth) => { const n = rnd(4) + (depth === 0 ? 2 : 0); for (let k = 0; k < n; k++) { const t = pick(tags); const attrs = [" id=i" + (id++ % 12)]; if (rnd(2)) attrs.push(" class='" + pick(["x", "y", "x y", "X", "z x"]) + "'"); if (rnd(3) === 0) attrs.push(" data-k=" + pick(["v", "a-b", "x"])); if (rnd(4) === 0) attrs.push(" lang=" + pick(["en", "en-US", "EN", "fr"])); if (rnd(4) === 0) attrs.push(" type=" + pick(["X", "x", "a"])); html += "<" + t + attrs.join("") + ">"; if (depth < 3) gen(depth + 1); if (rnd(5)) html += "</" + t + ">"; } };
      gen(0);
      docs.push(html);
    }
    const out = [];
    for (let k = 0; k < 120; k++) {
      const sel = selector();
      let row;
      try {
        new HTMLRewriter().on(sel, {});
        row = [];
        for (const html of docs) { const m = []; await rw(html, (r) => r.on(sel, { element(e) { m.push(e.getAttribute("id")); } })); row.push(m.join(",")); }
      } catch (e) { row = err(e); }
      out.push([sel, row]);
    }
    return out;
  },
  fuzzMutations: async () => {
    let seed = 99;
    const seedA0 = 1;
    const rnd = (n) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % n; };
    const pick = (a) => a[rnd(a.length)];
    const tags = ["div", "p", "span", "b", "br", "img", "svg", "g", "li"];
    const out = [];
    for (let d = 0; d < 60; d++) {
      let html = "", id = 0;
      const gen = (depth) => { const n = rnd(3) + 1; for (let k = 0; k < n; k++) { const t = pick(tags); const sc = rnd(4) === 0 ? "/" : ""; html += "<" + t + " id=e" + (id++) + (rnd(2) ? " class=c" + rnd(3) : "") + sc + ">"; if (rnd(3) === 0) html += "<!--k" + id + "-->"; if (rnd(2)) html += "txt" + id; if (depth < 3 && !sc && !["br", "img"].includes(t)) gen(depth + 1); if (rnd(4)) html += "</" + t + ">"; } };
      gen(0);
      const plan = [];
      for (let k = 0; k < 1 + rnd(4); k++) plan.push([pick(["*", "div", "p", ".c1", "svg g", "span b", "li", ":first-child"]), rnd(1000000)]);
      const log = [];
      const act = (e, r) => {
        let x = r;
        const next = (n) => { const v = x % n; x = Math.floor(x / n); return v; };
        const html = next(2) === 1;
        const opts = next(3) === 0 ? undefined : { html };
        const content = pick(["<i>", "x&y", "", "<!--n-->"]);
        switch (next(14)) {
          case 0: e.before(content, opts); break;
          case 1: e.after(content, opts); break;
          case 2: e.prepend(content, opts); break;
          case 3: e.append(content, opts); break;
          case 4: e.replace(content, opts); break;
          case 5: e.remove(); break;
          case 6: e.removeAndKeepContent(); break;
          case 7: e.setInnerContent(content, opts); break;
          case 8: e.setAttribute("data-z", "v\"" + next(5)); break;
          case 9: e.removeAttribute("class"); break;
          case 10: e.tagName = pick(["em", "SECTION", "x-y"]); break;
          case 11: try { e.onEndTag((t) => { log.push("/" + t.name); if (next(2)) t.before("[" + t.name + "]", { html: true }); else t.after("<" + t.name + ">"); if (next(3) === 0) t.remove(); if (next(3) === 0) t.name = "zz"; }); } catch (er) { log.push(er.message); } break;
          case 12: log.push([e.removed, e.tagName, e.getAttribute("id")].join(":")); break;
          default: e.after(content, opts); e.before(content, opts); break;
        }
      };
      const res = await rw(html, (r) => { for (const [sel, seedA] of plan) r.on(sel, { element(e) { act(e, seedA + log.length); }, text(t) { if (t.text && seedA % 5 === 0) t.replace("T", { html: false }); if (seedA % 7 === 0) t.after("|"); }, comments(c) { if (seedA % 3 === 0) c.remove(); else if (seedA % 3 === 1) c.text = "m"; } }); return r.onDocument({ end(e) { if (seedA0 % 2) e.append("<end>", { html: true }); } }); });
      out.push([html, res, log.join(" ")]);
    }
    return out;
  },
  foreignNamespaces: async () => { const out = []; for (const doc of ["<svg><svg></svg><g id=x>", "<svg><svg></svg></svg><g id=x>", "<svg><foreignObject><svg><b id=b><g id=y>", "<svg><foreignObject><svg><b id=b></b></foreignObject><g id=y>", "<svg><svg></p><g id=z>", "<math><svg></br><g id=z>", "<svg><math></math><g id=w>", "<svg><svg><font color=1 id=f><g id=v>", "<svg><desc><svg><p id=p><g id=u>", "<svg><svg/><g id=t>", "<math><mi><svg><b id=b></b><g id=s>", "<svg><svg><b></b></svg><g id=r>", "<svg id=a><svg id=b><img id=c><li id=d>", "<math id=a><svg id=b><p id=c><i id=d>", "<svg><font size=2 id=f2><g id=q>", "<svg><font id=f3><g id=q2>", "<math><annotation-xml encoding=TEXT/HTML id=ax><p id=ap></p></annotation-xml><mi id=mi>", "<math><annotation-xml encoding=text/html/><p id=ap2>"]) { const m = []; await rw(doc, (r) => r.on("[id]", { element(e) { m.push(e.getAttribute("id") + ":" + e.namespaceURI.slice(-4)); } })); out.push(doc + " => " + m.join(",")); } return out; },
  readSizes: async () => { const out = []; for (const [sizes, handler] of [[[3000, 3000, 3000], false], [[3, 5, 7, 2], true], [[5000, 5000], true], [[300000], false]]) { const chunks = sizes.map((n, i) => enc.encode((i === 0 ? "<p>" : "") + "a".repeat(n - (i === 0 ? 3 : 0)))); const rs = new ReadableStream({ async pull(c) { await new Promise((r) => setTimeout(r, 1)); if (chunks.length) c.enqueue(chunks.shift()); else c.close(); } }); let rw = new HTMLRewriter(); if (handler) rw = rw.on("p", { element(e) { e.before("X"); } }); const rd = rw.transform(new Response(rs)).body.getReader(); const reads = []; for (;;) { const { value, done } = await rd.read(); if (done) break; reads.push(value.byteLength); } out.push(reads.length > 10 ? [reads.length, reads[0], reads[reads.length - 1]] : reads); } return out; },
  handlerMicrotasks: async () => { const l = []; const out = await rw("<a><a>", (r) => r.on("a", { element(e) { Promise.resolve().then(() => e.before("x")); Promise.resolve().then(() => null).then(() => e.after("y")); (async () => { await null; await null; e.setAttribute("z", "1"); })(); } })); const out2 = await rw("<a>t</a>", (r) => r.on("a", { text(t) { Promise.resolve().then(() => t.before("x")); } })); return [out, out2]; },
  inputChunkTypes: async () => { const out = []; for (const mk of [() => new TextEncoder().encode("<a>").buffer, () => new DataView(new TextEncoder().encode("<b>").buffer), () => 42, () => null, () => ({}), () => new Uint16Array([0x613c, 0x3e62])]) { const rs = new ReadableStream({ start(c) { c.enqueue(mk()); c.close(); } }); try { out.push(await new HTMLRewriter().on("*", { element(e) { e.before("!"); } }).transform(new Response(rs)).text()); } catch (e) { out.push(err(e)); } } return out; },
  endTagNameSetter: async () => { const l = []; const out = await rw("<a>x</a><b>y</b>", (r) => r.on("a,b", { element(e) { e.onEndTag((t) => { for (const v of ["", "a b", "1x", "a/b", "Q"]) { try { t.name = v; l.push([v, "ok", t.name]); } catch (x) { l.push([v, err(x)]); } } }); } })); return [out, l]; },
  attrIteratorSelf: async () => { const l = []; await rw("<a x=1>", (r) => r.on("a", { element(e) { const it = e.attributes; l.push(it[Symbol.iterator]() === it, typeof it[Symbol.iterator], Array.from(it).length, Array.from(e.attributes)); } })); return l; },
  conversions: async () => { const l = []; const tryit = (f) => { try { const r = f(); l.push(r === undefined ? "undef" : typeof r === "object" && r !== null ? "obj" : r); } catch (x) { l.push(err(x)); } }; const out = await rw("<a x=1><!--c-->t</a>", (r) => r.on("a", { element(e) { tryit(() => e.getAttribute(Symbol())); tryit(() => e.setAttribute("a", Symbol())); tryit(() => { e.tagName = Symbol(); }); tryit(() => e.getAttribute(null)); tryit(() => e.getAttribute(undefined)); tryit(() => e.setAttribute(1, 2)); tryit(() => e.hasAttribute("")); tryit(() => e.setAttribute("b", null)); tryit(() => e.before("x", { html: "yes" })); tryit(() => e.before("y", { html: 0 })); tryit(() => e.before("z", [])); tryit(() => e.removeAttribute(undefined)); tryit(() => e.setInnerContent(undefined, undefined)); tryit(() => e.append({ toString() { return "<T>"; } }, { html: true })); tryit(() => e.onEndTag(class {})); tryit(() => { e.tagName = 5; }); }, comments(c) { tryit(() => { c.text = Symbol(); }); tryit(() => { c.text = 5; }); tryit(() => { c.text = null; }); } })); return [out, l]; },
  cancelPropagates: async () => { const l = []; const rs = new ReadableStream({ pull(c) { l.push("pull"); c.enqueue(new TextEncoder().encode("<a>")); }, cancel(reason) { l.push("cancel:" + (reason && reason.message)); } }, { highWaterMark: 0 }); const resp = new HTMLRewriter().on("a", { element() { l.push("el"); } }).transform(new Response(rs)); const rd = resp.body.getReader(); await rd.read(); await rd.cancel(new Error("stop")); await new Promise((r) => setTimeout(r, 5)); return [l[0], l.includes("cancel:stop"), l.filter((x) => x === "el").length > 0]; },
  cancelBeforeRead: async () => { const l = []; const rs = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("<a>")); }, cancel(reason) { l.push("cancel:" + (reason && reason.message)); } }); const resp = new HTMLRewriter().on("a", { element() { l.push("el"); } }).transform(new Response(rs)); await resp.body.cancel(new Error("early")); await new Promise((r) => setTimeout(r, 5)); return l; },
  fuzzAsyncStreams: async () => {
    let seed = 5150;
    const rnd = (n) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % n; };
    const pick = (a) => a[rnd(a.length)];
    const out = [];
    for (let d = 0; d < 25; d++) {
      let html = "";
      for (let k = 0; k < 4 + rnd(8); k++) html += pick(["<div>", "</div>", "<p>t", "</p>", "<!--c-->", "x<y", "<b>bold</b>", "<br>", "<svg><g/></svg>", "\u00e9"]);
      const chunks = []; const bytes = enc.encode(html);
      for (let i = 0; i < bytes.length;) { const len = 1 + rnd(6); chunks.push(bytes.slice(i, i + len)); i += len; }
      const modes = [rnd(4), rnd(4), rnd(4)];
      const content = (k) => { switch (k % 4) { case 0: return "s" + k; case 1: return new Response("<r" + k + ">"); case 2: return streamOf(["<q", k + ">"]); default: return "<h" + k + ">"; } };
      const wait = async (m) => { if (m === 1) await null; else if (m === 2) await new Promise((r) => setTimeout(r, 0)); else if (m === 3) { await null; await null; } };
      const res = await rw(chunks, (r) => r.on("div, p, b", { async element(e) { const m = modes[0]; await wait(m); e.before(content(m), { html: m % 2 === 1 }); e.append(content(m + 1), { html: true }); } , async text(t) { const m = modes[1]; if (!t.text) return; await wait(m); if (m === 0) t.replace(content(2)); else t.after(content(m)); } }).onDocument({ async comments(c) { await wait(modes[2]); c.before("[c]"); }, async end(e) { await wait(modes[2]); e.append("<end>", { html: true }); } }));
      out.push(res);
    }
    return out;
  },
  directBasic: () => new HTMLRewriter().on("p", { element(e) { e.append(" there"); e.setAttribute("class", "x"); } }).transform(new Response("<p>hi</p>", { status: 202, headers: { "content-type": "text/html; charset=utf-8", "x-custom": "1" } })),
  directContentLength: () => new HTMLRewriter().on("p", { element(e) { e.append(" longer body"); } }).transform(new Response("<p>hi</p>", { headers: { "content-length": "9", "content-type": "text/html" } })),
  directStream: () => new HTMLRewriter().on("*", { async element(e) { await null; e.before("[" + e.tagName + "]"); } }).transform(new Response(streamOf(["<a>", "x</a", "><b>y</b>"]))),
  directEmpty: () => new HTMLRewriter().onDocument({ end(e) { e.append("appended"); } }).transform(new Response("")),
  directError: () => new HTMLRewriter().on("b", { element() { throw new Error("mid-stream"); } }).transform(new Response(streamOf(["<a>ok</a>", "<b>x</b>"]))),
};

export default {
  async fetch(req) {
    const name = new URL(req.url).pathname.slice(1);
    if (name === "__names") return Response.json(Object.keys(cases));
    const fn = cases[name];
    if (!fn) return new Response("no case " + name, { status: 404 });
    try {
      const v = await fn(req);
      if (v instanceof Response) return v;
      return Response.json({ ok: v === undefined ? null : v });
    } catch (e) {
      return Response.json({ err: e?.name, msg: e?.message });
    }
  },
};
