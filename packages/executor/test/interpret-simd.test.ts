import { describe, expect, test } from "vitest";
import { Trap, TrapCode } from "@wasmi-ts/store";
import { instantiateWat } from "./interpret-harness.js";

// v128 values cross the JS boundary through i32 lanes here (extract_lane), so the harness stays scalar.
const WAT = `(module
  (memory 1)
  (global $g (mut v128) (v128.const i32x4 1 2 3 4))
  (func $lanes (param v128) (result i32 i32 i32 i32)
    (i32x4.extract_lane 0 (local.get 0)) (i32x4.extract_lane 1 (local.get 0))
    (i32x4.extract_lane 2 (local.get 0)) (i32x4.extract_lane 3 (local.get 0)))
  (func (export "add") (param i32 i32) (result i32 i32 i32 i32)
    (call $lanes (i32x4.add (i32x4.splat (local.get 0)) (v128.const i32x4 0 1 2 -1))))
  (func (export "sat") (result i32 i32)
    (local v128)
    (local.set 0 (i8x16.add_sat_s (v128.const i8x16 120 -120 0 0 0 0 0 0 0 0 0 0 0 0 0 0)
                                  (v128.const i8x16 100 -100 0 0 0 0 0 0 0 0 0 0 0 0 0 0)))
    (i8x16.extract_lane_s 0 (local.get 0)) (i8x16.extract_lane_s 1 (local.get 0)))
  (func (export "shuffle") (result i32 i32 i32 i32)
    (call $lanes (i8x16.shuffle 16 17 18 19 0 1 2 3 20 21 22 23 4 5 6 7
      (v128.const i32x4 10 11 12 13) (v128.const i32x4 20 21 22 23))))
  (func (export "select_block") (param i32) (result i32 i32 i32 i32)
    (call $lanes
      (block (result v128)
        (select (global.get $g) (v128.const i32x4 9 9 9 9) (local.get 0)))))
  (func (export "global_roundtrip") (result i32 i32 i32 i32)
    (global.set $g (i32x4.mul (global.get $g) (global.get $g)))
    (call $lanes (global.get $g)))
  (func (export "mem") (param i32) (result i32 i32 i32 i32)
    (v128.store offset=16 (local.get 0) (v128.const i32x4 7 8 9 10))
    (call $lanes (v128.load32_lane offset=16 3 (local.get 0) (v128.load offset=16 (local.get 0)))))
  (func (export "i64mul") (param i64 i64) (result i64)
    (i64x2.extract_lane 1 (i64x2.mul (i64x2.splat (local.get 0)) (i64x2.splat (local.get 1)))))
  (func (export "fmin") (param f32 f32) (result f32)
    (f32x4.extract_lane 2 (f32x4.min (f32x4.splat (local.get 0)) (f32x4.splat (local.get 1)))))
  (func (export "bitmask") (param i32) (result i32)
    (i16x8.bitmask (i16x8.splat (local.get 0)))))`;

describe("SIMD", () => {
  test("lane-wise integer arithmetic, splat and extract", () => {
    const t = instantiateWat(WAT);
    expect(t.call("add", 5, 0)).toEqual([5, 6, 7, 4]);
    expect(t.call("sat")).toEqual([127, -128]);
    expect(t.call("bitmask", -1)).toBe(0xff);
    expect(t.call("bitmask", 1)).toBe(0);
  });

  test("shuffle picks bytes from both operands", () => {
    const t = instantiateWat(WAT);
    expect(t.call("shuffle")).toEqual([20, 10, 21, 11]);
  });

  test("v128 values flow through blocks, select, locals and globals (two slots each)", () => {
    const t = instantiateWat(WAT);
    expect(t.call("select_block", 1)).toEqual([1, 2, 3, 4]);
    expect(t.call("select_block", 0)).toEqual([9, 9, 9, 9]);
    expect(t.call("global_roundtrip")).toEqual([1, 4, 9, 16]);
    expect(t.call("global_roundtrip")).toEqual([1, 16, 81, 256]);
  });

  test("v128 locals copied into each other (a swap through a temporary, n times) keep all four lanes", () => {
    const t = instantiateWat(`(module (func (export "swaps") (param $n i32) (result i32 i32)
      (local $a v128) (local $b v128) (local $t v128)
      (local.set $a (v128.const i32x4 1 2 3 4))
      (local.set $b (v128.const i32x4 5 6 7 8))
      (block $done (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $t (local.get $a))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
      (i32x4.extract_lane 0 (local.get $a))
      (i32x4.extract_lane 3 (local.get $b))))`);
    expect(t.call("swaps", 0)).toEqual([1, 8]);
    expect(t.call("swaps", 1)).toEqual([5, 4]);
    expect(t.call("swaps", 7)).toEqual([5, 4]);
  });

  test("v128 loads, stores and lane loads with bounds checks", () => {
    const t = instantiateWat(WAT);
    expect(t.call("mem", 100)).toEqual([7, 8, 9, 7]);
    expect(() => t.call("mem", 65536 - 20)).toThrow(Trap);
    let code: TrapCode | undefined;
    try {
      t.call("mem", -1);
    } catch (e) {
      code = (e as Trap).code;
    }
    expect(code).toBe(TrapCode.MemoryOutOfBounds);
  });

  test("i64 and float lanes", () => {
    const t = instantiateWat(WAT);
    expect(t.call("i64mul", 0x100000001n, 0x100000001n)).toBe(0x200000001n);
    expect(t.call("i64mul", -3n, 5n)).toBe(-15n);
    expect(Object.is(t.call("fmin", 0, -0), -0)).toBe(true);
    expect(t.call("fmin", 1.5, -2.5)).toBe(-2.5);
  });
});
