// node:punycode — Punycode (RFC 3492) and its IDNA helpers; the implementation is shared with
// node:url (node-internal:punycode), which needs it whether or not this module is enabled.
export * from "node-internal:punycode";
export { default } from "node-internal:punycode";
