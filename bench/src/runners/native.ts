// V8's own WebAssembly (absent under `node --jitless`).
import { type JsWebAssembly, jsApiRunner } from "./js-api.js";

export const runner = jsApiRunner(
  "native",
  () => (globalThis as { WebAssembly?: unknown }).WebAssembly as JsWebAssembly | undefined,
  "no WebAssembly in this Node (--jitless?)",
  // GC in its final encoding needs V8 11.9+: on an older Node it runs on a newer one (run-runner.ts)
  ["gc", "exceptions"],
);
