package syntax

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

type tokKind int

const (
	tEOF tokKind = iota
	tIdent
	tString // Str; backtick lines are strings with "\n" appended
	tBinary // Bytes
	tInt    // Uint
	tFloat  // Float
	tOp     // Str: a run of operator characters such as ":", "=", "@", "$", "."
	tPunct  // Str: one of ( ) [ ] { } , ;
)

type token struct {
	kind  tokKind
	span  Span
	str   string
	uint  uint64
	float float64
	bytes []byte
}

const opChars = "!$%&*+-./:<=>?@^|~"

type lexer struct {
	path string
	src  []byte
	off  int
	line int
	col  int // 1-based column of src[off]
	errs []*Error
}

func (l *lexer) pos() Pos { return Pos{Offset: l.off, Line: l.line, Col: l.col} }

func (l *lexer) errorf(s Span, msg string) {
	l.errs = append(l.errs, &Error{Path: l.path, Span: s, Msg: msg})
}

// advance moves past n bytes, keeping line and column up to date.
func (l *lexer) advance(n int) {
	for i := 0; i < n && l.off < len(l.src); i++ {
		if l.src[l.off] == '\n' {
			l.line++
			l.col = 1
		} else {
			l.col++
		}
		l.off++
	}
}

func (l *lexer) peekByte(i int) byte {
	if l.off+i < len(l.src) {
		return l.src[l.off+i]
	}
	return 0
}

func isAlpha(c byte) bool    { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool    { return c >= '0' && c <= '9' }
func isHex(c byte) bool      { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
func isNameChar(c byte) bool { return isAlpha(c) || isDigit(c) || c == '_' }
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// skip passes over whitespace, byte-order marks and `#` comments.
func (l *lexer) skip() {
	for l.off < len(l.src) {
		c := l.src[l.off]
		switch {
		case isSpace(c):
			l.advance(1)
		case c == '#':
			for l.off < len(l.src) && l.src[l.off] != '\n' {
				l.advance(1)
			}
		case c == 0xef && l.peekByte(1) == 0xbb && l.peekByte(2) == 0xbf:
			l.advance(3)
		default:
			return
		}
	}
}

// tokenize splits the whole file into tokens. Errors are collected; a bad character ends lexing.
func (l *lexer) tokenize() []token {
	if !utf8.Valid(l.src) || strings.IndexByte(string(l.src), 0) >= 0 {
		l.errorf(Span{l.pos(), l.pos()}, "Non-UTF-8 input detected. Cap'n Proto schema files must be UTF-8 text.")
		return []token{{kind: tEOF, span: Span{l.pos(), l.pos()}}}
	}
	var toks []token
	for {
		l.skip()
		start := l.pos()
		if l.off >= len(l.src) {
			toks = append(toks, token{kind: tEOF, span: Span{start, start}})
			return toks
		}
		t, ok := l.next()
		if !ok {
			toks = append(toks, token{kind: tEOF, span: Span{start, start}})
			return toks
		}
		t.span = Span{start, l.pos()}
		toks = append(toks, t)
	}
}

func (l *lexer) next() (token, bool) {
	start := l.pos()
	c := l.src[l.off]
	switch {
	case isAlpha(c) || c == '_':
		n := 1
		for isNameChar(l.peekByte(n)) {
			n++
		}
		s := string(l.src[l.off : l.off+n])
		l.advance(n)
		return token{kind: tIdent, str: s}, true
	case c == '"':
		s, ok := l.quoted()
		return token{kind: tString, str: s}, ok
	case c == '`':
		n := 1
		for l.off+n < len(l.src) && l.src[l.off+n] != '\n' && l.src[l.off+n] != '\r' {
			n++
		}
		s := string(l.src[l.off+1:l.off+n]) + "\n"
		l.advance(n)
		return token{kind: tString, str: s}, true
	case c == '0' && l.peekByte(1) == 'x' && l.peekByte(2) == '"':
		return l.binary()
	case isDigit(c):
		return l.number()
	case strings.IndexByte(opChars, c) >= 0:
		n := 1
		for l.off+n < len(l.src) && strings.IndexByte(opChars, l.src[l.off+n]) >= 0 {
			n++
		}
		s := string(l.src[l.off : l.off+n])
		l.advance(n)
		return token{kind: tOp, str: s}, true
	case strings.IndexByte("()[]{},;", c) >= 0:
		l.advance(1)
		return token{kind: tPunct, str: string(c)}, true
	}
	l.advance(1)
	l.errorf(Span{start, l.pos()}, "Parse error.")
	return token{}, false
}

// quoted lexes a C-style double-quoted string.
func (l *lexer) quoted() (string, bool) {
	start := l.pos()
	l.advance(1)
	var b strings.Builder
	for {
		if l.off >= len(l.src) || l.src[l.off] == '\n' {
			l.errorf(Span{start, l.pos()}, "Parse error.")
			return "", false
		}
		c := l.src[l.off]
		if c == '"' {
			l.advance(1)
			return b.String(), true
		}
		if c != '\\' {
			b.WriteByte(c)
			l.advance(1)
			continue
		}
		e := l.peekByte(1)
		switch e {
		case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\'', '"', '\\', '?':
			b.WriteByte(map[byte]byte{'a': 7, 'b': 8, 'f': 12, 'n': 10, 'r': 13, 't': 9, 'v': 11,
				'\'': '\'', '"': '"', '\\': '\\', '?': '?'}[e])
			l.advance(2)
		case 'x':
			if isHex(l.peekByte(2)) && isHex(l.peekByte(3)) {
				v, _ := strconv.ParseUint(string(l.src[l.off+2:l.off+4]), 16, 8)
				b.WriteByte(byte(v))
				l.advance(4)
				continue
			}
			l.errorf(Span{l.pos(), l.pos()}, "Parse error.")
			return "", false
		default:
			if e >= '0' && e <= '7' {
				n := 1
				for n < 3 && l.peekByte(1+n) >= '0' && l.peekByte(1+n) <= '7' {
					n++
				}
				v, _ := strconv.ParseUint(string(l.src[l.off+1:l.off+1+n]), 8, 16)
				b.WriteByte(byte(v))
				l.advance(1 + n)
				continue
			}
			l.errorf(Span{l.pos(), l.pos()}, "Parse error.")
			return "", false
		}
	}
}

// binary lexes a 0x"…" hex data literal (whitespace between byte pairs is allowed).
func (l *lexer) binary() (token, bool) {
	start := l.pos()
	l.advance(3)
	var out []byte
	for {
		for l.off < len(l.src) && isSpace(l.src[l.off]) {
			l.advance(1)
		}
		if l.peekByte(0) == '"' {
			l.advance(1)
			if len(out) == 0 {
				break
			}
			return token{kind: tBinary, bytes: out}, true
		}
		if !isHex(l.peekByte(0)) || !isHex(l.peekByte(1)) {
			break
		}
		v, _ := strconv.ParseUint(string(l.src[l.off:l.off+2]), 16, 8)
		out = append(out, byte(v))
		l.advance(2)
	}
	l.errorf(Span{start, l.pos()}, "Parse error.")
	return token{}, false
}

// number lexes an integer (decimal, 0x hex, 0-prefixed octal) or a float.
func (l *lexer) number() (token, bool) {
	start := l.pos()
	rest := l.src[l.off:]
	n := 0
	base := 10
	digits := ""
	switch {
	case rest[0] == '0' && len(rest) > 2 && rest[1] == 'x' && isHex(rest[2]):
		n = 2
		for n < len(rest) && isHex(rest[n]) {
			n++
		}
		base, digits = 16, string(rest[2:n])
	case rest[0] == '0':
		n = 1
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '7' {
			n++
		}
		base, digits = 8, string(rest[:n])
	default:
		for n < len(rest) && isDigit(rest[n]) {
			n++
		}
		digits = string(rest[:n])
	}
	if n >= len(rest) || !(isAlpha(rest[n]) || rest[n] == '_' || rest[n] == '.' || isDigit(rest[n])) {
		v, err := strconv.ParseUint(digits, base, 64)
		l.advance(n)
		if err != nil {
			l.errorf(Span{start, l.pos()}, "Integer literal is too large.")
		}
		return token{kind: tInt, uint: v}, true
	}
	// Float: digits [. digits*] [eE [+-] digits*], not followed by a name character or '.'.
	n = 0
	for n < len(rest) && isDigit(rest[n]) {
		n++
	}
	if n < len(rest) && rest[n] == '.' {
		n++
		for n < len(rest) && isDigit(rest[n]) {
			n++
		}
	}
	if n < len(rest) && (rest[n] == 'e' || rest[n] == 'E') {
		n++
		if n < len(rest) && (rest[n] == '+' || rest[n] == '-') {
			n++
		}
		for n < len(rest) && isDigit(rest[n]) {
			n++
		}
	}
	if n < len(rest) && (isAlpha(rest[n]) || rest[n] == '_' || rest[n] == '.') {
		l.advance(n)
		l.errorf(Span{start, l.pos()}, "Parse error.")
		return token{}, false
	}
	text := strings.TrimRight(string(rest[:n]), "eE+-")
	v, err := strconv.ParseFloat(text, 64)
	if err != nil && !math.IsInf(v, 0) {
		v = 0
	}
	l.advance(n)
	return token{kind: tFloat, float: v}, true
}
