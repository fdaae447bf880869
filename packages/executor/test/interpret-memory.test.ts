import { describe, expect, test } from "vitest";
import { MemoryEntity, TrapCode } from "@wasmi-ts/store";
import { instantiateWat, trapCode } from "./interpret-harness.js";

const MEM = `(module
  (memory (export "mem") 1 3)
  (data (i32.const 16) "\\01\\02\\03\\04\\05\\06\\07\\08\\ff\\fe")
  (data $passive "hello")
  (func (export "load8_s") (param i32) (result i32) (i32.load8_s (local.get 0)))
  (func (export "load8_u") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "load16_s") (param i32) (result i32) (i32.load16_s (local.get 0)))
  (func (export "load") (param i32) (result i32) (i32.load offset=16 (local.get 0)))
  (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
  (func (export "load64_8s") (param i32) (result i64) (i64.load8_s (local.get 0)))
  (func (export "load64_32u") (param i32) (result i64) (i64.load32_u (local.get 0)))
  (func (export "store64") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
  (func (export "store16") (param i32 i32) (i32.store16 (local.get 0) (local.get 1)))
  (func (export "storef") (param i32 f32) (f32.store (local.get 0) (local.get 1)))
  (func (export "loadf") (param i32) (result f64) (f64.load (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init") (param i32 i32 i32) (memory.init $passive (local.get 0) (local.get 1) (local.get 2)))
  (func (export "drop") (data.drop $passive)))`;

function memOf(t: ReturnType<typeof instantiateWat>): MemoryEntity {
  return t.instance.memories[0]!;
}

describe("memory", () => {
  test("loads of every width with sign and zero extension", () => {
    const t = instantiateWat(MEM);
    expect(t.call("load8_s", 24)).toBe(-1);
    expect(t.call("load8_u", 24)).toBe(255);
    expect(t.call("load16_s", 24)).toBe(-257); // 0xfeff
    expect(t.call("load", 0)).toBe(0x04030201);
    expect(t.call("load64", 16)).toBe(0x0807060504030201n);
    expect(t.call("load64_8s", 25)).toBe(-2n);
    expect(t.call("load64_32u", 22)).toBe(0xfeff0807n);
  });

  test("stores write little-endian bytes; float stores keep NaN bits", () => {
    const t = instantiateWat(MEM);
    t.call("store64", 100, -2n);
    expect([...memOf(t).u8.subarray(100, 108)]).toEqual([0xfe, 255, 255, 255, 255, 255, 255, 255]);
    t.call("store16", 200, 0x12345678);
    expect([...memOf(t).u8.subarray(200, 203)]).toEqual([0x78, 0x56, 0]);
    t.call("storef", 300, 1.5);
    expect(memOf(t).view.getFloat32(300, true)).toBe(1.5);
    t.call("store64", 400, 0x7ff0000000000001n); // a signalling NaN
    const before = t.call("loadf", 400);
    expect(Number.isNaN(before)).toBe(true);
  });

  test("out-of-bounds accesses trap, including address + offset wrap-around", () => {
    const t = instantiateWat(MEM);
    expect(t.call("load8_u", 65535)).toBe(0);
    expect(trapCode(() => t.call("load8_u", 65536))).toBe(TrapCode.MemoryOutOfBounds);
    expect(trapCode(() => t.call("load64", 65529))).toBe(TrapCode.MemoryOutOfBounds);
    expect(trapCode(() => t.call("load", -16))).toBe(TrapCode.MemoryOutOfBounds); // 0xfffffff0 + 16
    expect(trapCode(() => t.call("load", -1))).toBe(TrapCode.MemoryOutOfBounds);
    expect(trapCode(() => t.call("store64", -4, 1n))).toBe(TrapCode.MemoryOutOfBounds);
  });

  test("memory.size and memory.grow, with views reloaded after growth", () => {
    const t = instantiateWat(MEM);
    expect(t.call("size")).toBe(1);
    expect(t.call("grow", 1)).toBe(1);
    expect(t.call("size")).toBe(2);
    t.call("store16", 65536 + 10, 0x4142);
    expect(t.call("load16_s", 65536 + 10)).toBe(0x4142);
    expect(t.call("grow", 2)).toBe(-1); // over the maximum of 3
    expect(t.call("grow", -1)).toBe(-1);
    expect(t.call("grow", 0)).toBe(2);
    expect(t.call("load", 0)).toBe(0x04030201); // contents survive growth
  });

  test("bulk memory: fill, copy (overlapping), init, data.drop", () => {
    const t = instantiateWat(MEM);
    t.call("fill", 1000, 0x1ab, 4);
    expect([...memOf(t).u8.subarray(999, 1005)]).toEqual([0, 0xab, 0xab, 0xab, 0xab, 0]);
    t.call("copy", 17, 16, 4); // overlapping, forward
    expect([...memOf(t).u8.subarray(16, 21)]).toEqual([1, 1, 2, 3, 4]);
    t.call("init", 2000, 1, 4);
    expect(new TextDecoder().decode(memOf(t).u8.subarray(2000, 2004))).toBe("ello");
    expect(trapCode(() => t.call("init", 0, 2, 4))).toBe(TrapCode.MemoryOutOfBounds);
    expect(trapCode(() => t.call("fill", 65530, 0, 7))).toBe(TrapCode.MemoryOutOfBounds);
    expect(trapCode(() => t.call("copy", 0, 65535, 2))).toBe(TrapCode.MemoryOutOfBounds);
    t.call("fill", 65536, 0, 0); // zero length at the end is fine
    t.call("drop");
    t.call("init", 0, 0, 0);
    expect(trapCode(() => t.call("init", 0, 0, 1))).toBe(TrapCode.MemoryOutOfBounds);
  });

  test("an address computed by i32.add wraps around before the offset is added", () => {
    const t = instantiateWat(`(module
      (memory 1)
      (func (export "load8") (param i32 i32) (result i32) (i32.load8_u offset=2 (i32.add (local.get 0) (local.get 1))))
      (func (export "load") (param i32 i32) (result i32) (i32.load (i32.add (local.get 0) (local.get 1))))
      (func (export "store8") (param i32 i32 i32) (i32.store8 (i32.add (local.get 0) (local.get 1)) (local.get 2)))
      (func (export "store") (param i32 i32 i32) (i32.store offset=4 (i32.add (local.get 0) (local.get 1)) (local.get 2))))`);
    t.call("store", -8, 8, 0x11223344); // (2^32 - 8 + 8) mod 2^32 = 0, + 4
    expect(t.call("load", 2, 2)).toBe(0x11223344);
    expect(t.call("load", -2, 6)).toBe(0x11223344);
    expect(t.call("load8", -1, 4)).toBe(0x33); // 3 + 2 = byte 5
    t.call("store8", 100, -1, 0x1ff);
    expect(t.call("load8", 97, 0)).toBe(0xff);
    expect(trapCode(() => t.call("load", 65533, 0))).toBe(TrapCode.MemoryOutOfBounds);
    expect(trapCode(() => t.call("store", -4, 0, 1))).toBe(TrapCode.MemoryOutOfBounds); // 2^32 - 4 + 4
    expect(trapCode(() => t.call("load8", -1, -1))).toBe(TrapCode.MemoryOutOfBounds); // 2^32 - 2 + 2
  });

  test("loads of every width from an address computed by i32.add (an indexed access) extend as their plain forms do", () => {
    const widths = ["i32.load8_s", "i32.load8_u", "i32.load16_s", "i32.load16_u", "i32.load", "i64.load8_s", "i64.load8_u",
      "i64.load16_s", "i64.load16_u", "i64.load32_s", "i64.load32_u", "i64.load"];
    const funcs = widths.map((w) => `
      (func (export "${w}") (param i32 i32) (result ${w.slice(0, 3)}) (${w} offset=1 (i32.add (local.get 0) (local.get 1))))
      (func (export "${w} plain") (param i32) (result ${w.slice(0, 3)}) (${w} offset=1 (local.get 0)))`);
    const t = instantiateWat(`(module (memory 1) (data (i32.const 8) "\\81\\92\\a3\\b4\\c5\\d6\\e7\\f8\\09") ${funcs.join("")})`);
    const bytes = [...Array(8).fill(0), 0x81, 0x92, 0xa3, 0xb4, 0xc5, 0xd6, 0xe7, 0xf8, 9, ...Array(16).fill(0)];
    for (const w of widths) {
      const size = { load8: 1, load16: 2, load32: 4, load: w.startsWith("i32") ? 4 : 8 }[w.slice(4).split("_")[0]!]!;
      const signed = w.endsWith("_s");
      for (const at of [7, 8, 9, 10]) {
        // little-endian bytes at + 1.., extended to the type
        let value = 0n;
        for (let i = size - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[at + 1 + i]!);
        if (signed || size === (w.startsWith("i32") ? 4 : 8)) value = BigInt.asIntN(size * 8, value);
        const expected = w.startsWith("i32") ? Number(BigInt.asIntN(32, value)) : BigInt.asIntN(64, value);
        expect(t.call(w, at - 3, 3), `${w} at ${at}`).toBe(expected);
        expect(t.call(`${w} plain`, at), `${w} at ${at}`).toBe(expected);
      }
      expect(trapCode(() => t.call(w, 65535 - size, 1)), w).toBe(TrapCode.MemoryOutOfBounds);
    }
  });

  test("a second memory (multi-memory): loads and stores of each width reach it, not memory 0, with its own bounds", () => {
    const t = instantiateWat(`(module (memory $a 1) (memory $b 2)
      (func (export "store") (param i32 i64)
        (i64.store $b (local.get 0) (local.get 1))
        (i32.store8 $b offset=8 (local.get 0) (i32.const 0x1ff))
        (f64.store $b offset=16 (local.get 0) (f64.const 2.5)))
      (func (export "i64") (param i32) (result i64) (i64.load $b (local.get 0)))
      (func (export "u16") (param i32) (result i32) (i32.load16_u $b offset=2 (local.get 0)))
      (func (export "s8") (param i32) (result i32) (i32.load8_s $b offset=8 (local.get 0)))
      (func (export "f64") (param i32) (result f64) (f64.load $b offset=16 (local.get 0)))
      (func (export "a") (param i32) (result i64) (i64.load $a (local.get 0))))`);
    t.call("store", 70000, 0x1122334455667788n);
    expect(t.call("i64", 70000)).toBe(0x1122334455667788n);
    expect(t.call("u16", 70000)).toBe(0x5566);
    expect(t.call("s8", 70000)).toBe(-1);
    expect(t.call("f64", 70000)).toBe(2.5);
    t.call("store", 8, -1n);
    expect(t.call("a", 8)).toBe(0n); // memory 0 untouched
    expect(trapCode(() => t.call("i64", 2 * 65536 - 7))).toBe(TrapCode.MemoryOutOfBounds);
    expect(trapCode(() => t.call("store", 2 * 65536 - 8, 1n))).toBe(TrapCode.MemoryOutOfBounds); // the store8 after it is out
    expect(t.call("i64", 2 * 65536 - 8)).toBe(1n); // the stores before the trap were written
  });
});
