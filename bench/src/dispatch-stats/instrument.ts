// A Node module hook (registered by register.ts) that makes the interpreter report every dispatch: when
// packages/executor/src/interpret/loop.ts is loaded, its `switch (code[pc])` becomes
// `switch (globalThis.__wasmiDispatch(code, pc))`, the function (counter.ts) returning the opcode it counts.
// Rewriting the switch's expression, not inserting a statement before it, keeps the code valid wherever the
// switch stands (it is the body of the labelled `branch` block) and keeps line numbers.
// The hook runs after tsx in the load chain (it is registered after it): it sees tsx's JavaScript, whose
// whitespace is minified, hence an anchor that allows any whitespace.
import type { LoadHook } from "node:module";

/** The global function each dispatch calls with the code and pc; it must return the opcode, `code[pc]`. */
export const DISPATCH_HOOK = "__wasmiDispatch";

const LOOP_PATH = "/packages/executor/src/interpret/loop.ts";
const DISPATCH_SWITCH = /switch\s*\(\s*code\[pc\]\s*\)/g;

/**
 * The interpreter's source with its dispatch counted. Throws unless the dispatch `switch (code[pc])`
 * occurs exactly once: a changed interpreter must not give silently wrong statistics.
 */
export function instrumentLoop(source: string): string {
  const matches = source.match(DISPATCH_SWITCH)?.length ?? 0;
  if (matches !== 1) {
    throw new Error(
      `dispatch-stats: expected exactly one \`switch (code[pc])\` in ${LOOP_PATH}, found ${matches}; ` +
        "update DISPATCH_SWITCH in bench/src/dispatch-stats/instrument.ts",
    );
  }
  return source.replace(DISPATCH_SWITCH, `switch (globalThis.${DISPATCH_HOOK}(code, pc))`);
}

export const load: LoadHook = async (url, context, nextLoad) => {
  const result = await nextLoad(url, context);
  if (!url.startsWith("file:") || !new URL(url).pathname.endsWith(LOOP_PATH)) return result;
  if (result.source === undefined || result.source === null) throw new Error(`dispatch-stats: no source for ${url}`);
  const source = typeof result.source === "string" ? result.source : new TextDecoder().decode(result.source);
  return { ...result, source: instrumentLoop(source) };
};
