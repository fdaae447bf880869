// The workloads of src/kernels.ts (not a benchmark: nothing here is timed): each gives its expected result
// on wasmi-ts at the quick size (workloads.test.ts checks both sizes on V8), and the expected results are
// those of plain JS reimplementations (node:crypto's SHA3-256 for keccak, JSON.parse for json).
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { MORE_KERNELS, MORE_PROGRAMS } from "../src/kernels.js";
import { type Expected, formatValue, loadWasm, runOnce, WORKLOADS as ALL_WORKLOADS } from "../src/manifest.js";
import { eagerTierRunner, runner as wasmiTs } from "../src/runners/wasmi-ts.js";

const WORKLOADS = [...MORE_KERNELS, ...MORE_PROGRAMS];

const i64 = (x: bigint) => BigInt.asIntN(64, x);
const u64 = (x: bigint) => BigInt.asUintN(64, x);
const xorshift32 = (x: number) => {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  return x >>> 0;
};
/** The C programs' linear congruential generator: the next seed. */
const lcg = (seed: number) => (Math.imul(seed, 1103515245) + 12345) >>> 0;

function fib(n: number): bigint {
  let a = 0n;
  let b = 1n;
  for (let i = 0; i < n; i++) {
    const sum = u64(a + b);
    a = b;
    b = sum;
  }
  return i64(a);
}

function risingFactorialSum(n: number, reps: number): bigint {
  let sum = 0n;
  for (let k = 0n; k < BigInt(reps); k++) {
    let product = 1n;
    for (let i = 1n; i <= BigInt(n); i++) product = u64(product * (i + k));
    sum = u64(sum + product);
  }
  return i64(sum);
}

function bulkMemory(rounds: number): number {
  const memory = new Uint8Array(65536);
  const view = new DataView(memory.buffer);
  let x = 2463534242;
  let sum = 0;
  for (; rounds > 0; rounds--) {
    x = xorshift32(x);
    const len = (x & ((1 << ((rounds & 7) * 2)) - 1)) + 1;
    const at = ((x >>> 16) & 32767) + 64;
    const shift = ((x >>> 8) & 63) + 1;
    memory.fill(rounds & 255, at, at + len);
    memory.copyWithin(at + shift, at, at + len);
    memory.copyWithin(at - shift, at, at + len);
    sum = (Math.imul(sum, 31) + view.getInt32(at + (len >>> 1), true)) | 0;
  }
  for (let p = 0; p < 65536; p += 4) sum = (Math.imul(sum, 31) + view.getInt32(p, true)) | 0;
  return sum;
}

function dispatch(n: number): number {
  let x = 2463534242;
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    x = xorshift32(x);
    const operand = x >>> 3;
    switch (x & 7) {
      case 0: a = (a + operand) | 0; break;
      case 1: a = (a - b) | 0; break;
      case 2: b ^= operand; break;
      case 3: a = Math.imul(a, b | 1); break;
      case 4: [a, b] = [b, a]; break;
      case 5: a = (a + (b >>> operand)) | 0; break;
      case 6: b = (b << (a & 31)) | (b >>> (-a & 31)); break;
      default: b = (b + a) | 0;
    }
  }
  return a ^ b;
}

function keccak(kib: number, reps: number): number {
  const input = new Uint8Array(kib * 1024);
  for (let i = 0, seed = 12345; i < input.length; i++) input[i] = (seed = lcg(seed)) >>> 16;
  let digest = Buffer.alloc(32);
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < 32; i++) input[i] ^= digest[i];
    digest = createHash("sha3-256").update(input).digest();
  }
  return digest.readInt32LE(0);
}

/** json.c's generator, then JSON.parse and json.c's checksum walk over the parsed value. */
function json(kib: number, reps: number): number {
  let seed = 12345;
  const below = (n: number) => ((seed = lcg(seed)) >>> 8) % n;
  const escapes = ['\\"', "\\\\", "\\n", "\\t", "\\/", "\\u00e9", "\\u4e2D"];
  const plain = "abcdefghijklmnopqrstuvwxyz 0123456789";
  const keys = ["id", "name", "type", "value", "items", "tags", "owner", "enabled", "score", "note", "created", "children"];
  let text = "";
  const space = () => {
    const r = below(4);
    if (r === 0) text += " ";
    if (r === 1) text += "\n  ";
  };
  const number = () => {
    const form = below(4);
    if (below(2)) text += "-";
    if (form === 0) text += below(1000000);
    else if (form === 1) text += `${below(10000)}.${below(10)}${below(10)}`;
    else if (form === 2) text += `${1 + below(99)}${below(2) ? "e" : "E"}${below(2) ? "+" : ""}${below(4)}`;
    else text += below(10);
  };
  const container = (depth: number, object: boolean) => {
    text += object ? "{" : "[";
    const n = below(6);
    const first = object ? below(keys.length) : 0;
    for (let i = 0; i < n; i++) {
      if (i) {
        text += ",";
        space();
      }
      if (object) {
        text += `"${keys[(first + i) % keys.length]}":`;
        space();
      }
      value(depth + 1);
    }
    text += object ? "}" : "]";
  };
  const value = (depth: number) => {
    const kind = below(depth < 5 ? 8 : 5);
    if (kind < 2) number();
    else if (kind < 4) {
      text += '"';
      for (let i = 0, n = below(12); i < n; i++) {
        const r = below(7 + plain.length);
        text += r < 7 ? escapes[r] : plain[r - 7];
      }
      text += '"';
    } else if (kind === 4) text += ["null", "true", "false"][below(3)];
    else container(depth, kind > 5);
  };
  text += "[";
  for (;;) {
    container(1, true);
    if (text.length >= kib * 1024) break;
    text += ",\n";
  }
  text += "]";

  const mix = (h: number, v: number) => Math.imul(h ^ v, 16777619) >>> 0;
  const mixString = (h: number, s: string) => {
    for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
    return mix(h, s.length);
  };
  let count = 0;
  // Type tags as json.c's: null, false, true, number, string, array, object.
  const walk = (v: unknown, h: number): number => {
    count++;
    if (v === null || typeof v === "boolean") return mix(h, v === null ? 0 : v ? 2 : 1);
    if (typeof v === "number") {
      const cents = u64(BigInt(Math.round(v * 100)));
      return mix(mix(mix(h, 3), Number(cents & 0xffffffffn)), Number(cents >> 32n));
    }
    if (typeof v === "string") return mixString(mix(h, 4), v);
    const members = Array.isArray(v) ? v.map((e): [string | null, unknown] => [null, e]) : Object.entries(v as object);
    h = mix(h, Array.isArray(v) ? 5 : 6);
    for (const [key, e] of members) h = walk(e, key === null ? h : mixString(h, key));
    return mix(h, members.length);
  };
  const root: unknown = JSON.parse(text);
  let h = 2166136261;
  for (let r = 0; r < reps; r++) {
    count = 0;
    h = mix(walk(root, h), count);
  }
  return h | 0;
}

/** gc_tree.wat: binary trees of objects, walked with an explicit stack and counted recursively. */
function gcTrees(depth: number, rounds: number): number {
  interface Node { left: Node | null; right: Node | null; value: number }
  let seed = 0;
  const next = () => (seed = xorshift32(seed) | 0);
  const build = (d: number): Node => {
    if (d === 0) return { left: null, right: null, value: next() };
    const left = build(d - 1);
    const right = build(d - 1);
    return { left, right, value: next() };
  };
  const count = (n: Node | null): number => (n === null ? 0 : 1 + count(n.left) + count(n.right));
  const walk = (root: Node) => {
    const stack = [root];
    let sum = 0;
    while (stack.length > 0) {
      const n = stack.pop()!;
      sum = (Math.imul(sum, 31) + n.value) | 0;
      if (n.right !== null) stack.push(n.right, n.left!);
    }
    return sum;
  };
  let sum = 0;
  for (let r = 0; r < rounds; r++) {
    seed = r + 1;
    const tree = build(depth);
    sum = (Math.imul(sum, 31) + (walk(tree) ^ count(tree))) | 0;
  }
  return sum;
}

/** exceptions.wat: n calls `frames` frames deep; the innermost throws for odd inputs, every frame cleans up. */
function exceptions(n: number, frames: number): number {
  let cleanups = 0;
  const frame = (x: number, depth: number): number => {
    try {
      if (depth === 0) {
        if (x & 1) throw new RangeError(String(x >>> 1));
        return x >>> 3;
      }
      return (frame(x, depth - 1) + depth) | 0;
    } catch (e) {
      cleanups++;
      throw e;
    }
  };
  let x = 2463534242;
  let sum = 0;
  for (; n > 0; n--) {
    x = xorshift32(x);
    let v: number;
    try {
      v = frame(x, frames);
    } catch (e) {
      v = ~Number((e as RangeError).message);
    }
    sum = (Math.imul(sum, 31) + v) | 0;
  }
  return (sum + cleanups) | 0;
}

const REFERENCES: Record<string, (...args: number[]) => Expected> = {
  "fib-iter": fib,
  "fib-tail": fib,
  "fac-rec": risingFactorialSum,
  "counter-local": (n) => n,
  "counter-param": (n) => n,
  "counter-global": (n) => n,
  "bulk-memory": bulkMemory,
  "br-table": dispatch,
  "gc-tree": gcTrees,
  exceptions,
  keccak,
  json,
};

describe("more workloads on wasmi-ts (quick)", () => {
  beforeAll(async () => {
    expect(await wasmiTs.load()).toBeNull();
  });
  for (const workload of WORKLOADS) {
    it(`${workload.name} returns the expected result`, () => {
      const result = runOnce(workload, wasmiTs.instantiate(loadWasm(workload)), workload.args.quick);
      expect(formatValue(result)).toBe(formatValue(workload.expected.quick));
    });
  }
});

// The JavaScript tier's code of every function of every module workload (each compiled at its first call,
// where the tier takes it) against the expected results.
describe("module workloads on wasmi-ts, every function the JavaScript tier takes compiled (quick)", () => {
  beforeAll(async () => {
    expect(await eagerTierRunner.load()).toBeNull();
  });
  for (const workload of ALL_WORKLOADS.filter((w) => w.wasm !== undefined)) {
    it(`${workload.name} returns the expected result`, () => {
      const result = runOnce(workload, eagerTierRunner.instantiate(loadWasm(workload)), workload.args.quick);
      expect(formatValue(result)).toBe(formatValue(workload.expected.quick));
    });
  }
});

describe("expected results are the JS reimplementations'", () => {
  for (const workload of WORKLOADS) {
    it(workload.name, () => {
      const reference = REFERENCES[workload.name];
      for (const size of ["quick", "full"] as const) {
        const args = workload.args[size] as number[];
        expect(formatValue(reference(...args))).toBe(formatValue(workload.expected[size]));
      }
    });
  }
});
