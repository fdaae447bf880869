import { Trap, TrapCode, type InstanceEntity } from "@wasmi-ts/store";
import type { ConstExpr } from "../module/ir.js";

// Evaluates constant expressions (global initialisers, segment offsets and elements) at instantiation.
// Numeric values are 16-byte cells in the slot layout (see `slots.ts`), so results copy straight into a
// `GlobalEntity` and keep float bit patterns (NaN payloads) exactly; references are objects (`refs.ts`
// of the store). Not a hot path: BigInt is fine here.

const Op = {
  End: 0x0b,
  GlobalGet: 0x23,
  I32Const: 0x41,
  I64Const: 0x42,
  F32Const: 0x43,
  F64Const: 0x44,
  I32Add: 0x6a,
  I32Sub: 0x6b,
  I32Mul: 0x6c,
  I64Add: 0x7c,
  I64Sub: 0x7d,
  I64Mul: 0x7e,
  RefNull: 0xd0,
  RefFunc: 0xd2,
  V128Const: 0xfd0c,
} as const;

function i64Of(cell: Int32Array): bigint {
  return (BigInt(cell[1]!) << 32n) | BigInt(cell[0]! >>> 0);
}

function setI64(cell: Int32Array, v: bigint): void {
  cell[0] = Number(BigInt.asIntN(32, v));
  cell[1] = Number(BigInt.asIntN(32, v >> 32n));
}

const i64Ops: Record<number, (a: bigint, b: bigint) => bigint> = {
  [Op.I64Add]: (a, b) => a + b,
  [Op.I64Sub]: (a, b) => a - b,
  [Op.I64Mul]: (a, b) => a * b,
};

const i32Ops: Record<number, (a: number, b: number) => number> = {
  [Op.I32Add]: (a, b) => (a + b) | 0,
  [Op.I32Sub]: (a, b) => (a - b) | 0,
  [Op.I32Mul]: (a, b) => Math.imul(a, b),
};

/**
 * Evaluates a numeric `expr` in the context of `instance` (its functions and the globals initialised so far) and
 * writes the value into `out` (at least 4 words, zeroed first).
 */
export function evalConstExpr(expr: ConstExpr, instance: InstanceEntity, out: Int32Array): void {
  const stack: Int32Array[] = [];
  for (const instr of expr) {
    if (instr.op === Op.End) break;
    const i32Op = i32Ops[instr.op];
    const i64Op = i64Ops[instr.op];
    if (i32Op !== undefined || i64Op !== undefined) {
      const b = stack.pop();
      const a = stack[stack.length - 1];
      if (a === undefined || b === undefined) throw new Error("constant expression: operand stack underflow");
      if (i32Op !== undefined) a[0] = i32Op(a[0]!, b[0]!);
      else setI64(a, i64Op!(i64Of(a), i64Of(b)));
      continue;
    }
    const cell = new Int32Array(4);
    switch (instr.op) {
      case Op.I32Const:
      case Op.F32Const:
        cell[0] = instr.a;
        break;
      case Op.I64Const:
      case Op.F64Const:
        cell[0] = instr.a;
        cell[1] = instr.b;
        break;
      case Op.V128Const:
        new Uint8Array(cell.buffer).set(instr.v!);
        break;
      case Op.GlobalGet: {
        const g = instance.globals[instr.a];
        if (g === undefined) throw new Error(`constant expression: global ${instr.a} not initialised yet`);
        cell.set(g.i32);
        break;
      }
      default:
        throw new Trap(TrapCode.HostError, `unsupported constant instruction 0x${instr.op.toString(16)}`);
    }
    stack.push(cell);
  }
  const result = stack.pop();
  if (result === undefined) throw new Error("constant expression produced no value");
  out.set(result.subarray(0, 4));
}

/** Evaluates an offset expression (i32, or i64 for 64-bit memories and tables) to a non-negative number. */
export function evalOffset(expr: ConstExpr, instance: InstanceEntity, is64: boolean): number {
  const cell = new Int32Array(4);
  evalConstExpr(expr, instance, cell);
  const low = cell[0]! >>> 0;
  return is64 ? (cell[1]! >>> 0) * 2 ** 32 + low : low;
}

/** Evaluates a reference-typed expression (a global's initialiser, a segment element) to its reference:
 * null, a `FuncEntity` or a host value. */
export function evalRef(expr: ConstExpr, instance: InstanceEntity): unknown {
  const instr = expr[0];
  switch (instr?.op) {
    case Op.RefNull:
      return null;
    case Op.RefFunc: {
      const f = instance.funcs[instr.a];
      if (f === undefined) throw new Error(`constant expression: unknown function ${instr.a}`);
      return f;
    }
    case Op.GlobalGet: {
      const g = instance.globals[instr.a];
      if (g === undefined) throw new Error(`constant expression: global ${instr.a} not initialised yet`);
      return g.ref;
    }
    default:
      throw new Trap(TrapCode.HostError, `unsupported constant reference instruction 0x${(instr?.op ?? 0).toString(16)}`);
  }
}
