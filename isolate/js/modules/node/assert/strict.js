// node:assert/strict — in workerd the very same module as node:assert (whose assertions are
// strict anyway): same default export, same named exports.
export * from "node:assert";
export { default } from "node:assert";
