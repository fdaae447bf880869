import { describe, expect, it } from "vitest";
import {
  BinaryReader, DecodeError, InstrReader, WASM2_FEATURES, DEFAULT_FEATURES, decodeModule, type WasmFeatures,
} from "../src/index.js";
import {
  END, EXTERNREF, F32, F64, FUNCREF, HEADER, I32, I64, V128, body, codeSec, customSec, dataCountSec, dataSec,
  elemSec, exportSec, funcModule, funcSec, globalSec, i32Const, i64Const, importSec, limits, memSec, section,
  sleb, startSec, str, tableSec, typeSec, u32, vec, wasm,
} from "./decode-builder.js";
import { ATOMIC_BASE, opInfo } from "../src/module/opcodes.js";
import { REF_NON_NULL } from "@wasmi-ts/store";

/** The DecodeError reason for these bytes (fails the test if they decode). */
function malformed(bytes: Uint8Array | number[], features: Readonly<WasmFeatures> = WASM2_FEATURES): string {
  try {
    decodeModule(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), features);
  } catch (e) {
    if (e instanceof DecodeError) return e.reason;
    throw e;
  }
  throw new Error("decoded without error");
}

describe("BinaryReader", () => {
  const reader = (bytes: number[]) => new BinaryReader(new Uint8Array(bytes));

  it("reads unsigned and signed LEB128", () => {
    expect(reader(u32(0xffff_ffff)).u32()).toBe(0xffff_ffff);
    expect(reader([0xe5, 0x8e, 0x26]).u32()).toBe(624485);
    expect(reader(sleb(-123456)).s32()).toBe(-123456);
    expect(reader(sleb(-0x8000_0000)).s32()).toBe(-0x8000_0000);
    expect(reader(sleb(0xffff_ffff)).s33()).toBe(0xffff_ffff);
    expect(() => reader(sleb(0x1_0000_0000)).s33()).toThrow("integer too large");
    expect(reader([0x40]).s33()).toBe(-64);
  });

  it("reads 64-bit LEB128 as low and high halves without BigInt", () => {
    const cases: bigint[] = [0n, -1n, 0x123456789abcdefn, -0x8000_0000_0000_0000n, 0x7fff_ffff_ffff_ffffn, -(2n ** 40n)];
    for (const v of cases) {
      const r = reader(sleb(v));
      const lo = r.leb64(true);
      const bits = BigInt.asUintN(64, v);
      expect(lo).toBe(Number(bits & 0xffff_ffffn));
      expect(r.hi).toBe(Number(BigInt.asIntN(32, bits >> 32n)));
    }
  });

  it("rejects over-long and too-large integers with the spec wording", () => {
    expect(() => reader([0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).u32()).toThrow("integer representation too long");
    expect(() => reader([0xff, 0xff, 0xff, 0xff, 0x1f]).u32()).toThrow("integer too large");
    expect(() => reader([0xff, 0xff, 0xff, 0xff, 0x4f]).s32()).toThrow("integer too large");
    expect(() => reader([0x80]).u32()).toThrow("unexpected end");
  });

  it("reads fixed-width floats' bits", () => {
    const r = reader([0x00, 0x00, 0x80, 0x3f, 0x18, 0x2d, 0x44, 0x54, 0xfb, 0x21, 0x09, 0x40]);
    expect(r.fixed32()).toBe(0x3f800000);
    expect(r.fixed64()).toBe(0x54442d18);
    expect(r.hi).toBe(0x400921fb);
  });
});

describe("decodeModule: sections", () => {
  it("decodes the empty module", () => {
    const ir = decodeModule(wasm());
    expect(ir.types).toEqual([]);
    expect(ir.codes).toEqual([]);
    expect(ir.start).toBeNull();
  });

  it("decodes types, imports and the index spaces", () => {
    const ir = decodeModule(
      wasm(
        typeSec([[I32, I64], [F32]], [[], []]),
        importSec(
          [...str("env"), ...str("f"), 0x00, 0x01],
          [...str("env"), ...str("t"), 0x01, EXTERNREF, ...limits(1, 2)],
          [...str("env"), ...str("m"), 0x02, ...limits(1)],
          [...str("env"), ...str("g"), 0x03, F64, 0x01],
        ),
        funcSec(0),
        tableSec([FUNCREF, ...limits(3)]),
        globalSec([I32, 0x00, ...i32Const(-5), END]),
        codeSec(body([], [])),
      ),
    );
    expect(ir.types.map(String)).toEqual(["[i32 i64] -> [f32]", "[] -> []"]);
    expect(ir.imports.map((i) => `${i.module}.${i.name}:${i.desc.kind}`)).toEqual([
      "env.f:func", "env.t:table", "env.m:memory", "env.g:global",
    ]);
    expect(ir.funcs).toEqual([1, 0]);
    expect(ir.numImportedFuncs).toBe(1);
    expect(ir.tables).toEqual([
      { element: EXTERNREF, limits: { min: 1, max: 2 } },
      { element: FUNCREF, limits: { min: 3, max: null } },
    ]);
    expect(ir.numImportedTables).toBe(1);
    expect(ir.memories).toEqual([{ limits: { min: 1, max: null } }]);
    expect(ir.globalTypes).toEqual([{ type: F64, mutable: true }, { type: I32, mutable: false }]);
    expect(ir.globals).toEqual([{ type: { type: I32, mutable: false }, init: [{ op: 0x41, a: -5, b: 0 }] }]);
    expect(ir.numImportedGlobals).toBe(1);
  });

  it("decodes constant expressions of every constant kind", () => {
    const v128 = Array.from({ length: 16 }, (_, i) => i);
    const ir = decodeModule(
      wasm(
        globalSec(
          [I64, 0x00, ...i64Const(-2n), END],
          [I64, 0x00, ...i64Const(0x123456789n), END],
          [F32, 0x00, 0x43, 0x00, 0x00, 0x80, 0x3f, END],
          [F64, 0x00, 0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, END],
          [V128, 0x00, 0xfd, 0x0c, ...v128, END],
          [EXTERNREF, 0x00, 0xd0, EXTERNREF, END],
          [I32, 0x00, ...i32Const(1), ...i32Const(2), 0x6a, END],
        ),
      ),
    );
    const inits = ir.globals.map((g) => g.init);
    expect(inits[0]).toEqual([{ op: 0x42, a: 0xffff_fffe, b: -1 }]);
    expect(inits[1]).toEqual([{ op: 0x42, a: 0x23456789, b: 1 }]);
    expect(inits[2]).toEqual([{ op: 0x43, a: 0x3f800000, b: 0 }]);
    expect(inits[3]).toEqual([{ op: 0x44, a: 0, b: 0x3ff00000 }]);
    expect(inits[4]![0]!.op).toBe(0xfd0c);
    expect([...inits[4]![0]!.v!]).toEqual(v128);
    expect(inits[5]).toEqual([{ op: 0xd0, a: EXTERNREF, b: 0 }]);
    expect(inits[6]!.map((c) => c.op)).toEqual([0x41, 0x41, 0x6a]);
  });

  it("decodes exports and the start function", () => {
    const ir = decodeModule(
      wasm(typeSec([[], []]), funcSec(0), exportSec(["run", 0, 0], ["mem", 2, 0]), startSec(0), codeSec(body([], []))),
    );
    expect(ir.exports).toEqual([
      { name: "run", kind: "func", index: 0 },
      { name: "mem", kind: "memory", index: 0 },
    ]);
    expect(ir.start).toBe(0);
  });

  it("decodes all eight element segment forms", () => {
    const off = [...i32Const(0), END];
    const ir = decodeModule(
      wasm(
        typeSec([[], []]),
        funcSec(0, 0),
        tableSec([FUNCREF, ...limits(4)]),
        elemSec(
          [0x00, ...off, ...vec([u32(0), u32(1)])],
          [0x01, 0x00, ...vec([u32(1)])],
          [0x02, ...u32(0), ...off, 0x00, ...vec([u32(0)])],
          [0x03, 0x00, ...vec([u32(1)])],
          [0x04, ...off, ...vec([[0xd2, 0x00, END], [0xd0, FUNCREF, END]])],
          [0x05, EXTERNREF, ...vec([[0xd0, EXTERNREF, END]])],
          [0x06, ...u32(0), ...off, FUNCREF, ...vec([[0xd2, 0x01, END]])],
          [0x07, FUNCREF, ...vec([[0xd2, 0x00, END]])],
        ),
        codeSec(body([], []), body([], [])),
      ),
    );
    expect(ir.elems.map((e) => e.mode)).toEqual([
      "active", "passive", "active", "declarative", "active", "passive", "active", "declarative",
    ]);
    // 3.0: the segments of function indices (forms 0 to 3) hold non-null references, (ref func)
    const REF_FUNC = FUNCREF | REF_NON_NULL;
    expect(ir.elems.map((e) => e.type)).toEqual([
      REF_FUNC, REF_FUNC, REF_FUNC, REF_FUNC, FUNCREF, EXTERNREF, FUNCREF, FUNCREF,
    ]);
    // segments of function indices keep them in a typed array
    expect(ir.elems[0]!.init).toEqual([]);
    expect(ir.elems[0]!.funcs).toEqual(new Uint32Array([0, 1]));
    expect(ir.elems[0]!.offset).toEqual([{ op: 0x41, a: 0, b: 0 }]);
    expect(ir.elems[1]!.offset).toBeNull();
    expect(ir.elems[4]!.init).toEqual([[{ op: 0xd2, a: 0, b: 0 }], [{ op: 0xd0, a: FUNCREF, b: 0 }]]);
  });

  it("decodes function bodies: locals expanded, instruction range recorded", () => {
    const code = [...i32Const(7), 0x21, 0x01];
    const bytes = funcModule([I64], [], code, [[2, I32], [1, F64]]);
    const ir = decodeModule(bytes);
    const f = ir.codes[0]!;
    expect(f.locals).toEqual([I32, I32, F64]);
    expect([...bytes.subarray(f.start, f.end)]).toEqual([...code, END]);
  });

  it("decodes each body's locals, also where consecutive bodies declare the same ones", () => {
    const decls: [number, number][][] = [[[2, I32], [1, F64]], [[2, I32], [1, F64]], [[1, I64]], [], [[1, I64]], [[2, I32], [1, F64]]];
    const ir = decodeModule(wasm(typeSec([[], []]), funcSec(...decls.map(() => 0)), codeSec(...decls.map((d) => body(d, [0x01])))));
    const expanded = (d: [number, number][]) => d.flatMap(([n, t]) => new Array<number>(n).fill(t));
    expect(ir.codes.map((f) => f.locals)).toEqual(decls.map(expanded));
    for (const f of ir.codes) expect(ir.bytes[f.start]).toBe(0x01); // each body's code starts after its declarations
  });

  it("decodes the three data segment forms and the data count", () => {
    const ir = decodeModule(
      wasm(
        memSec(limits(1), limits(1)),
        dataCountSec(3),
        dataSec(
          [0x00, ...i32Const(8), END, ...vec([[1], [2]])],
          [0x01, ...vec([[3]])],
          [0x02, ...u32(1), ...i32Const(0), END, ...vec([])],
        ),
      ),
      DEFAULT_FEATURES,
    );
    expect(ir.dataCount).toBe(3);
    expect(ir.datas.map((d) => [d.mode, d.memory, [...d.bytes]])).toEqual([
      ["active", 0, [1, 2]], ["passive", 0, [3]], ["active", 1, []],
    ]);
    expect(ir.datas[0]!.offset).toEqual([{ op: 0x41, a: 8, b: 0 }]);
  });

  it("keeps custom sections and reads function names from the name section", () => {
    const names = [
      ...section(0, str("mod")),
      ...section(1, vec([[...u32(0), ...str("main")]])),
    ];
    const ir = decodeModule(wasm(customSec("hello", [1, 2, 3]), typeSec([[], []]), funcSec(0),
      codeSec(body([], [])), customSec("name", names)));
    expect(ir.customs.map((c) => [c.name, [...c.bytes].length])).toEqual([["hello", 3], ["name", names.length]]);
    expect(ir.moduleName).toBe("mod");
    expect(ir.funcNames.get(0)).toBe("main");
  });

  it("ignores a malformed name section", () => {
    const ir = decodeModule(wasm(customSec("name", [0x01, 0x10, 0x05])));
    expect(ir.funcNames.size).toBe(0);
  });

  it("decodes memory64 limits when the feature is on", () => {
    const ir = decodeModule(wasm(memSec([0x05, ...u32(1), ...u32(0x10_0000)])), DEFAULT_FEATURES);
    expect(ir.memories).toEqual([{ limits: { min: 1, max: 0x10_0000 }, is64: true }]);
  });

  it("decodes a table64's flag with memory64, and refuses it without", () => {
    const bytes = wasm(tableSec([FUNCREF, 0x05, ...u32(2), ...u32(0x1_0000)]));
    expect(decodeModule(bytes, DEFAULT_FEATURES).tables).toEqual([{ element: FUNCREF, limits: { min: 2, max: 0x1_0000 }, is64: true }]);
    // in 2.0 the flags are a 1-bit LEB128
    expect(malformed(bytes)).toBe("integer too large");
    expect(malformed(wasm(tableSec([FUNCREF, 0x09, 0, 0])), DEFAULT_FEATURES)).toBe("malformed limits flags");
  });

  it("decodes a custom page size (its log2 after the limits) when the feature is on", () => {
    const ir = decodeModule(wasm(memSec([0x09, ...u32(1), ...u32(5), 0x00], [0x08, ...u32(0), 0x10])), DEFAULT_FEATURES);
    expect(ir.memories).toEqual([{ limits: { min: 1, max: 5 }, pageSize: 1 }, { limits: { min: 0, max: null }, pageSize: 65536 }]);
  });
});

describe("decodeModule: malformed binaries", () => {
  const emptyFunc = (code: number[]) => funcModule([], [], code);

  it("checks the header", () => {
    expect(malformed([])).toMatch(/^unexpected end/);
    expect(malformed([0x00, 0x61, 0x73])).toMatch(/^unexpected end/);
    expect(malformed([0x00, 0x61, 0x73, 0x6e, 0x01, 0, 0, 0])).toBe("magic header not detected");
    expect(malformed([0x00, 0x61, 0x73, 0x6d, 0x02, 0, 0, 0])).toBe("unknown binary version");
  });

  it("checks section ids, order and sizes", () => {
    expect(malformed(wasm([0x0e, 0x00]))).toBe("malformed section id");
    expect(malformed(wasm(startSec(0), startSec(0)))).toBe("unexpected content after last section");
    expect(malformed(wasm(funcSec(), typeSec()))).toBe("unexpected content after last section");
    expect(malformed(wasm([0x01, 0x02, 0x00, 0x00]))).toBe("section size mismatch");
    expect(malformed(wasm([0x01, 0x09, 0x00]))).toBe("length out of bounds");
    expect(malformed(wasm([0x01, 0x01, 0x01]))).toBe("unexpected end of section or function");
  });

  it("checks integers", () => {
    expect(malformed(wasm([0x01, 0x06, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]))).toBe("integer representation too long");
    expect(malformed(wasm(section(8, [0xff, 0xff, 0xff, 0xff, 0x7f])))).toBe("integer too large");
  });

  it("checks names, kinds, mutability and reference types", () => {
    expect(malformed(wasm(importSec([...u32(1), 0xff, ...str("x"), 0x00, 0x00])))).toBe("malformed UTF-8 encoding");
    expect(malformed(wasm(importSec([...str("a"), ...str("b"), 0x04, 0x00])))).toBe("malformed import kind");
    expect(malformed(wasm(globalSec([I32, 0x02, ...i32Const(0), END])))).toBe("malformed mutability");
    expect(malformed(wasm(tableSec([I32, ...limits(0)])))).toBe("malformed reference type");
    expect(malformed(wasm(memSec([0x10, 0x00])), DEFAULT_FEATURES)).toBe("malformed limits flags");
    // 0x08 (a page size follows) only with custom-page-sizes; a page size of 2^65 bytes is malformed
    expect(malformed(wasm(memSec([0x08, 0x00, 0x00])), { ...DEFAULT_FEATURES, customPageSizes: false })).toBe("malformed limits flags");
    expect(malformed(wasm(memSec([0x08, 0x00, 0x41])), DEFAULT_FEATURES)).toBe("invalid custom page size");
    expect(malformed(wasm(memSec([0x02, 0x00])))).toBe("integer too large");
  });

  it("checks function bodies", () => {
    expect(malformed(funcModule([], [], [], [[0xffff_ffff, I32], [2, I64]]))).toBe("too many locals");
    expect(malformed(emptyFunc([0xff]))).toMatch(/^illegal opcode/);
    expect(malformed(emptyFunc([0xfc, 0x7f]))).toMatch(/^illegal opcode/);
    expect(malformed(emptyFunc([0x12, 0x00]))).toMatch(/^illegal opcode/);
    expect(malformed(emptyFunc([0x02, 0x40, 0x05]))).toBe("END opcode expected");
    expect(malformed(emptyFunc([0x04, 0x40, 0x05, 0x05]))).toBe("END opcode expected");
    expect(malformed(emptyFunc([0x3f, 0x01, 0x1a]))).toBe("zero byte expected");
    expect(malformed(wasm(typeSec([[], []]), funcSec(0), codeSec([0x03, 0x00, 0x01, 0x01])))).toMatch(
      /^unexpected end/,
    );
    // The body claims 2 bytes but its instructions run to the END after them.
    expect(malformed(wasm(typeSec([[], []]), funcSec(0), codeSec([0x02, 0x00, 0x01]), [0x0b]))).toBe(
      "section size mismatch",
    );
  });

  it("checks the function/code and data count/data consistency", () => {
    expect(malformed(wasm(typeSec([[], []]), funcSec(0)))).toBe("function and code section have inconsistent lengths");
    expect(malformed(wasm(codeSec(body([], []))))).toBe("function and code section have inconsistent lengths");
    expect(malformed(wasm(memSec(limits(1)), dataCountSec(2), dataSec([0x01, ...vec([])])))).toBe(
      "data count and data section have inconsistent lengths",
    );
    expect(malformed(wasm(typeSec([[], []]), funcSec(0), memSec(limits(1)), codeSec(body([], [0xfc, 0x09, 0x00])),
      dataSec([0x01, ...vec([])])))).toBe("data count section required");
  });

  it("checks elements and data segment kinds", () => {
    expect(malformed(wasm(elemSec([0x08])))).toBe("malformed elements segment kind");
    expect(malformed(wasm(elemSec([0x01, 0x01, ...vec([])])))).toBe("malformed element kind");
    expect(malformed(wasm(dataSec([0x03])))).toBe("malformed data segment kind");
  });

  it("reports the offset of the problem", () => {
    try {
      decodeModule(wasm([0x0e, 0x00])); // section ids end at 13 (the tag section)
      expect.unreachable();
    } catch (e) {
      expect((e as DecodeError).offset).toBe(HEADER.length);
    }
  });
});

describe("InstrReader", () => {
  it("reads opcodes and immediates into its fields", () => {
    const bytes = new Uint8Array([
      0x0e, 0x02, 0x00, 0x01, 0x02, // br_table [0 1] 2
      0x28, 0x02, 0x10, // i32.load align=2 offset=16
      0xfd, 0x15, 0x03, // i8x16.extract_lane_s 3
      0x11, 0x01, 0x00, // call_indirect type 1 table 0
    ]);
    const r = new BinaryReader(bytes);
    const instr = new InstrReader(DEFAULT_FEATURES);
    instr.read(r);
    expect([instr.info.name, instr.targetCount, [...instr.targets.subarray(0, 2)], instr.a]).toEqual([
      "br_table", 2, [0, 1], 2,
    ]);
    instr.read(r);
    expect([instr.info.name, instr.align, instr.offset, instr.memory]).toEqual(["i32.load", 2, 16, 0]);
    instr.read(r);
    expect([instr.op, instr.info.name, instr.lane]).toEqual([0xfd15, "i8x16.extract_lane_s", 3]);
    instr.read(r);
    expect([instr.info.name, instr.a, instr.b, instr.pos]).toEqual(["call_indirect", 1, 0, 11]);
    expect(r.eof()).toBe(true);
  });

  it("reads relaxed SIMD's two-byte sub-opcodes, and refuses them without the relaxedSimd feature", () => {
    const bytes = new Uint8Array([0xfd, 0x80, 0x02, 0xfd, 0x93, 0x02]); // 0x100 relaxed_swizzle, 0x113
    const r = new BinaryReader(bytes);
    const instr = new InstrReader(DEFAULT_FEATURES);
    instr.read(r);
    expect([instr.op, instr.info.name]).toEqual([0xfd00 + 0x100, "i8x16.relaxed_swizzle"]);
    instr.read(r);
    expect([instr.op, instr.info.name]).toEqual([0xfd00 + 0x113, "i32x4.relaxed_dot_i8x16_i7x16_add_s"]);
    expect(r.eof()).toBe(true);
    expect(() => new InstrReader(WASM2_FEATURES).read(new BinaryReader(bytes))).toThrow(/illegal opcode fd 100/);
    expect(() => new InstrReader(DEFAULT_FEATURES).read(new BinaryReader(new Uint8Array([0xfd, 0x94, 0x02]))))
      .toThrow(/illegal opcode fd 114/);
  });

  it("reads the threads proposal's 0xfe instructions (numbered ATOMIC_BASE + sub), refused without threads", () => {
    // i64.atomic.rmw.cmpxchg align=3 offset=8; atomic.fence (reserved zero byte); memory.atomic.wait64
    const bytes = new Uint8Array([0xfe, 0x49, 0x03, 0x08, 0xfe, 0x03, 0x00, 0xfe, 0x02, 0x03, 0x00]);
    const r = new BinaryReader(bytes);
    const instr = new InstrReader(DEFAULT_FEATURES);
    instr.read(r);
    expect([instr.op, instr.info.name, instr.align, instr.offset]).toEqual([ATOMIC_BASE + 0x49, "i64.atomic.rmw.cmpxchg", 3, 8]);
    expect(instr.info.naturalAlign).toBe(3);
    instr.read(r);
    expect([instr.op, instr.info.name]).toEqual([ATOMIC_BASE + 3, "atomic.fence"]);
    instr.read(r);
    expect([instr.op, instr.info.name, instr.info.params?.length]).toEqual([ATOMIC_BASE + 2, "memory.atomic.wait64", 3]);
    expect(r.eof()).toBe(true);
    // no number collides with relaxed SIMD's 0xfd00 + 0x100.. (which reach 0xfe13)
    expect(opInfo(ATOMIC_BASE + 0x13)?.name).toBe("i32.atomic.load16_u");
    expect(opInfo(0xfe13)?.name).toBe("i32x4.relaxed_dot_i8x16_i7x16_add_s");
    expect(() => new InstrReader(WASM2_FEATURES).read(new BinaryReader(bytes))).toThrow(/illegal opcode fe 49/);
    expect(() => new InstrReader(DEFAULT_FEATURES).read(new BinaryReader(new Uint8Array([0xfe, 0x4f, 0x02, 0x00]))))
      .toThrow(/illegal opcode fe 4f/);
    expect(() => new InstrReader(DEFAULT_FEATURES).read(new BinaryReader(new Uint8Array([0xfe, 0x03, 0x01]))))
      .toThrow(/zero byte expected/);
  });
});
