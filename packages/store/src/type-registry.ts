import {
  ArrayType, CONCRETE_BASE, FuncType, StructType, concreteIndexOf, type CompositeType, type FieldType, type SubType,
  type ValType,
} from "./types.js";
import type { StructLayout } from "./gc.js";

/** Deepest chain of declared supertypes a type may have (the JS API's limit). */
export const MAX_SUBTYPE_DEPTH = 63;

/**
 * Canonicalises type definitions to small integer ids, iso-recursively (WebAssembly 3.0): a recursion
 * group is identified by its structure, its references to its own members taken relative to the group and
 * its references to earlier types by their canonical ids. So two types are equal, within a module or across
 * modules of one engine, exactly when their ids are equal, and `call_indirect` compares one integer.
 * The canonical definitions refer to other types by canonical id (see types.ts for the encoding).
 * One registry is shared by everything of one engine; ids are never reused.
 */
export class TypeRegistry {
  private readonly groups = new Map<string, number>();
  private readonly defs: SubType[] = [];
  /** Length of each type's chain of declared supertypes. */
  private readonly depths: number[] = [];
  /** The layouts of struct types, by id, as gc.ts's `structLayoutOf` caches them. */
  readonly structLayouts: (StructLayout | undefined)[] = [];

  /**
   * Interns a host function type as the spec's function types outside modules are: a recursion group of
   * one final type without supertype. Its reference types must use canonical ids. Sets `type.id`.
   */
  intern(type: FuncType): number {
    const id = this.internGroup([{ final: true, supertype: -1, composite: type }], Infinity, (x) => x);
    type.id = id;
    return id;
  }

  /**
   * Interns one recursion group of a module: `group` are the module's types `start .. start + n - 1`,
   * referring to earlier types by type index (which `earlier` maps to canonical ids) and to the group's
   * members by type index too. The caller has checked that every reference is below `start + n`.
   * Returns the canonical id of the group's first type (the others follow it).
   */
  internGroup(group: readonly SubType[], start: number, earlier: (index: number) => number): number {
    const n = group.length;
    const key = groupKey(group, start, earlier);
    const known = this.groups.get(key);
    if (known !== undefined) return known;
    const base = this.defs.length;
    const canon = (index: number) => (index >= start && index < start + n ? base + index - start : earlier(index));
    const mapVal = (t: ValType) => (t >= CONCRETE_BASE ? t + 2 * (canon(concreteIndexOf(t)) - concreteIndexOf(t)) : t);
    for (let i = 0; i < n; i++) {
      const sub = group[i]!;
      const supertype = sub.supertype < 0 ? -1 : canon(sub.supertype);
      this.defs.push({ final: sub.final, supertype, composite: mapComposite(sub.composite, mapVal, base + i) });
      this.depths.push(supertype < 0 || supertype >= base + i ? 0 : this.depths[supertype]! + 1);
    }
    this.groups.set(key, base);
    return base;
  }

  /** The definition of canonical type `id`. */
  def(id: number): SubType {
    const t = this.defs[id];
    if (t === undefined) throw new RangeError(`unknown type id ${id}`);
    return t;
  }

  /** The function type of canonical id `id` (a RangeError if it is not a function type). */
  get(id: number): FuncType {
    const t = this.def(id).composite;
    if (t.kind !== "func") throw new RangeError(`type id ${id} is not a function type`);
    return t;
  }

  /** Length of the chain of declared supertypes above `id`. */
  depth(id: number): number {
    return this.depths[id] ?? 0;
  }

  /** Whether canonical type `sub` is `sup` or declares it (transitively) as a supertype. */
  isSubtype(sub: number, sup: number): boolean {
    for (let t = sub, n = 0; t >= 0 && n <= MAX_SUBTYPE_DEPTH + 1; n++) {
      if (t === sup) return true;
      t = this.defs[t]!.supertype;
    }
    return false;
  }
}

function mapField(f: FieldType, mapVal: (t: ValType) => ValType): FieldType {
  return { storage: mapVal(f.storage), mutable: f.mutable };
}

function mapComposite(c: CompositeType, mapVal: (t: ValType) => ValType, id: number): CompositeType {
  if (c.kind === "func") {
    const f = new FuncType(c.params.map(mapVal), c.results.map(mapVal));
    f.id = id;
    return f;
  }
  if (c.kind === "struct") return new StructType(c.fields.map((f) => mapField(f, mapVal)));
  return new ArrayType(mapField(c.element, mapVal));
}

/** The structure of a recursion group: own members as `r<relative index>`, earlier types as `c<id>`. */
function groupKey(group: readonly SubType[], start: number, earlier: (index: number) => number): string {
  const end = start + group.length;
  const ref = (index: number) => (index >= start && index < end ? `r${index - start}` : `c${earlier(index)}`);
  const val = (t: ValType) => (t >= CONCRETE_BASE ? `${ref(concreteIndexOf(t))}${t & 1 ? "!" : ""}` : String(t));
  const field = (f: FieldType) => `${f.mutable ? "m" : ""}${val(f.storage)}`;
  let key = "";
  for (const sub of group) {
    key += sub.final ? "F" : "S";
    if (sub.supertype >= 0) key += ref(sub.supertype);
    const c = sub.composite;
    if (c.kind === "func") key += `(${c.params.map(val).join(",")}->${c.results.map(val).join(",")})`;
    else if (c.kind === "struct") key += `{${c.fields.map(field).join(",")}}`;
    else key += `[${field(c.element)}]`;
    key += ";";
  }
  return key;
}
