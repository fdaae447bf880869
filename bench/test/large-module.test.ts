// The generated 1 MiB module of the start-up measurements, and the start-up statistics of wasmi-ts.
import { describe, expect, it } from "vitest";
import { generateLargeModule, largeModuleBytes } from "../src/large-module.js";
import { formatValue, LARGE_MODULE, loadWasm, runOnce } from "../src/manifest.js";
import { runner as native } from "../src/runners/native.js";
import { runner as polywasm } from "../src/runners/polywasm.js";
import { runner as wasmiTs } from "../src/runners/wasmi-ts.js";
import { sectionSize, startupStats } from "../src/startup-stats.js";

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

describe("the generated large module", () => {
  it("is deterministic and has at least 1 MiB of code", () => {
    const a = generateLargeModule(1 << 20, 42);
    const b = generateLargeModule(1 << 20, 42);
    expect(sameBytes(a.bytes, b.bytes)).toBe(true);
    expect(a.codeBytes).toBeGreaterThanOrEqual(1 << 20);
    expect(sectionSize(a.bytes, 10)).toBe(a.codeBytes);
    expect(sameBytes(generateLargeModule(1 << 16, 43).bytes, a.bytes)).toBe(false);
  });

  it("is what largeModuleBytes() caches", () => {
    const cached = largeModuleBytes();
    expect(sameBytes(cached, generateLargeModule(1 << 20, 0x5eed_1234).bytes)).toBe(true);
  });

  it("is valid, and run(5) gives the expected result on V8, polywasm and wasmi-ts", async () => {
    const bytes = loadWasm(LARGE_MODULE); // V8 compiles it below: it is valid
    const expected = formatValue(LARGE_MODULE.expected.full);
    for (const runner of [native, polywasm, wasmiTs]) {
      expect(await runner.load()).toBeNull();
      const result = runOnce(LARGE_MODULE, runner.instantiate(bytes), LARGE_MODULE.args.tiny);
      expect(formatValue(result), runner.name).toBe(expected);
    }
  });

  it("gives the same results as V8 for other generated modules and arguments", async () => {
    expect(await wasmiTs.load()).toBeNull();
    for (const seed of [1, 2, 3]) {
      const { bytes } = generateLargeModule(1 << 15, seed);
      const v8 = native.instantiate(bytes).func("run");
      const ours = wasmiTs.instantiate(bytes).func("run");
      for (const x of [0, 1, -7, 123456789]) expect(ours(x), `seed ${seed}, run(${x})`).toBe(v8(x));
    }
  });
});

describe("wasmi-ts start-up statistics", () => {
  it("times each phase and measures the bytecode of every function", () => {
    const bytes = loadWasm(LARGE_MODULE);
    const stats = startupStats("large-1mb", bytes, 2, 0);
    expect(stats.functions).toBe(generateLargeModule(1 << 20, 0x5eed_1234).functions);
    expect(stats.codeBytes).toBe(sectionSize(bytes, 10));
    for (const phase of [stats.decode, stats.validate, stats.translate]) {
      expect(phase.firstMs).toBeGreaterThan(0);
      expect(phase.mbPerS).toBeGreaterThan(0);
    }
    expect(stats.bytecodeBytes).toBeGreaterThan(0);
    expect(stats.bytecodePerCodeByte).toBeCloseTo(stats.bytecodeBytes / stats.codeBytes);
  });
});
