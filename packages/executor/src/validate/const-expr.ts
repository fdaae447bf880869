import {
  CONCRETE_BASE, HeapType, PackedType, REF_NON_NULL, ValType, concreteRefType, isDefaultable, isNullable, refType,
  valTypeMatches, type CompositeType, type TypeRegistry,
} from "@wasmi-ts/store";
import type { WasmFeatures } from "../decode/features.js";
import { ValidationError } from "../errors.js";
import type { ConstExpr, ModuleIR } from "../module/ir.js";
import { Op } from "../module/opcodes.js";
import { MAX_ARRAY_NEW_FIXED } from "./func-validator.js";
import { funcType } from "./module-types.js";

const I32 = ValType.I32;
const I64 = ValType.I64;

/** Result type of the extended-const arithmetic instructions, or 0 for other opcodes. */
function extendedConstType(op: number): ValType | 0 {
  switch (op) {
    case Op.I32Add:
    case Op.I32Sub:
    case Op.I32Mul:
      return I32;
    case Op.I64Add:
    case Op.I64Sub:
    case Op.I64Mul:
      return I64;
  }
  return 0;
}

/** The GC instructions allowed in constant expressions (0xfb sub-opcodes): struct.new(_default),
 * array.new(_default, _fixed), any.convert_extern, extern.convert_any, ref.i31. */
const CONST_GC = new Set([0xfb00, 0xfb01, 0xfb06, 0xfb07, 0xfb08, 0xfb1a, 0xfb1b, 0xfb1c]);

const unpacked = (s: number) => (s === PackedType.I8 || s === PackedType.I16 ? I32 : s);

/**
 * Checks a constant expression (global initialiser, segment offset or element) that must produce one
 * value of type `expected`. As in the spec, first every instruction must be constant (global.get only
 * of an immutable global it may see), then the sequence must type-check. It sees the imported globals,
 * and with `constGlobals` (3.0) the first `visibleGlobals` of all: those defined before a global's
 * initialiser, all of them for a segment's expressions.
 */
export function validateConstExpr(
  ir: ModuleIR,
  features: Readonly<WasmFeatures>,
  expr: ConstExpr,
  expected: ValType,
  visibleGlobals = ir.globalTypes.length,
  /** For subtyping (typed references; the module's types canonicalised): else types must be equal. */
  registry: TypeRegistry | null = null,
): void {
  const seen = features.constGlobals ? visibleGlobals : ir.numImportedGlobals;
  // the common one-instruction expression (an element's ref.func, an offset's i32.const), without the
  // general path's closures and stack: a module may have thousands
  const single = expr.length === 1 ? leafType(ir, features, expr[0]!, seen) : null;
  if (single !== null) {
    if (single !== expected && !(registry !== null && valTypeMatches(registry, single, expected))) {
      throw new ValidationError("type mismatch", -1);
    }
    return;
  }
  const matches = (a: ValType, b: ValType) => a === b || (registry !== null && valTypeMatches(registry, a, b));
  for (const c of expr) {
    if (c.op === Op.GlobalGet) checkGlobalGet(ir, c.a, seen);
    if (LEAF_OPS.has(c.op)) continue;
    if (features.extendedConst && extendedConstType(c.op) !== 0) continue;
    if (features.gc && CONST_GC.has(c.op)) continue;
    throw new ValidationError("constant expression required", -1);
  }
  const stack: ValType[] = [];
  const pop = (t: ValType) => {
    const a = stack.pop();
    if (a === undefined || !matches(a, t)) throw new ValidationError("type mismatch", -1);
  };
  for (const c of expr) {
    const leaf = leafType(ir, features, c, seen);
    if (leaf !== null) {
      stack.push(leaf);
      continue;
    }
    switch (c.op) {
      default: {
        if (c.op >>> 8 === 0xfb) {
          constGc(ir, registry, c.op & 0xff, c.a, c.b, pop, stack);
          break;
        }
        const t = extendedConstType(c.op) as ValType;
        pop(t);
        pop(t);
        stack.push(t);
      }
    }
  }
  if (stack.length !== 1 || !matches(stack[0]!, expected)) throw new ValidationError("type mismatch", -1);
}

/** A global.get of a constant expression must see global `index`, an immutable one. */
function checkGlobalGet(ir: ModuleIR, index: number, seen: number): void {
  if (index >= seen) throw new ValidationError(`unknown global ${index}`, -1);
  if (ir.globalTypes[index]!.mutable) throw new ValidationError("constant expression required", -1);
}

/** The constant instructions that take no operands (see leafType). */
const LEAF_OPS = new Set<number>([Op.I32Const, Op.I64Const, Op.F32Const, Op.F64Const, Op.V128Const, Op.RefNull, Op.RefFunc, Op.GlobalGet]);

/** The type of a constant instruction of LEAF_OPS, its immediate checked, or null for the others. */
function leafType(ir: ModuleIR, features: Readonly<WasmFeatures>, c: { op: number; a: number }, seen: number): ValType | null {
  switch (c.op) {
    case Op.I32Const:
      return I32;
    case Op.I64Const:
      return I64;
    case Op.F32Const:
      return ValType.F32;
    case Op.F64Const:
      return ValType.F64;
    case Op.V128Const:
      return ValType.V128;
    case Op.RefNull:
      if (c.a >= CONCRETE_BASE && ir.typeIds === null) throw new ValidationError("type mismatch", -1);
      return refType(c.a, true);
    case Op.RefFunc:
      if (funcType(ir, c.a) === undefined) throw new ValidationError(`unknown function ${c.a}`, -1);
      // 3.0: the function's own type, not null
      return features.typedReferences ? concreteRefType(ir.typeIds![ir.funcs[c.a]!]!, false) : ValType.FuncRef;
    case Op.GlobalGet:
      checkGlobalGet(ir, c.a, seen);
      return ir.globalTypes[c.a]!.type;
  }
  return null;
}

/** Types a GC instruction of a constant expression (see CONST_GC). */
function constGc(
  ir: ModuleIR, registry: TypeRegistry | null, sub: number, x: number, n: number, pop: (t: ValType) => void, stack: ValType[],
): void {
  const composite = (): CompositeType => {
    const id = ir.typeIds?.[x];
    if (id === undefined || registry === null) throw new ValidationError(`unknown type ${x}`, -1);
    return registry.def(id).composite;
  };
  const result = () => concreteRefType(ir.typeIds![x]!, false);
  switch (sub) {
    case 0x00: case 0x01: {
      const c = composite();
      if (c.kind !== "struct") throw new ValidationError("type mismatch", -1);
      if (sub === 0) for (let i = c.fields.length - 1; i >= 0; i--) pop(unpacked(c.fields[i]!.storage));
      else if (!c.fields.every((f) => isDefaultable(f.storage))) throw new ValidationError("type mismatch", -1);
      stack.push(result());
      return;
    }
    case 0x06: case 0x07: case 0x08: {
      const c = composite();
      if (c.kind !== "array") throw new ValidationError("type mismatch", -1);
      const e = unpacked(c.element.storage);
      if (sub === 0x06) {
        pop(I32);
        pop(e);
      } else if (sub === 0x07) {
        if (!isDefaultable(e)) throw new ValidationError("type mismatch", -1);
        pop(I32);
      } else {
        if (n > MAX_ARRAY_NEW_FIXED) throw new ValidationError(`array.new_fixed of more than ${MAX_ARRAY_NEW_FIXED} operands`, -1);
        for (let i = 0; i < n; i++) pop(e);
      }
      stack.push(result());
      return;
    }
    case 0x1a: case 0x1b: { // any.convert_extern, extern.convert_any: the nullability stays
      const t = stack[stack.length - 1];
      pop(sub === 0x1a ? ValType.ExternRef : ValType.AnyRef);
      stack.push(refType(sub === 0x1a ? HeapType.Any : HeapType.Extern, t === undefined || isNullable(t)));
      return;
    }
    default: // ref.i31
      pop(I32);
      stack.push(ValType.I31Ref | REF_NON_NULL);
  }
}
