// The package workloads on wasmi-ts (its runner's namespace: @wasmi-ts/polyfill), at the quick size.
// In a file of its own because packages keep what they compiled for the whole process (hash-wasm its
// modules, quickjs-emscripten its engine, sql.js its init promise), and vitest gives each test file a
// fresh process: in the native test's process, a package could reuse a module V8 compiled. Each test also
// checks that the package reached the polyfill's namespace, and puts Node's WebAssembly back afterwards.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { formatValue, prepareWorkload } from "../src/manifest.js";
import { PACKAGE_WORKLOADS } from "../src/packages/index.js";
import type { Runner } from "../src/runner.js";
import { runner as wasmiTs } from "../src/runners/wasmi-ts.js";

const global = globalThis as { WebAssembly?: unknown };
const nodeWebAssembly = global.WebAssembly;

/** wasmi-ts with a namespace that records which of its members are read. */
function recordingRunner(used: Set<PropertyKey>): Runner {
  return {
    ...wasmiTs,
    namespace: () =>
      new Proxy(wasmiTs.namespace!(), {
        get(target, key) {
          used.add(key);
          return Reflect.get(target, key);
        },
      }),
  };
}

describe("package workloads on wasmi-ts (quick size)", () => {
  beforeAll(async () => {
    expect(await wasmiTs.load()).toBeNull();
  });
  afterEach(() => {
    global.WebAssembly = nodeWebAssembly;
  });

  for (const w of PACKAGE_WORKLOADS) {
    it(`${w.name} gives the expected result`, async () => {
      const used = new Set<PropertyKey>();
      const { run } = await prepareWorkload(recordingRunner(used), w);
      w.prepare?.(w.args.quick);
      expect(formatValue(await run(w.args.quick))).toBe(formatValue(w.expected.quick));
      // the package instantiated its Wasm through the polyfill (which rejects modules V8 compiled)
      expect([...used].filter((key) => key === "instantiate" || key === "Instance")).not.toEqual([]);
    });
  }
});
