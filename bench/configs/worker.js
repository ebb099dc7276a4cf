// The benchmark worker: the same endpoints as bench/cmd/rawgo.
//   GET  /        "Hello World\n"
//   POST /echo    the JSON request body, parsed and serialised again
//   GET  /stream  1 MiB as a ReadableStream of 64 KiB chunks
//   GET  /ws      WebSocket (Upgrade: websocket): echoes every message back
const CHUNK = new Uint8Array(64 * 1024).fill(120); // "x"
const STREAM_BYTES = 1024 * 1024;

export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === "/ws" && request.headers.get("upgrade") === "websocket") {
      const [client, server] = Object.values(new WebSocketPair());
      server.accept();
      server.addEventListener("message", (e) => server.send(e.data));
      return new Response(null, { status: 101, webSocket: client });
    }
    if (pathname === "/echo") {
      return Response.json(await request.json());
    }
    if (pathname === "/stream") {
      let sent = 0;
      const body = new ReadableStream({
        pull(controller) {
          if (sent >= STREAM_BYTES) {
            controller.close();
            return;
          }
          controller.enqueue(CHUNK);
          sent += CHUNK.length;
        },
      });
      return new Response(body, { headers: { "content-type": "application/octet-stream" } });
    }
    return new Response("Hello World\n");
  },
};
