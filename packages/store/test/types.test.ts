import { describe, expect, it } from "vitest";
import {
  ArrayType, FuncType, HeapType, StructType, TypeRegistry, ValType, concreteHeapType, concreteRefType, heapTypeMatches,
  heapTypeOf, isDefaultable, isNullable, isRefType, refType, valTypeMatches, valTypeName, type SubType,
} from "../src/index.js";

// The value type encoding, the canonicalisation of recursion groups and subtyping (Wasm 3.0).

describe("value types", () => {
  it("encode nullable, non-null and concrete references", () => {
    expect(refType(HeapType.Func, true)).toBe(ValType.FuncRef);
    const refFunc = refType(HeapType.Func, false);
    expect([isRefType(refFunc), isNullable(refFunc), heapTypeOf(refFunc)]).toEqual([true, false, HeapType.Func]);
    const t = concreteRefType(7, true);
    expect([isRefType(t), isNullable(t), heapTypeOf(t)]).toEqual([true, true, concreteHeapType(7)]);
    expect(refType(concreteHeapType(7), false)).toBe(concreteRefType(7, false));
    expect([isRefType(ValType.I32), isRefType(ValType.V128), isRefType(ValType.NullExnRef)]).toEqual([false, false, true]);
    expect([isDefaultable(ValType.I64), isDefaultable(t), isDefaultable(refFunc)]).toEqual([true, true, false]);
    expect(valTypeName(refFunc)).toBe("(ref func)");
    expect(valTypeName(ValType.AnyRef)).toBe("(ref null any)");
  });
});

const sub = (composite: SubType["composite"], supertype = -1, final = false): SubType => ({ final, supertype, composite });

describe("TypeRegistry", () => {
  it("gives structurally equal recursion groups the same ids, and different positions different ids", () => {
    const r = new TypeRegistry();
    // (rec (type $a (func (param (ref null $b)))) (type $b (func (param (ref null $a))))), at type index 0
    const group = [sub(new FuncType([concreteRefType(1, true)], [])), sub(new FuncType([concreteRefType(0, true)], []))];
    const first = r.internGroup(group, 0, () => -1);
    expect(r.internGroup(group, 0, () => -1)).toBe(first);
    // the same group at type index 3 of another module: relative references, the same ids
    const shifted = [sub(new FuncType([concreteRefType(4, true)], [])), sub(new FuncType([concreteRefType(3, true)], []))];
    expect(r.internGroup(shifted, 3, () => -1)).toBe(first);
    // the canonical definitions refer by canonical id
    expect(r.get(first).params).toEqual([concreteRefType(first + 1, true)]);
    // a lone type of the same structure is another type
    expect(r.internGroup([sub(new FuncType([concreteRefType(0, true)], []))], 0, () => -1)).not.toBe(first);
  });

  it("interns host function types as final types without supertype, as modules' plain function types", () => {
    const r = new TypeRegistry();
    const fromModule = r.internGroup([sub(new FuncType([ValType.I32], []), -1, true)], 0, () => -1);
    const host = new FuncType([ValType.I32], []);
    expect(r.intern(host)).toBe(fromModule);
    expect(host.id).toBe(fromModule);
    expect(r.intern(new FuncType([ValType.I64], []))).not.toBe(fromModule);
  });

  it("follows declared supertypes", () => {
    const r = new TypeRegistry();
    const base = r.internGroup([sub(new StructType([{ storage: ValType.I32, mutable: false }]))], 0, () => -1);
    const derived = r.internGroup([sub(new StructType([{ storage: ValType.I32, mutable: false }]), 0)], 1, () => base);
    expect(r.def(derived).supertype).toBe(base);
    expect([r.isSubtype(derived, base), r.isSubtype(base, derived), r.depth(derived)]).toEqual([true, false, 1]);
  });
});

describe("subtyping", () => {
  const r = new TypeRegistry();
  const f = r.intern(new FuncType([], []));
  const s = r.internGroup([sub(new StructType([]))], 0, () => -1);
  const a = r.internGroup([sub(new ArrayType({ storage: 0x78, mutable: true }))], 0, () => -1);

  it("orders the abstract hierarchies", () => {
    const below = (x: number, y: number) => heapTypeMatches(r, x, y);
    expect([below(HeapType.I31, HeapType.Eq), below(HeapType.Eq, HeapType.Any), below(HeapType.None, HeapType.I31)]).toEqual([true, true, true]);
    expect([below(HeapType.Any, HeapType.Eq), below(HeapType.NoFunc, HeapType.Extern), below(HeapType.Func, HeapType.Any)]).toEqual([false, false, false]);
    expect([below(HeapType.NoExtern, HeapType.Extern), below(HeapType.NoExn, HeapType.Exn)]).toEqual([true, true]);
  });

  it("places defined types below their kind and above its bottom", () => {
    const below = (x: number, y: number) => heapTypeMatches(r, x, y);
    expect([below(concreteHeapType(f), HeapType.Func), below(concreteHeapType(f), HeapType.Any)]).toEqual([true, false]);
    expect([below(concreteHeapType(s), HeapType.Eq), below(concreteHeapType(a), HeapType.Array), below(concreteHeapType(a), HeapType.Struct)]).toEqual([true, true, false]);
    expect([below(HeapType.None, concreteHeapType(s)), below(HeapType.NoFunc, concreteHeapType(f)), below(HeapType.None, concreteHeapType(f))]).toEqual([true, true, false]);
  });

  it("lets a non-null reference stand for a nullable one, never the reverse", () => {
    expect(valTypeMatches(r, concreteRefType(f, false), ValType.FuncRef)).toBe(true);
    expect(valTypeMatches(r, ValType.FuncRef, refType(HeapType.Func, false))).toBe(false);
    expect(valTypeMatches(r, ValType.NullFuncRef, concreteRefType(f, true))).toBe(true);
    expect(valTypeMatches(r, ValType.I32, ValType.I64)).toBe(false);
  });
});
