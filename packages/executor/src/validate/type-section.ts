import {
  CONCRETE_BASE, MAX_SUBTYPE_DEPTH, compositeMatches, concreteIndexOf, concreteRefType, type CompositeType,
  type TypeRegistry, type ValType,
} from "@wasmi-ts/store";
import { ValidationError } from "../errors.js";
import type { ConstExpr, ModuleIR } from "../module/ir.js";
import { Op } from "../module/opcodes.js";

function fail(reason: string): never {
  throw new ValidationError(reason, -1);
}

function valTypesOf(c: CompositeType): ValType[] {
  if (c.kind === "func") return [...c.params, ...c.results];
  if (c.kind === "struct") return c.fields.map((f) => f.storage);
  return [c.element.storage];
}

/**
 * Validates the type section and canonicalises it in `registry`: each recursion group may refer to the
 * types before it and to its own members, a supertype must be defined before its subtype, not be final,
 * and its composite type must be matched by the subtype's; chains of supertypes are at most
 * MAX_SUBTYPE_DEPTH long. Then rewrites the module to canonical types (see ModuleIR.types): every value
 * type of the module (function types, imports, tables, globals, element segments, locals, ref.null in
 * constant expressions) names canonical ids from here on, and `ir.typeIds` maps type indices to them.
 * Types inside function bodies (block types, select, ref.null, call_ref, ...) keep their type indices:
 * the function validator maps them (`canonicalValType`).
 */
export function canonicaliseTypes(ir: ModuleIR, registry: TypeRegistry): void {
  const n = ir.types.length;
  const ids = new Int32Array(n);
  let start = 0;
  for (const size of ir.recGroupSizes) {
    const end = start + size;
    for (let i = start; i < end; i++) {
      const sub = ir.subtypes[i]!;
      if (sub.supertype < -1) fail("multiple supertypes");
      if (sub.supertype >= i) fail(`unknown type ${sub.supertype}`);
      for (const t of valTypesOf(sub.composite)) {
        const x = concreteIndexOf(t);
        if (x >= end) fail(`unknown type ${x}`);
      }
    }
    const base = registry.internGroup(ir.subtypes.slice(start, end), start, (x) => ids[x]!);
    for (let i = start; i < end; i++) ids[i] = base + i - start;
    start = end;
  }
  for (let i = 0; i < n; i++) {
    const def = registry.def(ids[i]!);
    if (def.supertype >= 0) {
      const sup = registry.def(def.supertype);
      if (sup.final || !compositeMatches(registry, def.composite, sup.composite)) fail("sub type");
      if (registry.depth(ids[i]!) > MAX_SUBTYPE_DEPTH) fail("subtype depth too large");
    }
    ir.subtypes[i] = def;
    ir.types[i] = def.composite;
  }
  ir.typeIds = ids;
  rewriteModuleTypes(ir);
}

/** The canonical form of a value type that names a type index of `ir` (validated: `ir.typeIds` set). */
export function canonicalValType(ir: ModuleIR, t: ValType): ValType {
  if (t < CONCRETE_BASE) return t;
  const x = concreteIndexOf(t);
  const id = ir.typeIds![x];
  if (id === undefined) fail(`unknown type ${x}`);
  return concreteRefType(id, (t & 1) === 0);
}

/** The canonical form of a heap type that may name a type index of `ir`. */
export function canonicalHeapType(ir: ModuleIR, h: number): number {
  if (h < CONCRETE_BASE) return h;
  const id = ir.typeIds![h - CONCRETE_BASE];
  if (id === undefined) fail(`unknown type ${h - CONCRETE_BASE}`);
  return CONCRETE_BASE + id;
}

function rewriteConst(ir: ModuleIR, expr: ConstExpr | null): void {
  if (expr === null) return;
  // (indexed: an iterator per expression is slow in V8's first tiers, and a module may have thousands)
  for (let i = 0; i < expr.length; i++) if (expr[i]!.op === Op.RefNull) expr[i]!.a = canonicalHeapType(ir, expr[i]!.a);
}

function rewriteModuleTypes(ir: ModuleIR): void {
  const canon = (t: ValType) => canonicalValType(ir, t);
  // imports share their type objects with `tables` and `globalTypes`
  for (const t of ir.tables) t.element = canon(t.element);
  for (const g of ir.globalTypes) g.type = canon(g.type);
  for (const g of ir.globals) rewriteConst(ir, g.init);
  for (const init of ir.tableInits) rewriteConst(ir, init);
  for (const e of ir.elems) {
    e.type = canon(e.type);
    rewriteConst(ir, e.offset);
    for (const x of e.init) rewriteConst(ir, x);
  }
  for (const d of ir.datas) rewriteConst(ir, d.offset);
  for (const body of ir.concreteLocals ? ir.codes : []) {
    const locals = body.locals;
    for (let i = 0; i < locals.length; i++) if (locals[i]! >= CONCRETE_BASE) locals[i] = canon(locals[i]!);
  }
}
