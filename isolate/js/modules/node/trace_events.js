// node:trace_events — workerd records no trace events: createTracing checks its options as Node
// does and gives a Tracing that enables nothing; no category is ever enabled.
import { codeError, ERR_INVALID_ARG_TYPE } from "node-internal:errors";

class Tracing {
  #categories;
  #enabled = false;
  constructor(categories) {
    this.#categories = categories;
  }
  enable() {
    this.#enabled = true;
  }
  disable() {
    this.#enabled = false;
  }
  get enabled() {
    return this.#enabled;
  }
  get categories() {
    return this.#categories.join(",");
  }
}

export function createTracing(options) {
  if (typeof options !== "object" || options === null) throw ERR_INVALID_ARG_TYPE("options", "object", options);
  const { categories } = options;
  if (!Array.isArray(categories)) throw ERR_INVALID_ARG_TYPE("options.categories", "Array", categories);
  categories.forEach((c, i) => {
    if (typeof c !== "string") throw ERR_INVALID_ARG_TYPE(`options.categories[${i}]`, "string", c);
  });
  if (categories.length === 0) throw codeError(TypeError, "ERR_TRACE_EVENTS_CATEGORY_REQUIRED", "At least one category is required");
  return new Tracing([...categories]);
}
export function getEnabledCategories() {
  return undefined;
}

export default { createTracing, getEnabledCategories };
