import { describe, expect, test } from "vitest";
import { TrapCode } from "@wasmi-ts/store";
import { instantiateWat, trapCode } from "./interpret-harness.js";

const WAT = `(module
  (table $t (export "t") 3 10 funcref)
  (table $u 2 externref)
  (elem $seg func $a $b)
  (func $a (result i32) (i32.const 1))
  (func $b (result i32) (i32.const 2))
  (func (export "get") (param i32) (result funcref) (table.get $t (local.get 0)))
  (func (export "set_a") (param i32) (table.set $t (local.get 0) (ref.func $a)))
  (func (export "set_null") (param i32) (table.set $t (local.get 0) (ref.null func)))
  (func (export "is_null") (param i32) (result i32) (ref.is_null (table.get $t (local.get 0))))
  (func (export "size") (result i32) (table.size $t))
  (func (export "grow") (param i32) (result i32) (table.grow $t (ref.func $b) (local.get 0)))
  (func (export "fill") (param i32 i32) (table.fill $t (local.get 0) (ref.func $b) (local.get 1)))
  (func (export "copy") (param i32 i32 i32) (table.copy $t $t (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init") (param i32 i32 i32) (table.init $t $seg (local.get 0) (local.get 1) (local.get 2)))
  (func (export "drop") (elem.drop $seg))
  (func (export "call") (param i32) (result i32) (call_indirect (result i32) (local.get 0)))
  (func (export "ext_roundtrip") (param externref) (result externref)
    (table.set $u (i32.const 1) (local.get 0))
    (table.get $u (i32.const 1))))`;

describe("tables and references", () => {
  test("table.get/set/size and ref.func: references as numbers of the store's live references", () => {
    const t = instantiateWat(WAT);
    const a = t.instance.funcs[0]!;
    expect(t.call("is_null", 0)).toBe(1);
    t.call("set_a", 2);
    const ref = t.call("get", 2) as number;
    expect(t.store.refs.value(ref)).toBe(a);
    expect(t.call("get", 2)).toBe(ref); // one number per reference
    expect(t.call("is_null", 2)).toBe(0);
    expect(t.call("call", 2)).toBe(1);
    t.call("set_null", 2);
    expect(t.call("is_null", 2)).toBe(1);
    expect(t.call("size")).toBe(3);
    expect(trapCode(() => t.call("get", 3))).toBe(TrapCode.TableOutOfBounds);
    expect(trapCode(() => t.call("set_a", -1))).toBe(TrapCode.TableOutOfBounds);
  });

  test("table.grow, table.fill, table.copy", () => {
    const t = instantiateWat(WAT);
    expect(t.call("grow", 2)).toBe(3);
    expect(t.call("size")).toBe(5);
    expect(t.call("call", 4)).toBe(2);
    expect(t.call("grow", 6)).toBe(-1);
    t.call("fill", 0, 2);
    expect(t.call("call", 1)).toBe(2);
    expect(t.call("is_null", 2)).toBe(1);
    expect(trapCode(() => t.call("fill", 4, 2))).toBe(TrapCode.TableOutOfBounds);
    t.call("set_a", 0);
    t.call("copy", 1, 0, 2); // overlapping
    expect(t.call("call", 1)).toBe(1);
    expect(t.call("call", 2)).toBe(2);
    expect(trapCode(() => t.call("copy", 4, 0, 2))).toBe(TrapCode.TableOutOfBounds);
  });

  test("table.init and elem.drop", () => {
    const t = instantiateWat(WAT);
    t.call("init", 1, 0, 2);
    expect(t.call("call", 1)).toBe(1);
    expect(t.call("call", 2)).toBe(2);
    expect(trapCode(() => t.call("init", 2, 1, 2))).toBe(TrapCode.TableOutOfBounds);
    t.call("drop");
    t.call("init", 0, 0, 0);
    expect(trapCode(() => t.call("init", 0, 0, 1))).toBe(TrapCode.TableOutOfBounds);
  });

  test("externref values pass through tables unchanged", () => {
    const t = instantiateWat(WAT);
    const ref = t.store.refs.number({ some: "object" });
    expect(t.call("ext_roundtrip", ref)).toBe(ref);
    expect(t.call("ext_roundtrip", 0)).toBe(0);
  });
});
