// One hop of the service-binding chain: hand the request to the next service unchanged.
export default {
  fetch(request, env) {
    return env.NEXT.fetch(request);
  },
};
