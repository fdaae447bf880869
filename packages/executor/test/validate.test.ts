import { describe, expect, it } from "vitest";
import { OPS, OPS_FB, OPS_FC, OPS_FD, opInfo } from "../src/module/opcodes.js";
import {
  DEFAULT_FEATURES, ValidationError, WASM2_FEATURES, blockType, decodeModule, funcType, validateModule,
  type WasmFeatures,
} from "../src/index.js";
import {
  END, EXTERNREF, F32, F64, FUNCREF, I32, I64, V128, body, codeSec, dataCountSec, dataSec, elemSec, exportSec,
  funcModule, funcSec, globalSec, i32Const, i64Const, importSec, limits, memSec, startSec, str, tableSec, typeSec,
  u32, vec, wasm, type Bytes,
} from "./decode-builder.js";

function check(bytes: Uint8Array, features: Readonly<WasmFeatures> = WASM2_FEATURES): void {
  validateModule(decodeModule(bytes, features), features);
}

/** The ValidationError reason for these bytes (fails the test if they validate). */
function invalid(bytes: Uint8Array, features: Readonly<WasmFeatures> = WASM2_FEATURES): string {
  try {
    check(bytes, features);
  } catch (e) {
    if (e instanceof ValidationError) return e.reason;
    throw e;
  }
  throw new Error("validated without error");
}

/** A module with one memory, one funcref table and a function [params] -> [results] running `code`. */
function withMemory(params: Bytes, results: Bytes, code: Bytes, locals: [number, number][] = []): Uint8Array {
  return wasm(typeSec([params, results]), funcSec(0), tableSec([FUNCREF, ...limits(1)]), memSec(limits(1)),
    codeSec(body(locals, code)));
}

const DROP = 0x1a;
const UNREACHABLE = 0x00;

describe("validateModule: function bodies", () => {
  it("accepts well-typed code of every instruction family", () => {
    // numeric, locals, blocks with multi-value, br_table, select, memory, calls
    const code: Bytes = [
      ...i32Const(1), ...i64Const(2), 0x02, 0x01, // block (type 1: [i32 i64] -> [i64 i32])
      0x1a, 0x1a, 0x42, 0x05, 0x41, 0x07, 0x0b, // drop; drop; i64.const 5; i32.const 7; end
      0x21, 0x00, 0x1a, // local.set 0; drop
      0x02, 0x40, 0x02, 0x40, 0x20, 0x00, 0x0e, 0x02, 0x00, 0x01, 0x00, 0x0b, 0x0b, // br_table 0 1 0
      0x41, 0x00, 0x28, 0x02, 0x00, 0x20, 0x00, 0x20, 0x00, 0x1b, // i32.load; select
      0x41, 0x00, 0xfd, 0x00, 0x04, 0x00, 0xfd, 0x15, 0x0f, 0x6a, // v128.load; extract_lane_s 15; i32.add
      0x10, 0x01, // call 1: [i32] -> [i32]
      0x3f, 0x00, 0x40, 0x00, DROP, // memory.size; memory.grow
      0xd0, FUNCREF, 0xd1, DROP, // ref.null func; ref.is_null
      0x41, 0x00, 0x25, 0x00, DROP, // table.get 0
    ];
    const bytes = wasm(
      typeSec([[I32], [I32]], [[I32, I64], [I64, I32]]),
      funcSec(0, 0),
      tableSec([FUNCREF, ...limits(1)]),
      memSec(limits(1)),
      codeSec(body([], code), body([], [0x20, 0x00])),
    );
    expect(() => check(bytes)).not.toThrow();
  });

  it("treats the stack after unreachable/br/return as polymorphic", () => {
    const ok = (code: Bytes, results: Bytes = [I32]) => expect(() => check(funcModule([], results, code))).not.toThrow();
    ok([UNREACHABLE, 0x6a]);
    ok([UNREACHABLE, 0x1b]);
    ok([0x02, 0x7f, ...i32Const(1), 0x0c, 0x00, 0x6a, 0x0b]);
    ok([0x0f, DROP, 0x6a, DROP], []);
    expect(invalid(funcModule([], [I32], [0x0f]))).toBe("type mismatch");
    ok([UNREACHABLE, 0xd1]);
    expect(invalid(funcModule([], [I32], [UNREACHABLE, ...i64Const(0), 0x6a]))).toBe("type mismatch");
  });

  it("reports type mismatches", () => {
    expect(invalid(funcModule([], [I32], [...i64Const(0)]))).toBe("type mismatch");
    expect(invalid(funcModule([], [], [...i32Const(0)]))).toBe("type mismatch");
    expect(invalid(funcModule([], [I32], []))).toBe("type mismatch");
    expect(invalid(funcModule([], [], [...i32Const(0), ...i64Const(0), 0x6a, DROP]))).toBe("type mismatch");
    // if without else must have equal params and results
    expect(invalid(funcModule([], [I32], [...i32Const(1), 0x04, I32, ...i32Const(1), 0x0b]))).toBe("type mismatch");
    // select on references needs a type annotation
    expect(invalid(funcModule([], [], [0xd0, FUNCREF, 0xd0, FUNCREF, ...i32Const(1), 0x1b, DROP]))).toBe(
      "type mismatch",
    );
    // br_table targets of different arity
    expect(
      invalid(funcModule([], [I32], [0x02, 0x40, 0x02, 0x7f, ...i32Const(0), ...i32Const(0), 0x0e, 0x01, 0x00, 0x01,
        0x0b, DROP, 0x0b, ...i32Const(0)])),
    ).toBe("type mismatch");
    expect(invalid(funcModule([], [], [...i32Const(0), 0xd1, DROP]))).toBe("type mismatch");
  });

  it("checks indices", () => {
    expect(invalid(funcModule([], [], [0x20, 0x00, DROP]))).toBe("unknown local 0");
    expect(invalid(funcModule([I32], [], [0x20, 0x01, DROP], [[0, I64]]))).toBe("unknown local 1");
    expect(invalid(funcModule([], [], [0x23, 0x00, DROP]))).toBe("unknown global 0");
    expect(invalid(funcModule([], [], [0x10, 0x05]))).toBe("unknown function 5");
    expect(invalid(funcModule([], [], [...i32Const(0), 0x11, 0x00, 0x00]))).toBe("unknown table 0");
    expect(invalid(withMemory([], [], [...i32Const(0), 0x11, 0x03, 0x00]))).toBe("unknown type 3");
    expect(invalid(funcModule([], [], [0x02, 0x05, 0x0b]))).toBe("unknown type 5");
    expect(invalid(funcModule([], [], [...i32Const(0), 0x28, 0x02, 0x00, DROP]))).toBe("unknown memory 0");
    expect(invalid(funcModule([], [], [0x0c, 0x01]))).toBe("unknown label");
    expect(invalid(funcModule([], [], [0xfc, 0x0d, 0x00]))).toBe("unknown elem segment 0");
    expect(invalid(wasm(typeSec([[], []]), funcSec(0), memSec(limits(1)), dataCountSec(0),
      codeSec(body([], [0xfc, 0x09, 0x00]))))).toBe("unknown data segment 0");
  });

  it("checks memory immediates", () => {
    expect(invalid(withMemory([], [], [...i32Const(0), 0x28, 0x03, 0x00, DROP]))).toBe(
      "alignment must not be larger than natural",
    );
    expect(invalid(withMemory([], [], [...i32Const(0), 0xfd, 0x00, 0x05, 0x00, DROP]))).toBe(
      "alignment must not be larger than natural",
    );
    expect(invalid(withMemory([], [], [...i32Const(0), 0x28, 0x02, ...u32(2 ** 32), DROP]), DEFAULT_FEATURES)).toBe(
      "offset out of range",
    );
  });

  it("checks SIMD lane indices", () => {
    const v = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
    expect(invalid(funcModule([], [], [...v, 0xfd, 0x15, 16, DROP]))).toBe("invalid lane index");
    expect(invalid(funcModule([], [], [...v, 0xfd, 0x1d, 2, DROP]))).toBe("invalid lane index");
    const lanes = [...new Array<number>(15).fill(0), 32];
    expect(invalid(funcModule([], [], [...v, ...v, 0xfd, 0x0d, ...lanes, DROP]))).toBe("invalid lane index");
    expect(() => check(funcModule([], [V128], [...v, ...v, 0xfd, 0x0d, ...lanes.map(() => 31)]))).not.toThrow();
  });

  it("checks typed select, globals and references", () => {
    expect(invalid(funcModule([], [], [...i32Const(0), ...i32Const(0), ...i32Const(0), 0x1c, 0x00]))).toBe(
      "invalid result arity",
    );
    expect(() => check(funcModule([], [EXTERNREF], [0xd0, EXTERNREF, 0xd0, EXTERNREF, ...i32Const(0), 0x1c, 0x01,
      EXTERNREF]))).not.toThrow();
    expect(invalid(wasm(typeSec([[], []]), funcSec(0), globalSec([I32, 0x00, ...i32Const(0), END]),
      codeSec(body([], [...i32Const(1), 0x24, 0x00]))))).toBe("global is immutable");
    expect(invalid(funcModule([], [], [0xd2, 0x00, DROP]))).toBe("undeclared function reference");
    const declared = wasm(typeSec([[], []]), funcSec(0), exportSec(["f", 0, 0]), codeSec(body([], [0xd2, 0x00, DROP])));
    expect(() => check(declared)).not.toThrow();
  });

  it("types branches by their label: loop params, block results, multi-value", () => {
    // loop [i32] -> [i32]: `br 0` inside needs the loop's parameter.
    const types = typeSec([[], [I32]], [[I32], [I32]], [[], [I32, I64]]);
    const m = (code: Bytes, type = 0) => wasm(types, funcSec(type), codeSec(body([], code)));
    expect(() => check(m([...i32Const(1), 0x03, 0x01, ...i32Const(0), 0x0d, 0x00, 0x0b]))).not.toThrow();
    expect(invalid(m([...i32Const(1), 0x03, 0x01, 0x1a, 0x0c, 0x00, 0x0b]))).toBe("type mismatch");
    // a block returning two values, left by br_if's fallthrough
    expect(() => check(m([0x02, 0x02, ...i32Const(1), ...i64Const(2), ...i32Const(0), 0x0d, 0x00, 0x0b], 2))).not.toThrow();
    // if/else with parameters
    expect(() => check(m([...i32Const(5), ...i32Const(1), 0x04, 0x01, 0x05, 0x0b]))).not.toThrow();
    expect(invalid(m([...i32Const(5), ...i32Const(1), 0x04, 0x01, 0x05, 0x1a, 0x0b]))).toBe("type mismatch");
  });

  it("checks tail calls when enabled", () => {
    const m = (code: Bytes) =>
      wasm(typeSec([[], [I32]], [[], [I64]]), funcSec(0, 1), codeSec(body([], code), body([], [...i64Const(0)])));
    expect(() => check(m([0x12, 0x00]), DEFAULT_FEATURES)).not.toThrow();
    expect(invalid(m([0x12, 0x01]), DEFAULT_FEATURES)).toBe("type mismatch");
  });
});

describe("validateModule: module level", () => {
  it("checks constant expressions", () => {
    const g = (type: number, init: Bytes) => wasm(globalSec([type, 0x00, ...init, END]));
    expect(invalid(g(I32, [...i64Const(0)]))).toBe("type mismatch");
    expect(invalid(g(I32, []))).toBe("type mismatch");
    expect(invalid(g(I32, [...i32Const(0), ...i32Const(0)]))).toBe("type mismatch");
    expect(invalid(g(I32, [...i32Const(0), ...i32Const(0), 0x6a]))).toBe("constant expression required");
    expect(() => check(g(I32, [...i32Const(0), ...i32Const(0), 0x6a]), DEFAULT_FEATURES)).not.toThrow();
    expect(invalid(g(I32, [0x01]))).toBe("constant expression required");
    expect(invalid(g(I32, [0x23, 0x00]))).toBe("unknown global 0");
    const imported = (mutable: number) =>
      wasm(importSec([...str("m"), ...str("g"), 0x03, I32, mutable]), globalSec([I32, 0x00, 0x23, 0x00, END]));
    expect(() => check(imported(0))).not.toThrow();
    expect(invalid(imported(1))).toBe("constant expression required");
    // Defined globals are not visible to constant expressions in 2.0.
    expect(invalid(wasm(globalSec([I32, 0x00, ...i32Const(0), END], [I32, 0x00, 0x23, 0x00, END])))).toBe(
      "unknown global 0",
    );
    expect(invalid(g(FUNCREF, [0xd2, 0x03]))).toBe("unknown function 3");
  });

  it("checks limits and memories", () => {
    expect(invalid(wasm(memSec(limits(2, 1))))).toBe("size minimum must not be greater than maximum");
    expect(invalid(wasm(tableSec([FUNCREF, ...limits(2, 1)])))).toBe("size minimum must not be greater than maximum");
    expect(invalid(wasm(memSec(limits(65537))))).toBe("memory size must be at most 65536 pages (4GiB)");
    expect(invalid(wasm(memSec(limits(0, 65537))))).toBe("memory size must be at most 65536 pages (4GiB)");
    expect(invalid(wasm(memSec(limits(1), limits(1))))).toBe("multiple memories");
    expect(() => check(wasm(memSec(limits(1), limits(1))), DEFAULT_FEATURES)).not.toThrow();
  });

  it("checks exports and the start function", () => {
    const f = (...sections: Bytes[]) => wasm(typeSec([[], []], [[I32], []]), funcSec(0, 1), ...sections,
      codeSec(body([], []), body([], [])));
    expect(invalid(f(exportSec(["a", 0, 0], ["a", 0, 1])))).toBe("duplicate export name");
    expect(invalid(f(exportSec(["a", 0, 2])))).toBe("unknown function 2");
    expect(invalid(f(exportSec(["a", 1, 0])))).toBe("unknown table 0");
    expect(invalid(f(exportSec(["a", 2, 0])))).toBe("unknown memory 0");
    expect(invalid(f(exportSec(["a", 3, 0])))).toBe("unknown global 0");
    expect(invalid(f(startSec(1)))).toBe("start function");
    expect(invalid(f(startSec(9)))).toBe("unknown function 9");
    expect(() => check(f(startSec(0)))).not.toThrow();
  });

  it("checks element and data segments", () => {
    const off = [...i32Const(0), END];
    expect(invalid(wasm(elemSec([0x00, ...off, ...vec([])])))).toBe("unknown table 0");
    expect(invalid(wasm(tableSec([EXTERNREF, ...limits(1)]), elemSec([0x00, ...off, ...vec([])])))).toBe(
      "type mismatch",
    );
    expect(invalid(wasm(tableSec([FUNCREF, ...limits(1)]), elemSec([0x00, ...i64Const(0), END, ...vec([])])))).toBe(
      "type mismatch",
    );
    expect(invalid(wasm(elemSec([0x05, EXTERNREF, ...vec([[0xd0, FUNCREF, END]])])))).toBe("type mismatch");
    expect(invalid(wasm(dataSec([0x00, ...off, ...vec([])])))).toBe("unknown memory 0");
    expect(invalid(wasm(memSec(limits(1)), dataSec([0x00, ...i64Const(0), END, ...vec([])])))).toBe("type mismatch");
    expect(invalid(wasm(importSec([...str("m"), ...str("f"), 0x00, 0x00])))).toBe("unknown type 0");
  });

  it("checks an i32.const data offset against the memory it names (memory64, multi-memory)", () => {
    const mem64 = [0x04, ...u32(1)];
    const segment = (memory: number) => [0x02, ...u32(memory), ...i32Const(8), END, ...vec([])];
    const data = (memory: number) => dataSec(segment(memory));
    expect(invalid(wasm(memSec(mem64), data(0)), DEFAULT_FEATURES)).toBe("type mismatch");
    expect(invalid(wasm(memSec(limits(1), mem64), data(1)), DEFAULT_FEATURES)).toBe("type mismatch");
    expect(invalid(wasm(memSec(limits(1)), data(1)), DEFAULT_FEATURES)).toBe("unknown memory 1");
    check(wasm(memSec(limits(1), limits(1)), dataSec(segment(0), segment(1))), DEFAULT_FEATURES);
    check(wasm(memSec(mem64), dataSec([0x00, ...i64Const(8), END, ...vec([])])), DEFAULT_FEATURES);
  });
});

describe("type helpers", () => {
  const ir = decodeModule(wasm(typeSec([[I32, F32], [F64]]), importSec([...str("m"), ...str("f"), 0x00, 0x00])));

  it("resolves block types", () => {
    expect(blockType(ir, -64)).toEqual({ params: [], results: [] });
    expect(blockType(ir, I64 - 128)).toEqual({ params: [], results: [I64] });
    expect(blockType(ir, I64 - 128)).toBe(blockType(ir, I64 - 128));
    expect(String(blockType(ir, 0))).toBe("[i32 f32] -> [f64]");
    expect(blockType(ir, 1)).toBeUndefined();
  });

  it("gives the type of a function index", () => {
    expect(String(funcType(ir, 0))).toBe("[i32 f32] -> [f64]");
    expect(funcType(ir, 1)).toBeUndefined();
  });
});

describe("opcode table", () => {
  it("has every 2.0 instruction once, with unique names per opcode", () => {
    // 2.0 single-byte instructions (including typed select) + tail calls + typed function references (5)
    // + exception handling (8, the legacy ones included) + ref.eq (GC), 0xfc (+ wide arithmetic),
    // fixed-width SIMD (236) + relaxed SIMD (20), GC (0xfb, 31)
    expect(OPS.filter(Boolean).length).toBe(185 + 5 + 8 + 1);
    expect(OPS_FB.filter(Boolean).length).toBe(31);
    expect(opInfo(0xfb1e)?.name).toBe("i31.get_u");
    expect(OPS_FC.filter(Boolean).length).toBe(18 + 4);
    expect(OPS_FD.filter(Boolean).length).toBe(256);
    expect(OPS_FD.filter((i) => i?.feature === "relaxedSimd").length).toBe(20);
    expect(opInfo(0x6a)?.name).toBe("i32.add");
    expect(opInfo(0xfc0a)?.name).toBe("memory.copy");
    expect(opInfo(0xfc13)).toMatchObject({ name: "i64.add128", params: [I64, I64, I64, I64], results: [I64, I64] });
    expect(opInfo(0xfc12)).toBeUndefined();
    expect(opInfo(0xfdff)?.name).toBe("f64x2.convert_low_i32x4_u");
    expect(opInfo(0xfd9a)).toBeUndefined();
    expect(opInfo(0x06)).toMatchObject({ name: "try", feature: "exceptions" }); // legacy exception handling
    expect(opInfo(0x17)).toBeUndefined();
    // relaxed SIMD: 0xfd00 + sub-opcode (0x100..0x113)
    expect(opInfo(0xfd00 + 0x100)).toMatchObject({ name: "i8x16.relaxed_swizzle", params: [V128, V128], results: [V128] });
    expect(opInfo(0xfd00 + 0x113)).toMatchObject({
      name: "i32x4.relaxed_dot_i8x16_i7x16_add_s", params: [V128, V128, V128], feature: "relaxedSimd",
    });
    expect(opInfo(0xfd00 + 0x114)).toBeUndefined();
  });

  it("describes memory accesses and lanes", () => {
    expect(opInfo(0x29)).toMatchObject({ name: "i64.load", naturalAlign: 3, params: [-1], results: [I64] });
    expect(opInfo(0xfd57)).toMatchObject({ name: "v128.load64_lane", naturalAlign: 3, lanes: 2 });
    expect(opInfo(0xfd21)).toMatchObject({ name: "f64x2.extract_lane", lanes: 2, params: [V128], results: [F64] });
    expect(opInfo(0xfd0d)?.params).toEqual([V128, V128]);
  });
});
