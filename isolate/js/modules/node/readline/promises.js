// node:readline/promises — see node:readline.
import { Interface, Readline, createInterface as create } from "node-internal:readline";

export { Interface, Readline };
export function createInterface(input, output, completer, terminal) {
  return create(input, output, completer, terminal);
}
Object.defineProperty(createInterface, "length", { value: 0 });

export default { Interface, Readline, createInterface };
