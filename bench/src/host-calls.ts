// The cost of crossing from Wasm to the host, synchronously and asynchronously: a guest loop calls a host
// function N times, first a plain one through `call`, then an async one (its Promise already resolved)
// through `callAsync`, so that the second pays one suspension, one Promise turn and one resumption per
// call. Run as a child process by main.ts (under --jitless in that mode); prints one JSON line.
import { Engine, Linker, Module, Store, ValType } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";

export interface HostCallCosts {
  /** Microseconds per host call from Wasm, synchronous and async (fastest of the rounds). */
  syncUs: number;
  asyncUs: number;
  calls: number;
}

const GUEST = parseWat(`(module
  (import "host" "f" (func $f (param i32) (result i32)))
  (func (export "loop") (param $n i32) (result i32) (local $acc i32)
    (loop $l
      (local.set $acc (i32.add (local.get $acc) (call $f (local.get $n))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc)))`);

async function measure(calls: number, rounds: number): Promise<HostCallCosts> {
  const engine = new Engine();
  const module = new Module(engine, GUEST);
  const type = { params: [ValType.I32], results: [ValType.I32] };
  const sync = new Linker<null>(engine).func("host", "f", type, (_c, x) => x).instantiate(new Store(engine, null), module).getFunc("loop")!;
  const async = new Linker<null>(engine).funcAsync("host", "f", type, (_c, x) => Promise.resolve(x))
    .instantiate(new Store(engine, null), module).getFunc("loop")!;
  let syncMs = Infinity;
  let asyncMs = Infinity;
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    sync.call(calls);
    syncMs = Math.min(syncMs, performance.now() - t);
    t = performance.now();
    await async.callAsync(calls);
    asyncMs = Math.min(asyncMs, performance.now() - t);
  }
  return { syncUs: (syncMs * 1000) / calls, asyncUs: (asyncMs * 1000) / calls, calls };
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  const jitless = process.execArgv.includes("--jitless");
  console.log(JSON.stringify(await measure(jitless ? 20_000 : 200_000, 7)));
}
