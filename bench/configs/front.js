// Front of the many-services configs: GET /s/N goes to binding SN; anything else answers itself.
export default {
  fetch(request, env) {
    const m = /^\/s\/(\d+)$/.exec(new URL(request.url).pathname);
    if (!m) {
      return new Response("front\n");
    }
    return env["S" + m[1]].fetch(request);
  },
};
