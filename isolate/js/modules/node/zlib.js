// node:zlib — Node's zlib module as workerd's nodejs_compat provides it: one-shot, callback and
// stream forms of deflate, gzip, raw deflate, brotli and zstd on Go's coders (isolate/nodezlib.go).
// One-shot errors are plain Errors with zlib's message (as workerd's); stream errors carry
// Node's code and errno. Option checks and their messages are workerd's.
import { Buffer, kMaxLength } from "node:buffer";
import { Transform } from "node:stream";
import { codeError, ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, validateFunction, nextTick } from "node-internal:errors";

const native = globalThis[Symbol.for("nanod.internals")].nodeZlib;

// The constants, named and numbered as workerd's (zlib 1.2 / brotli / zstd values).
export const constants = {
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6, Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1,
  Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1, Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3,
  Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 5120, DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4,
  DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7, BROTLI_DECODE: 8, BROTLI_ENCODE: 9, Z_MIN_WINDOWBITS: 8,
  Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15, Z_MIN_CHUNK: 64, Z_MAX_CHUNK: 134217728,
  Z_DEFAULT_CHUNK: 16384, Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8,
  Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1, BROTLI_OPERATION_PROCESS: 0,
  BROTLI_OPERATION_FLUSH: 1, BROTLI_OPERATION_FINISH: 2, BROTLI_OPERATION_EMIT_METADATA: 3,
  BROTLI_PARAM_MODE: 0, BROTLI_MODE_GENERIC: 0, BROTLI_MODE_TEXT: 1, BROTLI_MODE_FONT: 2,
  BROTLI_DEFAULT_MODE: 0, BROTLI_PARAM_QUALITY: 1, BROTLI_MIN_QUALITY: 0, BROTLI_MAX_QUALITY: 11,
  BROTLI_DEFAULT_QUALITY: 11, BROTLI_PARAM_LGWIN: 2, BROTLI_MIN_WINDOW_BITS: 10,
  BROTLI_MAX_WINDOW_BITS: 24, BROTLI_LARGE_MAX_WINDOW_BITS: 30, BROTLI_DEFAULT_WINDOW: 22,
  BROTLI_PARAM_LGBLOCK: 3, BROTLI_MIN_INPUT_BLOCK_BITS: 16, BROTLI_MAX_INPUT_BLOCK_BITS: 24,
  BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING: 4, BROTLI_PARAM_SIZE_HINT: 5,
  BROTLI_PARAM_LARGE_WINDOW: 6, BROTLI_PARAM_NPOSTFIX: 7, BROTLI_PARAM_NDIRECT: 8,
  BROTLI_DECODER_RESULT_ERROR: 0, BROTLI_DECODER_RESULT_SUCCESS: 1,
  BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: 2, BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: 3,
  BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION: 0, BROTLI_DECODER_PARAM_LARGE_WINDOW: 1,
  BROTLI_DECODER_NO_ERROR: 0, BROTLI_DECODER_SUCCESS: 1, BROTLI_DECODER_NEEDS_MORE_INPUT: 2,
  BROTLI_DECODER_NEEDS_MORE_OUTPUT: 3, BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_NIBBLE: -1,
  BROTLI_DECODER_ERROR_FORMAT_RESERVED: -2, BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_META_NIBBLE: -3,
  BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET: -4,
  BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME: -5, BROTLI_DECODER_ERROR_FORMAT_CL_SPACE: -6,
  BROTLI_DECODER_ERROR_FORMAT_HUFFMAN_SPACE: -7,
  BROTLI_DECODER_ERROR_FORMAT_CONTEXT_MAP_REPEAT: -8,
  BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_1: -9, BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2: -10,
  BROTLI_DECODER_ERROR_FORMAT_TRANSFORM: -11, BROTLI_DECODER_ERROR_FORMAT_DICTIONARY: -12,
  BROTLI_DECODER_ERROR_FORMAT_WINDOW_BITS: -13, BROTLI_DECODER_ERROR_FORMAT_PADDING_1: -14,
  BROTLI_DECODER_ERROR_FORMAT_PADDING_2: -15, BROTLI_DECODER_ERROR_FORMAT_DISTANCE: -16,
  BROTLI_DECODER_ERROR_DICTIONARY_NOT_SET: -19, BROTLI_DECODER_ERROR_INVALID_ARGUMENTS: -20,
  BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES: -21, BROTLI_DECODER_ERROR_ALLOC_TREE_GROUPS: -22,
  BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MAP: -25, BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_1: -26,
  BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_2: -27, BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES: -30,
  BROTLI_DECODER_ERROR_UNREACHABLE: -31, ZSTD_ENCODE: 10, ZSTD_DECODE: 11, ZSTD_COMPRESS: 10,
  ZSTD_DECOMPRESS: 11, ZSTD_e_continue: 0, ZSTD_e_flush: 1, ZSTD_e_end: 2,
  ZSTD_c_compressionLevel: 100, ZSTD_c_windowLog: 101, ZSTD_c_hashLog: 102, ZSTD_c_chainLog: 103,
  ZSTD_c_searchLog: 104, ZSTD_c_minMatch: 105, ZSTD_c_targetLength: 106, ZSTD_c_strategy: 107,
  ZSTD_c_enableLongDistanceMatching: 160, ZSTD_c_ldmHashLog: 161, ZSTD_c_ldmMinMatch: 162,
  ZSTD_c_ldmBucketSizeLog: 163, ZSTD_c_ldmHashRateLog: 164, ZSTD_c_contentSizeFlag: 200,
  ZSTD_c_checksumFlag: 201, ZSTD_c_dictIDFlag: 202, ZSTD_c_nbWorkers: 400, ZSTD_c_jobSize: 401,
  ZSTD_c_overlapLog: 402, ZSTD_d_windowLogMax: 100, ZSTD_fast: 1, ZSTD_dfast: 2, ZSTD_greedy: 3,
  ZSTD_lazy: 4, ZSTD_lazy2: 5, ZSTD_btlazy2: 6, ZSTD_btopt: 7, ZSTD_btultra: 8, ZSTD_btultra2: 9,
  ZSTD_CLEVEL_DEFAULT: 3, ZSTD_error_no_error: 0, ZSTD_error_GENERIC: 1,
  ZSTD_error_prefix_unknown: 10, ZSTD_error_version_unsupported: 12,
  ZSTD_error_frameParameter_unsupported: 14, ZSTD_error_frameParameter_windowTooLarge: 16,
  ZSTD_error_corruption_detected: 20, ZSTD_error_checksum_wrong: 22,
  ZSTD_error_literals_headerWrong: 24, ZSTD_error_dictionary_corrupted: 30,
  ZSTD_error_dictionary_wrong: 32, ZSTD_error_dictionaryCreation_failed: 34,
  ZSTD_error_parameter_unsupported: 40, ZSTD_error_parameter_combination_unsupported: 41,
  ZSTD_error_parameter_outOfBound: 42, ZSTD_error_tableLog_tooLarge: 44,
  ZSTD_error_maxSymbolValue_tooLarge: 46, ZSTD_error_maxSymbolValue_tooSmall: 48,
  ZSTD_error_stabilityCondition_notRespected: 50, ZSTD_error_stage_wrong: 60,
  ZSTD_error_init_missing: 62, ZSTD_error_memory_allocation: 64, ZSTD_error_workSpace_tooSmall: 66,
  ZSTD_error_dstSize_tooSmall: 70, ZSTD_error_srcSize_wrong: 72, ZSTD_error_dstBuffer_null: 74,
  ZSTD_error_noForwardProgress_destFull: 80, ZSTD_error_noForwardProgress_inputEmpty: 82,
};
// The namespace lacks the brotli size hint and zstd parameter names (default export only).
export const {
  Z_NO_FLUSH, Z_PARTIAL_FLUSH, Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_FINISH, Z_BLOCK, Z_OK, Z_STREAM_END,
  Z_NEED_DICT, Z_ERRNO, Z_STREAM_ERROR, Z_DATA_ERROR, Z_MEM_ERROR, Z_BUF_ERROR, Z_VERSION_ERROR,
  Z_NO_COMPRESSION, Z_BEST_SPEED, Z_BEST_COMPRESSION, Z_DEFAULT_COMPRESSION, Z_FILTERED,
  Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED, Z_DEFAULT_STRATEGY, ZLIB_VERNUM, DEFLATE, INFLATE, GZIP, GUNZIP,
  DEFLATERAW, INFLATERAW, UNZIP, BROTLI_DECODE, BROTLI_ENCODE, Z_MIN_WINDOWBITS, Z_MAX_WINDOWBITS,
  Z_DEFAULT_WINDOWBITS, Z_MIN_CHUNK, Z_MAX_CHUNK, Z_DEFAULT_CHUNK, Z_MIN_MEMLEVEL, Z_MAX_MEMLEVEL,
  Z_DEFAULT_MEMLEVEL, Z_MIN_LEVEL, Z_MAX_LEVEL, Z_DEFAULT_LEVEL, BROTLI_OPERATION_PROCESS,
  BROTLI_OPERATION_FLUSH, BROTLI_OPERATION_FINISH, BROTLI_OPERATION_EMIT_METADATA,
  BROTLI_PARAM_MODE, BROTLI_MODE_GENERIC, BROTLI_MODE_TEXT, BROTLI_MODE_FONT, BROTLI_DEFAULT_MODE,
  BROTLI_PARAM_QUALITY, BROTLI_MIN_QUALITY, BROTLI_MAX_QUALITY, BROTLI_DEFAULT_QUALITY,
  BROTLI_PARAM_LGWIN, BROTLI_MIN_WINDOW_BITS, BROTLI_MAX_WINDOW_BITS, BROTLI_LARGE_MAX_WINDOW_BITS,
  BROTLI_DEFAULT_WINDOW, BROTLI_PARAM_LGBLOCK, BROTLI_MIN_INPUT_BLOCK_BITS,
  BROTLI_MAX_INPUT_BLOCK_BITS, BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING,
  BROTLI_PARAM_LARGE_WINDOW, BROTLI_PARAM_NPOSTFIX, BROTLI_PARAM_NDIRECT,
  BROTLI_DECODER_RESULT_ERROR, BROTLI_DECODER_RESULT_SUCCESS,
  BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT, BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT,
  BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION, BROTLI_DECODER_PARAM_LARGE_WINDOW,
  BROTLI_DECODER_NO_ERROR, BROTLI_DECODER_SUCCESS, BROTLI_DECODER_NEEDS_MORE_INPUT,
  BROTLI_DECODER_NEEDS_MORE_OUTPUT, BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_NIBBLE,
  BROTLI_DECODER_ERROR_FORMAT_RESERVED, BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_META_NIBBLE,
  BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET,
  BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME, BROTLI_DECODER_ERROR_FORMAT_CL_SPACE,
  BROTLI_DECODER_ERROR_FORMAT_HUFFMAN_SPACE, BROTLI_DECODER_ERROR_FORMAT_CONTEXT_MAP_REPEAT,
  BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_1, BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2,
  BROTLI_DECODER_ERROR_FORMAT_TRANSFORM, BROTLI_DECODER_ERROR_FORMAT_DICTIONARY,
  BROTLI_DECODER_ERROR_FORMAT_WINDOW_BITS, BROTLI_DECODER_ERROR_FORMAT_PADDING_1,
  BROTLI_DECODER_ERROR_FORMAT_PADDING_2, BROTLI_DECODER_ERROR_FORMAT_DISTANCE,
  BROTLI_DECODER_ERROR_DICTIONARY_NOT_SET, BROTLI_DECODER_ERROR_INVALID_ARGUMENTS,
  BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES, BROTLI_DECODER_ERROR_ALLOC_TREE_GROUPS,
  BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MAP, BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_1,
  BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_2, BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES,
  BROTLI_DECODER_ERROR_UNREACHABLE, ZSTD_ENCODE, ZSTD_DECODE, ZSTD_COMPRESS, ZSTD_DECOMPRESS,
  ZSTD_error_no_error, ZSTD_error_GENERIC, ZSTD_error_prefix_unknown,
  ZSTD_error_version_unsupported, ZSTD_error_frameParameter_unsupported,
  ZSTD_error_frameParameter_windowTooLarge, ZSTD_error_corruption_detected,
  ZSTD_error_checksum_wrong, ZSTD_error_literals_headerWrong, ZSTD_error_dictionary_corrupted,
  ZSTD_error_dictionary_wrong, ZSTD_error_dictionaryCreation_failed,
  ZSTD_error_parameter_unsupported, ZSTD_error_parameter_combination_unsupported,
  ZSTD_error_parameter_outOfBound, ZSTD_error_tableLog_tooLarge,
  ZSTD_error_maxSymbolValue_tooLarge, ZSTD_error_maxSymbolValue_tooSmall,
  ZSTD_error_stabilityCondition_notRespected, ZSTD_error_stage_wrong, ZSTD_error_init_missing,
  ZSTD_error_memory_allocation, ZSTD_error_workSpace_tooSmall, ZSTD_error_dstSize_tooSmall,
  ZSTD_error_srcSize_wrong, ZSTD_error_dstBuffer_null, ZSTD_error_noForwardProgress_destFull,
  ZSTD_error_noForwardProgress_inputEmpty,
} = constants;

export const codes = {
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
};
for (const k of Object.keys(codes)) codes[codes[k]] = k;
Object.freeze(codes);
// The constants are read-only (not frozen), as workerd defines them.
for (const k of Object.keys(constants)) {
  Object.defineProperty(constants, k, { value: constants[k], writable: false, configurable: false, enumerable: true });
}

const DEFLATE_RAW = DEFLATERAW, INFLATE_RAW = INFLATERAW;
const isZstd = (mode) => mode === ZSTD_ENCODE || mode === ZSTD_DECODE;
// The zstd parameters each direction accepts (ZSTD_c_* and ZSTD_d_*).
const zstdCompressParams = new Set([100, 101, 102, 103, 104, 105, 106, 107, 160, 161, 162, 163, 164, 200, 201, 202, 400, 401, 402]);
const zstdDecompressParams = new Set([100]);
const zstdLevel = (params) => {
  const v = params?.[constants.ZSTD_c_compressionLevel];
  return v === undefined ? constants.ZSTD_CLEVEL_DEFAULT : Math.min(Math.max(toInt(v), -7), 22);
};
const isDecode = (mode) => mode === INFLATE || mode === GUNZIP || mode === INFLATE_RAW || mode === UNZIP || mode === BROTLI_DECODE || mode === ZSTD_DECOMPRESS;

// ---- one-shot coding ---------------------------------------------------------------------------

const notInput = (n, fn = "zlibSync") => new TypeError(`Failed to execute '${fn}' on 'ZlibUtil': parameter ${n} is not of type 'string or ArrayBuffer or ArrayBufferView'.`);

function bytesOf(data, what = notInput(1)) {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (data instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && data instanceof SharedArrayBuffer)) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw what;
}

// The one-shot path converts options as workerd's C++ does: numbers by ToInt32-like conversion,
// ranges as plain RangeErrors without a code.
const syncRange = (name, v, lo, hi) => new RangeError(`The value of "options.${name}" is out of range. It must be >= ${lo} and <= ${hi}. Received ${v}`);
const toInt = (v) => { const n = Number(v); return Number.isFinite(n) ? Math.trunc(n) : 0; };

function syncOptions(mode, options) {
  if (options === undefined || options === null) options = {};
  else if (typeof options !== "object" && typeof options !== "function") {
    throw new TypeError("Failed to execute 'zlibSync' on 'ZlibUtil': parameter 2 is not of type 'Options'.");
  }
  // One-shot output is limited to Z_MAX_CHUNK unless maxOutputLength says less (workerd's rule).
  const o = { level: -1, strategy: 0, dict: undefined, maxOut: constants.Z_MAX_CHUNK, partial: false, quality: 11, lgwin: 22 };
  const num = (name, lo, hi, def) => {
    const v = options[name];
    if (v === undefined) return def;
    const n = toInt(v);
    if (n < lo || n > hi) throw syncRange(name, n, lo, hi);
    return n;
  };
  const unsigned = (name, lo, hi, def) => {
    const v = options[name];
    if (v === undefined) return def;
    const n = toInt(v);
    if (n < 0) throw new TypeError("The value cannot be converted because it is negative and this API expects a positive number.");
    if (n < lo || n > hi) throw syncRange(name, n, lo, hi);
    return n;
  };
  num("flush", 0, 6, 0);
  if (options.finishFlush !== undefined) {
    const n = Math.max(toInt(options.finishFlush), 0);
    if (n < 1 || n > 6) throw syncRange("finishFlush", n, 0, 6);
    o.partial = n !== constants.Z_FINISH;
  }
  num("chunkSize", 64, 134217728, 16384);
  if (options.maxOutputLength !== undefined) o.maxOut = num("maxOutputLength", 1, 134217728, constants.Z_MAX_CHUNK);
  if (isZstd(mode)) {
    const params = options.params;
    if (params !== undefined) {
      if (typeof params !== "object" || params === null) {
        throw new TypeError("Incorrect type for the 'params' field on 'Options': the provided value is not of type 'object'.");
      }
      const valid = mode === ZSTD_ENCODE ? zstdCompressParams : zstdDecompressParams;
      for (const key of Object.keys(params)) {
        if (!valid.has(Number(key))) {
          throw new Error(`Unsupported Zstd ${mode === ZSTD_ENCODE ? "compression" : "decompression"} parameter: ${key}`);
        }
      }
    }
    o.quality = zstdLevel(params);
    return o;
  }
  if (mode === BROTLI_ENCODE || mode === BROTLI_DECODE) {
    const params = options.params;
    if (params !== undefined) {
      if (typeof params !== "object" || params === null) {
        throw new TypeError("Incorrect type for the 'params' field on 'Options': the provided value is not of type 'object'.");
      }
      for (const key of Object.keys(params)) {
        const k = Number(key);
        const valid = mode === BROTLI_ENCODE ? k >= 0 && k <= 8 : k >= 0 && k <= 1;
        if (!Number.isInteger(k) || !valid) throw new Error("Setting parameter failed");
        const v = toInt(params[key]);
        if (brotliFlag(mode, k) && v !== 0 && v !== 1) throw new Error("Setting parameter failed");
        if (mode === BROTLI_ENCODE && k === constants.BROTLI_PARAM_QUALITY) o.quality = Math.min(Math.max(v, 0), 11);
        if (mode === BROTLI_ENCODE && k === constants.BROTLI_PARAM_LGWIN) o.lgwin = Math.min(Math.max(v, 10), 24);
      }
    }
    return o;
  }
  o.level = num("level", -1, 9, -1);
  const wb = options.windowBits;
  if (wb !== undefined && !(toInt(wb) === 0 && (mode === INFLATE || mode === GUNZIP || mode === UNZIP))) num("windowBits", 8, 15, 15);
  num("memLevel", 1, 9, 8);
  o.strategy = unsigned("strategy", 0, 0xffffffff, 0);
  if (o.strategy > 4) throw new Error("invalid strategy");
  if (options.dictionary !== undefined) {
    const d = options.dictionary;
    if (!(d instanceof ArrayBuffer) && !ArrayBuffer.isView(d)) {
      throw new TypeError("Incorrect type for the 'dictionary' field on 'Options': the provided value is not of type 'ArrayBuffer or ArrayBufferView'.");
    }
    o.dict = bytesOf(d);
  }
  return o;
}

// runNative calls a coder and turns its "code\0errno\0message" failure into an Error.
function fail(r, withCode) {
  const [code, errno, message] = r.split("\0");
  const e = code === "ERR_BUFFER_TOO_LARGE" ? new RangeError(message) : new Error(message);
  if (withCode && code !== "ERR_BUFFER_TOO_LARGE") {
    e.errno = Number(errno);
    e.code = code;
  }
  return e;
}

function toBuffer(u8) {
  return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

function codeSync(mode, data, options, name) {
  const input = bytesOf(data, notInput(1, isZstd(mode) ? name : "zlibSync"));
  if (input.byteLength >= constants.Z_MAX_CHUNK) throw new RangeError("Memory limit exceeded");
  const o = syncOptions(mode, options);
  const r = native.sync(mode, input, o.level, o.strategy, o.dict, o.maxOut, o.partial, o.quality, o.lgwin);
  if (typeof r === "string") throw fail(r, false);
  const buffer = toBuffer(r);
  if (options.info) return { engine: new (classOf[mode])(options), buffer };
  return buffer;
}

function oneShot(mode, name) {
  const sync = {
    [name + "Sync"](data, options = {}) { return codeSync(mode, data, options, name + "Sync"); },
  }[name + "Sync"];
  const cb = {
    [name](data, options, callback) {
      if (typeof options === "function") {
        callback = options;
        options = {};
      }
      validateFunction(callback, "callback");
      queueMicrotask(() => {
        let result;
        try {
          result = codeSync(mode, data, options ?? {}, name + "Sync");
        } catch (e) {
          callback(e);
          return;
        }
        callback(null, result);
      });
    },
  }[name];
  return [cb, sync];
}

export const [deflate, deflateSync] = oneShot(DEFLATE, "deflate");
export const [inflate, inflateSync] = oneShot(INFLATE, "inflate");
export const [gzip, gzipSync] = oneShot(GZIP, "gzip");
export const [gunzip, gunzipSync] = oneShot(GUNZIP, "gunzip");
export const [deflateRaw, deflateRawSync] = oneShot(DEFLATE_RAW, "deflateRaw");
export const [inflateRaw, inflateRawSync] = oneShot(INFLATE_RAW, "inflateRaw");
export const [unzip, unzipSync] = oneShot(UNZIP, "unzip");
export const [brotliCompress, brotliCompressSync] = oneShot(BROTLI_ENCODE, "brotliCompress");
export const [brotliDecompress, brotliDecompressSync] = oneShot(BROTLI_DECODE, "brotliDecompress");

export const [zstdCompress, zstdCompressSync] = oneShot(ZSTD_ENCODE, "zstdCompress");
export const [zstdDecompress, zstdDecompressSync] = oneShot(ZSTD_DECODE, "zstdDecompress");

export function crc32(data, value = 0) {
  const input = bytesOf(data, new TypeError("Failed to execute 'crc32' on 'ZlibUtil': parameter 1 is not of type 'string or ArrayBuffer or ArrayBufferView'."));
  if (typeof value !== "number") throw ERR_INVALID_ARG_TYPE("value", "number", value);
  if (!(value >= 0 && value < 4294967296)) {
    const e = new RangeError(`The value of "value" is out of range. It must be >= 0 && < 4294967296. Received ${value}`);
    e.code = "ERR_OUT_OF_RANGE";
    throw e;
  }
  return native.crc32(input, value);
}

// ---- streams -----------------------------------------------------------------------------------

// The stream constructors check options as Node's JS does, with Node's error codes.
function checkRange(options, name, lo, hi, def) {
  const v = options?.[name];
  if (v === undefined || Number.isNaN(v)) return def;
  if (typeof v !== "number") throw ERR_INVALID_ARG_TYPE(`options.${name}`, "number", v);
  if (!Number.isFinite(v)) throw ERR_OUT_OF_RANGE(`options.${name}`, "a finite number", v);
  if (v < lo || (hi !== undefined && v > hi)) {
    throw ERR_OUT_OF_RANGE(`options.${name}`, hi === undefined ? `>= ${lo}` : `>= ${lo} and <= ${hi}`, v);
  }
  return v;
}

const kFlush = Symbol("flush");
const kMaxBrotliParam = 8;
// The brotli parameters that are on/off flags: other values fail, as in libbrotli's setup.
const brotliFlag = (mode, k) => (mode === BROTLI_ENCODE
  ? k === constants.BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING || k === constants.BROTLI_PARAM_LARGE_WINDOW
  : k === constants.BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION || k === constants.BROTLI_DECODER_PARAM_LARGE_WINDOW);
const kIncremental = 1 << 20;

class ZlibBase extends Transform {
  #mode;
  #id = 0;
  #input = [];
  #opts;
  #flushes = 0;
  #inputLength = 0; // bytes gathered by a decompressing stream
  #pushed = 0; // decoded bytes already pushed
  #finished = false; // a decompressing stream reached the end of its data: the rest is ignored
  constructor(options, mode, nativeOpts) {
    const brotli = mode === BROTLI_ENCODE || mode === BROTLI_DECODE;
    const [lo, hi, def, fin, full] = brotli
      ? [constants.BROTLI_OPERATION_PROCESS, constants.BROTLI_OPERATION_EMIT_METADATA, constants.BROTLI_OPERATION_PROCESS, constants.BROTLI_OPERATION_FINISH, constants.BROTLI_OPERATION_FLUSH]
      : isZstd(mode)
        ? [constants.ZSTD_e_continue, constants.ZSTD_e_end, constants.ZSTD_e_continue, constants.ZSTD_e_end, constants.ZSTD_e_flush]
        : [constants.Z_NO_FLUSH, constants.Z_BLOCK, constants.Z_NO_FLUSH, constants.Z_FINISH, constants.Z_FULL_FLUSH];
    const chunkSize = checkRange(options, "chunkSize", constants.Z_MIN_CHUNK, undefined, constants.Z_DEFAULT_CHUNK);
    const flush = checkRange(options, "flush", lo, hi, def);
    const finishFlush = checkRange(options, "finishFlush", lo, hi, fin);
    const maxOutputLength = checkRange(options, "maxOutputLength", 1, kMaxLength, kMaxLength);
    super({ ...options, autoDestroy: true, readableHighWaterMark: options?.readableHighWaterMark ?? 65536, writableHighWaterMark: options?.writableHighWaterMark ?? 65536 });
    this.bytesWritten = 0;
    this._maxOutputLength = maxOutputLength;
    this._outBuffer = Buffer.alloc(chunkSize);
    this._outOffset = 0;
    this._chunkSize = chunkSize;
    this._defaultFlushFlag = flush;
    this._finishFlushFlag = finishFlush;
    this._defaultFullFlushFlag = full;
    this._info = Boolean(options?.info);
    this._handle = {};
    this._writeState = new Uint32Array(2);
    this._writesInProgress = 0;
    this._hadWrites = false;
    this.#mode = mode;
    // A stream's output is decoded into memory whole (Go's decoders cannot resume), so it is
    // held to Z_MAX_CHUNK as the one-shot calls are: a decompression bomb fails with "Memory
    // limit exceeded" instead of exhausting the process.
    this.#opts = { ...nativeOpts, maxOut: Math.min(maxOutputLength, constants.Z_MAX_CHUNK), partial: finishFlush !== fin };
    this.#open();
  }
  #open() {
    if (isDecode(this.#mode)) return;
    const o = this.#opts;
    const r = native.streamNew(this.#mode, o.level, o.strategy, o.dict, 0, false, o.quality, o.lgwin);
    if (typeof r === "string") throw fail(r, true);
    this.#id = r;
  }
  // #decode decodes the gathered input and pushes what was not pushed yet; it returns the error.
  #decode(partial) {
    const o = this.#opts;
    const r = native.sync(this.#mode, Buffer.concat(this.#input), o.level, o.strategy, o.dict, o.maxOut, partial, o.quality, o.lgwin);
    if (typeof r === "string") return fail(r, true);
    if (r.length > this.#pushed) {
      this.push(toBuffer(r.subarray(this.#pushed)));
      this.#pushed = r.length;
    }
    const end = native.lastEnd();
    if (end >= 0 && end < this.#inputLength && !this.#finished) {
      // Input arrived past the end of the compressed stream: the readable side ends here, as
      // zlib's does (a stream that merely reached its end still waits for end()).
      this.#finished = true;
      this.bytesWritten = end;
      this.push(null);
    }
    return null;
  }
  get _closed() { return this.destroyed; }
  get bytesRead() { return this.bytesWritten; }
  set bytesRead(v) { this.bytesWritten = v; }
  reset() {
    if (this.#id) native.streamFree(this.#id);
    this.#input = [];
    this.#inputLength = 0;
    this.#pushed = 0;
    this.#finished = false;
    this.#open();
  }
  _flush(callback) {
    let r;
    if (isDecode(this.#mode)) {
      if (this.#finished) {
        callback();
        return;
      }
      const err = this.#decode(this.#opts.partial);
      this.#input = [];
      callback(err ?? undefined);
      return;
    } else if (this.bytesWritten === 0 && this.#mode !== BROTLI_ENCODE && !isZstd(this.#mode)) {
      // Nothing was written: zlib's framing of empty input (Go's coder adds an empty block).
      native.streamFree(this.#id);
      this.#id = 0;
      const o = this.#opts;
      r = native.sync(this.#mode, new Uint8Array(0), o.level, o.strategy, o.dict, o.maxOut, false, o.quality, o.lgwin);
    } else {
      r = native.streamWrite(this.#id, undefined, 2);
      this.#id = 0;
    }
    if (typeof r === "string") {
      callback(fail(r, true));
      return;
    }
    if (r.length) this.push(toBuffer(r));
    callback();
  }
  _final(callback) {
    callback();
  }
  flush(kind, callback) {
    if (typeof kind === "function" || kind === undefined) {
      callback = kind;
    }
    if (this.writableFinished) {
      if (callback) nextTick(callback);
    } else if (this.writableEnded) {
      if (callback) this.once("end", callback);
    } else {
      this.#flushes++;
      const b = Buffer.alloc(0);
      b[kFlush] = true;
      this.write(b, callback);
    }
  }
  close(callback) {
    if (callback) {
      if (this.closed) nextTick(callback);
      else this.once("close", callback);
    }
    this.destroy();
  }
  _destroy(err, callback) {
    if (this.#id) native.streamFree(this.#id);
    this.#id = 0;
    this.#input = [];
    this._handle = null;
    callback(err);
  }
  _transform(chunk, encoding, callback) {
    const data = typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk;
    const flushing = data.length === 0 && this.#flushes > 0 && data[kFlush];
    if (flushing) this.#flushes--;
    this.bytesWritten += data.length;
    if (isDecode(this.#mode)) {
      if (this.#finished) {
        // As with zlib, what follows the compressed stream is neither decoded nor counted.
        this.bytesWritten -= data.length;
        callback();
        return;
      }
      if (data.length) {
        this.#input.push(Buffer.from(data));
        this.#inputLength += data.length;
        // Go's decoders cannot resume, so the gathered input is decoded again from the start
        // (tolerating a cut-short end) and what is new is pushed; errors show as soon as the bad
        // bytes arrive. Past kIncremental bytes of input the rest waits for the end instead.
        if (this.#inputLength <= kIncremental) {
          const err = this.#decode(true);
          if (err) {
            callback(err);
            return;
          }
        }
      }
      callback();
      return;
    }
    const r = native.streamWrite(this.#id, data, flushing ? 1 : 0);
    if (typeof r === "string") {
      callback(fail(r, true));
      return;
    }
    if (r.length) this.push(toBuffer(r));
    callback();
  }
  // _processChunk with a callback is a write; without one it codes the chunk synchronously and
  // returns the output (Node's internal one-shot path, which some packages call).
  _processChunk(chunk, flushFlag, cb) {
    if (typeof cb === "function") {
      this._transform(chunk, undefined, cb);
      return undefined;
    }
    const data = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    this.bytesWritten += data.length;
    if (isDecode(this.#mode)) {
      this.#input.push(Buffer.from(data));
      const o = this.#opts;
      const r = native.sync(this.#mode, Buffer.concat(this.#input), o.level, o.strategy, o.dict, o.maxOut, flushFlag !== this._finishFlushFlag || o.partial, o.quality, o.lgwin);
      if (typeof r === "string") throw fail(r, true);
      const out = toBuffer(r.subarray(this.#pushed));
      this.#pushed = r.length;
      return out;
    }
    const finish = flushFlag === this._finishFlushFlag;
    const r = native.streamWrite(this.#id, data, finish ? 2 : flushFlag === this._defaultFlushFlag ? 0 : 1);
    if (finish) this.#id = 0;
    if (typeof r === "string") throw fail(r, true);
    return toBuffer(r);
  }
}

class Zlib extends ZlibBase {
  constructor(options, mode) {
    let windowBits = constants.Z_DEFAULT_WINDOWBITS;
    if (options?.windowBits === 0 && (mode === INFLATE || mode === GUNZIP || mode === UNZIP)) windowBits = 0;
    else windowBits = checkRange(options, "windowBits", isDecode(mode) ? constants.Z_MIN_WINDOWBITS : 9, constants.Z_MAX_WINDOWBITS, constants.Z_DEFAULT_WINDOWBITS);
    const level = checkRange(options, "level", constants.Z_MIN_LEVEL, constants.Z_MAX_LEVEL, constants.Z_DEFAULT_COMPRESSION);
    checkRange(options, "memLevel", constants.Z_MIN_MEMLEVEL, constants.Z_MAX_MEMLEVEL, constants.Z_DEFAULT_MEMLEVEL);
    const strategy = checkRange(options, "strategy", constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED, constants.Z_DEFAULT_STRATEGY);
    let dictionary = options?.dictionary;
    if (dictionary !== undefined && !(dictionary instanceof ArrayBuffer) && !ArrayBuffer.isView(dictionary)) {
      throw ERR_INVALID_ARG_TYPE("options.dictionary", ["Buffer", "TypedArray", "DataView", "ArrayBuffer"], dictionary);
    }
    super(options, mode, { level: Math.trunc(level), strategy, dict: dictionary === undefined ? undefined : bytesOf(dictionary) });
    this._level = level;
    this._strategy = strategy;
    void windowBits;
  }
  // Go's deflate cannot change level mid-stream: the new values are checked and kept, and
  // apply from the next reset().
  params(level, strategy, callback) {
    checkRange({ level }, "level", constants.Z_MIN_LEVEL, constants.Z_MAX_LEVEL);
    checkRange({ strategy }, "strategy", constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED);
    this._level = level;
    this._strategy = strategy;
    if (callback) nextTick(callback);
  }
}

class Brotli extends ZlibBase {
  constructor(options, mode) {
    const o = { level: 0, strategy: 0, quality: 11, lgwin: 22 };
    const params = options?.params;
    if (params !== undefined && params !== null) {
      const seen = new Set();
      for (const key of Object.keys(params)) {
        // Keys are parameter numbers ("00" is 0 again: a duplicate, refused as Node does).
        const k = Number(key);
        if (!Number.isInteger(k) || k < 0 || k > kMaxBrotliParam || seen.has(k)) {
          throw codeError(RangeError, "ERR_BROTLI_INVALID_PARAM", `${key} is not a valid Brotli parameter`);
        }
        seen.add(k);
        const v = params[key];
        if (typeof v !== "number" && typeof v !== "boolean") throw ERR_INVALID_ARG_TYPE("options.params[key]", "number", v);
        const valid = mode === BROTLI_ENCODE ? k <= 8 : k <= 1;
        if (!valid || (brotliFlag(mode, k) && Number(v) !== 0 && Number(v) !== 1)) {
          throw codeError(Error, "ERR_ZLIB_INITIALIZATION_FAILED", "Initialization failed");
        }
        if (mode === BROTLI_ENCODE && k === constants.BROTLI_PARAM_QUALITY) o.quality = Math.min(Math.max(toInt(v), 0), 11);
        if (mode === BROTLI_ENCODE && k === constants.BROTLI_PARAM_LGWIN) o.lgwin = Math.min(Math.max(toInt(v), 10), 24);
      }
    }
    super(options, mode, o);
  }
}

export class Deflate extends Zlib {
  constructor(options) {
    super(options, DEFLATE);
  }
}
export class Inflate extends Zlib {
  constructor(options) {
    super(options, INFLATE);
  }
}
export class Gzip extends Zlib {
  constructor(options) {
    super(options, GZIP);
  }
}
export class Gunzip extends Zlib {
  constructor(options) {
    super(options, GUNZIP);
  }
}
export class DeflateRaw extends Zlib {
  constructor(options) {
    super(options, DEFLATE_RAW);
  }
}
export class InflateRaw extends Zlib {
  constructor(options) {
    super(options, INFLATE_RAW);
  }
}
export class Unzip extends Zlib {
  constructor(options) {
    super(options, UNZIP);
  }
}
export class BrotliCompress extends Brotli {
  constructor(options) {
    super(options, BROTLI_ENCODE);
  }
}
export class BrotliDecompress extends Brotli {
  constructor(options) {
    super(options, BROTLI_DECODE);
  }
}
class Zstd extends ZlibBase {
  constructor(options, mode) {
    const params = options?.params;
    if (params !== undefined && params !== null) {
      const valid = mode === ZSTD_ENCODE ? zstdCompressParams : zstdDecompressParams;
      for (const key of Object.keys(params)) {
        if (!valid.has(Number(key))) throw codeError(RangeError, "ERR_ZSTD_INVALID_PARAM", `${key} is not a valid Zstd parameter`);
        const v = params[key];
        if (typeof v !== "number" && typeof v !== "boolean") throw ERR_INVALID_ARG_TYPE("options.params[key]", "number", v);
      }
    }
    super(options, mode, { level: 0, strategy: 0, quality: zstdLevel(params), lgwin: 0 });
  }
}

export class ZstdCompress extends Zstd {
  constructor(options) {
    super(options, ZSTD_ENCODE);
  }
}
export class ZstdDecompress extends Zstd {
  constructor(options) {
    super(options, ZSTD_DECODE);
  }
}

const classOf = {
  [DEFLATE]: Deflate, [INFLATE]: Inflate, [GZIP]: Gzip, [GUNZIP]: Gunzip, [DEFLATE_RAW]: DeflateRaw,
  [INFLATE_RAW]: InflateRaw, [UNZIP]: Unzip, [BROTLI_ENCODE]: BrotliCompress, [BROTLI_DECODE]: BrotliDecompress,
  [ZSTD_ENCODE]: ZstdCompress, [ZSTD_DECODE]: ZstdDecompress,
};

const factory = (C, name) => ({ [name](options) { return new C(options); } })[name];
export const createDeflate = factory(Deflate, "createDeflate");
export const createInflate = factory(Inflate, "createInflate");
export const createGzip = factory(Gzip, "createGzip");
export const createGunzip = factory(Gunzip, "createGunzip");
export const createDeflateRaw = factory(DeflateRaw, "createDeflateRaw");
export const createInflateRaw = factory(InflateRaw, "createInflateRaw");
export const createUnzip = factory(Unzip, "createUnzip");
export const createBrotliCompress = factory(BrotliCompress, "createBrotliCompress");
export const createBrotliDecompress = factory(BrotliDecompress, "createBrotliDecompress");
export const createZstdCompress = factory(ZstdCompress, "createZstdCompress");
export const createZstdDecompress = factory(ZstdDecompress, "createZstdDecompress");

export default {
  crc32, codes, constants, ...constants,
  Gzip, Gunzip, Deflate, DeflateRaw, Inflate, InflateRaw, Unzip, BrotliCompress, BrotliDecompress,
  ZstdCompress, ZstdDecompress,
  createGzip, createGunzip, createDeflate, createDeflateRaw, createInflate, createInflateRaw,
  createUnzip, createBrotliCompress, createBrotliDecompress, createZstdCompress, createZstdDecompress,
  inflate, inflateSync, deflate, deflateSync, inflateRaw, inflateRawSync, deflateRaw, deflateRawSync,
  gzip, gzipSync, gunzip, gunzipSync, unzip, unzipSync, brotliDecompress, brotliDecompressSync,
  brotliCompress, brotliCompressSync, zstdCompress, zstdCompressSync, zstdDecompress, zstdDecompressSync,
};
