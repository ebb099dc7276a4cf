// The Go side's functions (isolate/natives.go). Captured once, then removed from the global so
// user code cannot reach them.
export const native = globalThis.__native;
delete globalThis.__native;

// Lists cross the Go boundary as one string joined with NUL (never part of a header, URL
// component or query token): one value per call instead of one per element.
export const pack = (list) => list.join("\0");
export const unpack = (s) => (s === "" ? [] : s.split("\0"));
