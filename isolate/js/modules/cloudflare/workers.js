// cloudflare:workers — the base classes and env that Workers code imports.
const internals = globalThis[Symbol.for("nanod.internals")];

// WorkerEntrypoint (the base class of class-based entrypoints, whose methods are RPC methods),
// DurableObject, RpcTarget and RpcStub live in the runtime (js/rpc.js), which recognises them.
export const WorkerEntrypoint = internals.WorkerEntrypoint;
export const DurableObject = internals.DurableObject;
export const RpcTarget = internals.RpcTarget;
export const RpcStub = internals.RpcStub;

// WorkflowEntrypoint is the base class of Workflows.
export class WorkflowEntrypoint {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
}

// The env of the worker, importable at module scope.
export const env = new Proxy({}, {
  get: (_, k) => internals.env[k],
  has: (_, k) => k in internals.env,
  ownKeys: () => Reflect.ownKeys(internals.env),
  getOwnPropertyDescriptor: (_, k) => Reflect.getOwnPropertyDescriptor(internals.env, k),
});

export default { WorkerEntrypoint, DurableObject, WorkflowEntrypoint, RpcTarget, RpcStub, env };
