import {
  GcArray, GcStruct, PackedType, fieldSlots, Trap, TrapCode, isRefType, structLayout, setStructSlot, type ArrayType, type InstanceEntity,
  type TypeRegistry,
} from "@wasmi-ts/store";
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

/** A reference on the evaluation stack (numeric values are 4-word cells). */
class RefValue {
  constructor(readonly ref: unknown) {}
}

type ConstValue = Int32Array | RefValue;

/** Evaluates `expr` in the context of `instance` (its functions and the globals initialised so far). */
function evaluate(expr: ConstExpr, instance: InstanceEntity, types: TypeRegistry | null): ConstValue {
  const stack: ConstValue[] = [];
  const popCell = (): Int32Array => {
    const v = stack.pop();
    if (!(v instanceof Int32Array)) throw new Error("constant expression: operand stack underflow");
    return v;
  };
  for (const instr of expr) {
    if (instr.op === Op.End) break;
    const i32Op = i32Ops[instr.op];
    const i64Op = i64Ops[instr.op];
    if (i32Op !== undefined || i64Op !== undefined) {
      const b = popCell();
      const a = popCell();
      if (i32Op !== undefined) a[0] = i32Op(a[0]!, b[0]!);
      else setI64(a, i64Op!(i64Of(a), i64Of(b)));
      stack.push(a);
      continue;
    }
    if (instr.op >>> 8 === 0xfb) {
      stack.push(new RefValue(evalGc(instr.op & 0xff, instr.a, instr.b, stack, instance, types)));
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
        if (isRefType(g.type.type)) {
          stack.push(new RefValue(g.ref));
          continue;
        }
        cell.set(g.i32);
        break;
      }
      case Op.RefNull:
        stack.push(new RefValue(null));
        continue;
      case Op.RefFunc: {
        const f = instance.funcs[instr.a];
        if (f === undefined) throw new Error(`constant expression: unknown function ${instr.a}`);
        stack.push(new RefValue(f));
        continue;
      }
      default:
        throw new Trap(TrapCode.HostError, `unsupported constant instruction 0x${instr.op.toString(16)}`);
    }
    stack.push(cell);
  }
  const result = stack.pop();
  if (result === undefined) throw new Error("constant expression produced no value");
  return result;
}

/** The operand of a GC constant instruction as the heap keeps it (a reference, or a numeric value's words). */
function storeOperand(v: ConstValue | undefined, arr: GcArray | null, s: GcStruct | null, i: number): void {
  if (v === undefined) throw new Error("constant expression: operand stack underflow");
  const words = v instanceof RefValue ? null : v;
  const ref = v instanceof RefValue ? v.ref : null;
  if (s !== null) {
    const w = s.layout.slotAt[i]!;
    const storage = s.layout.type.fields[i]!.storage;
    if (isRefType(storage)) setStructSlot(s, w, ref);
    else {
      const mask = storage === PackedType.I8 ? 0xff : storage === PackedType.I16 ? 0xffff : -1;
      setStructSlot(s, w, words![0]! & mask);
      for (let k = 1; k < fieldSlots(storage); k++) setStructSlot(s, w + k, words![k]!);
    }
    return;
  }
  const a = arr!;
  if (a.refs !== null) a.refs[i] = ref;
  else a.elementBytes().set(new Uint8Array(words!.buffer, 0, a.elemBytes), i * a.elemBytes);
}

/** struct.new(_default), array.new(_default, _fixed), ref.i31, any.convert_extern, extern.convert_any. */
function evalGc(sub: number, x: number, n: number, stack: ConstValue[], instance: InstanceEntity, types: TypeRegistry | null): unknown {
  if (sub === 0x1a || sub === 0x1b) {
    const v = stack.pop();
    return v instanceof RefValue ? v.ref : null;
  }
  if (sub === 0x1c) {
    const v = stack.pop() as Int32Array;
    return (v[0]! << 1) >> 1;
  }
  if (types === null) throw new Error("constant expression: GC instruction without the engine's types");
  const id = instance.typeIds[x]!;
  const composite = types.def(id).composite;
  if (composite.kind === "struct") {
    const s = GcStruct.allocate(id, structLayout(composite));
    if (sub === 0x00) for (let i = composite.fields.length - 1; i >= 0; i--) storeOperand(stack.pop(), null, s, i);
    return s;
  }
  const type = composite as ArrayType;
  if (sub === 0x08) {
    const arr = new GcArray(id, type, n);
    for (let i = n - 1; i >= 0; i--) storeOperand(stack.pop(), arr, null, i);
    return arr;
  }
  const len = (stack.pop() as Int32Array)[0]! >>> 0;
  const arr = new GcArray(id, type, len);
  if (sub === 0x06) {
    const v = stack.pop();
    for (let i = 0; i < len; i++) storeOperand(v, arr, null, i);
  }
  return arr;
}

/**
 * Evaluates a numeric `expr` in the context of `instance` (its functions and the globals initialised so far) and
 * writes the value into `out` (at least 4 words, zeroed first).
 */
export function evalConstExpr(expr: ConstExpr, instance: InstanceEntity, out: Int32Array, types: TypeRegistry | null = null): void {
  const result = evaluate(expr, instance, types);
  if (result instanceof RefValue) throw new Error("constant expression: a reference where a number was expected");
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
 * null, a `FuncEntity`, a GC object, an i31 number or a host value. GC instructions need the engine's types. */
export function evalRef(expr: ConstExpr, instance: InstanceEntity, types: TypeRegistry | null = null): unknown {
  const result = evaluate(expr, instance, types);
  if (!(result instanceof RefValue)) throw new Error("constant expression: a number where a reference was expected");
  return result.ref;
}
