import { describe, expect, it, vi } from "vitest";

// A struct's fields are slots of its own (gc.ts): each layout's class adds them in order, compiled where
// code may be made from strings, else by keyed stores; both make the same structs.

async function structsOf(compiled: boolean) {
  vi.resetModules();
  vi.doMock("../src/new-function.js", () => ({ newFunctionAllowed: () => compiled }));
  const { GcStruct, STRUCT_SLOTS, StructLayout, StructType, ValType, refType, HeapType } = await import("../src/index.js");
  vi.doUnmock("../src/new-function.js");
  const anyref = refType(HeapType.Any, true);
  const type = new StructType([
    { storage: ValType.I32, mutable: true },
    { storage: anyref, mutable: true },
    { storage: ValType.V128, mutable: false },
  ]);
  const layout = new StructLayout(type);
  return { GcStruct, STRUCT_SLOTS, layout, a: layout.allocate(5), b: layout.allocate(5) };
}

describe("struct slots", () => {
  for (const compiled of [true, false]) {
    it(`a new struct has zero and null slots in layout order (${compiled ? "compiled" : "keyed stores"})`, async () => {
      const { GcStruct, STRUCT_SLOTS, layout, a, b } = await structsOf(compiled);
      expect(a).toBeInstanceOf(GcStruct);
      expect(a.constructor.toString().includes("this.s0 = null")).toBe(compiled);
      expect([a.typeId, a.layout]).toEqual([5, layout]);
      expect(Array.from(layout.wordAt)).toEqual([3, -1, 5]);
      const slots = (s: typeof a) => Array.from({ length: layout.words }, (_, j) => s[STRUCT_SLOTS[j]!]);
      expect(slots(a)).toEqual([null, null, null, 0, 0, 0, 0, 0, 0]);
      expect(Object.keys(a).filter((k) => k.startsWith("s"))).toEqual(STRUCT_SLOTS.slice(0, 9));
      a[STRUCT_SLOTS[1]!] = b;
      a[STRUCT_SLOTS[3]!] = -7;
      expect(slots(a)).toEqual([null, b, null, -7, 0, 0, 0, 0, 0]);
      expect(slots(b)).toEqual([null, null, null, 0, 0, 0, 0, 0, 0]);
    });
  }
});
