import { CONCRETE_BASE, ValType, concreteRefType, refType, valTypeMatches, type TypeRegistry } from "@wasmi-ts/store";
import type { WasmFeatures } from "../decode/features.js";
import { ValidationError } from "../errors.js";
import type { ConstExpr, ModuleIR } from "../module/ir.js";
import { Op } from "../module/opcodes.js";
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
        const t = extendedConstType(c.op) as ValType;
        pop(t);
        pop(t);
        stack.push(t);
      }
    }
  }
  if (stack.length !== 1 || !matches(stack[0]!, expected)) throw new ValidationError("type mismatch", -1);
}
