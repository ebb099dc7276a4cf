// An ES module app: env_vars arrive as text bindings in env.
export default {
  fetch(request, env) {
    return Response.json({ message: env.GREETING, host: new URL(request.url).host });
  },
};
