// The cost of the hottest WASI call: a guest that calls fd_write 100,000 times (16 bytes each), on stdout
// (the synchronous stream path) or on a file of a MemoryFileSystem (the general path: a generator run by
// src/io.ts), through `start` and through `startAsync` (with the same synchronous backends).
// Run: node --conditions=@wasmi-ts/source --import tsx bench/fd-write.ts
import { Engine, Linker, Module, Store } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";
import { MemoryFileSystem, Wasi } from "../src/index.js";

const CALLS = 100_000;
const ROUNDS = 25;

/** `_start` writes 16 bytes CALLS times to fd 1, or to "out" opened in the preopen (fd 3) if `toFile`. */
function guest(toFile: boolean): Uint8Array {
  return parseWat(`(module
    (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
    (memory (export "memory") 1)
    (data (i32.const 100) "0123456789abcdef")
    (data (i32.const 200) "out")
    (func (export "_start") (local $i i32) (local $fd i32)
      (local.set $fd (i32.const 1))
      ${toFile ? `(drop (call $open (i32.const 3) (i32.const 0) (i32.const 200) (i32.const 3) (i32.const 1)
        (i64.const 64) (i64.const 0) (i32.const 0) (i32.const 16)))
      (local.set $fd (i32.load (i32.const 16)))` : ""}
      (i32.store (i32.const 0) (i32.const 100)) (i32.store (i32.const 4) (i32.const 16))
      (loop $again
        (drop (call $write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
        (br_if $again (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const ${CALLS}))))))`);
}

const engine = new Engine();

async function round(module: Module, toFile: boolean, mode: "sync" | "async"): Promise<number> {
  let bytes = 0;
  const files = new MemoryFileSystem();
  const wasi = new Wasi({ stdout: (data) => { bytes += data.length; }, preopens: { "/": files } });
  const instance = wasi.defineIn(new Linker<null>(engine)).instantiate(new Store(engine, null), module);
  const start = performance.now();
  const code = mode === "sync" ? wasi.start(instance) : await wasi.startAsync(instance);
  const ms = performance.now() - start;
  if (toFile) bytes = files.readFile("out").length;
  if (code !== 0 || bytes !== CALLS * 16) throw new Error(`wrong run: exit ${code}, ${bytes} bytes`);
  return ms;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

for (const toFile of [false, true]) {
  const module = new Module(engine, guest(toFile));
  for (const mode of ["sync", "async"] as const) {
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) times.push(await round(module, toFile, mode));
    const m = median(times.slice(5)); // after warming up
    console.log(`${toFile ? "file  " : "stdout"} ${mode.padEnd(5)} ${CALLS} fd_write calls of 16 bytes: median ${m.toFixed(1)} ms ` +
      `(${(m * 1000 / CALLS).toFixed(3)} us/call), best ${Math.min(...times).toFixed(1)} ms`);
  }
}
