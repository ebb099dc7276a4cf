// cloudflare:sockets — outbound TCP connections (the runtime's js/sockets.js does the work).
const internals = globalThis[Symbol.for("nanod.internals")];

export function connect(address, options) {
  return internals.connect(address, options);
}
