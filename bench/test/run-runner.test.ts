// Which runners the bench runs as one group: wasmi-ts with the variants given with it and the baseline
// (measured interleaved, see run-runner.ts), every other runner alone.
import { describe, expect, it } from "vitest";
import { runnerGroups } from "../src/run-runner.js";

describe("runnerGroups", () => {
  it("puts the variants given with wasmi-ts and the baseline in its group, at its place", () => {
    expect(runnerGroups(["native", "wasmi-ts-deadline", "wasmi-ts", "wasmi-ts-fuel", "polywasm"])).toEqual([
      ["wasmi-ts", "wasmi-ts-deadline", "wasmi-ts-fuel", "native"],
      ["polywasm"],
    ]);
    expect(runnerGroups(["wasmi-ts", "native"])).toEqual([["wasmi-ts", "native"]]);
    // under --jitless, polywasm is the baseline
    expect(runnerGroups(["polywasm", "wasmi-ts", "wasm-interp"], "polywasm")).toEqual([["wasmi-ts", "polywasm"], ["wasm-interp"]]);
  });

  it("runs the variants and the baseline alone without wasmi-ts", () => {
    expect(runnerGroups(["native", "wasmi-ts-fuel", "wasmi-ts-deadline"])).toEqual([["native"], ["wasmi-ts-fuel"], ["wasmi-ts-deadline"]]);
  });
});
