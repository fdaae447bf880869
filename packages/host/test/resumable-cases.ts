// The cases of the resumable and async call tests: plain functions using node:assert, so that the same
// cases run in vitest (resumable.test.ts) and under node --jitless, where vitest cannot run
// (resumable-jitless.test.ts runs them with fixtures/run-resumable-cases.ts).
import assert from "node:assert/strict";
import {
  AsyncHostFunctionError, CallCancelledError, Engine, HostSuspend, Linker, Module, ResumeError, Store, Trap, TrapCode, ValType,
  wasmBacktraceOf, type Instance,
} from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";

const { I32 } = ValType;

/** The cases, by group and name. */
export const CASES: Record<string, Record<string, () => void | Promise<void>>> = {};
let group = "";
function describe(name: string, body: () => void): void {
  group = name;
  CASES[name] = {};
  body();
}
function it(name: string, run: () => void | Promise<void>): void {
  CASES[group]![name] = run;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// sum(n) = get(n) + get(n - 1) + ... + get(1), calling the imported env.get in a loop
const SUM = `(module
  (import "env" "get" (func $get (param i32) (result i32)))
  (func (export "sum") (param $n i32) (result i32) (local $acc i32)
    (loop $l
      (local.set $acc (i32.add (local.get $acc) (call $get (local.get $n))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc))
  ;; the same through a tail call and a call_indirect
  (table 1 funcref) (elem (i32.const 0) $get)
  (type $t (func (param i32) (result i32)))
  (func (export "tail") (param i32) (result i32) (return_call_indirect (type $t) (local.get 0) (i32.const 0)))
  (func (export "spin") (param $n i32) (result i32)
    (loop $l (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $n))
  (memory (export "memory") 1)
  (func (export "fill") (param $n i32) (memory.fill (i32.const 0) (i32.const 7) (local.get $n))))`;

function instance(store: Store<null>, get: (linker: Linker<null>) => Linker<null>, wat = SUM): Instance {
  const engine = store.engine;
  return get(new Linker<null>(engine)).instantiate(store, new Module(engine, parseWat(wat)));
}

const syncGet = (f: (x: number) => unknown) => (l: Linker<null>) =>
  l.func("env", "get", { params: [I32], results: [I32] }, (_c, x) => f(x as number) as number);
const asyncGet = (f: (x: number) => Promise<unknown>) => (l: Linker<null>) =>
  l.funcAsync("env", "get", { params: [I32], results: [I32] }, (_c, x) => f(x as number) as Promise<number>);

describe("callResumable", () => {
  it("finishes like call when nothing suspends", () => {
    const store = new Store(new Engine(), null);
    const sum = instance(store, syncGet((x) => x)).getFunc("sum")!;
    assert.deepStrictEqual(sum.callResumable(4), { kind: "finished", results: [10] });
  });

  it("suspends where a host function throws HostSuspend, and continues with the results given", () => {
    const store = new Store(new Engine(), null);
    const sum = instance(store, syncGet((x) => {
      if (x % 2 === 0) throw new HostSuspend({ asked: x });
      return x;
    })).getFunc("sum")!;
    let call = sum.callResumable(4);
    const asked: unknown[] = [];
    while (call.kind === "hostTrap") {
      assert.deepStrictEqual(call.hostFunc.type.params, [I32]);
      asked.push(call.error.data);
      call = call.resume(((call.error.data as { asked: number }).asked) * 100);
    }
    assert.deepStrictEqual(asked, [{ asked: 4 }, { asked: 2 }]);
    assert.deepStrictEqual(call, { kind: "finished", results: [400 + 3 + 200 + 1] });
  });

  it("resumes a host tail call and a call through a table", () => {
    const store = new Store(new Engine(), null);
    const tail = instance(store, syncGet(() => {
      throw new HostSuspend();
    })).getFunc("tail")!;
    const call = tail.callResumable(1);
    assert.strictEqual(call.kind, "hostTrap");
    if (call.kind === "hostTrap") assert.deepStrictEqual(call.resume(77), { kind: "finished", results: [77] });
  });

  it("refuses to resume twice or after cancel, and keeps a call suspended when its results are bad", () => {
    const store = new Store(new Engine(), null);
    const sum = instance(store, syncGet(() => {
      throw new HostSuspend();
    })).getFunc("sum")!;
    const call = sum.callResumable(1);
    if (call.kind !== "hostTrap") throw new Error("expected a hostTrap");
    assert.throws(() => call.resume("not a number"), TypeError); // still suspended
    assert.deepStrictEqual(call.resume(5), { kind: "finished", results: [5] });
    assert.throws(() => call.resume(5), ResumeError);
    const other = sum.callResumable(1);
    if (other.kind !== "hostTrap") throw new Error("expected a hostTrap");
    other.cancel();
    assert.throws(() => other.resume(1), ResumeError);
    assert.strictEqual(store.pruned.running, 0); // nothing left running: the store releases its references
  });

  it("suspends when fuel runs out, reports what is missing, and continues after setFuel", () => {
    const store = new Store(new Engine({ consumeFuel: true }), null);
    const { spin, fill } = Object.fromEntries(["spin", "fill"].map((n) => [n, instance(store, syncGet((x) => x)).getFunc(n)!]));
    store.setFuel(100n);
    let call = spin!.callResumable(1000);
    let refills = 0;
    while (call.kind === "outOfFuel") {
      assert.ok(call.required > 0n, `${call.required} > ${0n}`);
      store.setFuel(100n);
      refills++;
      call = call.resume();
    }
    assert.deepStrictEqual(call, { kind: "finished", results: [0] });
    assert.ok(refills > 5, `${refills} > ${5}`);
    // a bulk operation needs its whole fuel at once: it runs again from its start once there is enough
    store.setFuel(10n);
    const filling = fill!.callResumable(65_536);
    assert.strictEqual(filling.kind, "outOfFuel");
    if (filling.kind !== "outOfFuel") return;
    store.setFuel(filling.required + 100n);
    assert.deepStrictEqual(filling.resume(), { kind: "finished", results: [] });
  });

  it("tells the call hook of each entry into Wasm and each return from it, suspensions included", () => {
    const store = new Store(new Engine(), null);
    const heard: string[] = [];
    store.callHook((_data, kind) => heard.push(kind));
    const sum = instance(store, syncGet(() => {
      throw new HostSuspend();
    })).getFunc("sum")!;
    const call = sum.callResumable(1);
    if (call.kind !== "hostTrap") throw new Error("expected a hostTrap");
    call.resume(1);
    assert.deepStrictEqual(heard, [
      "CallingWasm", "CallingHost", "ReturningFromHost", "ReturningFromWasm", // up to the suspension
      "CallingWasm", "ReturningFromWasm", // the resumed rest
    ]);
  });

  it("does not suspend a plain call: HostSuspend is then an ordinary error", () => {
    const store = new Store(new Engine(), null);
    const sum = instance(store, syncGet(() => {
      throw new HostSuspend("x");
    })).getFunc("sum")!;
    assert.throws(() => sum.call(1), HostSuspend);
  });
});

describe("callAsync", () => {
  it("waits for async host functions without blocking, and resolves with the results", async () => {
    const store = new Store(new Engine(), null);
    const sum = instance(store, asyncGet(async (x) => {
      await sleep(1);
      return x * 10;
    })).getFunc("sum")!;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      assert.deepStrictEqual(await sum.callAsync(5), [150]);
    } finally {
      clearInterval(timer);
    }
    assert.ok(ticks > 0, `${ticks} > ${0}`); // the event loop ran while the guest waited
    assert.strictEqual(await sum.typed<[number], number>().callAsync(2), 30);
  });

  it("suspends in functions the JavaScript tier compiled (their calls out run on the interpreter then)", async () => {
    // jsTier "eager": sum, which calls the import in a loop, is compiled to JavaScript at its first call
    const store = new Store(new Engine({ jsTier: "eager" }), null);
    const sum = instance(store, asyncGet(async (x) => {
      await sleep(0);
      return x * 10;
    })).getFunc("sum")!;
    assert.deepStrictEqual(await sum.callAsync(5), [150]);
    assert.deepStrictEqual(await sum.callAsync(3), [60]);
  });

  it("fails a synchronous call that reaches an async host function, naming callAsync", () => {
    const store = new Store(new Engine(), null);
    const sum = instance(store, asyncGet(async (x) => x)).getFunc("sum")!;
    assert.throws(() => sum.call(1), AsyncHostFunctionError);
    assert.throws(() => sum.call(1), /callAsync/);
    assert.throws(() => sum.callResumable(1), /callAsync/);
  });

  it("turns a rejection into the error of the host call, with the Wasm backtrace", async () => {
    const store = new Store(new Engine(), null);
    const boom = new Error("boom");
    const sum = instance(store, asyncGet(async (x) => {
      if (x === 2) throw boom;
      return x;
    })).getFunc("sum")!;
    const error = await sum.callAsync(3).catch((e: unknown) => e);
    assert.strictEqual(error, boom);
    assert.ok(wasmBacktraceOf(error).length > 0, `${wasmBacktraceOf(error).length} > ${0}`);
    assert.strictEqual(store.pruned.running, 0);
  });

  it("runs host -> Wasm -> async host chains: an async host function awaiting another callAsync", async () => {
    const store = new Store(new Engine(), null);
    const inner = instance(store, asyncGet(async (x) => {
      await sleep(1);
      return x + 1;
    })).getFunc("sum")!;
    const outer = instance(store, asyncGet(async (x) => (await inner.callAsync(x))[0])).getFunc("sum")!;
    // outer get(x) = inner sum(x) = sum over k<=x of (k + 1)
    const expected = [3, 2, 1].reduce((acc, x) => acc + (x * (x + 1)) / 2 + x, 0);
    assert.deepStrictEqual(await outer.callAsync(3), [expected]);
  });

  it("lets a synchronous host function call Wasm during callAsync, but not suspend through it", async () => {
    const store = new Store(new Engine(), null);
    const asyncSum = instance(store, asyncGet(async (x) => x)).getFunc("sum")!;
    const syncSum = instance(store, syncGet((x) => x)).getFunc("sum")!;
    const viaSync = instance(store, syncGet((x) => syncSum.call(x)[0])).getFunc("sum")!;
    assert.deepStrictEqual(await viaSync.callAsync(3), [1 + 3 + 6]);
    const blocked = instance(store, syncGet((x) => asyncSum.call(x)[0])).getFunc("sum")!;
    await assert.rejects(blocked.callAsync(3), AsyncHostFunctionError);
  });

  it("runs concurrent calls on one store, resumed in any order", async () => {
    const store = new Store(new Engine(), null);
    const delays = [9, 1, 5];
    const sum = instance(store, asyncGet(async (x) => {
      await sleep(delays[x % 3]!);
      return x;
    })).getFunc("sum")!;
    const results = await Promise.all([sum.callAsync(10), sum.callAsync(20), sum.callAsync(3), sum.callAsync(7)]);
    assert.deepStrictEqual(results, [[55], [210], [6], [28]]);
    assert.strictEqual(store.pruned.running, 0);
  });

  it("resumes 1,000 guests, each in its own store and suspended at an async call, in random order", async () => {
    const engine = new Engine();
    const module = new Module(engine, parseWat(SUM));
    const pending: { resolve: (v: number) => void; x: number }[] = [];
    const calls = Array.from({ length: 1000 }, (_, i) => {
      const store = new Store(engine, null);
      const linker = new Linker<null>(engine).funcAsync("env", "get", { params: [I32], results: [I32] },
        (_c, x) => new Promise<number>((resolve) => pending.push({ resolve, x: (x as number) * (i + 1) })));
      return linker.instantiate(store, module).getFunc("sum")!.callAsync(3);
    });
    let settled = 0;
    for (const call of calls) void call.finally(() => settled++);
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000);
    while (settled < calls.length) {
      await sleep(0); // resumed guests run on to their next async call, or finish
      const batch = pending.splice(0);
      for (let i = batch.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [batch[i], batch[j]] = [batch[j]!, batch[i]!];
      }
      for (const p of batch) p.resolve(p.x);
    }
    const results = await Promise.all(calls);
    assert.deepStrictEqual(results, Array.from({ length: 1000 }, (_, i) => [6 * (i + 1)]));
  });

  it("keeps externref values valid across a suspension", async () => {
    const store = new Store(new Engine(), null);
    const inst = instance(store, (l) => l.funcAsync("env", "wait", { params: [], results: [] }, () => sleep(1)), `(module
      (import "env" "wait" (func $wait))
      (func (export "keep") (param externref) (result externref) (call $wait) (local.get 0)))`);
    const values = [{ a: 1 }, { b: 2 }];
    const results = await Promise.all(values.map((v) => inst.getFunc("keep")!.callAsync(v)));
    assert.deepStrictEqual(results.map((r) => r[0]), values);
    assert.strictEqual(results[0]![0], values[0]);
    assert.strictEqual(store.pruned.refs.size, 0);
  });

  it("traps with out of fuel when fuel runs out in the middle of an async call (no yield interval)", async () => {
    const store = new Store(new Engine({ consumeFuel: true }), null);
    const spin = instance(store, asyncGet(async (x) => x)).getFunc("spin")!;
    store.setFuel(500n);
    const error = await spin.callAsync(100_000).catch((e: unknown) => e);
    assert.ok(error instanceof Trap);
    assert.strictEqual((error as Trap).code, TrapCode.OutOfFuel);
    assert.ok(wasmBacktraceOf(error).length > 0, `${wasmBacktraceOf(error).length} > ${0}`);
    assert.ok(store.getFuel() < 500n, `${store.getFuel()} < ${500n}`);
  });

  it("gives the event loop back every yield interval of fuel, so a 1 ms interval timer keeps firing", async () => {
    const store = new Store(new Engine({ consumeFuel: true }), null);
    const spin = instance(store, asyncGet(async (x) => x)).getFunc("spin")!;
    store.setFuel(10n ** 12n).setFuelAsyncYieldInterval(20_000);
    let fired = 0;
    const timer = setInterval(() => fired++, 1);
    const start = performance.now();
    try {
      assert.deepStrictEqual(await spin.callAsync(20_000_000), [0]);
    } finally {
      clearInterval(timer);
    }
    const ms = performance.now() - start;
    assert.ok(fired >= Math.min(5, Math.floor(ms / 10)), `${fired} >= ${Math.min(5, Math.floor(ms / 10))}`);
    assert.ok(fired > 2, `${fired} > ${2}`);
    // the fuel used is the same as without slices: everything left comes back at the end
    const used = 10n ** 12n - store.getFuel();
    store.setFuel(10n ** 12n).setFuelAsyncYieldInterval(null);
    spin.call(20_000_000);
    assert.strictEqual(10n ** 12n - store.getFuel(), used);
  });

  it("runs out of fuel for real in slices too, and refuses bad intervals", async () => {
    const store = new Store(new Engine({ consumeFuel: true }), null);
    const spin = instance(store, asyncGet(async (x) => x)).getFunc("spin")!;
    store.setFuel(50_000n).setFuelAsyncYieldInterval(1_000n);
    await assert.rejects(spin.callAsync(10_000_000), /fuel/);
    assert.throws(() => store.setFuelAsyncYieldInterval(-1), RangeError);
    assert.throws(() => new Store(new Engine(), null).setFuelAsyncYieldInterval(1), /fuel metering is off/);
  });

  it("counts call depth per suspended call: a suspension does not use up another call's depth", async () => {
    const engine = new Engine({ maxCallDepth: 50 });
    const store = new Store(engine, null);
    const inst = instance(store, asyncGet(async (x) => {
      await sleep(1);
      return x;
    }), `(module
      (import "env" "get" (func $get (param i32) (result i32)))
      (func $down (export "down") (param $n i32) (result i32)
        (if (result i32) (i32.eqz (local.get $n))
          (then (call $get (i32.const 0)))
          (else (call $down (i32.sub (local.get $n) (i32.const 1)))))))`);
    const down = inst.getFunc("down")!;
    // each call nests 40 deep and waits at the bottom: together they are deeper than 50
    assert.deepStrictEqual(await Promise.all([down.callAsync(40), down.callAsync(40)]), [[0], [0]]);
    await assert.rejects(down.callAsync(60), /call stack exhausted/);
  });

  it("cancels suspended calls on request: they reject and run no more Wasm", async () => {
    const store = new Store(new Engine({ consumeFuel: true }), null);
    let loads = 0;
    const inst = instance(store, asyncGet(() => {
      loads++;
      return new Promise<never>(() => {}); // never settles
    }));
    store.setFuel(10n ** 12n);
    const waiting = [inst.getFunc("sum")!.callAsync(3), inst.getFunc("sum")!.callAsync(5)];
    store.setFuelAsyncYieldInterval(1_000);
    const spinning = inst.getFunc("spin")!.callAsync(2_000_000_000); // would run for minutes
    await sleep(5);
    assert.strictEqual(store.pruned.running, 3);
    assert.strictEqual(store.cancelSuspendedCalls(), 3);
    for (const call of waiting) await assert.rejects(call, CallCancelledError);
    await assert.rejects(spinning, CallCancelledError);
    assert.strictEqual(loads, 2); // each stopped at its first load
    assert.strictEqual(store.pruned.running, 0);
    assert.strictEqual(store.cancelSuspendedCalls(new Error("none left")), 0);
    // the store goes on as before
    store.setFuelAsyncYieldInterval(null);
    assert.deepStrictEqual(await inst.getFunc("spin")!.callAsync(10), [0]);
  });

  it("frees a call abandoned at a host Promise that never settles", async () => {
    const store = new Store(new Engine(), null);
    const sum = instance(store, asyncGet(() => new Promise<never>(() => {}))).getFunc("sum")!;
    void sum.callAsync(1);
    assert.strictEqual(store.pruned.running, 1);
    const { setFlagsFromString } = await import("node:v8");
    const { runInNewContext } = await import("node:vm");
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    for (let i = 0; i < 10 && store.pruned.running > 0; i++) {
      gc();
      await sleep(10);
    }
    assert.strictEqual(store.pruned.running, 0);
  });
});

