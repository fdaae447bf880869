// More workloads, to be added to WORKLOADS (manifest.ts): WAT kernels, one loop or call pattern each,
// and C programs. Expected results as for the others: the kernels agree with plain JS reimplementations,
// the C programs with their native builds (scripts/build-c.sh; a C u32 result above 2^31 comes back from
// an i32 export as a negative number), keccak with node:crypto's SHA3-256 and json with JSON.parse
// (test/kernels.test.ts).
import type { Workload } from "./manifest.js";

export const MORE_KERNELS: Workload[] = [
  {
    name: "fib-iter",
    group: "kernels",
    description: "iterative fib(n) on i64 locals, wrapping, n iterations (3e7)",
    wasm: "fib_iter.wasm",
    export: "fib_iter",
    args: { full: [30_000_000], quick: [1_500_000], tiny: [10] },
    expected: { full: 3352754168425900544n, quick: 2187768325437798528n },
  },
  {
    name: "fib-tail",
    group: "kernels",
    description: "tail-recursive fib(n) with return_call and i64 accumulators, n calls (1e7)",
    wasm: "fib_tail.wasm",
    export: "fib_tail",
    args: { full: [10_000_000], quick: [500_000], tiny: [10] },
    expected: { full: -8398834052292539589n, quick: 6395308706673669893n },
  },
  {
    name: "fac-rec",
    group: "kernels",
    description: "non-tail recursion: rising factorial of n factors (i64), summed over reps offsets (25 x 2e5 = 5.2e6 calls)",
    wasm: "fac_rec.wasm",
    export: "fac_rec",
    args: { full: [25, 200_000], quick: [25, 10_000], tiny: [5, 2] },
    expected: { full: 2788104632218419200n, quick: -6349812739967287296n },
  },
  {
    name: "counter-local",
    group: "kernels",
    description: "counter in a local, bumped until n (3e7)",
    wasm: "counter_local.wasm",
    export: "count",
    args: { full: [30_000_000], quick: [1_500_000], tiny: [10] },
    expected: { full: 30_000_000, quick: 1_500_000 },
  },
  {
    name: "counter-param",
    group: "kernels",
    description: "counter in a function parameter (local.set), bumped until n (3e7)",
    wasm: "counter_param.wasm",
    export: "count",
    args: { full: [30_000_000], quick: [1_500_000], tiny: [10] },
    expected: { full: 30_000_000, quick: 1_500_000 },
  },
  {
    name: "counter-global",
    group: "kernels",
    description: "counter in a mutable global (global.get/set per iteration), bumped until n (3e7)",
    wasm: "counter_global.wasm",
    export: "count",
    args: { full: [30_000_000], quick: [1_500_000], tiny: [10] },
    expected: { full: 30_000_000, quick: 1_500_000 },
  },
  {
    name: "bulk-memory",
    group: "kernels",
    description: "memory.fill + two overlapping memory.copy of 1 B to 16 KiB per round, checksum, n rounds (2e5)",
    wasm: "bulk_memory.wasm",
    export: "bulk",
    args: { full: [200_000], quick: [10_000], tiny: [1] },
    expected: { full: 1645241986, quick: -492467182 },
  },
  {
    name: "br-table",
    group: "kernels",
    description: "br_table dispatch of 8 register ops on a xorshift32 opcode stream, n steps (1e6)",
    wasm: "br_table.wasm",
    export: "dispatch",
    args: { full: [1_000_000], quick: [50_000], tiny: [10] },
    expected: { full: 1976675072, quick: 1394479942 },
  },
];

export const MORE_PROGRAMS: Workload[] = [
  {
    name: "keccak",
    group: "programs",
    description: "C (clang -O2): SHA3-256 (Keccak-f[1600], i64) chained over a message, KiB x hashes (100 x 20)",
    wasm: "keccak.wasm",
    export: "run",
    args: { full: [100, 20], quick: [100, 1], tiny: [1, 1] },
    expected: { full: -1386619124, quick: -1651891188 },
  },
  {
    name: "json",
    group: "programs",
    description: "C (clang -O2): generate JSON, parse it into a tree, walk it to a checksum, KiB x parses (256 x 8)",
    wasm: "json.wasm",
    export: "run",
    args: { full: [256, 8], quick: [64, 1], tiny: [1, 1] },
    expected: { full: -278298875, quick: -2085772164 },
  },
];
