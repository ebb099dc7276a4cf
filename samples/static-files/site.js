// Serves files from the disk service bound as FILES; "/" and directories map to index.html.
const types = { html: "text/html;charset=utf-8", css: "text/css", js: "text/javascript", txt: "text/plain" };

export default {
  async fetch(request, env) {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return new Response("method not allowed\n", { status: 405 });
    }
    const url = new URL(request.url);
    let path = url.pathname;
    if (path.endsWith("/")) path += "index.html";
    const file = await env.FILES.fetch(new URL(path, "http://files"), { method: request.method });
    if (!file.ok) return new Response("not found\n", { status: 404 });
    const ext = path.slice(path.lastIndexOf(".") + 1);
    const headers = new Headers(file.headers);
    headers.set("content-type", types[ext] || "application/octet-stream");
    return new Response(file.body, { status: 200, headers });
  },
};
