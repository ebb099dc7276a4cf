// Service-worker syntax test script.
addEventListener("fetch", (event) => {
  event.respondWith(new Response("hello from " + GREETING));
});
