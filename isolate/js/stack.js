// error.stack without the runtime's frames. In workerd the code that calls a worker's handlers
// (and implements EventTarget, streams, …) is C++, which never shows in a stack trace; here it is
// this JS runtime, so its frames (scripts named "nanod:…") are left out. The rest follows V8's
// own format, and a user's Error.prepareStackTrace still gets the (filtered) call sites.

const isRuntime = (site) => {
  const f = site.getFileName?.();
  return typeof f === "string" && f.startsWith("nanod:");
};

// header is V8's ErrorUtils::ToString: "name: message", either part alone when the other is empty.
function header(error) {
  let name = error?.name;
  name = name === undefined ? "Error" : `${name}`;
  let msg = error?.message;
  msg = msg === undefined ? "" : `${msg}`;
  if (name === "") return msg;
  if (msg === "") return name;
  return `${name}: ${msg}`;
}

let preparing = false;

function formatStack(error, sites) {
  const user = sites.filter((s) => !isRuntime(s));
  const prep = Error.prepareStackTrace;
  if (typeof prep === "function" && !preparing) {
    preparing = true;
    try {
      return prep(error, user);
    } finally {
      preparing = false;
    }
  }
  let out;
  try {
    out = header(error);
  } catch {
    out = "<error>";
  }
  for (const s of user) out += `\n    at ${s}`;
  return out;
}

export function installStack(g) {
  g.__ext?.stackFormatter?.(formatStack);
}
