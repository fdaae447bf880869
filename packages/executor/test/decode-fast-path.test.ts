// The decoder skims function bodies with a fast path (skip-table.ts) that takes only encodings it knows
// to be well formed and leaves everything else to InstrReader. These tests check that both paths agree:
// the same bodies are accepted, with the same instruction ranges, and the same malformed ones rejected
// with the same reason, across every length of LEB128 immediate.
import { describe, expect, it } from "vitest";
import { DecodeError, DEFAULT_FEATURES, WASM2_FEATURES, decodeModule, type WasmFeatures } from "../src/index.js";
import { SKIP_KIND, SKIP_KIND_MVP, SKIP_GENERAL, leb32End, shortLebEnd } from "../src/decode/skip-table.js";
import { Imm, OPS, Op } from "../src/module/opcodes.js";
import {
  END, I32, I64, body, codeSec, dataSec, elemSec, funcModule, funcSec, memSec, limits, section, sleb, typeSec, u32, vec, wasm,
} from "./decode-builder.js";

/** The DecodeError reason, or "ok" when the bytes decode. */
function decodeResult(bytes: Uint8Array, features: Readonly<WasmFeatures> = WASM2_FEATURES): string {
  try {
    decodeModule(bytes, features);
    return "ok";
  } catch (e) {
    if (e instanceof DecodeError) return e.reason;
    throw e;
  }
}

/** A function () -> [] running `code`, with one memory (for loads and stores) and 200 i32 locals. */
function withCode(code: number[]): Uint8Array {
  return wasm(typeSec([[], []]), funcSec(0), memSec(limits(1)), codeSec(body([[200, I32]], code)));
}

/** A LEB128 of `value` padded to `length` bytes (over-long encodings are allowed up to the limit). */
function paddedLeb(value: number, length: number, signed: boolean): number[] {
  const out: number[] = [];
  let v = value;
  for (let i = 0; i < length; i++) {
    const last = i === length - 1;
    const group = v & 0x7f;
    v = signed ? v >> 7 : v >>> 7;
    out.push(last ? group : group | 0x80);
  }
  return out;
}

describe("decoder fast path", () => {
  it("takes only what the instruction table describes", () => {
    for (let op = 0; op < 256; op++) {
      const feature = OPS[op]?.feature;
      if (feature === undefined || (feature !== null && feature !== "referenceTypes")) expect(SKIP_KIND[op]).toBe(SKIP_GENERAL);
      // without reference types: their instructions, call_indirect's zero byte and block types go to InstrReader
      if (feature !== null || op === Op.CallIndirect || OPS[op]!.imm === Imm.Block) expect(SKIP_KIND_MVP[op]).toBe(SKIP_GENERAL);
    }
    expect(SKIP_KIND[0xfc]).toBe(SKIP_GENERAL);
    expect(SKIP_KIND[0xfd]).toBe(SKIP_GENERAL);
    expect(SKIP_KIND[0x0e]).toBe(SKIP_GENERAL); // br_table
  });

  it("finds the end of short LEB128s and leaves the rest to InstrReader", () => {
    const bytes = new Uint8Array([0x80, 0x80, 0x80, 0x01, 0x80, 0x80, 0x80, 0x80, 0x07, 0x80, 0x80, 0x80, 0x80, 0x78]);
    expect(shortLebEnd(bytes, 0, bytes.length)).toBe(4);
    expect(shortLebEnd(bytes, 4, bytes.length)).toBe(-1); // five bytes
    expect(leb32End(bytes, 4, bytes.length, false)).toBe(9);
    expect(leb32End(bytes, 9, bytes.length, false)).toBe(-1); // 0x78: too large for a u32
    expect(leb32End(bytes, 9, bytes.length, true)).toBe(14); // a negative s32
    expect(shortLebEnd(bytes, 0, 3)).toBe(-1); // runs past the end
  });

  it("accepts i32.const, i64.const and indices of every LEB128 length", () => {
    for (let length = 1; length <= 5; length++) {
      expect(decodeResult(withCode([0x41, ...paddedLeb(-5, length, true), 0x1a]))).toBe("ok");
      expect(decodeResult(withCode([0x20, ...paddedLeb(100, length, false), 0x1a]))).toBe("ok");
      expect(decodeResult(withCode([0x41, 0x00, 0x28, 0x02, ...paddedLeb(8, length, false), 0x1a]))).toBe("ok");
    }
    for (let length = 1; length <= 10; length++) {
      expect(decodeResult(withCode([0x42, ...paddedLeb(-5, length, true), 0x1a]))).toBe("ok");
    }
    expect(decodeResult(withCode([0x41, ...sleb(-0x8000_0000), 0x1a]))).toBe("ok");
    expect(decodeResult(withCode([0x41, ...sleb(0x7fff_ffff), 0x1a]))).toBe("ok");
  });

  it("rejects the malformed ones with InstrReader's reasons", () => {
    expect(decodeResult(withCode([0x41, ...paddedLeb(0, 6, true), 0x1a]))).toBe("integer representation too long");
    expect(decodeResult(withCode([0x41, 0xff, 0xff, 0xff, 0xff, 0x4f, 0x1a]))).toBe("integer too large");
    expect(decodeResult(withCode([0x20, 0xff, 0xff, 0xff, 0xff, 0x1f, 0x1a]))).toBe("integer too large");
    expect(decodeResult(withCode([0x42, ...paddedLeb(0, 11, true), 0x1a]))).toBe("integer representation too long");
    // memarg flags (3.0): 2^7 and above are malformed; an alignment up to 2^6 - 1 decodes (validation
    // rejects one above the natural alignment), bit 6 says a memory index follows (with multi-memory)
    expect(decodeResult(withCode([0x41, 0x00, 0x28, 0x80, 0x01, 0x00, 0x1a]))).toBe("malformed memop flags");
    expect(decodeResult(withCode([0x41, 0x00, 0x28, 0x80, 0x02, 0x00, 0x1a]))).toBe("malformed memop flags");
    expect(decodeResult(withCode([0x41, 0x00, 0x28, 0x21, 0x00, 0x1a]))).toBe("ok");
    expect(decodeResult(withCode([0x41, 0x00, 0x28, 0x42, 0x00, 0x00, 0x1a]), DEFAULT_FEATURES)).toBe("ok");
  });

  it("records the same instruction ranges whichever path reads the immediates", () => {
    const short = [0x41, 0x05, 0x1a];
    const long = [0x41, ...paddedLeb(5, 5, true), 0x1a];
    const a = decodeModule(funcModule([], [], short)).codes[0]!;
    const b = decodeModule(funcModule([], [], long)).codes[0]!;
    expect(a.end - a.start).toBe(short.length + 1); // with the final END
    expect(b.end - b.start).toBe(long.length + 1);
  });

  it("checks the nesting of blocks with value and type-index block types", () => {
    const types = typeSec([[], []], [[I32], [I64]]);
    const module = (code: number[]) => wasm(types, funcSec(0), codeSec(body([], code)));
    // block (result i64) with a value type, then a block of type index 1 (i32 -> i64), and if/else
    expect(decodeResult(module([0x02, I64, 0x42, 0x00, END, 0x1a]))).toBe("ok");
    expect(decodeResult(module([0x41, 0x00, 0x02, 0x01, 0x1a, 0x42, 0x00, END, 0x1a]))).toBe("ok");
    expect(decodeResult(module([0x41, 0x00, 0x04, 0x40, 0x05, END]))).toBe("ok");
    expect(decodeResult(module([0x02, 0x40, 0x05, END]))).toBe("END opcode expected");
    expect(decodeResult(module([0x02, 0x7a, END]))).toBe("malformed value type");
    expect(decodeResult(wasm(types, funcSec(0), codeSec([0x03, 0x00, 0x02, 0x40])))).toMatch(/^unexpected end/);
  });
});

// Module-level entries have fast paths too: the constant expression `i32.const n; end` (segment offsets)
// and indices of one or two bytes are read without InstrReader or the general LEB128 reader.
describe("decoder fast paths outside function bodies", () => {
  /** A module of one memory and one data segment of offset expression `expr` (END included). */
  const withOffset = (expr: number[]) => wasm(memSec(limits(1)), dataSec([0x00, ...expr, ...u32(0)]));

  it("reads i32.const offsets of every LEB128 length as InstrReader does", () => {
    for (const value of [0, 8, -5, 0x7ff8, -0x8000_0000, 0x7fff_ffff]) {
      for (let length = sleb(value).length; length <= 5; length++) {
        const ir = decodeModule(withOffset([0x41, ...paddedLeb(value, length, true), END]), WASM2_FEATURES);
        expect(ir.datas[0]!.offset).toEqual([{ op: Op.I32Const, a: value, b: 0 }]);
      }
    }
  });

  it("leaves longer expressions, and malformed or truncated offsets, to the general path", () => {
    // extended constant expressions
    const sum = decodeModule(withOffset([0x41, 0x01, 0x41, 0x02, 0x6a, END]), DEFAULT_FEATURES).datas[0]!.offset;
    expect(sum!.map((c) => c.op)).toEqual([Op.I32Const, Op.I32Const, 0x6a]);
    expect(decodeResult(withOffset([0x41, ...paddedLeb(0, 6, true), END]))).toBe("integer representation too long");
    expect(decodeResult(withOffset([0x41, 0xff, 0xff, 0xff, 0xff, 0x4f, END]))).toBe("integer too large");
    // the LEB128 runs into the END byte, or the section ends inside it
    expect(decodeResult(wasm(memSec(limits(1)), dataSec([0x00, 0x41, 0x88, END, 0x00])))).toMatch(/^unexpected end/);
    expect(decodeResult(wasm(memSec(limits(1)), [0x0b, 0x05, 0x01, 0x00, 0x41, 0x80, 0x80]))).toMatch(/^unexpected end/);
  });

  it("reads indices of one, two and more bytes, and rejects a truncated one", () => {
    const types = typeSec([[], []]);
    const funcs = (entries: number[][]) => section(3, [...u32(entries.length), ...entries.flat()]);
    const three = codeSec(body([], []), body([], []), body([], []));
    const ir = decodeModule(wasm(types, funcs([[0x00], [0x80, 0x00], [0x80, 0x80, 0x00]]), three), WASM2_FEATURES);
    expect(ir.funcs).toEqual([0, 0, 0]);
    const many = Array.from({ length: 300 }, (_, i) => i);
    const elems = decodeModule(
      wasm(types, funcSec(0), section(4, [0x01, 0x70, ...limits(300)]), elemSec([0x00, 0x41, 0x00, END, ...vec(many.map(u32))]), codeSec(body([], []))),
      WASM2_FEATURES,
    ).elems[0]!;
    expect([...elems.funcs!]).toEqual(many);
    expect(decodeResult(wasm(types, [0x03, 0x02, 0x01, 0x80]))).toMatch(/^unexpected end/);
  });
});
