// workerd:unsafe-eval — the UnsafeEval object as a module; it exists with the "unsafe_module"
// compatibility flag, as in workerd.
const internals = globalThis[Symbol.for("nanod.internals")];
const unsafeEval = internals?.unsafeEval;
if (unsafeEval === undefined) throw new Error('No such module "workerd:unsafe-eval".');

export default unsafeEval;
