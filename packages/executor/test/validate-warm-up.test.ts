// The validator's warm-up (validate/warm-up.ts) trains every case of the inline checks on a valid module.
import { describe, expect, it } from "vitest";
import { BinaryReader, DEFAULT_FEATURES, InstrReader, decodeModule, validateModule } from "../src/index.js";
import { FAST_KIND, FAST_PREFIX_FC } from "../src/validate/fast-sig.js";
import { trainingModuleForTest } from "../src/validate/warm-up.js";

describe("validator warm-up", () => {
  it.each([4, 40])("trains every fast-path kind on a valid module (%i functions)", (funcs) => {
    const ir = decodeModule(trainingModuleForTest(funcs), DEFAULT_FEATURES);
    expect(ir.codes.length).toBe(funcs);
    validateModule(ir, DEFAULT_FEATURES);
    const kinds = new Set<number>();
    const instr = new InstrReader(DEFAULT_FEATURES);
    const r = new BinaryReader(ir.bytes);
    for (const body of ir.codes) {
      for (r.pos = body.start; r.pos < body.end; ) {
        kinds.add(FAST_KIND[ir.bytes[r.pos]!]!);
        instr.read(r);
      }
    }
    for (let kind = 0; kind <= FAST_PREFIX_FC; kind++) expect(kinds.has(kind)).toBe(true);
  });
});
