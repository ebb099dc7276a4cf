// A service-worker-syntax app.
addEventListener("fetch", (event) => {
  event.respondWith(new Response("legacy app says hi\n"));
});
