// The dispatch statistics tool (src/dispatch-stats/): its rewrite of the interpreter still finds the one
// dispatch `switch`, and a run under the hook (in a child process: vitest loads modules its own way, past
// Node's hooks) counts instructions and pairs consistently.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { DISPATCH_HOOK, instrumentLoop } from "../src/dispatch-stats/instrument.js";

type Counts = Record<string, number>;
/** A workload in the tool's results file (main.ts). */
interface WorkloadCounts {
  name: string;
  total: number;
  result: string;
  ops: Counts;
  pairs: Counts;
  adjacentPairs: Counts;
}

const BENCH_DIR = fileURLToPath(new URL("..", import.meta.url));
const LOOP_SOURCE = readFileSync(new URL("../../packages/executor/src/interpret/loop.ts", import.meta.url), "utf8");

describe("instrumentLoop", () => {
  it("rewrites the one dispatch switch of the interpreter", () => {
    const instrumented = instrumentLoop(LOOP_SOURCE);
    expect(instrumented.split(`switch (globalThis.${DISPATCH_HOOK}(code, pc))`)).toHaveLength(2);
    expect(instrumented).not.toMatch(/switch\s*\(\s*code\[pc\]\s*\)/);
    // same lines: stack traces and source maps still point at the interpreter's lines
    expect(instrumented.split("\n")).toHaveLength(LOOP_SOURCE.split("\n").length);
  });

  it("fails when the dispatch switch is missing or not unique", () => {
    expect(() => instrumentLoop("for (;;) { switch (op) {} }")).toThrow(/found 0/);
    expect(() => instrumentLoop("switch (code[pc]) {}\nswitch(code[pc]){}")).toThrow(/found 2/);
  });
});

describe("counting a workload", () => {
  const dir = mkdtempSync(join(tmpdir(), "dispatch-stats-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("fib at the tiny size: every instruction counted once, pairs one fewer", () => {
    const out = join(dir, "stats.json");
    const args = [
      "--conditions=@wasmi-ts/source", "--import", "tsx", "--import", "./src/dispatch-stats/register.ts",
      "src/dispatch-stats/main.ts", "--only", "fib", "--size", "tiny", "--out", out,
    ];
    const child = spawnSync(process.execPath, args, { cwd: BENCH_DIR, encoding: "utf8" });
    expect(child.status, child.stderr).toBe(0);
    const fib = (JSON.parse(readFileSync(out, "utf8")) as { workloads: WorkloadCounts[] }).workloads[0]!;
    expect(fib.name).toBe("fib");
    expect(fib.result).toBe("5");
    const sum = (counts: Counts) => Object.values(counts).reduce((a, b) => a + b, 0);
    expect(fib.total).toBeGreaterThan(0);
    expect(sum(fib.ops)).toBe(fib.total);
    // one sequence of dispatches: each but the first ends a pair
    expect(sum(fib.pairs)).toBe(fib.total - 1);
    expect(fib.ops.Call).toBe(14); // fib(5) calls itself 14 times
    // adjacent pairs are some of the pairs; a call's next instruction is the callee's first, never adjacent
    for (const [pair, count] of Object.entries(fib.adjacentPairs)) {
      expect(count).toBeLessThanOrEqual(fib.pairs[pair]!);
      expect(pair.startsWith("Call -> ")).toBe(false);
    }
    expect(sum(fib.adjacentPairs)).toBeGreaterThan(0);
  });
});
