// Micro-benchmark (not a test): i64 helpers on Int32Array halves versus BigInt arithmetic.
// Run from the repo root: node packages/executor/scripts/bench-numeric.mjs
// The numeric sources are transpiled on the fly with the workspace's TypeScript (no build needed).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

const here = dirname(fileURLToPath(import.meta.url));
const numericDir = join(here, "../src/interpret/numeric");
const storeTrap = join(here, "../../store/src/trap.ts");
const out = mkdtempSync(join(tmpdir(), "bench-numeric-"));

function emit(source, target) {
  const js = ts.transpileModule(readFileSync(source, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  // The only cross-package import is the Trap class.
  writeFileSync(target, js.replaceAll('"@wasmi-ts/store"', '"./store-trap.js"'));
}
emit(storeTrap, join(out, "store-trap.js"));
for (const f of readdirSync(numericDir)) if (f.endsWith(".ts")) emit(join(numericDir, f), join(out, f.replace(/\.ts$/, ".js")));
const n = await import(pathToFileURL(join(out, "index.js")).href);
rmSync(out, { recursive: true, force: true });

const N = 1 << 12;
const ROUNDS = 100;
let seed = 12345;
const rand32 = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed | 0;
};

/** Operand sets: full 64-bit values, and small ones (< 2^40) as typical loop counters/addresses. */
function operands(small) {
  const m = new Int32Array(4 * N + 2);
  const big = new BigInt64Array(2 * N);
  for (let i = 0; i < 2 * N; i++) {
    const lo = rand32();
    const hi = small ? rand32() & 0xff : rand32();
    m[2 * i] = lo;
    m[2 * i + 1] = hi === 0 && lo === 0 ? 1 : hi; // keep divisors non-zero
    big[i] = (BigInt(m[2 * i + 1]) << 32n) | BigInt(m[2 * i] >>> 0);
  }
  return { m, big };
}

function time(label, fn) {
  // Best of several runs: the first ones include warm-up and tier-up.
  let best = Infinity;
  for (let run = 0; run < 6; run++) {
    const t0 = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0));
  }
  const ns = best / (ROUNDS * N);
  console.log(`${label.padEnd(34)} ${ns.toFixed(2)} ns/op`);
}

for (const small of [false, true]) {
  const { m, big } = operands(small);
  const d = 4 * N;
  const kind = small ? "small (<2^40)" : "full 64-bit";
  const res = new BigInt64Array(1);
  for (const [name, fn, ref] of [
    ["add", n.i64Add, (a, b) => BigInt.asIntN(64, a + b)],
    ["mul", n.i64Mul, (a, b) => BigInt.asIntN(64, a * b)],
    ["div_u", n.i64DivU, (a, b) => BigInt.asUintN(64, a) / BigInt.asUintN(64, b)],
    ["div_s", n.i64DivS, (a, b) => (b === -1n ? -a : a / b)],
    ["rem_u", n.i64RemU, (a, b) => BigInt.asUintN(64, a) % BigInt.asUintN(64, b)],
  ]) {
    // Fresh loop functions per operation keep every call site monomorphic.
    const halves = new Function("fn", "m", "d", "N", "R", "for (let r = 0; r < R; r++) for (let i = 0; i < N; i++) fn(m, d, 4 * i, 4 * i + 2);");
    const bigint = new Function("ref", "big", "res", "N", "R", "for (let r = 0; r < R; r++) for (let i = 0; i < N; i++) res[0] = ref(big[2 * i], big[2 * i + 1]);");
    time(`i64 ${name} halves, ${kind}`, () => halves(fn, m, d, N, ROUNDS));
    time(`i64 ${name} BigInt, ${kind}`, () => bigint(ref, big, res, N, ROUNDS));
  }
}
