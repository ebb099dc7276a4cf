package isolate

import "testing"

// The ES additions newer than V8 10.9 that the runtime supplies (esnext.js), and what they make
// work as in workerd: [Symbol.dispose]() methods (DigestStream's, Immediate's).
func TestESNext(t *testing.T) {
	check(t, map[string]string{
		`const { promise, resolve } = Promise.withResolvers(); resolve(3); return [await promise, Promise.withResolvers.length, Object.keys(Promise).includes("withResolvers")];`: `[3,0,false]`,
		`class P extends Promise {} return P.withResolvers().promise instanceof P;`:                                                                                               `true`,
		`return [typeof Symbol.dispose, typeof Symbol.asyncDispose, Symbol.dispose.description, Object.getOwnPropertyDescriptor(Symbol, "dispose").writable];`:                    `["symbol","symbol","Symbol.dispose",false]`,
		`const d = new crypto.DigestStream('SHA-1'); d[Symbol.dispose](); return await d.digest.then(() => 'ok', e => e.name + ': ' + e.message)`:                                 `"TypeError: The DigestStream was disposed."`,
		`const d = new crypto.DigestStream('SHA-1'); return [typeof d[Symbol.dispose], typeof crypto.DigestStream.prototype[Symbol.dispose]]`:                                     `["function","function"]`,
	})
}
