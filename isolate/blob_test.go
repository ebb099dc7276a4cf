package isolate

import "testing"

// Blob and File (js/blob.js). Expected values are real workerd's; many cases come from workerd's
// blob-test.js and blob2-test.js.
func TestBlob(t *testing.T) {
	check(t, map[string]string{
		// Parts and content.
		`const blob = new Blob(['foo', new TextEncoder().encode('bar'), 'baz']);
		 return [await blob.text(), new TextDecoder().decode(await blob.arrayBuffer()), blob.type, blob.size]`: `["foobarbaz","foobarbaz","",9]`,
		`const blob = new Blob(['foo', new TextEncoder().encode('bar'), 'baz']);
		 const blob2 = new Blob(['xx', blob, 'yy', blob], {type: 'application/whatever'}); return [await blob2.text(), blob2.type]`: `["xxfoobarbazyyfoobarbaz","application/whatever"]`,
		`return [await new Blob().text(), await new Blob(undefined).text(), new Blob().size]`:                                                                             `["","",0]`,
		`return new Blob([1, 2, {}, null, undefined, true]).text()`:                                                                                                       `"12[object Object]nullundefinedtrue"`,
		`return [new Blob([new Uint16Array([1, 2])]).size, new Blob([new DataView(new ArrayBuffer(3))]).size, new Blob([new Uint8Array([1,2,3,4]).subarray(1, 3)]).size]`: `[4,3,2]`,
		`const u = new Uint8Array([65, 66]); const b = new Blob([u]); u[0] = 67; return b.text()`:                                                                         `"AB"`,
		`return new Blob([new SharedArrayBuffer(4)]).size`:                                                                                                                `26`,
		`return new Blob([new Blob(['x']), new File(['yz'], 'f')]).text()`:                                                                                                `"xyz"`,
		`const b = new Blob(['abc'], {type: 'text/plain'}); const b2 = new Blob([b]); return [b2.type, b2.size, await b2.text()]`:                                         `["",3,"abc"]`,
		// Strings are UTF-8, a lone surrogate as its three bytes.
		`return [new Blob(['\u00e9']).size, new Blob(['\ud800']).size, new Blob(['\udc00\ud800']).size]`:          `[2,3,6]`,
		`return [...await new Blob(['\ud83d\ude00']).bytes()].concat([...await new Blob(['\udc00']).bytes()])`:    `[240,159,152,128,237,176,128]`,
		`return [...await new Blob(['\ud800x']).text()].map(c => c.charCodeAt(0))`:                                `[65533,65533,65533,120]`,
		`return [...await new Blob([new Uint8Array([0xef, 0xbb, 0xbf, 0x41])]).text()].map(c => c.charCodeAt(0))`: `[65279,65]`,
		// workerd's mixedEmptyParts.
		`const blob = new Blob(['', new Uint8Array([1, 2, 3]).buffer]); return [blob.size, ...new Uint8Array(await blob.arrayBuffer())]`: `[3,1,2,3]`,
		`const blob = new Blob([new Blob([]), 'hello']); return [blob.size, await blob.text()]`:                                          `[5,"hello"]`,
		`const blob = new Blob([new Uint8Array([65, 66]).buffer, '', 'CD']); return [blob.size, await blob.text()]`:                      `[4,"ABCD"]`,
		`const blob = new Blob(['hello', new Blob([]), ' world']); return [blob.size, await blob.text()]`:                                `[11,"hello world"]`,
		`const blob = new Blob(['', new Blob([]), new ArrayBuffer(0)]); return [blob.size, await blob.text()]`:                           `[0,""]`,

		// Argument conversion.
		`return new Blob('abc')`:               `throws TypeError: Failed to construct 'Blob': constructor parameter 1 is not of type 'Array'.`,
		`return new Blob(null)`:                `throws TypeError: Failed to construct 'Blob': constructor parameter 1 is not of type 'Array'.`,
		`return new Blob(new Set(['x']))`:      `throws TypeError: Failed to construct 'Blob': constructor parameter 1 is not of type 'Array'.`,
		`return new Blob({length: 1, 0: 'a'})`: `throws TypeError: Failed to construct 'Blob': constructor parameter 1 is not of type 'Array'.`,
		`return new Blob([], 5)`:               `throws TypeError: Failed to construct 'Blob': constructor parameter 2 is not of type 'Options'.`,
		`return new Blob([Symbol()])`:          `throws TypeError: Cannot convert a Symbol value to a string`,
		`return [new Blob([], null).type, new Blob([], {type: 5}).type, new Blob([], {type: null}).type, new Blob([], {type: undefined}).type]`: `["","5","null",""]`,
		`return new Blob(['a'], {endings: 'transparent'})`:  `throws Error: The 'endings' field on 'Options' is not implemented.`,
		`return new Blob(['a'], {endings: undefined}).size`: `1`,
		`const order = []; new Blob([{toString() { order.push('part'); return 'x'; }}], {get type() { order.push('type'); return 'a'; }, get endings() { order.push('end'); }}); return order`: `["part","type","end"]`,
		`return Blob([])`: `throws TypeError: Failed to construct 'Blob': Please use the 'new' operator, this object constructor cannot be called as a function.`,
		`return new Blob([new ArrayBuffer(128 * 1024 * 1024 + 1)])`: `throws RangeError: Blob size 134217729 exceeds limit 134217728`,

		// Type normalisation.
		`return [new Blob([], {type: 'FoO/bAr'}).type, new Blob([], {type: 'FoO\u0019/bAr'}).type, new Blob([], {type: 'FoO\u0020/bAr'}).type,
		   new Blob([], {type: 'FoO\u007e/bAr'}).type, new Blob([], {type: 'FoO\u0080/bAr'}).type, new File([], 'foo.txt', {type: 'FoO/bAr'}).type]`: `["foo/bar","","foo /bar","foo~/bar","","foo/bar"]`,
		`return [new Blob([], {type: 'A/B; Charset=UTF-8'}).type, new Blob([], {type: 'é/x'}).type, new Blob([], {type: 'a\x7f'}).type.length, new Blob([], {type: ' x '}).type, new Blob([], {type: 'a\tb'}).type]`: `["a/b; charset=utf-8","",2," x ",""]`,

		// slice().
		`const blob2 = new Blob(['xxfoobarbazyyfoobarbaz']); const slice = blob2.slice(5, 16); const slice2 = slice.slice(-5, 1234, 'type/type');
		 return [await slice.text(), slice.type, await slice2.text(), slice2.type, await blob2.slice(5).text(), await blob2.slice().text(), await blob2.slice(3, 1).text(), blob2.slice(1, 2, 'FoO/bAr').type]`: `["barbazyyfoo","","yyfoo","type/type","barbazyyfoobarbaz","xxfoobarbazyyfoobarbaz","","foo/bar"]`,
		`const b = new Blob(['abcdef']); return Promise.all([b.slice(1.9, 3.9).text(), b.slice(-1.9).text(), b.slice('1', '3').text(), b.slice(NaN).text(), b.slice(Infinity).text(), b.slice(-Infinity).text(), b.slice(null, 2).text(), b.slice(0, null).text(), b.slice(true, '4').text(), b.slice(' 2 ').text(), b.slice({}).text(), b.slice(2 ** 31 - 1).text(), b.slice(-(2 ** 31)).text()])`: `["bc","f","bc","abcdef","abcdef","abcdef","ab","","bcd","cdef","abcdef","","abcdef"]`,
		`return new Blob(['abcdef']).slice(2 ** 31)`:           `throws TypeError: Value out of range. Must be between -2147483648 and 2147483647 (inclusive).`,
		`return new Blob(['abcdef']).slice(0, -(2 ** 31) - 1)`: `throws TypeError: Value out of range. Must be between -2147483648 and 2147483647 (inclusive).`,
		`return new Blob(['abcdef']).slice(1n)`:                `throws TypeError: Cannot convert a BigInt value to a number`,
		`const b = new Blob(['abcdef'], {type: 'x/y'}); return [b.slice().type, b.slice(0, 1, undefined).type, b.slice(0, 1, null).type, new Blob([], {type: 'a'}).slice(0, 0, 'Q').type]`:               `["","","null","q"]`,
		`const order = []; new Blob(['abc']).slice({valueOf() { order.push('s'); return 0; }}, {valueOf() { order.push('e'); return 1; }}, {toString() { order.push('t'); return 'x'; }}); return order`: `["s","e","t"]`,
		`return new File(['a'], 'x').slice(0, 1) instanceof File`:                                                                    `false`,
		`let blob = new Blob(['x']); for (let i = 0; i < 10000; i++) blob = blob.slice(0, 1); return [blob.size, await blob.text()]`: `[1,"x"]`,

		// Reading.
		`const b = new Blob(['abc']); const ab = await b.arrayBuffer(); const ab2 = await b.arrayBuffer(); return [ab instanceof ArrayBuffer, ab.byteLength, ab !== ab2]`: `[true,3,true]`,
		`const b = new Blob(['abc']); const u = await b.bytes(); u[0] = 0; return [u instanceof Uint8Array, u.byteOffset, u.buffer.byteLength, await b.text()]`:           `[true,0,3,"abc"]`,
		`const blob = new Blob(['foobarbaz']); const reader = blob.stream().getReader(); const a = await reader.read(); const b = await reader.read();
		 return [a.done, new TextDecoder().decode(a.value), a.value.constructor.name, b.value === undefined, b.done]`: `[false,"foobarbaz","Uint8Array",true,true]`,
		`const r = new Blob([]).stream().getReader(); const x = await r.read(); return [x.done, x.value === undefined]`:                                                                                                                            `[true,true]`,
		`const r = new Blob(['abc']).stream().getReader({mode: 'byob'}); const x = await r.read(new Uint8Array(2)); const y = await r.read(new Uint8Array(2)); return [x.value.length, x.done, y.value.length, new TextDecoder().decode(y.value)]`: `[2,false,1,"c"]`,
		`return Blob.prototype.text.call({})`:                                         illegalInvocationThrow,
		`return Object.getOwnPropertyDescriptor(Blob.prototype, 'size').get.call({})`: illegalInvocationThrow,

		// Shape.
		`return [Object.prototype.toString.call(new Blob()), String(new Blob()), JSON.stringify(new Blob(['a'])), Blob.length, File.length]`: `["[object Blob]","[object Blob]","{}",0,0]`,
		`return Object.keys(Blob.prototype)`: `["size","type","slice","arrayBuffer","bytes","text","stream"]`,
		`return Object.keys(File.prototype)`: `["name","lastModified"]`,
		`return [Object.getOwnPropertyDescriptor(globalThis, 'Blob').enumerable, Object.keys(globalThis).includes('File')]`: `[false,false]`,
	})
}

func TestFile(t *testing.T) {
	check(t, map[string]string{
		`const before = Date.now(); const file = new File([new Blob(['foobarbaz']), 'qux'], 'filename.txt');
		 return [file instanceof Blob, await file.text(), file.name, file.type, file.lastModified >= before && file.lastModified <= Date.now()]`: `[true,"foobarbazqux","filename.txt","",true]`,
		`const f = new File(['corge', new File(['x'], 'y')], 'file2', {type: 'text/foo', lastModified: 123}); return [await f.text(), f.name, f.type, f.lastModified]`: `["corgex","file2","text/foo",123]`,
		`const f = new File(['a'], 'n.txt', {lastModified: 5.5}); return [f.name, f.lastModified, f.type, f.size, Object.prototype.toString.call(f)]`:                  `["n.txt",5.5,"",1,"[object File]"]`,
		`return new File(['a'])`: `throws TypeError: Failed to construct 'File': constructor parameter 2 is not of type 'string'.`,
		`return new File()`:      `throws TypeError: Failed to construct 'File': constructor parameter 2 is not of type 'string'.`,
		`return [new File(['a'], undefined).name, new File(['a'], null).name, new File(['a'], 'a/b\\c\u0000').name]`: `["undefined","null","a/b\\c\u0000"]`,
		`return [new File(['a'], 'x', {lastModified: 'abc'}).lastModified, new File(['a'], 'x', {lastModified: NaN}).lastModified, new File(['a'], 'x', {lastModified: -1}).lastModified,
		   new File(['a'], 'x', {lastModified: '7'}).lastModified, new File(['a'], 'x', {lastModified: null}).lastModified, new File(['a'], 'x', {lastModified: 2 ** 64}).lastModified]`: `[0,0,-1,7,0,18446744073709552000]`,
		`return new File(['a'], 'x', {lastModified: undefined}).lastModified > 1e12`:                                                                                              `true`,
		`const order = []; new File([], 'x', {get type() { order.push('type'); }, get lastModified() { order.push('lm'); }, get endings() { order.push('end'); }}); return order`: `["type","lm","end"]`,
		`return Object.getOwnPropertyDescriptor(File.prototype, 'name').get.call(new Blob([]))`:                                                                                   illegalInvocationThrow,
	})
}

// What console.log shows (workerd's formatting of its API objects).
func TestBlobInspect(t *testing.T) {
	iso, lg := newTestIsolate(t)
	iso.eval(t, `
		console.log(new Blob(['abc'], {type: 'text/plain'}));
		console.log(new File(['1'], 'file.txt', {type: 'text/plain', lastModified: 1000}));
		const fd = new FormData(); fd.append('a', '1'); fd.append('b', new File(['x'], 'b', {lastModified: 5}));
		console.log(fd);
		console.log(new FormData());
		console.log([new Blob([])]);`)
	want := "log: Blob { size: 3, type: 'text/plain' }\n" +
		"log: File { name: 'file.txt', lastModified: 1000, size: 1, type: 'text/plain' }\n" +
		"log: FormData(2) {\n  'a' => '1',\n  'b' => File { name: 'b', lastModified: 5, size: 1, type: '' }\n}\n" +
		"log: FormData(0) {}\n" +
		"log: [ Blob { size: 0, type: '' } ]"
	if got := lg.String(); got != want {
		t.Errorf("console output:\n got  %q\n want %q", got, want)
	}
}

// FormData (js/blob.js), much of it from workerd's form-data-test.js.
func TestFormData(t *testing.T) {
	check(t, map[string]string{
		`const fd = new FormData(); for (let i = 0; i < 6; i++) fd.append('foo', '' + i); fd.set('foo', '6'); return fd.getAll('foo')`:                                                   `["6"]`,
		`const fd = new FormData(); fd.append('name', new String('value')); fd.set('n2', new String('v2')); return [...fd]`:                                                              `[["name","value"],["n2","v2"]]`,
		`const fd = new FormData(); fd.append('a', null); fd.append('b', undefined); fd.append('c', 5); fd.append('d', {}); return [fd.get('a'), fd.get('b'), fd.get('c'), fd.get('d')]`: `["null","undefined","5","[object Object]"]`,
		`const fd = new FormData(); fd.append('\ud800', '\udc00'); return [...fd.keys()].map(k => k.charCodeAt(0)).concat([...fd.values()].map(v => v.charCodeAt(0)))`:                   `[65533,65533]`,
		`const fd = new FormData(); fd.append('key', 'value1'); fd.append('key', 'value2');
		 return [fd.get('key'), fd.get('nil'), fd.getAll('key'), fd.getAll('nil'), fd.has('key'), fd.has('nil'), new FormData().get('key')]`: `["value1",null,["value1","value2"],[],true,false,null]`,
		`const fd = new FormData(); fd.append('key1', 'value1'); fd.append('key2', 'value2'); fd.append('key1', 'v3'); fd.delete('key1'); fd.delete('nil'); return [...fd]`:    `[["key2","value2"]]`,
		`const fd = new FormData(); fd.append('a', '1'); fd.append('b', '2'); fd.append('a', '3'); fd.append('c', '4'); fd.append('a', '5'); fd.set('a', 'x'); return [...fd]`: `[["a","x"],["b","2"],["c","4"]]`,
		`const fd = new FormData(); return [fd.get(undefined), fd.has(undefined), fd.getAll(undefined)]`:                                                                       `[null,false,[]]`,
		`return new FormData().append('a')`: `throws TypeError: Failed to execute 'append' on 'FormData': parameter 2 is not of type 'File or Blob or string'.`,
		`return new FormData().append()`:    `throws TypeError: Failed to execute 'append' on 'FormData': parameter 1 is not of type 'string'.`,
		`return new FormData().get()`:       `throws TypeError: Failed to execute 'get' on 'FormData': parameter 1 is not of type 'string'.`,
		`return new FormData().getAll()`:    `throws TypeError: Failed to execute 'getAll' on 'FormData': parameter 1 is not of type 'string'.`,
		`return new FormData().delete()`:    `throws TypeError: Failed to execute 'delete' on 'FormData': parameter 1 is not of type 'string'.`,
		`return new FormData().has()`:       `throws TypeError: Failed to execute 'has' on 'FormData': parameter 1 is not of type 'string'.`,
		`return new FormData().set('a')`:    `throws TypeError: Failed to execute 'set' on 'FormData': parameter 2 is not of type 'File or Blob or string'.`,
		`return [new FormData(5) instanceof FormData, new FormData(undefined) instanceof FormData]`: `[true,true]`,
		`return FormData()`: `throws TypeError: Failed to construct 'FormData': Please use the 'new' operator, this object constructor cannot be called as a function.`,
		`const fd = new FormData(); fd.append.apply(fd, 'abc')`: `throws TypeError: CreateListFromArrayLike called on non-object`,
		`return FormData.prototype.get.call({}, 'a')`:           illegalInvocationThrow,

		// Blobs become Files; a File keeps its identity unless renamed.
		`const fd = new FormData(); fd.append('a', new Blob(['x'], {type: 'Text/Plain'})); const v = fd.get('a'); return [v instanceof File, v.name, v.type, typeof v.lastModified, await v.text()]`:                                 `[true,"a","text/plain","number","x"]`,
		`const fd = new FormData(); fd.append('a', new Blob(['x']), 'given.txt'); fd.set('b', new Blob(['y']), 'qux\n"\\.txt'); return [fd.get('a').name, fd.get('b').name]`:                                                         `["given.txt","qux\n\"\\.txt"]`,
		`const fd = new FormData(); const f = new File(['x'], 'orig'); fd.append('a', f); fd.append('b', f, 'renamed'); return [fd.get('a') === f, fd.get('b') === f, fd.get('b').name, fd.get('a').name, await fd.get('b').text()]`: `[true,false,"renamed","orig","x"]`,
		`const fd = new FormData(); fd.append('a', 'x', 'fn'); return fd.get('a')`:                                                                             `"x"`,
		`const fd = new FormData(); fd.set('key', new Blob([]), 'blank.txt'); const file = fd.get('key'); return [file instanceof File, file.name, file.size]`: `[true,"blank.txt",0]`,

		// Iteration: live iterators, entries() and @@iterator.
		`const fd = new FormData(); const entry = fd.entries(); const key = fd.keys(); const value = fd.values(); const r = [entry.next().value, key.next().value, value.next().value];
		 fd.append('key', '0'); fd.append('key', '1'); r.push(entry.next().value, key.next().value, value.next().value);
		 fd.delete('key'); r.push(entry.next().value, key.next().value, value.next().value); return r`: `[null,null,null,["key","0"],"key","0",null,null,null]`,
		`const fd = new FormData(); fd.append('a', '1'); const it = fd.entries();
		 return [Object.prototype.toString.call(it), Object.prototype.toString.call(fd.keys()), Object.prototype.toString.call(fd.values()), typeof it.next, it[Symbol.iterator]() === it,
		   Object.getPrototypeOf(Object.getPrototypeOf(it)) === Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())), JSON.stringify(it.next()), JSON.stringify(it.next())]`: `["[object EntryIterator]","[object KeyIterator]","[object ValueIterator]","function",true,true,"{\"done\":false,\"value\":[\"a\",\"1\"]}","{\"done\":true}"]`,
		`return [FormData.prototype[Symbol.iterator] === FormData.prototype.entries, Object.getOwnPropertyDescriptor(FormData.prototype, Symbol.iterator).enumerable, Object.prototype.toString.call(new FormData())]`: `[false,false,"[object FormData]"]`,
		`const fd = new FormData(); ['n1', 'n2', 'n3', 'n1', 'n2', 'n3'].forEach((k, i) => fd.append(k, 'v' + (i + 1))); fd.delete('n2');
		 return [[...fd].map(e => e[0]), [...fd.entries()].map(e => e[1]), [...fd.keys()], [...fd.values()]]`: `[["n1","n3","n1","n3"],["v1","v3","v4","v6"],["n1","n3","n1","n3"],["v1","v3","v4","v6"]]`,
		`const fd = new FormData(); fd.append('a', '1'); fd.append('b', '2'); const it = fd.keys(); it.next(); fd.delete('a'); return JSON.stringify(it.next())`: `"{\"done\":true}"`,

		// forEach (workerd's testFormDataForeach).
		`const fd = new FormData(); fd.forEach(() => { throw new Error('should not be called on empty array'); });
		 const out = []; fd.append('key1', 'value1'); fd.append('key2', 'value2'); let i = 0;
		 fd.forEach(function (value, key, captureFd) { captureFd.set(key, '3'); out.push(key + '=' + value, captureFd.get(key)); captureFd.append('some-key', '4'); i += 1; });
		 return [i, out, fd.get('key1'), fd.get('key2'), fd.getAll('some-key')]`: `[4,["key1=value1","3","key2=value2","3","some-key=4","3","some-key=4","3"],"3","3",["3","4"]]`,
		`const fd = new FormData(); return fd.forEach()`:  `throws TypeError: Failed to execute 'forEach' on 'FormData': parameter 1 is not of type 'function'.`,
		`const fd = new FormData(); return fd.forEach(1)`: `throws TypeError: Failed to execute 'forEach' on 'FormData': parameter 1 is not of type 'function'.`,
		`'use strict'; const fd = new FormData(); fd.append('a', '1'); const r = []; fd.forEach(function (v, k, p) { r.push(this === undefined, v, k, p === fd); });
		 fd.forEach(function () { r.push(this === undefined); }, null); fd.forEach(function () { r.push(this); }, 1); return r`: `[true,"1","a",true,true,1]`,
		`const fd = new FormData(); fd.append('a', '1'); fd.forEach(() => { throw new Error('boo'); })`: `throws Error: boo`,
	})
}

// FormData bodies: the multipart/form-data serializer and the parsers behind Body.formData().
func TestFormDataBody(t *testing.T) {
	check(t, map[string]string{
		// Serializing (the boundary is random: 32 hex digits).
		`const fd = new FormData(); fd.append('a', 'x'); fd.append('b"\n\\x', new Blob(['yy'], {type: 'Text/Plain'})); fd.append('c', new File(['z'], 'f"\n\r.txt', {type: ''})); fd.append('d\r', 'v\r\nw\n');
		 const r = new Response(fd); const ct = r.headers.get('content-type'); const t = await r.text(); const b = ct.split('boundary=')[1];
		 return [ct.replace(b, 'B'), b.length, /^[0-9a-f]+$/.test(b), t.split(b).join('B')]`: `["multipart/form-data; boundary=B",32,true,"--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--B\r\nContent-Disposition: form-data; name=\"b%22%0A\\\\x\"; filename=\"b%22%0A\\\\x\"\r\nContent-Type: text/plain\r\n\r\nyy\r\n--B\r\nContent-Disposition: form-data; name=\"c\"; filename=\"f%22%0A\r.txt\"\r\nContent-Type: application/octet-stream\r\n\r\nz\r\n--B\r\nContent-Disposition: form-data; name=\"d\r\"\r\n\r\nv\r\nw\n\r\n--B--"]`,
		`const t = await new Request('http://x', {method: 'POST', body: new FormData()}).text(); return /^--[0-9a-f]{32}--$/.test(t)`:                            `true`,
		`const fd = new FormData(); fd.set('foo', new File(['foo-content'], 'foo.txt\\')); return new Request('http://example.org', {method: 'POST', body: fd})`: `throws TypeError: Name or filename can't end with backslash`,
		`const fd = new FormData(); fd.set('foo\\', 'x'); return new Response(fd)`:                                                                               `throws TypeError: Name or filename can't end with backslash`,
		// Round trip (workerd's testFormDataSerializer).
		`const fd = new FormData(); fd.append('field0', 'part0'); fd.append('field1', 'part1'); fd.append('field0', 'part2'); fd.append('field-with-a-"-in-it', 'part4');
		 fd.append('file', new File([new Uint8Array([0, 255, 13, 10])], 'f.bin', {type: 'application/x-thing'}));
		 const back = await new Response(fd).formData(); const f = back.get('file');
		 return [[...back.keys()], back.getAll('field0'), f.name, f.type, [...await f.bytes()]]`: `[["field0","field1","field0","field-with-a-%22-in-it","file"],["part0","part2"],"f.bin","application/x-thing",[0,255,13,10]]`,

		// Parsing errors about the body itself.
		`return new Response('x').formData()`:                                                                                                  `throws TypeError: Unrecognized Content-Type header value. FormData can only parse the following MIME types: multipart/form-data, application/x-www-form-urlencoded`,
		`return new Response('x', {headers: {'content-type': 'text/plain'}}).formData()`:                                                       `throws TypeError: Unrecognized Content-Type header value. FormData can only parse the following MIME types: multipart/form-data, application/x-www-form-urlencoded`,
		`return new Response(new Uint8Array([1])).formData()`:                                                                                  `throws TypeError: Parsing a Body as FormData requires a Content-Type header.`,
		`return new Response('x', {headers: {'content-type': 'multipart/form-data'}}).formData()`:                                              `throws TypeError: No boundary string in Content-Type header. The multipart/form-data MIME type requires a boundary parameter, e.g. 'Content-Type: multipart/form-data; boundary="abcd"'. See RFC 7578, section 4.`,
		`return new Response('x', {headers: {'content-type': 'text/plain, application/x-www-form-urlencoded'}}).formData()`:                    `throws TypeError: Unrecognized Content-Type header value. FormData can only parse the following MIME types: multipart/form-data, application/x-www-form-urlencoded`,
		`const r = new Response('a=1', {headers: {'content-type': 'application/x-www-form-urlencoded'}}); await r.text(); return r.formData()`: `throws TypeError: Body has already been used. It can only be used once. Use tee() first if you need to read it twice.`,
		`return new Response(null, {headers: {'content-type': 'multipart/form-data; boundary=x'}}).formData()`:                                 `throws TypeError: No initial boundary string (or you have a truncated message).`,
		`return new Response(null, {headers: {'content-type': 'application/x-www-form-urlencoded'}}).formData().then(f => [...f])`:             `[]`,
	})
}

// The multipart/form-data and urlencoded parsers (workerd's testFormDataParser, plus edges).
func TestFormDataParse(t *testing.T) {
	const parse = `const parse = (ct, body) => new Request('http://x/', {method: 'POST', body, headers: {'content-type': ct}}).formData().then(fd => [...fd].map(([k, v]) => k + '=' + (typeof v === 'string' ? v : 'File(' + v.name + ',' + v.type + ')')).join(','));
`
	cases := map[string]string{
		`return parse('multipart/form-data; Boundary="-"', '---\nContent-Disposition: form-data; name="field0"\n\npart0\n---\nContent-Disposition: form-data; name="field1"\n\npart1\n---\nContent-Disposition: form-data; name="field0"\n\npart2\n-----')`: `"field0=part0,field1=part1,field0=part2"`,
		`return parse('multipart/form-data; boundary="+"', '--+--')`: `""`,
		`return parse('multipart/form-data; boundary="+"', ['--+\r\n', 'Content-Disposition: form-data; name="field0"\r\n', '\r\n', 'part0\r\n',
		   '--+\n', 'CONTENT-DISPOSITION:\tform-data\t;\tname="field1"\r\n', '\n', 'part1\n',
		   '--+\r\n', 'content-disposition:form-data;name="field0"\n', '\r\n', 'part2\r\n',
		   '--+\r\n', 'CoNTent-dIsposiTIOn: form-data; name="field1"\n', '\r\n', 'part3\r\n', '--+--'].join(''))`: `"field0=part0,field1=part1,field0=part2,field1=part3"`,
		`return parse('multipart/form-data; boundary="+"', ['\r\n\r\n', '\r\n\n', '\n\r\n', '\n\n'].flatMap(h => ['\r\n', '\n'].map(m => '--+\r\nContent-Disposition: form-data; name="e"' + h + m)).join('') + '--+--')`: `"e=,e=,e=,e=,e=,e=,e=,e="`,
		`return parse('multipart/form-data; boundary="+"', '--+\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Disposition: form-data; name="field0"\r\n\r\npart0\r\n--+--')`:                                      `"field0=part0"`,
		`return parse('multipart/form-data; boundary=x', 'preamble\r\n--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nv\r\n--x--epilogue')`:                                                                        `"a=v"`,
		// Content-Disposition: parameters are quoted; the first one that does not parse ends them.
		`return parse('multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"; name="b"\r\n\r\nv\r\n--x--')`:                                                      `"b=v"`,
		`return parse('multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data ; name = "a" \r\n\r\nv\r\n--x--')`:                                                            `"a=v"`,
		`return parse('multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a" junk\r\n\r\nv\r\n--x--')`:                                                           `"a=v"`,
		`return parse('multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"; filename=""\r\n\r\nv\r\n--x--')`:                                                   `"a=v"`,
		`return parse('multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\nContent-Disposition: form-data; name="b"\r\n\r\nv\r\n--x--')`:                    `"a=v"`,
		`return parse('multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a\\"b\\\\c"; filename="\\q"\r\nContent-Type: Text/HTML; Charset=x\r\n\r\nv\r\n--x--')`: `"a\"b\\c=File(q,Text/HTML; Charset=x)"`,
		`return parse('multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"; filename="f"\r\n\r\nv\r\n--x--')`:                                                  `"a=File(f,)"`,
		`return parse('multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nv\r\r\n--x--').then(s => s.length)`:                                          `4`,
		// Errors.
		`return parse('multipart/form-data; boundary="+"', '')`:                                                                                                           `throws TypeError: No initial boundary string (or you have a truncated message).`,
		`return parse('multipart/form-data; boundary="+"', '--asdf--')`:                                                                                                   `throws TypeError: No initial boundary string (or you have a truncated message).`,
		`return parse('multipart/form-data; boundary="+"', '--+')`:                                                                                                        `throws TypeError: No initial boundary string (or you have a truncated message).`,
		`return parse('multipart/form-data; boundary="+"', '--+\r\nContent-Disposition: form-data; name="field0"\r\n\r\npart0\r\n-+--')`:                                  `throws TypeError: No subsequent boundary string after multipart message.`,
		`return parse('multipart/form-data; boundary="+"', '--+\r\nBad-Content-Disposition: form-data; name="field0"\r\n\r\npart0\r\n--+--')`:                             `throws TypeError: No valid Content-Disposition header found in FormData part.`,
		`return parse('multipart/form-data; boundary="+"', '--+\r\nContent-Disposition: form-data; name="field0"\r\n\rpart0\r\n--+--')`:                                   `throws TypeError: No multipart message header termination found.`,
		`return parse('multipart/form-data; boundary="+"', '--+\r\nContent-Disposition: form-data; name="field0"\r\n\r\npart0\r\n')`:                                      `throws TypeError: No subsequent boundary string after multipart message.`,
		`return parse('multipart/form-data; boundary="+"', '--+\r\nContent-Disposition: form-data; name="field0"\r\n\r\npart0\r\n--+\r--')`:                               `throws TypeError: Boundary string was not succeeded by CRLF, LF, or '--'.`,
		`return parse('multipart/form-data; boundary=', '----')`:                                                                                                          `throws TypeError: No boundary string in Content-Type header. The multipart/form-data MIME type requires a boundary parameter, e.g. 'Content-Type: multipart/form-data; boundary="abcd"'. See RFC 7578, section 4.`,
		`return parse('multipart/form-data; boundary=x', '--x\r\nContent-Disposition: foobar\r\nContent-Type: application/octet-stream\r\n\r\nfoo-content\r\n--x--\r\n')`: `throws TypeError: Content-Disposition header for FormData part must have the value "form-data", possibly followed by parameters. Got: "foobar"`,
		`return parse('multipart/form-data; boundary=x', '--x\r\nContent-Disposition: Form-Data; name="a"\r\n\r\nv\r\n--x--')`:                                            `throws TypeError: Content-Disposition header for FormData part must have the value "form-data", possibly followed by parameters. Got: "Form-Data"`,
		`return parse('multipart/form-data; boundary=x', '--x\r\nContent-Disposition: ;x\r\n\r\nv\r\n--x--')`:                                                             `throws TypeError: Invalid Content-Disposition header found in FormData part.`,
		`return parse('multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--x--')`:                                              `throws TypeError: Content-Disposition header in FormData part is missing a name.`,
		`return parse('multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name=""\r\n\r\nv\r\n--x--')`:                                             `throws TypeError: Content-Disposition header in FormData part is missing a name.`,
		`return parse('multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\nBad Header\r\n\r\nv\r\n--x--')`:                              `throws TypeError: FormData part had invalid headers.`,
		`return parse('multipart/form-data; boundary=x', '--x\r\n\r\nv\r\n--x--')`:                                                                                        `throws TypeError: No multipart message header termination found.`,
		`return parse('multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nv\n--xy\r\n--x--')`:                                      `throws TypeError: Boundary string was not succeeded by CRLF, LF, or '--'.`,

		// application/x-www-form-urlencoded.
		`return parse('application/x-www-form-urlencoded', 'field0=part0&field1=part1&field0=part2&field1=part3')`:                                                                            `"field0=part0,field1=part1,field0=part2,field1=part3"`,
		`return parse('application/x-www-form-urlencoded', 'field0=data+with+an+%26+in+it')`:                                                                                                  `"field0=data with an & in it"`,
		`return parse('application/x-www-form-urlencoded', '&=&field1&=part2&field1=')`:                                                                                                       `"=,field1=,=part2,field1="`,
		`return parse('application/x-www-form-urlencoded; charset=UTF-8', 'a=1&c=%41+%2B&d=%C3%A9&e=%ff')`:                                                                                    `"a=1,c=A +,d=é,e=�"`,
		`return parse('Application/X-WWW-Form-Urlencoded ; foo', 'a=1')`:                                                                                                                      `"a=1"`,
		`return parse('application/x-www-form-urlencoded; charset=big5', '--+--')`:                                                                                                            `throws TypeError: Non-utf-8 application/x-www-form-urlencoded body.`,
		`return parse('application/x-www-form-urlencoded', '%41%=1&b=%zz&c=%&d=%4&e=x%2&f=%%41&g=%4g&h=%g4').then(s => [...s].map(c => c.charCodeAt(0) < 32 ? c.charCodeAt(0) : c).join(''))`: `"A=1,b=zz,c=,d=4,e=x2,f=A,g=4g,h=g4"`,
		`return parse('application/x-www-form-urlencoded', Array.from({length: 100}, (_, i) => 'key' + i + '=val' + i).join('&')).then(s => s.split(',').length)`:                             `100`,
	}
	wrapped := map[string]string{}
	for src, want := range cases {
		wrapped[parse+src] = want
	}
	check(t, wrapped)
}

// Files in a multipart body are parsed from its bytes; string parts decode as UTF-8.
func TestFormDataParseBytes(t *testing.T) {
	check(t, map[string]string{
		`const enc = (s) => [...new TextEncoder().encode(s)];
		 const body = new Uint8Array([...enc('--b\r\nContent-Disposition: form-data; name="f"; filename="x.bin"\r\n\r\n'), 0xff, 0xfe, 0x00, 0xc3, 0x28,
		   ...enc('\r\n--b\r\nContent-Disposition: form-data; name="s"\r\n\r\n'), 0xff, 0x41, ...enc('\r\n--b--')]);
		 const fd = await new Response(body, {headers: {'content-type': 'multipart/form-data; boundary=b'}}).formData(); const f = fd.get('f');
		 return [[...await f.bytes()], f.type, f.name, f.lastModified > 0, [...fd.get('s')].map(c => c.charCodeAt(0))]`: `[[255,254,0,195,40],"","x.bin",true,[65533,65]]`,
		// formdata_parser_converts_files_to_strings: files are parsed as their text.
		`const ints = globalThis[Symbol.for("nanod.internals")];
		 Object.defineProperty(ints, "compatEnabled", { value: {}, configurable: true });
		 try {
		   const fd = await new Response('--x\r\nContent-Disposition: form-data; name="a"; filename="f.txt"\r\n\r\nv\r\n--x--', {headers: {'content-type': 'multipart/form-data; boundary=x'}}).formData();
		   return fd.get('a');
		 } finally { delete ints.compatEnabled; }`: `"v"`,
	})
}

// Blob bodies and Body.blob().
func TestBlobBody(t *testing.T) {
	check(t, map[string]string{
		`const r = new Response(new Blob(['foobar', 'baz'], {type: 'return/type'})); return [r.headers.get('content-type'), await r.text()]`:                                  `["return/type","foobarbaz"]`,
		`return [new Response(new Blob(['typeful'], {type: 'foo'})).headers.has('Content-Type'), new Response(new Blob(['typeless'])).headers.has('Content-Type')]`:           `[true,false]`,
		`const r = new Response(new Blob(['x'])); return [r.body.constructor.name, await r.text()]`:                                                                           `["ReadableStream","x"]`,
		`const b = new Blob(['abc']); const r = new Request('http://x/', {method: 'POST', body: b}); const u = await r.bytes(); u[0] = 0; return b.text()`:                    `"abc"`,
		`return new Request('http://x', {method: 'POST', body: new Blob(['abc'], {type: 'A/B'})}).headers.get('content-type')`:                                                `"a/b"`,
		`const b = await new Request('http://x', {method: 'POST', body: 'abcd1234', headers: {'content-type': 'some/type'}}).blob(); return [await b.text(), b.type, b.size]`: `["abcd1234","some/type",8]`,
		// The MIME type is extracted from the Content-Type (blob_standard_mime_type).
		`const b = await new Response('test', {headers: {'content-type': 'text/plain, x/y, text/html'}}).blob(); return [await b.text(), b.type]`:                           `["test","text/html"]`,
		`return (await new Response('t', {headers: {'content-type': 'Text/Plain; Charset="UTF-8"; a=b'}}).blob()).type`:                                                     `"text/plain;charset=UTF-8;a=b"`,
		`return (await new Response('t', {headers: {'content-type': 'text/plain; x="a\\"b c"; y=""'}}).blob()).type`:                                                        `"text/plain;x=\"a\\\"b c\";y=\"\""`,
		`return (await new Response('t', {headers: {'content-type': 'text/html;charset=gbk, text/html'}}).blob()).type`:                                                     `"text/html;charset=gbk"`,
		`return [(await new Response('t', {headers: {'content-type': 'garbage'}}).blob()).type, (await new Response('t', {headers: {'content-type': '*/*'}}).blob()).type]`: `["",""]`,
		`return [(await new Response('test').blob()).type, (await new Response(new Uint8Array([1])).blob()).type]`:                                                          `["text/plain;charset=UTF-8",""]`,
		`const u8 = await new Blob(['test']).bytes(); const u8b = await new Response('test').bytes(); return [u8 instanceof Uint8Array, [...u8], [...u8b]]`:                 `[true,[116,101,115,116],[116,101,115,116]]`,
		// blob_legacy_mime_type: the header as it is.
		`const ints = globalThis[Symbol.for("nanod.internals")];
		 Object.defineProperty(ints, "compatEnabled", { value: {}, configurable: true });
		 try { return (await new Response('test', {headers: {'content-type': 'text/plain, x/y, text/html'}}).blob()).type; } finally { delete ints.compatEnabled; }`: `"text/plain, x/y, text/html"`,
	})
}
