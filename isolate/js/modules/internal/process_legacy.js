// node:process without enable_nodejs_process_v2: only the six members workerd had first.
import { platform, nextTick, env, features, getBuiltinModule, exit, setEmitter } from "internal:process_common";

export { platform, nextTick, env, features, getBuiltinModule, exit };

const process = { nextTick, env, exit, getBuiltinModule, platform, features };
setEmitter(process);

export default process;
