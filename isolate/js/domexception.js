// DOMException (WebIDL): name, message and the legacy code, with the legacy code constants.
const ERRORS = [
  ["IndexSizeError", 1, "INDEX_SIZE_ERR"], [null, 2, "DOMSTRING_SIZE_ERR"],
  ["HierarchyRequestError", 3, "HIERARCHY_REQUEST_ERR"], ["WrongDocumentError", 4, "WRONG_DOCUMENT_ERR"],
  ["InvalidCharacterError", 5, "INVALID_CHARACTER_ERR"], [null, 6, "NO_DATA_ALLOWED_ERR"],
  ["NoModificationAllowedError", 7, "NO_MODIFICATION_ALLOWED_ERR"], ["NotFoundError", 8, "NOT_FOUND_ERR"],
  ["NotSupportedError", 9, "NOT_SUPPORTED_ERR"], ["InUseAttributeError", 10, "INUSE_ATTRIBUTE_ERR"],
  ["InvalidStateError", 11, "INVALID_STATE_ERR"], ["SyntaxError", 12, "SYNTAX_ERR"],
  ["InvalidModificationError", 13, "INVALID_MODIFICATION_ERR"], ["NamespaceError", 14, "NAMESPACE_ERR"],
  ["InvalidAccessError", 15, "INVALID_ACCESS_ERR"], [null, 16, "VALIDATION_ERR"],
  ["TypeMismatchError", 17, "TYPE_MISMATCH_ERR"], ["SecurityError", 18, "SECURITY_ERR"],
  ["NetworkError", 19, "NETWORK_ERR"], ["AbortError", 20, "ABORT_ERR"], ["URLMismatchError", 21, "URL_MISMATCH_ERR"],
  ["QuotaExceededError", 22, "QUOTA_EXCEEDED_ERR"], ["TimeoutError", 23, "TIMEOUT_ERR"],
  ["InvalidNodeTypeError", 24, "INVALID_NODE_TYPE_ERR"], ["DataCloneError", 25, "DATA_CLONE_ERR"],
];
const CODES = Object.fromEntries(ERRORS.filter((e) => e[0]).map((e) => [e[0], e[1]]));

const kState = Symbol("DOMException");

function state(self) {
  const s = self?.[kState];
  if (!s) throw new TypeError("Illegal invocation: function called with incorrect `this` reference.");
  return s;
}

export class DOMException extends Error {
  constructor(message = "", name = "Error") {
    super();
    const msg = String(message);
    const n = String(name);
    const code = CODES[n] || 0;
    Object.defineProperty(this, kState, { value: { message: msg, name: n, code } });
    // workerd's instances carry these as own enumerable properties, in this order.
    const own = (value) => ({ value, enumerable: true, configurable: true, writable: true });
    delete this.stack; // V8 put it first; workerd's order has it last
    Object.defineProperties(this, {
      code: own(code),
      name: own(n),
      message: own(msg),
      stack: own(`${n}: ${msg}\n` + (new Error().stack || "").split("\n").slice(2).join("\n")),
    });
  }
  get name() { return state(this).name; }
  get message() { return state(this).message; }
  get code() { return state(this).code; }
}
for (const key of ["name", "message", "code"]) {
  const d = Object.getOwnPropertyDescriptor(DOMException.prototype, key);
  Object.defineProperty(DOMException.prototype, key, { ...d, enumerable: true });
}
Object.defineProperty(DOMException.prototype, Symbol.toStringTag, { value: "DOMException", configurable: true });
for (const [, code, constName] of ERRORS) {
  Object.defineProperty(DOMException, constName, { value: code, enumerable: true });
  Object.defineProperty(DOMException.prototype, constName, { value: code, enumerable: true });
}
