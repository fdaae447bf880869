import { describe, expect, it } from "vitest";
import { CompileError, Engine, Instance, Module, Store, WASM2_FEATURES } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";

// Relaxed SIMD (WebAssembly 3.0): each instruction may give one of several results; this runtime picks
// one, always the same (the table in the executor's README). The v128 results cross the boundary as
// i32, f32 or f64 lanes.

const WAT = `(module
  (func $i32s (param v128) (result i32 i32 i32 i32)
    (i32x4.extract_lane 0 (local.get 0)) (i32x4.extract_lane 1 (local.get 0))
    (i32x4.extract_lane 2 (local.get 0)) (i32x4.extract_lane 3 (local.get 0)))
  (func $i16s (param v128) (result i32 i32 i32 i32)
    (i16x8.extract_lane_s 0 (local.get 0)) (i16x8.extract_lane_s 1 (local.get 0))
    (i16x8.extract_lane_s 2 (local.get 0)) (i16x8.extract_lane_s 7 (local.get 0)))
  (func $f32s (param v128) (result f32 f32 f32 f32)
    (f32x4.extract_lane 0 (local.get 0)) (f32x4.extract_lane 1 (local.get 0))
    (f32x4.extract_lane 2 (local.get 0)) (f32x4.extract_lane 3 (local.get 0)))
  (func $f64s (param v128) (result f64 f64)
    (f64x2.extract_lane 0 (local.get 0)) (f64x2.extract_lane 1 (local.get 0)))

  (func (export "swizzle") (result i32 i32 i32 i32)
    (call $i32s (i8x16.relaxed_swizzle
      (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
      (v128.const i8x16 3 2 1 0 15 15 15 15 16 17 100 255 0 16 1 128))))

  (func (export "trunc_f32_s") (param f32 f32 f32 f32) (result i32 i32 i32 i32)
    (call $i32s (i32x4.relaxed_trunc_f32x4_s (f32x4.replace_lane 3 (f32x4.replace_lane 2
      (f32x4.replace_lane 1 (f32x4.splat (local.get 0)) (local.get 1)) (local.get 2)) (local.get 3)))))
  (func (export "trunc_f32_u") (param f32 f32 f32 f32) (result i32 i32 i32 i32)
    (call $i32s (i32x4.relaxed_trunc_f32x4_u (f32x4.replace_lane 3 (f32x4.replace_lane 2
      (f32x4.replace_lane 1 (f32x4.splat (local.get 0)) (local.get 1)) (local.get 2)) (local.get 3)))))
  (func (export "trunc_f64_s_zero") (param f64 f64) (result i32 i32 i32 i32)
    (call $i32s (i32x4.relaxed_trunc_f64x2_s_zero
      (f64x2.replace_lane 1 (f64x2.splat (local.get 0)) (local.get 1)))))
  (func (export "trunc_f64_u_zero") (param f64 f64) (result i32 i32 i32 i32)
    (call $i32s (i32x4.relaxed_trunc_f64x2_u_zero
      (f64x2.replace_lane 1 (f64x2.splat (local.get 0)) (local.get 1)))))

  (func (export "f32_madd") (param f32 f32 f32) (result f32 f32 f32 f32)
    (call $f32s (f32x4.relaxed_madd (f32x4.splat (local.get 0)) (f32x4.splat (local.get 1))
      (f32x4.splat (local.get 2)))))
  (func (export "f32_nmadd") (param f32 f32 f32) (result f32 f32 f32 f32)
    (call $f32s (f32x4.relaxed_nmadd (f32x4.splat (local.get 0)) (f32x4.splat (local.get 1))
      (f32x4.splat (local.get 2)))))
  (func (export "f64_madd") (param f64 f64 f64) (result f64 f64)
    (call $f64s (f64x2.relaxed_madd (f64x2.splat (local.get 0)) (f64x2.splat (local.get 1))
      (f64x2.splat (local.get 2)))))
  (func (export "f64_nmadd") (param f64 f64 f64) (result f64 f64)
    (call $f64s (f64x2.relaxed_nmadd (f64x2.splat (local.get 0)) (f64x2.splat (local.get 1))
      (f64x2.splat (local.get 2)))))

  (func (export "laneselect8") (result i32 i32 i32 i32)
    (call $i32s (i8x16.relaxed_laneselect (v128.const i32x4 0x11111111 0x22222222 0x33333333 0x44444444)
      (v128.const i32x4 -1 -1 -1 -1) (v128.const i32x4 0x00ff00ff 0 -1 0x0f0f0f0f))))
  (func (export "laneselect16") (result i32 i32 i32 i32)
    (call $i32s (i16x8.relaxed_laneselect (v128.const i32x4 0x11111111 0x22222222 0x33333333 0x44444444)
      (v128.const i32x4 0 0 0 0) (v128.const i32x4 0xffff0000 0 -1 0x12345678))))
  (func (export "laneselect32") (result i32 i32 i32 i32)
    (call $i32s (i32x4.relaxed_laneselect (v128.const i32x4 1 2 3 4)
      (v128.const i32x4 5 6 7 8) (v128.const i32x4 -1 0 -1 0))))
  (func (export "laneselect64") (result i32 i32 i32 i32)
    (call $i32s (i64x2.relaxed_laneselect (v128.const i32x4 1 2 3 4)
      (v128.const i32x4 5 6 7 8) (v128.const i64x2 0 -1))))

  (func (export "f32_min") (param f32 f32) (result f32 f32 f32 f32)
    (call $f32s (f32x4.relaxed_min (f32x4.splat (local.get 0)) (f32x4.splat (local.get 1)))))
  (func (export "f32_max") (param f32 f32) (result f32 f32 f32 f32)
    (call $f32s (f32x4.relaxed_max (f32x4.splat (local.get 0)) (f32x4.splat (local.get 1)))))
  (func (export "f64_min") (param f64 f64) (result f64 f64)
    (call $f64s (f64x2.relaxed_min (f64x2.splat (local.get 0)) (f64x2.splat (local.get 1)))))
  (func (export "f64_max") (param f64 f64) (result f64 f64)
    (call $f64s (f64x2.relaxed_max (f64x2.splat (local.get 0)) (f64x2.splat (local.get 1)))))

  (func (export "q15mulr") (result i32 i32 i32 i32)
    (call $i16s (i16x8.relaxed_q15mulr_s (v128.const i16x8 -32768 16384 -16384 0 0 0 0 100)
      (v128.const i16x8 -32768 16384 16384 0 0 0 0 -32768))))
  (func (export "dot") (result i32 i32 i32 i32)
    (call $i16s (i16x8.relaxed_dot_i8x16_i7x16_s
      (v128.const i8x16 -128 -128 127 127 -128 -128 0 1 0 0 0 0 0 0 3 4)
      (v128.const i8x16 127 127 127 127 -128 -128 5 6 0 0 0 0 0 0 5 6))))
  (func (export "dot_add") (result i32 i32 i32 i32)
    (call $i32s (i32x4.relaxed_dot_i8x16_i7x16_add_s
      (v128.const i8x16 0 1 2 3 4 5 6 7 -128 -128 -128 -128 -128 -128 -128 -128)
      (v128.const i8x16 0 1 2 3 4 5 6 7 -127 -127 -127 -127 -128 -128 -128 -128)
      (v128.const i32x4 1 2 3 -2147483648)))))`;

function f32(x: number): number {
  return Math.fround(x);
}

for (const lazyTranslation of [true, false]) {
  describe(`relaxed SIMD (lazyTranslation: ${lazyTranslation})`, () => {
    const engine = new Engine({ lazyTranslation });
    const inst = new Instance(new Store(engine, null), new Module(engine, parseWat(WAT)), []);
    const call = (name: string, ...args: unknown[]) => inst.getFunc(name)!.call(...(args as never[]));

    it("i8x16.relaxed_swizzle is i8x16.swizzle: indices from 16 on give 0", () => {
      // bytes (little-endian words): [3 2 1 0] [15 15 15 15] [0 0 0 0] [0 0 1 0]
      expect(call("swizzle")).toEqual([0x00010203, 0x0f0f0f0f, 0, 0x00010000]);
    });

    it("relaxed truncations saturate like trunc_sat (NaN gives 0)", () => {
      expect(call("trunc_f32_s", -1.5, NaN, 3e9, -3e9)).toEqual([-1, 0, 2147483647, -2147483648]);
      expect(call("trunc_f32_u", -1.5, NaN, 5e9, 3e9)).toEqual([0, 0, -1, f32(3e9) | 0]);
      expect(call("trunc_f64_s_zero", -7.9, 1e10)).toEqual([-7, 2147483647, 0, 0]);
      expect(call("trunc_f64_u_zero", NaN, 4294967295.5)).toEqual([0, -1, 0, 0]);
    });

    it("relaxed_madd and relaxed_nmadd round the product before the sum (unfused)", () => {
      expect(call("f32_madd", 2, 3, 4)).toEqual([10, 10, 10, 10]);
      expect(call("f32_nmadd", 2, 3, 4)).toEqual([-2, -2, -2, -2]);
      expect(call("f64_madd", 1.5, 4, 0.25)).toEqual([6.25, 6.25]);
      expect(call("f64_nmadd", 1.5, 4, 0.25)).toEqual([-5.75, -5.75]);
      // x*x = 1 + 2^-22 + 2^-46 rounds to 1 + 2^-22 in f32: unfused gives 0 where a fused one gives 2^-46
      const x = 1 + 2 ** -23;
      expect(call("f32_madd", x, x, -(1 + 2 ** -22))).toEqual([0, 0, 0, 0]);
      expect(call("f32_nmadd", x, x, 1 + 2 ** -22)).toEqual([0, 0, 0, 0]);
      const y = 1 + 2 ** -52;
      expect(call("f64_madd", y, y, -(1 + 2 ** -51))).toEqual([0, 0]);
      expect(call("f64_nmadd", y, y, 1 + 2 ** -51)).toEqual([0, 0]);
    });

    it("relaxed_laneselect is v128.bitselect for every lane shape", () => {
      expect(call("laneselect8")).toEqual([0xff11ff11 | 0, -1, 0x33333333, 0xf4f4f4f4 | 0]);
      expect(call("laneselect16")).toEqual([0x11110000, 0, 0x33333333, 0x00044440]);
      expect(call("laneselect32")).toEqual([1, 6, 3, 8]);
      expect(call("laneselect64")).toEqual([5, 6, 3, 4]);
    });

    it("relaxed_min and relaxed_max are f32x4/f64x2 min and max (NaN and signed zeros)", () => {
      expect(call("f32_min", 1.5, -2)).toEqual([-2, -2, -2, -2]);
      expect(call("f32_max", 1.5, -2)).toEqual([1.5, 1.5, 1.5, 1.5]);
      expect(Object.is((call("f32_min", 0, -0) as number[])[0], -0)).toBe(true);
      expect(Object.is((call("f32_max", -0, 0) as number[])[0], 0)).toBe(true);
      expect((call("f32_min", NaN, 1) as number[]).every(Number.isNaN)).toBe(true);
      expect((call("f32_max", 1, NaN) as number[]).every(Number.isNaN)).toBe(true);
      expect(call("f64_min", 1e300, -1e300)).toEqual([-1e300, -1e300]);
      expect(call("f64_max", 1e300, -1e300)).toEqual([1e300, 1e300]);
      expect(Object.is((call("f64_min", -0, 0) as number[])[1], -0)).toBe(true);
      expect(Object.is((call("f64_max", 0, -0) as number[])[1], 0)).toBe(true);
      expect((call("f64_max", NaN, 1) as number[]).every(Number.isNaN)).toBe(true);
    });

    it("i16x8.relaxed_q15mulr_s saturates like q15mulr_sat_s", () => {
      // lanes 0, 1, 2, 7: -32768^2 saturates; 0.5*0.5 = 0.25; -0.5*0.5; 100 * -1 rounds to -100
      expect(call("q15mulr")).toEqual([32767, 8192, -8192, -100]);
    });

    it("relaxed dot products take b as signed, the i16 pair sums saturated", () => {
      // lanes 0, 1, 2, 7: -128*127*2; 127*127*2; -128*-128*2 = 32768 saturated; 3*5 + 4*6
      expect(call("dot")).toEqual([-32512, 32258, 32767, 39]);
      // 0+1+4+9 +1; 16+25+36+49 +2; -128*-127*4 +3; 2*32767 wraps with -2^31
      expect(call("dot_add")).toEqual([15, 128, 65027, (2 * 32767 - 2147483648) | 0]);
    });
  });
}

describe("relaxed SIMD is a WebAssembly 3.0 feature", () => {
  it("is refused by an engine with WASM2_FEATURES and accepted by default", () => {
    const wat = `(module (func (export "f") (result i32)
      (i32x4.extract_lane 0 (f32x4.relaxed_min (v128.const f32x4 1 2 3 4) (v128.const f32x4 0 0 0 0)))))`;
    const bytes = parseWat(wat);
    expect(() => new Module(new Engine({ features: WASM2_FEATURES }), bytes)).toThrow(CompileError);
    expect(() => new Module(new Engine({ features: WASM2_FEATURES }), bytes)).toThrow(/illegal opcode fd 10d/);
    expect(() => new Module(new Engine(), bytes)).not.toThrow();
  });
});
