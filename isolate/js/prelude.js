// The first module main.js imports: the ECMAScript built-ins our V8 lacks (ArrayBuffer transfer,
// esnext.js), installed while this module evaluates, so that every later runtime module may use
// them even in its top-level code (class bodies keyed by Symbol.dispose, for one).
import { installArrayBuffer } from "./arraybuffer.js";
import { installESNext } from "./esnext.js";

installArrayBuffer();
installESNext();
