// The auth service accepts one bearer token, configured as a text binding.
export default {
  async fetch(request, env) {
    const header = request.headers.get("authorization") || "";
    if (header !== `Bearer ${env.TOKEN}`) {
      return Response.json({ ok: false }, { status: 403 });
    }
    return Response.json({ ok: true, user: "friend" });
  },
};
