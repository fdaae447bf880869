import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { Engine, Func, FuncType, Instance, InterruptHandle, Module, Store, TrapCode } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";
import { trapOf } from "./trap-of.js";

const program = parseWat(`(module
  (import "host" "tick" (func $tick))
  (func (export "spin") (loop (br 0)))
  (func (export "tickThenSpin") (call $tick) (loop (br 0)))
  (func $down (export "recurse") (param i32) (result i32)
    (if (result i32) (local.get 0)
      (then (call $down (i32.sub (local.get 0) (i32.const 1))))
      (else (i32.const 0))))
  (func (export "sum") (param i32) (result i32) (local $s i32)
    (loop $next
      (local.set $s (i32.add (local.get $s) (local.get 0)))
      (br_if $next (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
    (local.get $s)))`);

function setup(tick: () => void = () => {}, config: { consumeFuel?: boolean } = {}) {
  const engine = new Engine(config);
  const store = new Store(engine, null);
  const tickFunc = Func.wrap(store, new FuncType([], []), tick);
  const instance = new Instance(store, new Module(engine, program), [tickFunc]);
  const call = (name: string, ...args: number[]) => instance.getFunc(name)!.call(...args);
  return { engine, store, call };
}

describe("deadlines", () => {
  it("stop (loop (br 0)) with an Interrupted trap, and the store stays usable", () => {
    const { store, call } = setup();
    store.setDeadline(30);
    const started = performance.now();
    const trap = trapOf(() => call("spin"));
    const elapsed = performance.now() - started;
    expect(trap.code).toBe(TrapCode.Interrupted);
    expect(trap.reason).toBe("deadline exceeded");
    expect(elapsed).toBeGreaterThanOrEqual(29);
    expect(elapsed).toBeLessThan(5_000);
    // still past the deadline: the next call traps too, until the deadline is moved or removed
    expect(trapOf(() => call("sum", 100_000)).code).toBe(TrapCode.Interrupted);
    store.setDeadline(null);
    expect(call("sum", 100_000)).toEqual([705_082_704]); // 100000 * 100001 / 2, wrapped to i32
    store.setDeadline(60_000);
    expect(call("sum", 10)).toEqual([55]);
  });

  it("stop deep recursion too (polled at function entry)", () => {
    const { store, call } = setup();
    store.setDeadline(0);
    expect(trapOf(() => call("recurse", 50_000)).code).toBe(TrapCode.Interrupted);
  });

  it("stop a tree of calls without loops that the JavaScript tier runs (as long as it is wide)", () => {
    // $f0 calls $f1 twice, ... $f27 calls $f28 twice: 2^28 calls, none of them in a loop, all compiled
    // (each too large to be inlined), called from a loop (so compiled at once); their calls count down the
    // polling budget
    const mix = Array.from({ length: 12 }, (_, k) => `(local.set 0 (i32.xor (i32.add (local.get 0) (i32.const ${k * 7919})) (i32.rotl (local.get 0) (i32.const ${k}))))`).join(" ");
    const funcs = Array.from({ length: 28 }, (_, k) => `(func $f${k} (param i32) (result i32) ${mix} (call $f${k + 1} (call $f${k + 1} (local.get 0))))`);
    const engine = new Engine();
    const store = new Store(engine, null);
    const instance = new Instance(store, new Module(engine, parseWat(`(module ${funcs.join("\n")}
      (func $f28 (param i32) (result i32) ${mix} (local.get 0))
      (func (export "tree") (param i32) (result i32) (loop $once (local.set 0 (call $f0 (local.get 0))) (br_if $once (i32.const 0))) (local.get 0)))`)), []);
    store.setDeadline(50);
    const started = performance.now();
    expect(trapOf(() => instance.getFunc("tree")!.call(1)).code).toBe(TrapCode.Interrupted);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it("are checked against the clock, not counted: a later deadline lets the same work finish", () => {
    const { store, call } = setup();
    store.setDeadline(60_000);
    for (let i = 0; i < 20; i++) expect(call("sum", 50_000)).toEqual([1_250_025_000]);
  });

  it("reject bad values", () => {
    const { store } = setup();
    expect(() => store.setDeadline(-1)).toThrow(RangeError);
    expect(() => store.setDeadline(Number.NaN)).toThrow(RangeError);
    expect(() => store.setDeadline("10" as unknown as number)).toThrow(RangeError);
  });
});

describe("interrupts", () => {
  it("from the same thread (a host function) stop the running call; later calls run", () => {
    let handle: InterruptHandle | undefined;
    const { engine, call } = setup(() => handle!.interrupt());
    handle = engine.interruptHandle();
    const trap = trapOf(() => call("tickThenSpin"));
    expect(trap.code).toBe(TrapCode.Interrupted);
    expect(trap.reason).toBe("interrupted");
    expect(call("sum", 10)).toEqual([55]);
    // an interrupt raised while nothing runs does not stop the next call
    handle.interrupt();
    expect(call("sum", 10)).toEqual([55]);
  });

  it("from a worker thread stop (loop (br 0))", async () => {
    const { engine, store, call } = setup();
    const handle = engine.interruptHandle();
    expect(handle.buffer).toBeInstanceOf(SharedArrayBuffer);
    const started = new SharedArrayBuffer(4);
    const worker = new Worker(new URL("./fixtures/interrupter.worker.mjs", import.meta.url), {
      workerData: { buffer: handle.buffer, started },
      execArgv: ["--conditions=@wasmi-ts/source"],
    });
    const failed = new Promise((_, reject) => worker.once("error", reject));
    const next = () => Promise.race([new Promise((resolve) => worker.once("message", resolve)), failed]);
    expect(await next()).toBe("ready");
    const interrupted = next();
    store.setDeadline(20_000); // a backstop: never hang the test run if the worker does not do its part
    Atomics.store(new Int32Array(started), 0, 1);
    Atomics.notify(new Int32Array(started), 0);
    const trap = trapOf(() => call("spin"));
    expect(trap.reason).toBe("interrupted");
    expect(trap.code).toBe(TrapCode.Interrupted);
    expect(await interrupted).toBe("interrupted");
    await worker.terminate();
    expect(call("sum", 10)).toEqual([55]);
  });

  it("with fuel metering on as well, whichever comes first stops the call", () => {
    const { store, call } = setup(() => {}, { consumeFuel: true });
    store.setFuel(1_000_000_000).setDeadline(20);
    expect(trapOf(() => call("spin")).code).toBe(TrapCode.Interrupted);
    store.setFuel(1000).setDeadline(null);
    expect(trapOf(() => call("spin")).code).toBe(TrapCode.OutOfFuel);
  });

  it("handles accept only another handle's buffer", () => {
    expect(() => new InterruptHandle(new ArrayBuffer(8))).toThrow(TypeError);
    expect(() => new InterruptHandle({} as ArrayBuffer)).toThrow(TypeError);
    const handle = new InterruptHandle();
    expect(() => new InterruptHandle(handle.buffer).interrupt()).not.toThrow();
  });
});
