// Main ES module for corpus tests.
import { add } from "./lib.mjs";
export default {
  async fetch(request, env) {
    return new Response(String(add(1, 2)));
  },
};
export class Counter {
  constructor(state, env) { this.state = state; }
  async fetch() { return new Response("counter"); }
}
