// A Vite plugin for the handler-coverage run (vitest.handlers.config.ts): the interpreter's two dispatch
// switches, the loop's and the out-of-line one's, `switch (code[pc])`, become
// `switch (globalThis.__wasmiHandlerRan(code[pc], code))`, a function (record.ts) that notes the opcode
// (and checks the code array) and returns it. Rewriting only the switch's expression keeps the code valid
// and its line numbers.
import type { Plugin } from "vitest/config";

/** The global function each dispatch calls with its opcode and the code; it must return the opcode. */
export const RAN_HOOK = "__wasmiHandlerRan";

const DISPATCHERS = ["/src/interpret/loop.ts", "/src/interpret/out-of-line.ts"];
const DISPATCH_SWITCH = /switch \(code\[pc\]\)/g;

export function countDispatches(): Plugin {
  return {
    name: "wasmi-ts:count-dispatches",
    enforce: "pre", // the TypeScript source, before esbuild
    transform(source, id) {
      const file = DISPATCHERS.find((path) => id.endsWith(path));
      if (file === undefined) return null;
      const found = source.match(DISPATCH_SWITCH)?.length ?? 0;
      // a changed dispatcher must not give a silently wrong coverage
      if (found !== 1) throw new Error(`handler coverage: expected one \`switch (code[pc])\` in ${file}, found ${found}`);
      return { code: source.replace(DISPATCH_SWITCH, `switch (globalThis.${RAN_HOOK}(code[pc], code))`), map: null };
    },
  };
}
