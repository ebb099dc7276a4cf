// The Go side's functions (isolate/natives.go). Captured once, then removed from the global so
// user code cannot reach them.
export const native = globalThis.__native;
delete globalThis.__native;
