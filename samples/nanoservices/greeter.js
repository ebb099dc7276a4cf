// The greeter service formats a greeting.
export default {
  fetch(request) {
    const name = new URL(request.url).searchParams.get("name") || "world";
    return new Response(`Hello, ${name}!\n`);
  },
};
