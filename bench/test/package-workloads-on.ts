// The package workloads on a wasmi-ts runner (its namespace: @wasmi-ts/polyfill), at the quick size: the
// tests of one test file each (packages-wasmi-ts*.test.ts). A file each, because packages keep what they
// compiled for the whole process (hash-wasm its modules, quickjs-emscripten its engine, sql.js its init
// promise), and vitest gives each test file a fresh process: in another runner's process, a package could
// reuse a module that runner compiled. Each test also checks that the package reached the runner's
// namespace, and puts Node's WebAssembly back afterwards.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { formatValue, prepareWorkload } from "../src/manifest.js";
import { PACKAGE_WORKLOADS } from "../src/packages/index.js";
import type { Runner } from "../src/runner.js";

const global = globalThis as { WebAssembly?: unknown };
const nodeWebAssembly = global.WebAssembly;

/** `runner` with a namespace that records which of its members are read. */
function recordingRunner(runner: Runner, used: Set<PropertyKey>): Runner {
  return {
    ...runner,
    namespace: () =>
      new Proxy(runner.namespace!(), {
        get(target, key) {
          used.add(key);
          return Reflect.get(target, key);
        },
      }),
  };
}

/** The tests of every package workload on `runner`. */
export function packageWorkloadsOn(runner: Runner, title: string): void {
  describe(title, () => {
    beforeAll(async () => {
      expect(await runner.load()).toBeNull();
    });
    afterEach(() => {
      global.WebAssembly = nodeWebAssembly;
    });

    for (const w of PACKAGE_WORKLOADS) {
      it(`${w.name} gives the expected result`, async () => {
        const used = new Set<PropertyKey>();
        const { run } = await prepareWorkload(recordingRunner(runner, used), w);
        w.prepare?.(w.args.quick);
        expect(formatValue(await run(w.args.quick))).toBe(formatValue(w.expected.quick));
        // the package instantiated its Wasm through the polyfill (which rejects modules V8 compiled)
        expect([...used].filter((key) => key === "instantiate" || key === "Instance")).not.toEqual([]);
      });
    }
  });
}
