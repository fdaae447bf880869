import { describe, expect, it } from "vitest";
import { evalConstExpr, instantiate, type ConstExpr } from "@wasmi-ts/executor";
import { ExternKind, FuncType, GlobalEntity, InstanceEntity, ValType, type GlobalType } from "@wasmi-ts/store";
import { c, compiled, emptyIR, newStore } from "./instantiate-helpers.js";

function evalIn(expr: ConstExpr, instance = new InstanceEntity(null)): Int32Array {
  const out = new Int32Array(4);
  evalConstExpr(expr, instance, out);
  return out;
}

const add = (op: number) => ({ op, a: 0, b: 0 });

describe("constant expressions", () => {
  it("evaluates numeric constants into the slot layout, keeping float bits", () => {
    expect(evalIn(c.i32(-5))[0]).toBe(-5);
    expect(Array.from(evalIn(c.i64(0x89abcdef | 0, 0x01234567)).subarray(0, 2))).toEqual([0x89abcdef | 0, 0x01234567]);
    expect(evalIn(c.f32bits(0x7fa00001))[0]! >>> 0).toBe(0x7fa00001); // NaN payload kept
    const f64 = evalIn(c.f64bits(0, 0x3ff00000));
    expect(new Float64Array(f64.buffer)[0]).toBe(1);
  });

  it("evaluates v128.const", () => {
    const bytes = Uint8Array.from({ length: 16 }, (_, i) => i * 3);
    const out = evalIn([{ op: 0xfd0c, a: 0, b: 0, v: bytes }]);
    expect(Array.from(new Uint8Array(out.buffer))).toEqual(Array.from(bytes));
  });

  it("evaluates extended-const i32 arithmetic with wrap-around", () => {
    expect(evalIn([...c.i32(0x7fffffff), ...c.i32(1), add(0x6a)])[0]).toBe(-0x80000000);
    expect(evalIn([...c.i32(3), ...c.i32(10), add(0x6b)])[0]).toBe(-7);
    expect(evalIn([...c.i32(0x10001), ...c.i32(0x10001), add(0x6c)])[0]).toBe(Math.imul(0x10001, 0x10001));
  });

  it("evaluates extended-const i64 arithmetic across the halves", () => {
    const r = evalIn([...c.i64(-1, 0), ...c.i64(1, 0), add(0x7c)]); // 0xffffffff + 1
    expect([r[0], r[1]]).toEqual([0, 1]);
    const s = evalIn([...c.i64(0, 0), ...c.i64(1, 0), add(0x7d)]); // 0 - 1
    expect([r[0], r[1], s[0], s[1]]).toEqual([0, 1, -1, -1]);
    const m = evalIn([...c.i64(0x10000, 0), ...c.i64(0x10000, 0), add(0x7e)]); // 2^32
    expect([m[0], m[1]]).toEqual([0, 1]);
    const w = evalIn([...c.i64(-1, 0x7fffffff), ...c.i64(1, 0), add(0x7c)]); // i64 max + 1 wraps
    expect([w[0], w[1]]).toEqual([0, -0x80000000]);
  });

  it("reads imported and earlier globals, and refers to functions", () => {
    const imported = new GlobalEntity({ type: ValType.I64, mutable: false });
    imported.i32[0] = 40;
    const ir = emptyIR();
    const gt = (type: number): GlobalType => ({ type, mutable: false });
    ir.imports = [{ module: "env", name: "g", desc: { kind: "global", type: gt(ValType.I64) } }];
    ir.numImportedGlobals = 1;
    ir.types = [new FuncType([], [])];
    ir.funcs = [0];
    ir.codes = [{ bodyStart: 0, locals: [], start: 0, end: 0 }];
    ir.globals = [
      { type: gt(ValType.I64), init: [...c.globalGet(0), ...c.i64(2, 0), add(0x7c)] },
      { type: gt(ValType.I64), init: [...c.globalGet(1), ...c.globalGet(1), add(0x7e)] },
      { type: gt(ValType.FuncRef), init: c.refFunc(0) },
      { type: gt(ValType.ExternRef), init: c.refNull(ValType.ExternRef) },
    ];
    ir.globalTypes = [gt(ValType.I64), ...ir.globals.map((g) => g.type)];
    const inst = instantiate(newStore(), compiled(ir), [{ kind: ExternKind.Global, value: imported }]);
    expect(inst.globals[0]).toBe(imported);
    expect(inst.globals[1]!.i32[0]).toBe(42);
    expect(inst.globals[2]!.i32[0]).toBe(42 * 42);
    expect(inst.globals[3]!.ref).toBe(inst.funcs[0]);
    expect(inst.globals[4]!.ref).toBe(null);
  });
});
