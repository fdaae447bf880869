// The cost of crossing from Wasm to the host and back, and what the PrunedStore design costs there. A
// guest loop calls a host function N times: a plain one through `call`; one that calls back into the guest
// (Wasm -> host -> Wasm, the round trip of callbacks); an async one (its Promise already resolved) through
// `callAsync`, which pays one suspension, one Promise turn and one resumption per call. Then the price of
// turning a PrunedStore back into its Store<T> (`Store.fromPruned`, the type-key check), which host calls
// do not pay: each host function's trampoline holds its typed store from when it was defined. Run as a
// child process by main.ts (under --jitless in that mode); prints one JSON line.
import { Engine, Linker, Module, Store, TypeKey, ValType } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";

export interface HostCallCosts {
  /** Microseconds per host call from Wasm, synchronous and async (fastest of the rounds). */
  syncUs: number;
  asyncUs: number;
  /** Microseconds per Wasm -> host -> Wasm round trip (the host function calls a guest export). */
  roundTripUs: number;
  /** Nanoseconds per `Store.fromPruned` (type-key check and owner lookup). */
  fromPrunedNs: number;
  calls: number;
}

const GUEST = parseWat(`(module
  (import "host" "f" (func $f (param i32) (result i32)))
  (func (export "loop") (param $n i32) (result i32) (local $acc i32)
    (loop $l
      (local.set $acc (i32.add (local.get $acc) (call $f (local.get $n))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc))
  (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))`);

/** The fastest of `rounds` runs of `run`, in milliseconds. */
async function fastest(rounds: number, run: () => unknown): Promise<number> {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    await run();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

async function measure(calls: number, rounds: number): Promise<HostCallCosts> {
  const engine = new Engine();
  const module = new Module(engine, GUEST);
  const type = { params: [ValType.I32], results: [ValType.I32] };
  const sync = new Linker<null>(engine).func("host", "f", type, (_c, x) => x).instantiate(new Store(engine, null), module).getFunc("loop")!;
  const async = new Linker<null>(engine).funcAsync("host", "f", type, (_c, x) => Promise.resolve(x))
    .instantiate(new Store(engine, null), module).getFunc("loop")!;
  let inc: { call(x: number): number } | undefined; // the guest's export, found on the first call
  const roundTrip = new Linker<null>(engine)
    .func("host", "f", type, (caller, x) => (inc ??= caller.getFunc("inc")!.typed<[number], number>()).call(x as number))
    .instantiate(new Store(engine, null), module).getFunc("loop")!;
  const syncMs = await fastest(rounds, () => sync.call(calls));
  const asyncMs = await fastest(rounds, () => async.callAsync(calls));
  const roundTripMs = await fastest(rounds, () => roundTrip.call(calls));
  const key = new TypeKey<{ count: number }>("Counter");
  const pruned = new Store(engine, { count: 0 }, key).pruned;
  const fromPrunedMs = await fastest(rounds, () => {
    for (let i = 0; i < calls; i++) Store.fromPruned(pruned, key).data.count++;
  });
  return {
    syncUs: (syncMs * 1000) / calls,
    asyncUs: (asyncMs * 1000) / calls,
    roundTripUs: (roundTripMs * 1000) / calls,
    fromPrunedNs: (fromPrunedMs * 1e6) / calls,
    calls,
  };
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  const jitless = process.execArgv.includes("--jitless");
  console.log(JSON.stringify(await measure(jitless ? 20_000 : 200_000, 7)));
}
