// Workload: lifetimes. Makes and drops 2,000 hash-wasm hashers (each one a new instance of a cached module,
// with its own linear memory), and reports how much the heap (JS heap + ArrayBuffers) grew from the start
// to the end, after a full garbage collection. Natively it comes back within a few MiB; the runner
// (../packages.test.ts) runs it with --expose-gc and checks the same bound for the polyfill.
import { report } from "./setup.js";

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("lifetimes.ts needs node --expose-gc");
const hw = await import("hash-wasm");

const COUNT = 2_000;
const MiB = 1024 * 1024;

/** Heap and ArrayBuffer bytes in use after full collections (several: finalizers free in later passes). */
async function heldBytes(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc!();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

let digest = "";
async function oneHasher(i: number): Promise<void> {
  const hasher = i % 2 === 0 ? await hw.createSHA256() : await hw.createXXHash64();
  hasher.init();
  hasher.update(`input ${i}`);
  digest = hasher.digest();
}

for (let i = 0; i < 20; i++) await oneHasher(i); // modules compiled and cached, code warm
const before = await heldBytes();
for (let i = 0; i < COUNT; i++) await oneHasher(i);
const after = await heldBytes();

report({ hashers: COUNT, lastDigestLength: digest.length, grewMiB: Math.round(((after - before) / MiB) * 10) / 10 });
