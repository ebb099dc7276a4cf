// A module worker: module globals live as long as the isolate, across requests.
let served = 0;

export default {
  async fetch(request, env, ctx) {
    served++;
    const url = new URL(request.url);
    return Response.json({ hello: "world", path: url.pathname, served });
  },
};
