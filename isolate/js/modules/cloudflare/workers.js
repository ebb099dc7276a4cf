// cloudflare:workers — the base classes and env that Workers code imports.
const internals = globalThis[Symbol.for("nanod.internals")];

// WorkerEntrypoint is the base class of class-based entrypoints: instances get ctx and env.
export class WorkerEntrypoint {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
}

// DurableObject is the base class of Durable Object classes: instances get state and env.
export class DurableObject {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
}

// WorkflowEntrypoint is the base class of Workflows.
export class WorkflowEntrypoint {
  constructor(ctx, env) {
    this.ctx = ctx;
    this.env = env;
  }
}

// RpcTarget marks classes whose instances are passed by reference over RPC.
export class RpcTarget {}

// The env of the worker, importable at module scope.
export const env = new Proxy({}, {
  get: (_, k) => internals.env[k],
  has: (_, k) => k in internals.env,
  ownKeys: () => Reflect.ownKeys(internals.env),
  getOwnPropertyDescriptor: (_, k) => Reflect.getOwnPropertyDescriptor(internals.env, k),
});

export default { WorkerEntrypoint, DurableObject, WorkflowEntrypoint, RpcTarget, env };
