// Service-worker syntax: bindings are globals, the handler is registered with addEventListener.
addEventListener("fetch", (event) => {
  event.respondWith(handle(event.request));
});

async function handle(request) {
  const url = new URL(request.url);
  return new Response(`${GREETING} from ${url.pathname}\n`, {
    headers: { "content-type": "text/plain;charset=UTF-8" },
  });
}
