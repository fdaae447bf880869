// Async host functions and cooperative scheduling, with the two guests of this folder:
//   loader.wat calls an async "load" host function in a loop (a timer stands in for a fetch);
//   crunch.wat computes for a while, with a fuel yield interval that keeps a 1 ms timer firing.
// Run from the repository's root after `pnpm build`: node --import tsx examples/async/run.ts
import { readFileSync } from "node:fs";
import { Engine, Linker, Module, Store, ValType } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";

const { I32 } = ValType;
const engine = new Engine({ consumeFuel: true });
const wat = (name: string) => new Module(engine, parseWat(readFileSync(new URL(name, import.meta.url), "utf8")));

// 1. An async loader: each load waits 5 ms, as a network request would.
const store = new Store(engine, null).setFuel(10n ** 12n);
const loader = new Linker<null>(engine)
  .funcAsync("host", "load", { params: [I32], results: [I32] }, async (_caller, id) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return (id as number) * 100; // the "size" of item id
  })
  .func("host", "log", { params: [I32, I32], results: [] }, (_caller, id, size) => {
    console.log(`loaded item ${id}: ${size} bytes`);
  })
  .instantiate(store, wat("loader.wat"));
let ticks = 0;
const ticker = setInterval(() => ticks++, 1);
const total = await loader.getFunc("total")!.typed<[number], number>().callAsync(4);
console.log(`total: ${total} bytes; the event loop ran meanwhile: ${ticks > 0}`);

// 2. A CPU-bound guest, given back to the event loop every 50,000 units of fuel.
store.setFuelAsyncYieldInterval(50_000);
const crunch = new Linker<null>(engine).instantiate(store, wat("crunch.wat"));
ticks = 0;
const started = performance.now();
const primes = await crunch.getFunc("primes")!.typed<[number], number>().callAsync(200_000);
const ms = performance.now() - started;
clearInterval(ticker);
console.log(`primes below 200000: ${primes}; a 1 ms timer fired while Wasm computed: ${ticks > 0}`);
console.error(`(${ticks} ticks in ${ms.toFixed(0)} ms)`);
