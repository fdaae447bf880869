import { describe, expect, it } from "vitest";
import { isNanBits32, isNanBits64, matches, type RefInspector } from "../src/expected.js";
import type { Expected } from "../src/script-model.js";
import { trapMessageMatches } from "../src/script-runner.js";
import { f32BitsOf, f64BitsOf, SpecHostRef, SpecHostRefs, type Value } from "../src/values.js";

const refs: RefInspector = {
  isFunc: (r) => r === "a function",
  isOfHeapType: (r, heap) => heap === "i31" && r === "an i31",
};

const v128 = (...bytes: number[]): Value => ({ type: "v128", bytes: new Uint8Array(bytes) });

describe("NaN patterns on bits", () => {
  it("f32: canonical is exactly the quiet NaN of either sign; arithmetic is any quiet NaN", () => {
    expect(isNanBits32(0x7fc00000, "canonical")).toBe(true);
    expect(isNanBits32(0xffc00000, "canonical")).toBe(true);
    expect(isNanBits32(0x7fc00001, "canonical")).toBe(false);
    expect(isNanBits32(0x7fc00001, "arithmetic")).toBe(true);
    expect(isNanBits32(0x7fa00000, "arithmetic")).toBe(false); // signalling
    expect(isNanBits32(0x7f800000, "arithmetic")).toBe(false); // infinity
  });

  it("f64: the same on 64-bit patterns", () => {
    expect(isNanBits64(0x7ff8000000000000n, "canonical")).toBe(true);
    expect(isNanBits64(0xfff8000000000000n, "canonical")).toBe(true);
    expect(isNanBits64(0x7ff8000000000001n, "canonical")).toBe(false);
    expect(isNanBits64(0x7ffc000000000000n, "arithmetic")).toBe(true);
    expect(isNanBits64(0x7ff4000000000000n, "arithmetic")).toBe(false);
  });
});

describe("matches", () => {
  it("compares floats by bits: -0 is not 0, and NaN payloads count", () => {
    const minusZero: Value = { type: "f32", bits: f32BitsOf(-0) };
    expect(matches(minusZero, { kind: "const", value: { type: "f32", bits: f32BitsOf(0) } }, refs)).toBe(false);
    expect(matches(minusZero, { kind: "const", value: { type: "f32", bits: 0x80000000 } }, refs)).toBe(true);
    const nan: Value = { type: "f64", bits: 0x7ff8000000000001n };
    expect(matches(nan, { kind: "const", value: { type: "f64", bits: 0x7ff8000000000001n } }, refs)).toBe(true);
    expect(matches(nan, { kind: "const", value: { type: "f64", bits: f64BitsOf(NaN) } }, refs)).toBe(false);
    expect(matches(nan, { kind: "nan", type: "f64", nan: "arithmetic" }, refs)).toBe(true);
    expect(matches(nan, { kind: "nan", type: "f32", nan: "arithmetic" }, refs)).toBe(false);
  });

  it("requires the same type", () => {
    expect(matches({ type: "i32", bits: 1 }, { kind: "const", value: { type: "f32", bits: 1 } }, refs)).toBe(false);
    expect(matches({ type: "i64", bits: 1n }, { kind: "const", value: { type: "i64", bits: 1n } }, refs)).toBe(true);
  });

  it("treats integers as bit patterns (signed and unsigned spellings agree)", () => {
    expect(matches({ type: "i32", bits: 0xffffffff }, { kind: "const", value: { type: "i32", bits: -1 } }, refs)).toBe(true);
    expect(matches({ type: "i64", bits: 0xffffffffffffffffn }, { kind: "const", value: { type: "i64", bits: -1n } }, refs)).toBe(true);
  });

  it("matches v128 lanes of each shape, with NaN lanes", () => {
    const actual = v128(1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0xc0, 0x7f, 1, 0, 0xc0, 0x7f);
    const lanes: Expected = {
      kind: "v128",
      shape: "f32",
      lanes: [{ bits: 1 }, { bits: 0xffffffff }, { nan: "canonical" }, { nan: "arithmetic" }],
    };
    expect(matches(actual, lanes, refs)).toBe(true);
    const strict: Expected = { ...lanes, lanes: [{ bits: 1 }, { bits: 0xffffffff }, { nan: "canonical" }, { nan: "canonical" }] };
    expect(matches(actual, strict, refs)).toBe(false);
    const i16: Expected = { kind: "v128", shape: "i16", lanes: [1, 0, 0xffff, 0xffff, 0, 0x7fc0, 1, 0x7fc0].map((b) => ({ bits: b })) };
    expect(matches(actual, i16, refs)).toBe(true);
    const i64: Expected = { kind: "v128", shape: "i64", lanes: [{ bits: 0xffffffff00000001n }, { bits: 0x7fc000017fc00000n }] };
    expect(matches(actual, i64, refs)).toBe(true);
  });

  it("accepts any alternative of either", () => {
    const either: Expected = {
      kind: "either",
      options: [
        { kind: "const", value: { type: "i32", bits: 1 } },
        { kind: "const", value: { type: "i32", bits: 2 } },
      ],
    };
    expect(matches({ type: "i32", bits: 2 }, either, refs)).toBe(true);
    expect(matches({ type: "i32", bits: 3 }, either, refs)).toBe(false);
  });

  it("matches references: null, host values by number, functions, heap types", () => {
    const hostRefs = new SpecHostRefs();
    const ext = hostRefs.get("extern", 7);
    expect(hostRefs.get("extern", 7)).toBe(ext);
    expect(matches({ type: "ref", ref: null }, { kind: "const", value: { type: "ref.null", heap: "func" } }, refs)).toBe(true);
    expect(matches({ type: "ref", ref: ext }, { kind: "const", value: { type: "ref.null", heap: "extern" } }, refs)).toBe(false);
    expect(matches({ type: "ref", ref: ext }, { kind: "const", value: { type: "ref.extern", n: 7 } }, refs)).toBe(true);
    expect(matches({ type: "ref", ref: ext }, { kind: "const", value: { type: "ref.extern", n: 8 } }, refs)).toBe(false);
    // `ref.host 7` and `ref.extern 7` are one host value seen as an anyref or an externref (any.convert_extern)
    expect(hostRefs.get("host", 7)).toBe(ext);
    expect(matches({ type: "ref", ref: new SpecHostRef("host", 7) }, { kind: "const", value: { type: "ref.extern", n: 7 } }, refs)).toBe(true);
    expect(matches({ type: "ref", ref: ext }, { kind: "const", value: { type: "ref.host", n: 7 } }, refs)).toBe(true);
    expect(matches({ type: "ref", ref: ext }, { kind: "const", value: { type: "ref.host", n: 8 } }, refs)).toBe(false);
    expect(matches({ type: "ref", ref: ext }, { kind: "ref.extern" }, refs)).toBe(true);
    expect(matches({ type: "ref", ref: null }, { kind: "ref.extern" }, refs)).toBe(false);
    expect(matches({ type: "ref", ref: "a function" }, { kind: "ref.func" }, refs)).toBe(true);
    expect(matches({ type: "ref", ref: ext }, { kind: "ref.func" }, refs)).toBe(false);
    expect(matches({ type: "ref", ref: "an i31" }, { kind: "ref", heap: "i31" }, refs)).toBe(true);
    expect(matches({ type: "ref", ref: "an i31" }, { kind: "ref", heap: "struct" }, refs)).toBe(false);
  });
});

describe("trap messages", () => {
  it("match when ours contains the expected text or is its first words", () => {
    expect(trapMessageMatches("integer divide by zero", "integer divide by zero")).toBe(true);
    expect(trapMessageMatches("uninitialized element", "uninitialized element 2")).toBe(true);
    expect(trapMessageMatches("out of bounds memory access at 65536", "out of bounds memory access")).toBe(true);
    expect(trapMessageMatches("integer overflow", "integer divide by zero")).toBe(false);
    expect(trapMessageMatches("", "unreachable")).toBe(false);
    expect(trapMessageMatches("out of bounds", "out of bounds memory access")).toBe(true);
    expect(trapMessageMatches("out of bo", "out of bounds memory access")).toBe(false);
  });
});
