import { describe, expect, it } from "vitest";
import { instantiate, LinkError } from "@wasmi-ts/executor";
import {
  ExternKind,
  FuncEntity,
  FuncKind,
  FuncType,
  GlobalEntity,
  MemoryEntity,
  TableEntity,
  Trap,
  TrapCode,
  ValType,
  type ExternEntity,
  type HostTrampoline,
} from "@wasmi-ts/store";
import { c, compiled, emptyIR, newStore, registry } from "./instantiate-helpers.js";

const voidType = new FuncType([], []);
const i32Type = new FuncType([ValType.I32], []);

function hostFunc(type: FuncType, host: HostTrampoline = () => {}): FuncEntity {
  registry.intern(type);
  return new FuncEntity(FuncKind.Host, type, null, -1, host);
}

describe("instantiate: entities and exports", () => {
  it("allocates functions, tables, memories, globals and registers the instance", () => {
    const store = newStore();
    const ir = emptyIR();
    ir.types = [voidType];
    ir.funcs = [0, 0];
    ir.codes = [{ bodyStart: 0, locals: [], start: 0, end: 0 }, { bodyStart: 0, locals: [], start: 0, end: 0 }];
    ir.tables = [{ element: ValType.FuncRef, limits: { min: 3, max: null } }];
    ir.memories = [{ limits: { min: 1, max: 2 } }];
    ir.globals = [{ type: { type: ValType.I32, mutable: true }, init: c.i32(7) }];
    ir.globalTypes = [ir.globals[0]!.type];
    ir.exports = [
      { name: "f1", kind: "func", index: 1 },
      { name: "t", kind: "table", index: 0 },
      { name: "m", kind: "memory", index: 0 },
      { name: "g", kind: "global", index: 0 },
    ];
    const inst = instantiate(store, compiled(ir), []);
    expect(store.instancesCreated).toBe(1);
    expect(inst.funcs[1]!.kind).toBe(FuncKind.Wasm);
    expect(inst.funcs[1]!.index).toBe(1);
    expect(inst.funcs[1]!.instance).toBe(inst);
    expect(inst.tables[0]!.size).toBe(3);
    expect(inst.tables[0]!.elements).toEqual([null, null, null]);
    expect(inst.memories[0]!.byteLength).toBe(65536);
    expect(inst.globals[0]!.i32[0]).toBe(7);
    expect([...inst.exports.keys()]).toEqual(["f1", "t", "m", "g"]);
    expect(inst.exports.get("f1")).toEqual({ kind: ExternKind.Func, value: inst.funcs[1] });
    expect(inst.exports.get("m")!.value).toBe(inst.memories[0]);
    expect(Array.from(inst.typeIds)).toEqual([voidType.id]);
  });

  it("caps memory and table maxima by the configuration", () => {
    const ir = emptyIR();
    ir.tables = [{ element: ValType.FuncRef, limits: { min: 1, max: null } }];
    ir.memories = [{ limits: { min: 1, max: null } }];
    const inst = instantiate(newStore(), compiled(ir, { maxMemoryPages: 4, maxTableSize: 10 }), []);
    expect(inst.memories[0]!.maxPages).toBe(4);
    expect(inst.tables[0]!.maxSize).toBe(10);
    expect(inst.memories[0]!.grow(4)).toBe(-1);
    expect(inst.memories[0]!.grow(3)).toBe(1);
  });

  it("refuses a memory whose minimum exceeds the configured cap", () => {
    const ir = emptyIR();
    ir.memories = [{ limits: { min: 5, max: null } }];
    expect(() => instantiate(newStore(), compiled(ir, { maxMemoryPages: 4 }), [])).toThrow(LinkError);
  });
});

describe("instantiate: import matching", () => {
  function importing(desc: NonNullable<ReturnType<typeof emptyIR>["imports"][number]>["desc"]) {
    const ir = emptyIR();
    ir.types = [i32Type];
    ir.imports = [{ module: "env", name: "x", desc }];
    if (desc.kind === "func") { ir.funcs = [0]; ir.numImportedFuncs = 1; }
    if (desc.kind === "table") { ir.numImportedTables = 1; ir.tables = [desc.type]; }
    if (desc.kind === "memory") { ir.numImportedMemories = 1; ir.memories = [desc.type]; }
    if (desc.kind === "global") { ir.numImportedGlobals = 1; ir.globalTypes = [desc.type]; }
    return compiled(ir);
  }
  const table = (min: number, max: number | null, element: number = ValType.FuncRef): ExternEntity =>
    ({ kind: ExternKind.Table, value: new TableEntity({ element, limits: { min, max } }, max ?? 1000, null) });
  const memory = (min: number, max: number | null): ExternEntity =>
    ({ kind: ExternKind.Memory, value: new MemoryEntity({ limits: { min, max } }, max ?? 100) });
  const global = (type: number, mutable: boolean): ExternEntity =>
    ({ kind: ExternKind.Global, value: new GlobalEntity({ type, mutable }) });

  it("accepts a function of the same signature and rejects another", () => {
    const m = importing({ kind: "func", typeIndex: 0 });
    const ok = hostFunc(new FuncType([ValType.I32], []));
    expect(instantiate(newStore(), m, [{ kind: ExternKind.Func, value: ok }]).funcs[0]).toBe(ok);
    const bad = hostFunc(new FuncType([ValType.I64], []));
    expect(() => instantiate(newStore(), m, [{ kind: ExternKind.Func, value: bad }]))
      .toThrow(/^incompatible import type for "env" "x": expected func \[i32\] -> \[\], found func \[i64\] -> \[\]/);
  });

  it("rejects an extern of the wrong kind", () => {
    const m = importing({ kind: "func", typeIndex: 0 });
    expect(() => instantiate(newStore(), m, [memory(1, null)])).toThrow(/incompatible import type.*expected func, found memory/);
  });

  it("matches table limits by subtyping", () => {
    const m = importing({ kind: "table", type: { element: ValType.FuncRef, limits: { min: 2, max: 5 } } });
    expect(() => instantiate(newStore(), m, [table(2, 5)])).not.toThrow();
    expect(() => instantiate(newStore(), m, [table(3, 4)])).not.toThrow();
    expect(() => instantiate(newStore(), m, [table(1, 5)])).toThrow(LinkError); // min too small
    expect(() => instantiate(newStore(), m, [table(2, null)])).toThrow(LinkError); // no max
    expect(() => instantiate(newStore(), m, [table(2, 6)])).toThrow(LinkError); // max too large
    expect(() => instantiate(newStore(), m, [table(2, 5, ValType.ExternRef)])).toThrow(/incompatible import type/);
  });

  it("uses a table's current size as its minimum", () => {
    const m = importing({ kind: "table", type: { element: ValType.FuncRef, limits: { min: 3, max: null } } });
    const t = table(1, null);
    expect(() => instantiate(newStore(), m, [t])).toThrow(LinkError);
    (t.value as TableEntity).grow(2, 0);
    expect(() => instantiate(newStore(), m, [t])).not.toThrow();
  });

  it("matches memory limits by subtyping, with the current size as minimum", () => {
    const m = importing({ kind: "memory", type: { limits: { min: 2, max: null } } });
    const mem = memory(1, null);
    expect(() => instantiate(newStore(), m, [mem])).toThrow(/^incompatible import type.*expected memory 2, found memory 1/);
    (mem.value as MemoryEntity).grow(1);
    expect(instantiate(newStore(), m, [mem]).memories[0]).toBe(mem.value);
    const bounded = importing({ kind: "memory", type: { limits: { min: 0, max: 3 } } });
    expect(() => instantiate(newStore(), bounded, [memory(1, 3)])).not.toThrow();
    expect(() => instantiate(newStore(), bounded, [memory(1, null)])).toThrow(LinkError);
  });

  it("matches globals by type and mutability", () => {
    const imm = importing({ kind: "global", type: { type: ValType.I32, mutable: false } });
    const mut = importing({ kind: "global", type: { type: ValType.I32, mutable: true } });
    expect(() => instantiate(newStore(), imm, [global(ValType.I32, false)])).not.toThrow();
    expect(() => instantiate(newStore(), imm, [global(ValType.I32, true)])).toThrow(/expected global i32, found global \(mut i32\)/);
    expect(() => instantiate(newStore(), mut, [global(ValType.I32, false)])).toThrow(LinkError);
    expect(() => instantiate(newStore(), imm, [global(ValType.I64, false)])).toThrow(LinkError);
    expect(() => instantiate(newStore(), mut, [global(ValType.I32, true)])).not.toThrow();
  });

  it("rejects a wrong number of imports", () => {
    const m = importing({ kind: "func", typeIndex: 0 });
    expect(() => instantiate(newStore(), m, [])).toThrow(/wrong number of imports/);
  });
});

describe("instantiate: segments", () => {
  function withSegments(store = newStore()) {
    const ir = emptyIR();
    ir.types = [voidType];
    ir.funcs = [0, 0];
    ir.codes = [{ bodyStart: 0, locals: [], start: 0, end: 0 }, { bodyStart: 0, locals: [], start: 0, end: 0 }];
    return { store, ir };
  }

  it("applies active element segments in order, drops active and declarative, keeps passive", () => {
    const { store, ir } = withSegments();
    ir.tables = [{ element: ValType.FuncRef, limits: { min: 4, max: null } }];
    ir.elems = [
      { mode: "active", type: ValType.FuncRef, table: 0, offset: c.i32(1), init: [c.refFunc(1), c.refFunc(0)] },
      { mode: "passive", type: ValType.FuncRef, table: 0, offset: null, init: [c.refFunc(0), c.refNull(ValType.FuncRef)] },
      { mode: "declarative", type: ValType.FuncRef, table: 0, offset: null, init: [c.refFunc(1)] },
      { mode: "active", type: ValType.FuncRef, table: 0, offset: c.i32(2), init: [c.refFunc(1)] },
    ];
    const inst = instantiate(store, compiled(ir), []);
    const [f0, f1] = inst.funcs as [FuncEntity, FuncEntity];
    expect(inst.tables[0]!.elements).toEqual([null, f1, f1, null]);
    expect(inst.elems.map((e) => e.elements.length)).toEqual([0, 2, 0, 0]);
    expect(inst.elems[1]!.elements).toEqual([f0, null]);
  });

  it("applies active data segments and drops them; passive ones stay", () => {
    const { store, ir } = withSegments();
    ir.memories = [{ limits: { min: 1, max: null } }];
    ir.datas = [
      { mode: "active", memory: 0, offset: c.i32(10), bytes: new Uint8Array([1, 2, 3]) },
      { mode: "passive", memory: 0, offset: null, bytes: new Uint8Array([9]) },
      { mode: "active", memory: 0, offset: c.i32(11), bytes: new Uint8Array([7]) },
    ];
    const inst = instantiate(store, compiled(ir), []);
    expect(Array.from(inst.memories[0]!.u8.subarray(9, 14))).toEqual([0, 1, 7, 3, 0]);
    expect(inst.datas.map((d) => d.bytes.length)).toEqual([0, 1, 0]);
  });

  it("traps on an out-of-bounds data segment, keeping earlier segments' writes", () => {
    const imported = new MemoryEntity({ limits: { min: 1, max: null } }, 10);
    const { store, ir } = withSegments();
    ir.imports = [{ module: "env", name: "mem", desc: { kind: "memory", type: { limits: { min: 1, max: null } } } }];
    ir.memories = [{ limits: { min: 1, max: null } }];
    ir.numImportedMemories = 1;
    ir.datas = [
      { mode: "active", memory: 0, offset: c.i32(0), bytes: new Uint8Array([42]) },
      { mode: "active", memory: 0, offset: c.i32(65535), bytes: new Uint8Array([1, 2]) },
      { mode: "active", memory: 0, offset: c.i32(1), bytes: new Uint8Array([43]) },
    ];
    let trap: unknown;
    try {
      instantiate(store, compiled(ir), [{ kind: ExternKind.Memory, value: imported }]);
    } catch (e) {
      trap = e;
    }
    expect(trap).toBeInstanceOf(Trap);
    expect((trap as Trap).code).toBe(TrapCode.MemoryOutOfBounds);
    expect((trap as Trap).message).toBe("out of bounds memory access");
    expect(imported.u8[0]).toBe(42);
    expect(imported.u8[65535]).toBe(0); // the failing segment wrote nothing
    expect(imported.u8[1]).toBe(0); // later segments did not run
  });

  it("traps on an out-of-bounds element segment; earlier writes to an imported table stay", () => {
    const imported = new TableEntity({ element: ValType.FuncRef, limits: { min: 2, max: null } }, 10, null);
    const { store, ir } = withSegments();
    const tableType = { element: ValType.FuncRef, limits: { min: 2, max: null } };
    ir.imports = [{ module: "env", name: "t", desc: { kind: "table", type: tableType } }];
    ir.tables = [tableType];
    ir.numImportedTables = 1;
    ir.elems = [
      { mode: "active", type: ValType.FuncRef, table: 0, offset: c.i32(0), init: [c.refFunc(0)] },
      { mode: "active", type: ValType.FuncRef, table: 0, offset: c.i32(1), init: [c.refFunc(0), c.refFunc(1)] },
    ];
    expect(() => instantiate(store, compiled(ir), [{ kind: ExternKind.Table, value: imported }]))
      .toThrow(new Trap(TrapCode.TableOutOfBounds));
    // the first segment's function stays in the imported table although initialisation failed
    const [written, untouched] = imported.elements as [FuncEntity, null];
    expect(written.index).toBe(0);
    expect(written.instance!.tables[0]).toBe(imported);
    expect(untouched).toBe(null);
    expect(store.instancesCreated).toBe(1);
  });

  it("accepts an empty segment at the very end and traps just past it", () => {
    const { ir } = withSegments();
    ir.memories = [{ limits: { min: 1, max: null } }];
    ir.datas = [{ mode: "active", memory: 0, offset: c.i32(65536), bytes: new Uint8Array(0) }];
    expect(() => instantiate(newStore(), compiled(ir), [])).not.toThrow();
    ir.datas = [{ mode: "active", memory: 0, offset: c.i32(65537), bytes: new Uint8Array(0) }];
    expect(() => instantiate(newStore(), compiled(ir), [])).toThrow("out of bounds memory access");
  });
});

describe("instantiate: start function", () => {
  it("runs an imported host start function with the new instance as caller", () => {
    const calls: unknown[] = [];
    const start = hostFunc(voidType, (_s, caller) => calls.push(caller));
    const ir = emptyIR();
    ir.types = [voidType];
    ir.imports = [{ module: "env", name: "start", desc: { kind: "func", typeIndex: 0 } }];
    ir.funcs = [0];
    ir.numImportedFuncs = 1;
    ir.start = 0;
    const inst = instantiate(newStore(), compiled(ir), [{ kind: ExternKind.Func, value: start }]);
    expect(calls).toEqual([inst]);
  });

  it("runs the start function after the segments are applied", () => {
    const ir = emptyIR();
    ir.types = [voidType];
    ir.imports = [
      { module: "env", name: "start", desc: { kind: "func", typeIndex: 0 } },
    ];
    ir.funcs = [0];
    ir.numImportedFuncs = 1;
    ir.memories = [{ limits: { min: 1, max: null } }];
    ir.datas = [{ mode: "active", memory: 0, offset: c.i32(0), bytes: new Uint8Array([5]) }];
    ir.start = 0;
    let seen = -1;
    const start = hostFunc(voidType, (_s, caller) => { seen = caller!.memories[0]!.u8[0]!; });
    instantiate(newStore(), compiled(ir), [{ kind: ExternKind.Func, value: start }]);
    expect(seen).toBe(5);
  });
});
