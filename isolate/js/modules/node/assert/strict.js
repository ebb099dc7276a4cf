// node:assert/strict — the strict assertion mode of node:assert.
import assert from "node:assert";

export const strict = assert.strict;
export default assert.strict;
export const {
  AssertionError, deepEqual, deepStrictEqual, doesNotMatch, doesNotReject, doesNotThrow, equal,
  fail, ifError, match, notDeepEqual, notDeepStrictEqual, notEqual, notStrictEqual, ok, rejects,
  strictEqual, throws,
} = assert.strict;
