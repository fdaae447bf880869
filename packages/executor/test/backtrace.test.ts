// The translator's pc -> Wasm offset tables, which backtraces read: one entry per instruction, and a fused
// instruction that contains a memory access traps at that access's offset.
import { describe, expect, test } from "vitest";
import { Trap, TrapCode, TypeRegistry } from "@wasmi-ts/store";
import { parseWat } from "@wasmi-ts/wast";
import { DEFAULT_CONFIG, compileModule, disassemble, translateAll, translateFunction } from "../src/index.js";
import { funcExtern, hostFunc, instantiateWat, newStore } from "./interpret-harness.js";

/** The module offset of byte `at` of `pattern`, which must occur exactly once in `bytes`. */
function offsetIn(bytes: Uint8Array, pattern: number[], at: number): number {
  const hits: number[] = [];
  for (let i = 0; i + pattern.length <= bytes.length; i++) {
    if (pattern.every((b, k) => bytes[i + k] === b)) hits.push(i);
  }
  expect(hits).toHaveLength(1);
  return hits[0]! + at;
}

describe("fused memory accesses trap at the access's offset", () => {
  // [fused instruction, function body (params: address, other), the access's bytes, the opcode's index in them]
  const cases: [string, string, number[], number][] = [
    ["I32LoadIdx", "(result i32) (i32.load offset=4 (i32.add (local.get 0) (local.get 1)))", [0x6a, 0x28, 0x02, 0x04], 1],
    ["I32AddLoad", "(result i32) (i32.add (local.get 1) (i32.load offset=8 (local.get 0)))", [0x28, 0x02, 0x08], 0],
    ["I32MulLoad16SIdx", "(result i32) (i32.mul (local.get 1) (i32.load16_s offset=6 (i32.add (local.get 0) (local.get 1))))",
      [0x2e, 0x01, 0x06], 0],
    ["I32StoreAddImm", "(result i32) (i32.store offset=12 (local.get 0) (local.get 1)) (local.set 0 (i32.add (local.get 0) (i32.const 4))) (local.get 0)",
      [0x36, 0x02, 0x0c], 0],
    ["I32Load8UBrIfEqz", "(result i32) (block (br_if 0 (i32.eqz (i32.load8_u offset=16 (local.get 0))))) (i32.const 7)", [0x2d, 0x00, 0x10], 0],
    // the store first takes the step, then gives it to the branch testing it: the store stands alone again
    ["I32Store", "(loop (i32.store offset=20 (local.get 0) (local.get 1)) (br_if 0 (local.tee 0 (i32.add (local.get 0) (i32.const 4)))))",
      [0x36, 0x02, 0x14], 0],
  ];
  for (const [op, body, access, at] of cases) {
    test(op, () => {
      const wat = `(module (memory 1) (func (export "f") (param i32 i32) ${body}))`;
      const bytes = parseWat(wat);
      const module = compileModule(bytes, new TypeRegistry(), DEFAULT_CONFIG);
      expect(disassemble(translateFunction(module, 0)).map((l) => l.split(" ")[1])).toContain(op);
      const t = instantiateWat(wat);
      let trap: unknown;
      try {
        t.call("f", 0x10000, 2);
      } catch (e) {
        trap = e;
      }
      expect(trap).toBeInstanceOf(Trap);
      expect((trap as Trap).frames.map((f) => f.codeOffset)).toEqual([offsetIn(bytes, access, at)]);
    });
  }
});

test("a call_indirect's own trap, and one in the host function it calls, are at the call_indirect", () => {
  const wat = `(module
    (import "env" "fail" (func $fail))
    (table 2 funcref) (elem (i32.const 0) $fail)
    (func (export "f") (param i32) (call_indirect (local.get 0))))`;
  const bytes = parseWat(wat);
  const callIndirect = offsetIn(bytes, [0x20, 0x00, 0x11, 0x00, 0x00], 2); // local.get 0, call_indirect type 0 table 0
  const store = newStore();
  const fail = hostFunc(store, [], [], () => { throw new Trap(TrapCode.HostError, "failed"); });
  const t = instantiateWat(wat, { store, imports: [funcExtern(fail)] });
  for (const [arg, code] of [[0, TrapCode.HostError], [1, TrapCode.IndirectCallToNull], [5, TrapCode.UndefinedElement]] as const) {
    let trap: Trap | undefined;
    try {
      t.call("f", arg);
    } catch (e) {
      trap = e as Trap;
    }
    expect(trap?.code).toBe(code);
    expect(trap!.frames.map((f) => [f.funcIndex, f.codeOffset])).toEqual([[1, callIndirect]]);
  }
});

test("every instruction has an offset table entry, inside its function's body", () => {
  const bytes = parseWat(`(module (memory 1) (table 2 funcref)
    (func $a (param i32 i32) (result i32)
      (local i64)
      (block (loop
        (br_if 1 (i32.ge_u (local.get 0) (local.get 1)))
        (i32.store8 (local.get 0) (i32.add (i32.load8_u (local.get 0)) (i32.const 1)))
        (local.set 0 (i32.add (local.get 0) (i32.const 1)))
        (br 0)))
      (block (br_table 0 0 (local.get 0)))
      (call_indirect (param i32) (result i32) (local.get 0) (i32.const 1))
      (drop)
      (i32.wrap_i64 (local.get 2)))
    (func $b (param i32) (result i32) (local.get 0)))`);
  const module = compileModule(bytes, new TypeRegistry(), { ...DEFAULT_CONFIG, lazyTranslation: false });
  translateAll(module);
  module.code.forEach((cf, i) => {
    const starts = disassemble(cf!).map((l) => Number(l.split(":")[0]));
    const offsets = cf!.offsets;
    expect(Array.from({ length: offsets.length / 2 }, (_, k) => offsets[2 * k])).toEqual(starts);
    const body = module.ir.codes[i]!;
    for (let k = 1; k < offsets.length; k += 2) {
      expect(offsets[k]).toBeGreaterThanOrEqual(body.start);
      expect(offsets[k]).toBeLessThan(body.end);
    }
    // an instruction's operand words map to the instruction
    starts.forEach((pc, k) => {
      const offset = offsets[2 * k + 1];
      for (let p = pc; p < (starts[k + 1] ?? cf!.code.length); p++) expect(cf!.wasmOffsetAt(p)).toBe(offset);
    });
  });
});
