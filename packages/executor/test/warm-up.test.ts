// The interpreter loop's warm-up (interpret/warm-up.ts) runs every instruction once on training code:
// each instruction's code must be well formed for its layout, whatever layouts the generator adds.
import { describe, expect, test } from "vitest";
import { OP_LAYOUTS, Op } from "../src/interpret/op.generated.js";
import { WARM_UP_MODULE_BYTES, trainingCode, warmedUp } from "../src/interpret/warm-up.js";
import { instantiateWat } from "./interpret-harness.js";

describe("the interpreter's warm-up", () => {
  test("gives every instruction code of its layout, its branch targets at the return after it", () => {
    for (let op = 0; op < OP_LAYOUTS.length; op++) {
      const layout = OP_LAYOUTS[op]!;
      const code = trainingCode(op, 7);
      const words = layout.length + (layout.match(/L/g)?.length ?? 0); // a list: its count and one target
      expect(code.length, `op ${op} (${layout})`).toBe(1 + words + 1);
      expect(code[0]).toBe(op);
      expect(code[code.length - 1]).toBe(Op.Return);
      let at = 1;
      for (const kind of layout) {
        if (kind === "r") expect(code[at]! % 2, "registers: even word offsets").toBe(0);
        if (kind === "i") expect(code[at]).toBe(7);
        if (kind === "t") expect(code[at]).toBe(code.length - 1);
        if (kind === "L") expect([code[at], code[++at]]).toEqual([0, code.length - 1]);
        at++;
      }
    }
  });

  test("runs a small module's instructions, then every one for a large module, before their code runs; executions stay as they are", () => {
    const program = (data: string) => instantiateWat(`(module (memory 8) (global $g (mut i32) (i32.const 5))
      (data (i32.const 1024) "${data}")
      (func (export "f") (param i32) (result i32)
        (i32.store (i32.const 8) (local.get 0))
        (global.set $g (i32.add (global.get $g) (i32.load (i32.const 8))))
        (global.get $g)))`);
    const small = program("x");
    expect(small.call("f", 3)).toBe(8);
    // a small module: its own instructions (a store, a load, global and arithmetic ones, a return)
    expect(warmedUp.size, "a small module's instructions").toBeGreaterThanOrEqual(3);
    expect(warmedUp.size).toBeLessThan(12);
    const large = program("x".repeat(WARM_UP_MODULE_BYTES));
    expect(large.call("f", 3)).toBe(8);
    expect(large.call("f", 4)).toBe(12);
    expect(warmedUp.size, "every instruction but the trap").toBe(OP_LAYOUTS.length - 1);
  });
});
