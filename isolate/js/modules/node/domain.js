// node:domain — deprecated in Node and inert on workerd: domains are event emitters that run
// functions directly and never catch errors for them.
import { EventEmitter } from "node:events";

export class Domain extends EventEmitter {
  constructor() {
    super();
    this.members = undefined;
  }
  _errorHandler(er) {}
  enter() {}
  exit() {}
  add(ee) {}
  remove(ee) {}
  run(fn, ...args) { return fn.apply(this, args); }
  intercept(cb) { return cb; }
  bind(cb) { return cb; }
}

export const active = null;
export function createDomain() {
  return new Domain();
}
// As in workerd, `create` is a ready-made domain rather than a factory.
export const create = new Domain();

export default { Domain, active, create, createDomain };
