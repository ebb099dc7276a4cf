// node:util/types — util.types as a module of its own.
import { types } from "node:util";

export default types;
export const {
  isAnyArrayBuffer, isArrayBuffer, isSharedArrayBuffer, isArrayBufferView, isArgumentsObject,
  isAsyncFunction, isGeneratorFunction, isGeneratorObject, isBigInt64Array, isBigUint64Array,
  isBooleanObject, isNumberObject, isStringObject, isSymbolObject, isBigIntObject, isBoxedPrimitive,
  isDataView, isDate, isExternal, isFloat16Array, isFloat32Array, isFloat64Array, isInt8Array,
  isInt16Array, isInt32Array, isUint8Array, isUint8ClampedArray, isUint16Array, isUint32Array, isMap,
  isSet, isMapIterator, isSetIterator, isModuleNamespaceObject, isNativeError, isPromise, isProxy,
  isRegExp, isTypedArray, isWeakMap, isWeakSet, isKeyObject, isCryptoKey,
} = types;
