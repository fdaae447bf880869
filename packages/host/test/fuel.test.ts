import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Engine, Instance, Module, Store, TrapCode } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";
import { runMetered } from "./fixtures/fuel-program.js";
import { trapOf } from "./trap-of.js";


/** fib(n) by naive recursion (calls, ifs) and a sum of 1..n in a loop with an if inside. */
const program = parseWat(`(module
  (memory (export "memory") 1)
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "sum") (param i32) (result i32) (local $s i32)
    (loop $next
      (if (i32.and (local.get 0) (i32.const 1)) (then (local.set $s (i32.add (local.get $s) (local.get 0)))))
      (local.set $s (i32.add (local.get $s) (local.get 0)))
      (br_if $next (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
    (local.get $s))
  (func (export "spin") (loop (br 0)))
  (func (export "fill") (param i32) (memory.fill (i32.const 0) (i32.const 7) (local.get 0)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`);

function setup(config: { lazyTranslation?: boolean } = {}) {
  const engine = new Engine({ consumeFuel: true, ...config });
  const store = new Store(engine, null);
  const instance = new Instance(store, new Module(engine, program), []);
  return { store, instance, call: (name: string, ...args: number[]) => instance.getFunc(name)!.call(...args) };
}

describe("fuel", () => {
  it("stops (loop (br 0)) with an OutOfFuel trap, and the store goes on after more fuel", () => {
    const { store, call } = setup();
    store.setFuel(10_000);
    const trap = trapOf(() => call("spin"));
    expect(trap.code).toBe(TrapCode.OutOfFuel);
    expect(trap.reason).toBe("all fuel consumed");
    expect(store.getFuel()).toBeLessThan(10n); // less than a loop iteration's worth is left
    store.setFuel(1000);
    expect(call("fib", 5)).toEqual([5]);
  });

  it("starts at zero: the first call traps", () => {
    const { call } = setup();
    expect(trapOf(() => call("fib", 1)).code).toBe(TrapCode.OutOfFuel);
  });

  it("is deterministic: the same calls use the same fuel, with lazy or eager translation", () => {
    const used: bigint[] = [];
    for (const lazyTranslation of [true, false, true]) {
      const { store, call } = setup({ lazyTranslation });
      store.setFuel(10n ** 12n);
      expect(call("fib", 20)).toEqual([6765]);
      expect(call("sum", 1000)).toEqual([250_000 + 500_500]);
      used.push(10n ** 12n - store.getFuel());
    }
    expect(used[1]).toBe(used[0]);
    expect(used[2]).toBe(used[0]);
    expect(used[0]).toBeGreaterThan(21_891n * 5n); // fib(20) makes 21891 calls of several instructions each
  });

  it("is deterministic across processes and JS engines: the same under node --jitless (no JIT)", () => {
    const here = runMetered();
    expect(here.fuelUsed).toBeGreaterThan(1_000_000n);
    const script = fileURLToPath(new URL("./fixtures/print-fuel-used.ts", import.meta.url));
    const child = spawnSync(process.execPath, ["--jitless", "--conditions=@wasmi-ts/source", "--import", "tsx", script], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(child.stderr).not.toMatch(/error/i);
    expect(child.status).toBe(0);
    // `WebAssembly` is missing there: the child really ran without a JIT
    expect(child.stdout.trim()).toBe(`${here.result} ${here.fuelUsed} WebAssembly: undefined`);
    expect(runMetered()).toEqual(here); // and again in this process, with the interpreter warm
  });

  it("charges a loop per iteration: twice the iterations, about twice the fuel", () => {
    const { store, call } = setup();
    const cost = (n: number) => {
      store.setFuel(1_000_000);
      call("sum", n);
      return 1_000_000n - store.getFuel();
    };
    const [a, b, c] = [cost(100), cost(200), cost(300)];
    expect(c - b).toBe(b - a); // the same per 100 iterations
    expect(b - a).toBeGreaterThan(100n * 5n);
  });

  it("charges bulk operations and growth by size, and never leaves a partial operation", () => {
    const { store, instance, call } = setup();
    const costOf = (name: string, arg: number) => {
      store.setFuel(1_000_000);
      call(name, arg);
      return 1_000_000n - store.getFuel();
    };
    expect(costOf("fill", 64 * 1000) - costOf("fill", 0)).toBe(1000n); // 64 bytes per unit
    expect(costOf("grow", 1) - costOf("grow", 0)).toBe(1024n); // a page is 1024 units
    // not enough fuel for the fill: it traps before writing anything
    store.setFuel(100);
    expect(trapOf(() => call("fill", 65536)).code).toBe(TrapCode.OutOfFuel);
    expect(instance.getMemory("memory")!.readU8(65535)).toBe(0); // the earlier fills stopped at 64000
    // a growth that fails costs nothing beyond its instruction
    store.setFuel(1_000_000);
    expect(call("grow", 70_000)).toEqual([-1]);
    expect(1_000_000n - store.getFuel()).toBeLessThan(10n);
  });

  it("is refused when metering is off, and checks its argument", () => {
    const store = new Store(new Engine(), null);
    expect(() => store.setFuel(1)).toThrow(/consumeFuel: true/);
    expect(() => store.getFuel()).toThrow(TypeError);
    const metered = new Store(new Engine({ consumeFuel: true }), null);
    expect(() => metered.setFuel(-1)).toThrow(RangeError);
    expect(() => metered.setFuel(1.5)).toThrow(RangeError);
    expect(metered.setFuel(2n ** 64n).getFuel()).toBe(BigInt(Number.MAX_SAFE_INTEGER));
  });
});
