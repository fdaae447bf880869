// Which runners the bench runs as one group: wasmi-ts with the variants given with it (measured
// interleaved, see run-runner.ts), every other runner alone.
import { describe, expect, it } from "vitest";
import { runnerGroups } from "../src/run-runner.js";

describe("runnerGroups", () => {
  it("puts the variants given with wasmi-ts in its group, at its place", () => {
    expect(runnerGroups(["native", "wasmi-ts-deadline", "wasmi-ts", "wasmi-ts-fuel", "polywasm"])).toEqual([
      ["native"],
      ["wasmi-ts", "wasmi-ts-deadline", "wasmi-ts-fuel"],
      ["polywasm"],
    ]);
    expect(runnerGroups(["wasmi-ts", "native"])).toEqual([["wasmi-ts"], ["native"]]);
  });

  it("runs the variants alone without wasmi-ts", () => {
    expect(runnerGroups(["native", "wasmi-ts-fuel", "wasmi-ts-deadline"])).toEqual([["native"], ["wasmi-ts-fuel"], ["wasmi-ts-deadline"]]);
  });
});
