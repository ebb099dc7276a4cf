// A trivial service for the many-services configs (RSS per idle service, startup time).
export default {
  fetch() {
    return new Response("ok\n");
  },
};
