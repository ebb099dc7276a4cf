// The readline Interface shared by node:readline and node:readline/promises: workerd has no
// terminal input, so an Interface is inert (no prompt, no line, no events), as workerd's.
import { EventEmitter } from "node:events";

export class Interface extends EventEmitter {
  constructor(...args) {
    super();
    this.terminal = false;
    this.line = "";
    this.cursor = 0;
  }
  getPrompt() { return ""; }
  setPrompt(prompt) {}
  prompt() {}
  // There is never input: a question is answered at once with the empty string, through the
  // callback when one is given, else (the promises form) as a promise.
  question(query, options, cb) {
    const done = typeof options === "function" ? options : cb;
    if (typeof done === "function") {
      done("");
      return undefined;
    }
    return Promise.resolve("");
  }
  pause() { return this; }
  resume() { return this; }
  close() {}
  write() {}
  getCursorPos() { return { rows: 0, cols: 0 }; }
}

export function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

export class Readline {
  constructor(...args) {}
  clearLine(dir) { return this; }
  clearScreenDown() { return this; }
  commit() { return Promise.resolve(); }
  cursorTo(x, y) { return this; }
  moveCursor(dx, dy) { return this; }
  rollback() { return this; }
}
