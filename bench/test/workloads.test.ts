// Smoke test of the bench's workloads (not a benchmark: nothing here is timed): every workload gives its
// expected result on V8's own WebAssembly, at both sizes, and the module rewriting used for wasm-interp
// keeps the results.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { formatValue, loadWasm, runOnce, WORKLOADS } from "../src/manifest.js";
import { selfTest } from "../src/measure.js";
import { nodeFor } from "../src/native-node.js";
import type { ChildJob } from "../src/protocol.js";
import { spawnChild } from "../src/spawn-child.js";
import { runner as native } from "../src/runners/native.js";
import { runner as polywasm } from "../src/runners/polywasm.js";
import { runner as wasmInterp } from "../src/runners/wasm-interp.js";
import { sha256Input } from "../src/sha256.js";
import { withEntry } from "../src/wasm-entry.js";

/** The workloads with a module of their own (the package workloads are tested in packages.test.ts). */
const MODULE_WORKLOADS = WORKLOADS.filter((w) => w.wasm !== undefined);

describe("workloads on native WebAssembly", () => {
  for (const workload of MODULE_WORKLOADS) {
    for (const size of ["quick", "full"] as const) {
      const node = nodeFor("native", workload);
      if ("execPath" in node && node.execPath !== process.execPath) {
        // too new for this Node's V8: as the bench runs it, in a child on the newer Node
        it(`${workload.name} (${size}) returns the expected result on ${node.ranOn}`, async () => {
          const job: ChildJob = { runner: "native", task: "measure", workload: workload.name, size, runs: 1, budgetMs: 1, planMs: 60_000 };
          const child = await spawnChild(job, [], performance.now() + 120_000, {}, false, node.execPath);
          expect("message" in child && child.message.type === "result" && child.message.status).toBe("ok");
        }, 120_000);
        continue;
      }
      it(`${workload.name} (${size}) returns the expected result`, () => {
        expect(node).not.toHaveProperty("skip");
        const instance = native.instantiate(loadWasm(workload));
        const result = runOnce(workload, instance, workload.args[size]);
        expect(formatValue(result)).toBe(formatValue(workload.expected[size]));
      });
    }
  }
});

describe("expected results", () => {
  it("sha256's expected digests are node:crypto's", () => {
    const sha256 = WORKLOADS.find((w) => w.name === "sha256")!;
    for (const size of ["quick", "full"] as const) {
      const input = sha256Input(sha256.args[size][0] as number);
      expect(createHash("sha256").update(input).digest("hex")).toBe(sha256.expected[size]);
    }
  });
});

describe("withEntry (wasm-interp's parameterless entry)", () => {
  // (the workloads wasm-interp runs: none that needs a proposal past 2.0)
  for (const workload of MODULE_WORKLOADS.filter((w) => !w.drive && !w.proposals)) {
    it(`${workload.name}: bench() equals ${workload.export}(...tiny args)`, () => {
      const bytes = loadWasm(workload);
      const direct = runOnce(workload, native.instantiate(bytes), workload.args.tiny);
      const rewritten = native.instantiate(withEntry(bytes, workload.export, workload.args.tiny));
      expect(formatValue(rewritten.func("bench")())).toBe(formatValue(direct));
    });
  }

  it("with no export, bench() does nothing", () => {
    const bytes = loadWasm(WORKLOADS[0]!);
    expect(native.instantiate(withEntry(bytes, null)).func("bench")()).toBeUndefined();
  });
});

describe("other runners' self-test (fib(10) = 55)", () => {
  it("polywasm", async () => {
    expect(await polywasm.load()).toBeNull();
    expect(selfTest(polywasm)).toBeNull();
  });

  it("wasm-interp, when installed", async (context) => {
    if ((await wasmInterp.load()) !== null) return context.skip();
    expect(selfTest(wasmInterp)).toBeNull();
  });
});
