// The validator checks the common instructions straight from the bytes (fast-sig.ts and the main loop
// of FuncValidator) and the others through InstrReader. These tests check the fast path's table against
// the instruction table and that both paths give the same verdicts and reasons.
import { describe, expect, it } from "vitest";
import { DEFAULT_FEATURES, ValidationError, WASM2_FEATURES, decodeModule, validateModule, type WasmFeatures } from "../src/index.js";
import { ADDRESS_TYPE, Imm, OPS, OPS_FC } from "../src/module/opcodes.js";
import {
  FAST_ALIGN, FAST_BINARY, FAST_FC_PARAM, FAST_FC_RESULT, FAST_KIND, FAST_LOAD, FAST_NOP, FAST_PARAM, FAST_RESULT, FAST_STORE, FAST_UNARY,
} from "../src/validate/fast-sig.js";
import { F64, I32, I64, body, codeSec, funcSec, i32Const, i64Const, limits, memSec, typeSec, u32, wasm } from "./decode-builder.js";

/** The ValidationError reason, or "ok". */
function verdict(bytes: Uint8Array, features: Readonly<WasmFeatures> = WASM2_FEATURES): string {
  try {
    validateModule(decodeModule(bytes, features), features);
    return "ok";
  } catch (e) {
    if (e instanceof ValidationError) return e.reason;
    throw e;
  }
}

const DROP = 0x1a;

/** Function 0: () -> [] with 200 i32 locals then 2 i64 locals, running `code`; function 1: (i32) -> i32. */
function module(code: number[], memory: number[] | null = limits(1)): Uint8Array {
  return wasm(
    typeSec([[], []], [[I32], [I32]]),
    funcSec(0, 1),
    ...(memory ? [memSec(memory)] : []),
    codeSec(body([[200, I32], [2, I64]], code), body([], [0x20, 0x00])),
  );
}

describe("validator fast path: the signature table", () => {
  it("gives the instructions of a fixed signature their types", () => {
    let count = 0;
    for (let op = 0; op < 256; op++) {
      const kind = FAST_KIND[op]!;
      if (kind !== FAST_UNARY && kind !== FAST_BINARY && kind !== FAST_LOAD && kind !== FAST_STORE && kind !== FAST_NOP) continue;
      count++;
      const info = OPS[op]!;
      const memarg = kind === FAST_LOAD || kind === FAST_STORE;
      expect(info.imm).toBe(memarg ? Imm.MemArg : Imm.None);
      if (memarg) expect(FAST_ALIGN[op]).toBe(info.naturalAlign);
      const params = kind === FAST_LOAD ? [ADDRESS_TYPE] : kind === FAST_STORE ? [ADDRESS_TYPE, FAST_PARAM[op]]
        : kind === FAST_BINARY ? [FAST_PARAM[op], FAST_PARAM[op]] : kind === FAST_UNARY ? [FAST_PARAM[op]] : [];
      expect(info.params).toEqual(params);
      expect(info.results).toEqual(kind === FAST_STORE || kind === FAST_NOP ? [] : [FAST_RESULT[op]]);
    }
    // all numeric instructions (0x45..0xc4), the 23 loads and stores, nop
    expect(count).toBe(0xc4 - 0x45 + 1 + 23 + 1);
    // after 0xfc: the eight saturating truncations
    const fc = [...FAST_FC_PARAM.keys()].filter((sub) => FAST_FC_PARAM[sub] !== 0);
    expect(fc).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const sub of fc) {
      expect(OPS_FC[sub]!.params).toEqual([FAST_FC_PARAM[sub]]);
      expect(OPS_FC[sub]!.results).toEqual([FAST_FC_RESULT[sub]]);
    }
  });
});

describe("validator fast path: verdicts", () => {
  it("accepts well-typed code through one- and two-byte indices", () => {
    const code = [
      ...i32Const(7), 0x21, ...u32(150), // local.set 150 (two-byte index)
      0x20, ...u32(150), 0x10, ...u32(1), DROP, // call 1 (i32) -> i32
      0x20, ...u32(200), 0x22, ...u32(201), 0x50, DROP, // i64 locals 200, 201: local.tee, i64.eqz
      0x02, 0x40, 0x20, 0x05, 0x0d, 0x00, 0x0b, // block; local.get 5; br_if 0; end
      ...i32Const(0), 0x28, 0x02, 0x10, 0x41, 0x01, 0x6a, 0x36, 0x02, 0x00, // (i32.load offset=16) + 1 -> i32.store
    ];
    expect(verdict(module([...i32Const(0), ...code]))).toBe("ok");
  });

  it("reports the same reasons as the general path", () => {
    expect(verdict(module([0x20, ...u32(300), DROP]))).toBe("unknown local 300");
    expect(verdict(module([0x20, ...u32(200), 0x45, DROP]))).toBe("type mismatch"); // i64 into i32.eqz
    expect(verdict(module([0x10, ...u32(130)]))).toBe("unknown function 130");
    expect(verdict(module([0x0c, 0x05]))).toBe("unknown label");
    expect(verdict(module([...i32Const(0), 0x28, 0x03, 0x00, DROP]))).toBe("alignment must not be larger than natural");
    expect(verdict(module([...i32Const(0), 0x28, 0x02, 0x00, DROP], null))).toBe("unknown memory 0");
    expect(verdict(module([...i64Const(0), 0x28, 0x02, 0x00, DROP]))).toBe("type mismatch");
    expect(verdict(module([...i32Const(1), ...i64Const(2), 0x6a, DROP]))).toBe("type mismatch");
    expect(verdict(module([0x6a, DROP]))).toBe("type mismatch"); // nothing to pop
    // select: equal numeric operands, never references
    expect(verdict(module([...i64Const(1), ...i64Const(2), ...i32Const(0), 0x1b, 0x50, DROP]))).toBe("ok");
    expect(verdict(module([...i64Const(1), ...i32Const(2), ...i32Const(0), 0x1b, DROP]))).toBe("type mismatch");
    expect(verdict(module([0xd0, 0x70, 0xd0, 0x70, ...i32Const(0), 0x1b, DROP]))).toBe("type mismatch");
    expect(verdict(module([0x00, 0x1b, 0x45, DROP]))).toBe("ok");
  });

  it("checks control, globals and prefixed truncations like the general path", () => {
    const globals = [0x06, 0x0b, 0x02, 0x7f, 0x00, 0x41, 0x00, 0x0b, 0x7f, 0x01, 0x41, 0x00, 0x0b]; // i32 const, i32 mut
    const withGlobals = (code: number[]) => {
      const m = module(code);
      const at = m.indexOf(0x0a, 8); // before the code section
      return new Uint8Array([...m.slice(0, at), ...globals, ...m.slice(at)]);
    };
    expect(verdict(withGlobals([...i32Const(1), 0x24, 0x01]))).toBe("ok");
    expect(verdict(withGlobals([...i32Const(1), 0x24, 0x00]))).toBe("global is immutable");
    expect(verdict(withGlobals([...i64Const(1), 0x24, 0x01]))).toBe("type mismatch");
    expect(verdict(module([0x0f, 0x6a, DROP]))).toBe("ok"); // return: the rest is unreachable
    expect(verdict(module([...i32Const(1), 0x0f]))).toBe("ok"); // operands below the results stay
    expect(verdict(module([0x02, 0x7f, ...i32Const(1), 0x0c, 0x00, 0x0b, DROP]))).toBe("ok");
    expect(verdict(module([0x02, 0x7f, ...i64Const(1), 0x0c, 0x00, 0x0b, DROP]))).toBe("type mismatch");
    expect(verdict(module([0x02, 0x7f, ...i32Const(1), ...i32Const(0), 0x0d, 0x00, 0x0b, DROP]))).toBe("ok");
    expect(verdict(module([0x02, 0x40, 0x0d, 0x01, 0x0b]))).toBe("type mismatch"); // no condition
    expect(verdict(module([...i32Const(0), 0x04, 0x7f, ...i32Const(1), 0x0b, DROP]))).toBe("type mismatch"); // no else
    expect(verdict(module([...i32Const(0), 0x04, 0x7f, ...i32Const(1), 0x05, ...i32Const(2), 0x0b, DROP]))).toBe("ok");
    expect(verdict(module([...i32Const(0), 0x04, 0x7f, ...i64Const(1), 0x05, ...i32Const(2), 0x0b, DROP]))).toBe("type mismatch");
    expect(verdict(module([0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0xfc, 0x02, DROP]))).toBe("ok"); // i32.trunc_sat_f64_s
    expect(verdict(module([...i32Const(0), 0xfc, 0x02, DROP]))).toBe("type mismatch");
    expect(verdict(module([0x00, 0xfc, 0x06, 0x50, DROP]))).toBe("ok"); // unreachable: i64.trunc_sat_f64_s
  });

  it("types the stack of unreachable code as polymorphic", () => {
    expect(verdict(module([0x00, 0x6a, DROP]))).toBe("ok");
    expect(verdict(module([0x00, 0x28, 0x02, 0x00, 0x45, DROP]))).toBe("ok");
    expect(verdict(module([0x00, ...i64Const(0), 0x6a, DROP]))).toBe("type mismatch");
  });

  it("leaves loads and stores of a 64-bit memory to the general path", () => {
    const memory64 = [0x04, 0x01]; // i64 addresses, min 1 page
    expect(verdict(module([...i64Const(0), 0x28, 0x02, 0x00, DROP], memory64), DEFAULT_FEATURES)).toBe("ok");
    expect(verdict(module([...i32Const(0), 0x28, 0x02, 0x00, DROP], memory64), DEFAULT_FEATURES)).toBe("type mismatch");
  });

  it("validates every function, and reports an error in a later one", () => {
    const bad = wasm(
      typeSec([[], [F64]]),
      funcSec(0, 0, 0),
      codeSec(body([], [0x44, 0, 0, 0, 0, 0, 0, 0, 0]), body([], [0x44, 0, 0, 0, 0, 0, 0, 0, 0]), body([], [...i32Const(0)])),
    );
    expect(verdict(bad)).toBe("type mismatch");
  });
});
