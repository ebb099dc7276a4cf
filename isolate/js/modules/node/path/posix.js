// node:path/posix — the same as node:path.
export * from "node:path";
export { default } from "node:path";
