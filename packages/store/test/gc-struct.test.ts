import { describe, expect, it, vi } from "vitest";

// A struct's fields are slots of its own (struct-class.ts): each layout's class adds them in order, compiled
// where code may be made from strings, else by keyed stores; both make the same structs.

async function layoutOf(compiled: boolean) {
  vi.resetModules();
  vi.doMock("../src/new-function.js", () => ({ newFunctionAllowed: () => compiled }));
  const store = await import("../src/index.js");
  vi.doUnmock("../src/new-function.js");
  const { StructLayout, StructType, ValType, PackedType, refType, HeapType } = store;
  const type = new StructType([
    { storage: ValType.I32, mutable: true },
    { storage: refType(HeapType.Any, true), mutable: true },
    { storage: ValType.V128, mutable: false },
    { storage: PackedType.I8, mutable: false },
  ]);
  return { store, layout: new StructLayout(type) };
}

describe("struct slots", () => {
  for (const compiled of [true, false]) {
    const how = compiled ? "compiled" : "keyed stores";

    it(`a new struct has zero and null slots in layout order (${how})`, async () => {
      const { store: { GcStruct, STRUCT_SLOTS }, layout } = await layoutOf(compiled);
      const [a, b] = [layout.allocate(5), layout.allocate(5)];
      expect(a).toBeInstanceOf(GcStruct);
      expect(a.constructor.toString().includes("this.s1 = null")).toBe(compiled);
      expect([a.typeId, a.layout]).toEqual([5, layout]);
      expect(Array.from(layout.slotAt)).toEqual([0, 1, 2, 6]);
      const slots = (s: typeof a) => Array.from({ length: layout.slots }, (_, j) => s[STRUCT_SLOTS[j]!]);
      expect(slots(a)).toEqual([0, null, 0, 0, 0, 0, 0]);
      expect(Object.keys(a).filter((k) => k.startsWith("s"))).toEqual(STRUCT_SLOTS.slice(0, 7));
      a[STRUCT_SLOTS[1]!] = b;
      a[STRUCT_SLOTS[0]!] = -7;
      expect(slots(a)).toEqual([-7, b, 0, 0, 0, 0, 0]);
      expect(slots(b)).toEqual([0, null, 0, 0, 0, 0, 0]);
    });

    it(`struct.new's struct has its slots from the operand words (${how})`, async () => {
      const { store: { LiveRefs, STRUCT_SLOTS }, layout } = await layoutOf(compiled);
      const refs = new LiveRefs();
      const target = layout.allocate(1);
      // a junk word, then the operands: i32, anyref (a number), v128, i8 (with junk above its 8 bits)
      const i32 = Int32Array.of(99, -5, 1, refs.number(target), 0, 10, 11, 12, -13, 0x1234, 8);
      const s = layout.allocateFrom(2, i32, 1, refs);
      const slots = Array.from({ length: layout.slots }, (_, j) => s[STRUCT_SLOTS[j]!]);
      expect(slots).toEqual([-5, target, 10, 11, 12, -13, 0x34]);
      expect(Object.keys(s)).toEqual(Object.keys(layout.allocate(2))); // one shape
    });
  }
});
