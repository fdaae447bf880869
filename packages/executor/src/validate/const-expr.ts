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
  const matches = (a: ValType, b: ValType) => a === b || (registry !== null && valTypeMatches(registry, a, b));
  const seen = features.constGlobals ? visibleGlobals : ir.numImportedGlobals;
  for (const c of expr) {
    switch (c.op) {
      case Op.I32Const:
      case Op.I64Const:
      case Op.F32Const:
      case Op.F64Const:
      case Op.V128Const:
      case Op.RefNull:
      case Op.RefFunc:
        continue;
      case Op.GlobalGet: {
        if (c.a >= seen) throw new ValidationError(`unknown global ${c.a}`, -1);
        if (ir.globalTypes[c.a]!.mutable) throw new ValidationError("constant expression required", -1);
        continue;
      }
    }
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
    switch (c.op) {
      case Op.I32Const:
        stack.push(I32);
        break;
      case Op.I64Const:
        stack.push(I64);
        break;
      case Op.F32Const:
        stack.push(ValType.F32);
        break;
      case Op.F64Const:
        stack.push(ValType.F64);
        break;
      case Op.V128Const:
        stack.push(ValType.V128);
        break;
      case Op.RefNull:
        if (c.a >= CONCRETE_BASE && ir.typeIds === null) throw new ValidationError("type mismatch", -1);
        stack.push(refType(c.a, true));
        break;
      case Op.RefFunc:
        if (funcType(ir, c.a) === undefined) throw new ValidationError(`unknown function ${c.a}`, -1);
        // 3.0: the function's own type, not null
        stack.push(features.typedReferences ? concreteRefType(ir.typeIds![ir.funcs[c.a]!]!, false) : ValType.FuncRef);
        break;
      case Op.GlobalGet:
        stack.push(ir.globalTypes[c.a]!.type);
        break;
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
