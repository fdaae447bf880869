import { describe, expect, it } from "vitest";
import {
  NumberFormatError,
  parseF32Bits,
  parseF64Bits,
  parseI32,
  parseI64,
  parseIntBits,
  parseUnsigned,
} from "../src/numbers/index.js";

const f32 = (text: string): string => parseF32Bits(text).toString(16).padStart(8, "0");
const f64 = (text: string): string => parseF64Bits(text).toString(16).padStart(16, "0");
const reason = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof NumberFormatError) return e.reason;
    throw e;
  }
  return "accepted";
};

describe("integers", () => {
  it("accepts the unsigned and the signed range", () => {
    expect(parseIntBits("0xffffffff", 32)).toBe(0xffffffffn);
    expect(parseIntBits("-0x80000000", 32)).toBe(0x80000000n);
    expect(parseIntBits("-1", 64)).toBe(0xffffffffffffffffn);
    expect(parseIntBits("+0x7fff", 16)).toBe(0x7fffn);
    expect(parseIntBits("255", 8)).toBe(255n);
    expect(parseIntBits("-128", 8)).toBe(128n);
    expect(parseI32("0xffffffff")).toBe(-1);
    expect(parseI32("1_000_000")).toBe(1000000);
    expect(parseI64("0x8000000000000000")).toBe(-(1n << 63n));
  });
  it("rejects values outside the range", () => {
    expect(reason(() => parseIntBits("0x100000000", 32))).toBe("constant out of range");
    expect(reason(() => parseIntBits("-0x80000001", 32))).toBe("constant out of range");
    expect(reason(() => parseIntBits("+0x80000000", 32))).toBe("constant out of range");
    expect(reason(() => parseIntBits("256", 8))).toBe("constant out of range");
    expect(reason(() => parseIntBits("-129", 8))).toBe("constant out of range");
  });
  it("rejects malformed digits and underscores", () => {
    for (const text of ["", "0x", "1__0", "_1", "1_", "0x_1", "1a", "--1", "0x1.0", "nan", "+"]) {
      expect(reason(() => parseIntBits(text, 32)), text).toBe("unknown operator");
    }
  });
  it("reads unsigned indices without sign", () => {
    expect(parseUnsigned("0x10", 32)).toBe(16n);
    expect(parseUnsigned("18446744073709551615", 64)).toBe(0xffffffffffffffffn);
    expect(reason(() => parseUnsigned("+1", 32))).toBe("unknown operator");
    expect(reason(() => parseUnsigned("4294967296", 32))).toBe("constant out of range");
  });
});

describe("f32", () => {
  it("reads decimal, hex, inf and nan", () => {
    expect(f32("1.5")).toBe("3fc00000");
    expect(f32("0x1.8p3")).toBe("41400000");
    expect(f32("-0")).toBe("80000000");
    expect(f32("1")).toBe("3f800000");
    expect(f32("0x10")).toBe("41800000");
    expect(f32("1_000.000_1e1_0")).toBe(parseF32Bits("1000.0001e10").toString(16));
    expect(f32("inf")).toBe("7f800000");
    expect(f32("-inf")).toBe("ff800000");
    expect(f32("nan")).toBe("7fc00000");
    expect(f32("-nan")).toBe("ffc00000");
    expect(f32("nan:0x200000")).toBe("7fa00000");
    expect(f32("-nan:0x7fffff")).toBe("ffffffff");
    expect(f32("0x1.")).toBe("3f800000");
    expect(f32("0x1.p1")).toBe("40000000");
    expect(f32("1.e1")).toBe("41200000");
  });
  it("rounds to nearest even from the exact value (float_literals.wast / const.wast)", () => {
    // Ties and just-above-ties in hex.
    expect(f32("+0x1.00000100000000000p-50")).toBe("26800000");
    expect(f32("+0x1.00000100000000001p-50")).toBe("26800001");
    expect(f32("+0x1.000002fffffffffffp-50")).toBe("26800001");
    expect(f32("+0x1.000003p-50")).toBe("26800002");
    // Decimal values that double rounding would get wrong.
    expect(f32("+8.8817847263968443573e-16")).toBe("26800000");
    expect(f32("+8.8817847263968443574e-16")).toBe("26800001");
    expect(f32("1.00000005960464477550")).toBe("3f800001");
    expect(f32("1.0000000596046447755")).toBe("3f800001");
    // Subnormals and underflow.
    expect(f32("0x1p-149")).toBe("00000001");
    expect(f32("0x1p-150")).toBe("00000000");
    expect(f32("0x1.000002p-150")).toBe("00000001");
    expect(f32("1e-50")).toBe("00000000");
    expect(f32("1.1754942e-38")).toBe("007fffff");
    expect(f32("0x1.fffffcp-127")).toBe("007fffff");
    expect(f32("0x1.fffffep-127")).toBe("00800000"); // a tie: rounds to the even neighbour
    // Largest values.
    expect(f32("0x1.fffffefffffffffffp127")).toBe("7f7fffff");
    expect(f32("3.4028235e38")).toBe("7f7fffff");
    expect(f32("1e38")).toBe("7e967699");
  });
  it("rejects overflow and bad NaN payloads", () => {
    expect(reason(() => parseF32Bits("0x1.ffffffp127"))).toBe("constant out of range");
    expect(reason(() => parseF32Bits("1e39"))).toBe("constant out of range");
    expect(reason(() => parseF32Bits("1e1000000000000"))).toBe("constant out of range");
    expect(reason(() => parseF32Bits("nan:0x0"))).toBe("constant out of range");
    expect(reason(() => parseF32Bits("nan:0x800000"))).toBe("constant out of range");
    for (const text of ["", ".5", "1.5e", "0x1p", "1e+_1", "0x.1", "infinity", "nan:1", "1.5x"]) {
      expect(reason(() => parseF32Bits(text)), text).toBe("unknown operator");
    }
  });
});

describe("f64", () => {
  it("reads and rounds exactly", () => {
    expect(f64("1.5")).toBe("3ff8000000000000");
    expect(f64("0.1")).toBe("3fb999999999999a");
    expect(f64("-0x1.fffffffffffffp1023")).toBe("ffefffffffffffff");
    expect(f64("0x1.fffffffffffff7ffffffp1023")).toBe("7fefffffffffffff");
    expect(f64("+0x1.000000000000080000000000p-600")).toBe("1a70000000000000");
    expect(f64("+0x1.000000000000080000000001p-600")).toBe("1a70000000000001");
    expect(f64("4.9406564584124654e-324")).toBe("0000000000000001");
    expect(f64("2.4703282292062328e-324")).toBe("0000000000000001");
    expect(f64("2.4703282292062327e-324")).toBe("0000000000000000");
    expect(f64("1e-100000")).toBe("0000000000000000");
    expect(f64("nan")).toBe("7ff8000000000000");
    expect(f64("nan:0xfffffffffffff")).toBe("7fffffffffffffff");
    expect(f64("-inf")).toBe("fff0000000000000");
    for (const text of ["1", "123.456", "1e308", "2.2250738585072014e-308", "9007199254740993"]) {
      const expected = new DataView(new Float64Array([Number(text)]).buffer).getBigUint64(0, true);
      expect(parseF64Bits(text), text).toBe(expected);
    }
  });
  it("rejects overflow", () => {
    expect(reason(() => parseF64Bits("0x1.fffffffffffff8p1023"))).toBe("constant out of range");
    expect(reason(() => parseF64Bits("1e309"))).toBe("constant out of range");
    expect(reason(() => parseF64Bits("nan:0x10000000000000"))).toBe("constant out of range");
  });
});
