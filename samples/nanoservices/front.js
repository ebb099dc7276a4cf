// The front service authenticates each request with the auth service, then asks the greeter.
export default {
  async fetch(request, env) {
    const verdict = await env.AUTH.fetch("http://auth/check", {
      headers: { authorization: request.headers.get("authorization") ?? "" },
    });
    if (!verdict.ok) {
      return new Response("unauthorized\n", { status: 401 });
    }
    const { user } = await verdict.json();
    const url = new URL(request.url);
    const name = url.pathname.split("/")[2] || user;
    const greeting = await env.GREETER.fetch(`http://greeter/greet?name=${encodeURIComponent(name)}`);
    return new Response(await greeting.text(), {
      headers: { "content-type": "text/plain", "x-served-by": "front" },
    });
  },
};
