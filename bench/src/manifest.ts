// Every workload of the bench, in one place. A workload is a module, an export, its arguments per size
// and the expected result. Sizes: "full" (the real run), "quick" (smoke runs, and --jitless), "tiny"
// (only for the time-to-first-call measurement; its result is not checked).
// Expected results are independent of any engine: the WAT workloads were checked against plain JS
// reimplementations, the C programs against native builds (scripts/build-c.sh), sha256 against node:crypto.
import { readFileSync } from "node:fs";
import type { Proposal, Runner, Value, WasmInstance } from "./runner.js";
import { LARGE_MODULE_EXPORT, largeModuleBytes } from "./large-module.js";
import { loadSha256Wasm, sha256Drive, sha256Input } from "./sha256.js";
import { MORE_KERNELS, MORE_PROGRAMS } from "./kernels.js";
import { PACKAGE_WORKLOADS } from "./packages/index.js";

export type Size = "full" | "quick";
export type Expected = Value | string;

/**
 * The groups the report gives a geomean for: small kernels (one loop or call pattern each), whole programs
 * compiled from C, hash-wasm's algorithms, and npm packages run whole (their JS glue included).
 */
export const GROUPS = ["kernels", "programs", "hash-wasm", "packages"] as const;
export type Group = (typeof GROUPS)[number];

/** One run of a package workload with the given arguments: its result (a Promise for async package APIs). */
export type PackageRun = (args: readonly Value[]) => Expected | Promise<Expected>;

export interface Workload {
  name: string;
  description: string;
  group: Group;
  /** Module workloads: a file name under workloads/, or a loader. */
  wasm?: string | (() => Uint8Array);
  /**
   * Package workloads: loads an npm package that compiles and instantiates its own Wasm through the JS
   * API's `WebAssembly` (globalThis.WebAssembly is the runner's namespace when it is called: see
   * Runner.namespace) and returns its run function. The load is untimed; instantiation inside a run is timed.
   */
  load?: () => Promise<PackageRun>;
  /** The export to call (module workloads without `drive`). */
  export: string;
  args: Record<Size | "tiny", Value[]>;
  expected: Record<Size, Expected>;
  /** A calling protocol other than one call of `export(...args)`. */
  drive?: (instance: WasmInstance, args: readonly Value[]) => Expected;
  /** Proposals past 2.0 it needs: runners without them skip it. */
  proposals?: readonly Proposal[];
  /** Untimed set-up for the given arguments (e.g. generating input data). */
  prepare?: (args: readonly Value[]) => void;
}

/** The eight workloads of the first benchmark (their ratios are compared from run to run). */
const FIRST_EIGHT: Workload[] = [
  {
    name: "fib",
    group: "kernels",
    description: "recursive fib(n), i32, call-heavy",
    wasm: "fib.wasm",
    export: "fib",
    args: { full: [30], quick: [20], tiny: [5] },
    expected: { full: 832040, quick: 6765 },
  },
  {
    name: "loop-i32",
    group: "kernels",
    description: "tight i32 loop, n iterations (1e8)",
    wasm: "loop_i32.wasm",
    export: "loop",
    args: { full: [100_000_000], quick: [1_000_000], tiny: [10] },
    expected: { full: 362624384, quick: 112032864 },
  },
  {
    name: "xorshift64",
    group: "kernels",
    description: "i64 loop: xorshift64* sum, n iterations (2e7)",
    wasm: "xorshift64.wasm",
    export: "xorshift",
    args: { full: [20_000_000], quick: [200_000], tiny: [10] },
    expected: { full: 8851246066589380547n, quick: -758919954487811874n },
  },
  {
    name: "memory",
    group: "kernels",
    description: "fill and sum 1 MiB with i32 words, n times (50)",
    wasm: "memory.wasm",
    export: "memsum",
    args: { full: [50], quick: [2], tiny: [1] },
    expected: { full: 137625600, quick: -7077888 },
  },
  {
    name: "mandelbrot",
    group: "kernels",
    description: "f64 loop: mandelbrot size x size, max iterations (200x200, 100)",
    wasm: "mandelbrot.wasm",
    export: "mandelbrot",
    args: { full: [200, 100], quick: [50, 100], tiny: [2, 10] },
    expected: { full: 842053, quick: 52761 },
  },
  {
    name: "sha256",
    group: "hash-wasm",
    description: "hash-wasm's SHA-256 module, n bytes in 16 KiB chunks (16 MiB)",
    wasm: loadSha256Wasm,
    export: "Hash_Update",
    args: { full: [16 << 20], quick: [1 << 20], tiny: [64] },
    expected: {
      full: "c15182dcfa5c5fa2574a5647a6ad64fc9e520a6e93494280ce2ac25471a47b47",
      quick: "7293cc1ed05355448c0ee1b1d51909d991635cab45a57f7d892c1f77fc4e54fe",
    },
    drive: sha256Drive,
    prepare: ([size]) => void sha256Input(size as number),
  },
  {
    name: "coremark",
    group: "programs",
    description: "C (clang -O2): CoreMark-style list/matrix/state-machine/CRC mix, n iterations (1000)",
    wasm: "coremark.wasm",
    export: "run",
    args: { full: [1000], quick: [50], tiny: [1] },
    expected: { full: 1849, quick: 28119 },
  },
  {
    name: "compress",
    group: "programs",
    description: "C (clang -O2): LZ77 compress + decompress + verify, KiB x round trips (1024 x 12)",
    wasm: "compress.wasm",
    export: "run",
    args: { full: [1024, 12], quick: [256, 1], tiny: [1, 1] },
    expected: { full: 1279513022, quick: 521089505 },
  },
];

const byGroup = (group: Workload["group"]) => FIRST_EIGHT.filter((w) => w.group === group);

/** Every workload, by group (GROUPS order). */
export const WORKLOADS: Workload[] = [
  ...byGroup("kernels"), ...MORE_KERNELS,
  ...byGroup("programs"), ...MORE_PROGRAMS,
  ...byGroup("hash-wasm"), ...PACKAGE_WORKLOADS.filter((w) => w.group === "hash-wasm"),
  ...PACKAGE_WORKLOADS.filter((w) => w.group === "packages"),
];

/**
 * The module of the start-up measurements (time to first call, translation throughput): 1 MiB of
 * generated code (large-module.ts). Not a timed workload: `run(5)` reaches at most 17 of its 1125 functions.
 * Its expected result is V8's (checked by the bench's test); every runner's first call must agree.
 */
export const LARGE_MODULE: Workload = {
  name: "large-1mb",
  group: "kernels",
  description: "generated: 1 MiB of code in 1125 functions; run(5) reaches at most 17 of them",
  wasm: largeModuleBytes,
  export: LARGE_MODULE_EXPORT,
  args: { full: [5], quick: [5], tiny: [5] },
  expected: { full: 29, quick: 29 },
};

const WORKLOAD_DIR = new URL("../workloads/", import.meta.url);

/** The module of a module workload (package workloads have none: an Error). */
export function loadWasm(workload: Workload): Uint8Array {
  if (workload.wasm === undefined) throw new Error(`${workload.name} is a package workload: it has no module of its own`);
  return typeof workload.wasm === "string"
    ? new Uint8Array(readFileSync(new URL(workload.wasm, WORKLOAD_DIR)))
    : workload.wasm();
}

/** A workload readied on a runner (prepareWorkload). */
export interface PreparedWorkload {
  run: PackageRun;
  /** Compile + instantiate, or loading the package. */
  instantiateMs: number;
  /** Fixed cost inside every call's time that is not execution (WasmInstance.overheadMs). */
  overheadMs: number;
  /** Every call starts from scratch (WasmInstance.freshPerCall). */
  freshPerCall: boolean;
}

/**
 * Readies a workload on a runner: a module workload is compiled and instantiated once; a package workload
 * is loaded with globalThis.WebAssembly set to the runner's namespace (for the rest of the process: a child
 * process runs one runner). Its run function's result may be a Promise.
 */
export async function prepareWorkload(runner: Runner, workload: Workload): Promise<PreparedWorkload> {
  const start = performance.now();
  if (workload.load) {
    const namespace = runner.namespace?.();
    if (!namespace) throw new Error(`${runner.name} has no WebAssembly namespace for package workloads`);
    (globalThis as { WebAssembly?: unknown }).WebAssembly = namespace;
    const run = await workload.load();
    return { run, instantiateMs: performance.now() - start, overheadMs: 0, freshPerCall: false };
  }
  const instance = runner.instantiate(loadWasm(workload));
  return {
    run: (args) => runOnce(workload, instance, args),
    instantiateMs: performance.now() - start,
    overheadMs: instance.overheadMs ?? 0,
    freshPerCall: instance.freshPerCall === true,
  };
}

/** Runs the workload once on an instance: its protocol, or one call of its export. */
export function runOnce(workload: Workload, instance: WasmInstance, args: readonly Value[]): Expected {
  return workload.drive ? workload.drive(instance, args) : instance.func(workload.export)(...args);
}

/** A value as text that keeps its type visible (bigint with an `n`). */
export function formatValue(value: unknown): string {
  return typeof value === "bigint" ? `${value}n` : typeof value === "string" ? value : String(value);
}
