import { describe, expect, test } from "vitest";
import { ExternKind, Trap, TrapCode, ValType, type FuncEntity } from "@wasmi-ts/store";
import { WASM2_FEATURES } from "../src/index.js";
import { callFunc, funcExtern, hostFunc, instantiateWat, newStore, trapCode } from "./interpret-harness.js";

const { I32, I64, F64 } = ValType;

describe("call_indirect", () => {
  const WAT = `(module
    (type $ii (func (param i32) (result i32)))
    (type $v (func))
    (table 4 funcref)
    (elem (i32.const 0) $double $square $nothing)
    (func $double (type $ii) (i32.add (local.get 0) (local.get 0)))
    (func $square (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
    (func $nothing)
    (func (export "apply") (param i32 i32) (result i32)
      (call_indirect (type $ii) (local.get 1) (local.get 0))))`;

  test("dispatches through the table with a signature check", () => {
    const t = instantiateWat(WAT);
    expect(t.call("apply", 0, 21)).toBe(42);
    expect(t.call("apply", 1, 12)).toBe(144);
  });

  test("traps: type mismatch, null element, out of bounds", () => {
    const t = instantiateWat(WAT);
    expect(trapCode(() => t.call("apply", 2, 1))).toBe(TrapCode.BadSignature);
    expect(trapCode(() => t.call("apply", 3, 1))).toBe(TrapCode.IndirectCallToNull);
    expect(trapCode(() => t.call("apply", 4, 1))).toBe(TrapCode.UndefinedElement);
    expect(trapCode(() => t.call("apply", -1, 1))).toBe(TrapCode.UndefinedElement);
    expect(t.call("apply", 0, 5)).toBe(10);
  });
});

describe("frames", () => {
  test("every frame starts with its locals zero and its constants in place, small frames and large ones", () => {
    // ten f64 locals and ten f64 constants (20 words each: zeroed and copied in bulk), each local set to
    // itself plus a constant, then a recursive call whose frame lies above, then the sum: the same at
    // every depth only if every frame started from zero with its own constants
    const wat = `(module
      (func $large (export "large") (param $d i32) (result f64) (local f64 f64 f64 f64 f64 f64 f64 f64 f64 f64)
        (local.set 1 (f64.add (local.get 1) (f64.const 1.75)))
        (local.set 2 (f64.add (local.get 2) (f64.const 3.25)))
        (local.set 3 (f64.add (local.get 3) (f64.const 4.75)))
        (local.set 4 (f64.add (local.get 4) (f64.const 6.25)))
        (local.set 5 (f64.add (local.get 5) (f64.const 7.75)))
        (local.set 6 (f64.add (local.get 6) (f64.const 9.25)))
        (local.set 7 (f64.add (local.get 7) (f64.const 10.75)))
        (local.set 8 (f64.add (local.get 8) (f64.const 12.25)))
        (local.set 9 (f64.add (local.get 9) (f64.const 13.75)))
        (local.set 10 (f64.add (local.get 10) (f64.const 15.25)))
        (if (i32.gt_s (local.get $d) (i32.const 0))
          (then (drop (call $large (i32.sub (local.get $d) (i32.const 1))))))
        (f64.add (f64.add (f64.add (f64.add (f64.add (f64.add (f64.add (f64.add (f64.add (local.get 1) (local.get 2)) (local.get 3)) (local.get 4)) (local.get 5)) (local.get 6)) (local.get 7)) (local.get 8)) (local.get 9)) (local.get 10)))
      (func $small (export "small") (param $d i32) (result f64) (local f64)
        (local.set 1 (f64.add (local.get 1) (f64.const 2.5)))
        (if (i32.gt_s (local.get $d) (i32.const 0))
          (then (drop (call $small (i32.sub (local.get $d) (i32.const 1))))))
        (local.get 1)))`;
    const t = instantiateWat(wat, { config: { jsTier: false } });
    const sum = [1.75, 3.25, 4.75, 6.25, 7.75, 9.25, 10.75, 12.25, 13.75, 15.25].reduce((a, b) => a + b, 0);
    for (const d of [0, 1, 5, 50]) {
      expect(t.call("large", d)).toBe(sum);
      expect(t.call("small", d)).toBe(2.5);
    }
  });
});

describe("call stack limits", () => {
  const REC = `(module
    (func $down (export "down") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0))
        (then (i32.const 0))
        (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))))
    (func $forever (export "forever") (call $forever)))`;

  test("recursion of depth 1e6 traps cleanly and the store stays usable", () => {
    const t = instantiateWat(REC);
    expect(trapCode(() => t.call("down", 1_000_000))).toBe(TrapCode.StackOverflow);
    expect(trapCode(() => t.call("forever"))).toBe(TrapCode.StackOverflow);
    expect(t.call("down", 1000)).toBe(1000);
  });

  test("the depth limit comes from the store's limits", () => {
    const store = newStore({ maxCallDepth: 50 });
    const t = instantiateWat(REC, { store });
    expect(t.call("down", 40)).toBe(40);
    expect(() => t.call("down", 60)).toThrow("call stack exhausted");
  });

  test("the value stack limit traps too", () => {
    const store = newStore({ maxValueSlots: 2000 });
    const t = instantiateWat(REC, { store });
    expect(trapCode(() => t.call("down", 100_000))).toBe(TrapCode.StackOverflow);
    expect(t.call("down", 10)).toBe(10);
  });
});

describe("host functions", () => {
  test("Wasm calls host functions through the trampoline, with mixed types", () => {
    const store = newStore();
    const seen: unknown[] = [];
    const add = hostFunc(store, [I32, I64, F64], [F64, I32], (caller, a, b, c) => {
      seen.push(caller !== null);
      return [Number(a) + Number(b) + Number(c), 7];
    });
    const t = instantiateWat(`(module
      (import "env" "add" (func $add (param i32 i64 f64) (result f64 i32)))
      (func (export "go") (param i32) (result f64)
        (local f64)
        (call $add (local.get 0) (i64.const 10) (f64.const 0.5))
        (drop)
        (local.set 1)
        (f64.add (local.get 1) (f64.const 100))))`, { store, imports: [funcExtern(add)] });
    expect(t.call("go", 5)).toBe(115.5);
    expect(seen).toEqual([true]);
  });

  test("execute calls a host function directly", () => {
    const store = newStore();
    const f = hostFunc(store, [I32, I32], [I32], (_c, a, b) => Number(a) * Number(b));
    expect(callFunc(store, f, [6, 7])).toEqual([42]);
  });

  test("re-entrant calls: host -> Wasm -> host -> Wasm", () => {
    const store = newStore();
    let t: ReturnType<typeof instantiateWat>;
    // The host function calls back into the exported Wasm `fact` (nested execution).
    const host = hostFunc(store, [I32], [I32], (_c, n) => {
      const k = Number(n);
      return k <= 1 ? 1 : (callFunc(store, t.func("fact"), [k - 1])[0] as number) * k;
    });
    t = instantiateWat(`(module
      (import "env" "h" (func $h (param i32) (result i32)))
      (memory 1)
      (func (export "fact") (param i32) (result i32)
        (local i32)
        (local.set 1 (i32.add (local.get 0) (i32.const 1000)))
        (i32.store (i32.const 0) (local.get 0))
        (call $h (local.get 0))
        ;; locals and memory survive the nested executions
        (i32.add (i32.sub (local.get 1) (i32.const 1000)))
        (i32.sub (local.get 0))))`, { store, imports: [funcExtern(host)] });
    expect(t.call("fact", 10)).toBe(3628800);
    expect(t.call("fact", 5)).toBe(120);
  });

  test("host exceptions propagate unchanged and the stacks are reset", () => {
    const store = newStore();
    const boom = new Error("host says no");
    let fail = true;
    const host = hostFunc(store, [], [I32], () => {
      if (fail) throw boom;
      return 3;
    });
    const t = instantiateWat(`(module
      (import "env" "h" (func $h (result i32)))
      (func $deep (param i32) (result i32)
        (if (result i32) (local.get 0)
          (then (i32.add (i32.const 1) (call $deep (i32.sub (local.get 0) (i32.const 1)))))
          (else (call $h))))
      (func (export "run") (param i32) (result i32) (call $deep (local.get 0))))`,
    { store, imports: [funcExtern(host)] });
    let caught: unknown;
    try {
      t.call("run", 100);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe(boom);
    fail = false;
    expect(t.call("run", 100)).toBe(103);
  });

  test("a host function trapping with a Trap passes it through", () => {
    const store = newStore();
    const host = hostFunc(store, [], [], () => {
      throw new Trap(TrapCode.HostError, "custom host trap");
    });
    const t = instantiateWat(`(module (import "env" "h" (func $h)) (func (export "run") (call $h)))`,
      { store, imports: [funcExtern(host)] });
    expect(() => t.call("run")).toThrow("custom host trap");
  });
});

describe("calls across instances", () => {
  test("an imported Wasm function runs with its own instance's memory and globals", () => {
    const store = newStore();
    const a = instantiateWat(`(module
      (memory (export "mem") 1)
      (global $g (mut i32) (i32.const 5))
      (func (export "poke") (param i32) (result i32)
        (i32.store (i32.const 8) (local.get 0))
        (global.set $g (i32.add (global.get $g) (local.get 0)))
        (i32.add (i32.load (i32.const 8)) (global.get $g))))`, { store });
    const poke = a.instance.exports.get("poke")!;
    expect(poke.kind).toBe(ExternKind.Func);
    const b = instantiateWat(`(module
      (import "a" "poke" (func $poke (param i32) (result i32)))
      (memory 1)
      (func (export "run") (param i32) (result i32)
        (i32.store (i32.const 8) (i32.const 1000))
        (i32.add (call $poke (local.get 0)) (i32.load (i32.const 8)))))`,
    { store, imports: [{ kind: ExternKind.Func, value: poke.value as FuncEntity }] });
    // poke(3): mem_a[8] = 3, g = 8 -> 11; plus b's own mem[8] = 1000
    expect(b.call("run", 3)).toBe(1011);
    expect(a.instance.memories[0]!.view.getInt32(8, true)).toBe(3);
    expect(b.instance.memories[0]!.view.getInt32(8, true)).toBe(1000);
  });
});

describe("tail calls", () => {
  const WAT = `(module
    (import "env" "h" (func $h (param i32) (result i32)))
    (type $t (func (param i64 i64) (result i64)))
    (table funcref (elem $even_odd_sum))
    (func $count (export "count") (param i32 i64) (result i64)
      (if (result i64) (i32.eqz (local.get 0))
        (then (local.get 1))
        (else (return_call $count (i32.sub (local.get 0) (i32.const 1)) (i64.add (local.get 1) (i64.const 2))))))
    (func $even_odd_sum (param i64 i64) (result i64)
      (if (result i64) (i64.eqz (local.get 0))
        (then (local.get 1))
        (else (return_call_indirect (type $t)
          (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (local.get 0)) (i32.const 0)))))
    (func (export "sum") (param i64) (result i64)
      (call_indirect (type $t) (local.get 0) (i64.const 0) (i32.const 0)))
    (func (export "via_host") (param i32) (result i32)
      (return_call $h (i32.add (local.get 0) (i32.const 1)))))`;

  test("return_call runs in constant stack space far beyond the depth limit", () => {
    const store = newStore({ maxCallDepth: 100 });
    const host = hostFunc(store, [I32], [I32], (_c, x) => Number(x) * 10);
    const t = instantiateWat(WAT, {
      store, imports: [funcExtern(host)], config: { features: { ...WASM2_FEATURES, tailCall: true } },
    });
    expect(t.call("count", 100_000, 0n)).toBe(200_000n);
    expect(t.call("sum", 10_000n)).toBe(50_005_000n);
    expect(t.call("via_host", 4)).toBe(50);
  });
});
