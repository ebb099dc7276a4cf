// Internal extension module: wraps inner bindings into an API object.
export default function makeApi(env) {
  return { get: (k) => env.store.get(k), prefix: env.prefix };
}
