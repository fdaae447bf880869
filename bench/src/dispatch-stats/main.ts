// Usage: cd bench && node --conditions=@wasmi-ts/source --import tsx --import ./src/dispatch-stats/register.ts src/dispatch-stats/main.ts [--only a,b] [--size tiny|quick|full] [--top N] [--out FILE|-]
//
// Counts the bytecode instructions, and ordered pairs of instructions, that wasmi-ts's interpreter executes
// on each bench workload, and which of them matter across the suite (README.md in this directory).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Op, OP_INFO, type OpName } from "@wasmi-ts/executor";
import { formatValue, prepareWorkload, type Size, type Workload, WORKLOADS } from "../manifest.js";
import { runner } from "../runners/wasmi-ts.js";
import { type DispatchCounter, installCounter } from "./counter.js";

/** Shares of a workload's instructions from which an op or pair is common, or at least notable, there. */
const COMMON_SHARE = 0.01;
const NOTABLE_SHARE = 0.005;

/** `(module (func (export "f")))`: the first execution, which may do more than the function (see main). */
const EMPTY_MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type: () -> ()
  0x03, 0x02, 0x01, 0x00, // func 0: type 0
  0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, // export "f": func 0
  0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b, // code: no locals, end
]);

const DEFAULT_OUT = fileURLToPath(new URL("../../results/dispatch-stats.json", import.meta.url));

/**
 * Opcodes that are not the 1:1 translation of a Wasm instruction (no `wasm` in OP_INFO) and yet stand for
 * one Wasm instruction, not a fusion of several: control, moves, bulk memory, tables, references,
 * other memories than memory 0, SIMD. (The immediate forms, `I32AddImm` and such, are found in OP_INFO.)
 */
const SINGLE_OPS: ReadonlySet<OpName> = new Set<OpName>([
  "Trap", "Br", "BrIfNez", "BrIfEqz", "BrTable", "Return", "ReturnReg",
  "Call", "CallFunc", "CallIndirect", "ReturnCall", "ReturnCallFunc", "ReturnCallIndirect", "ConsumeFuel",
  "Copy", "Select", "GlobalGet", "GlobalSet", "Copy128", "Select128", "GlobalGet128", "GlobalSet128",
  "MemorySize", "MemoryGrow", "MemoryInit", "DataDrop", "MemoryCopy", "MemoryFill", "LoadMem", "StoreMem",
  "TableGet", "TableSet", "TableSize", "TableGrow", "TableFill", "TableCopy", "TableInit", "ElemDrop",
  "RefIsNull", "RefFunc", "GlobalGetRef", "GlobalSetRef", "Simd", "SimdShuffle", "SimdMem",
]);
const IMMEDIATE_FORMS: ReadonlySet<string> = new Set(
  Object.values(OP_INFO).flatMap((info) => [info.imm, info.immFirst]).filter((name) => name !== undefined),
);
const OP_NAMES = Object.keys(OP_INFO) as OpName[];
const FUSED_OPS = OP_NAMES.filter((name) => OP_INFO[name].wasm === undefined && !IMMEDIATE_FORMS.has(name) && !SINGLE_OPS.has(name));

interface Options {
  size: Size | "tiny";
  workloads: Workload[];
  top: number;
  out: string | null;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== "--"), // pnpm passes its "--" on
    options: { only: { type: "string" }, size: { type: "string", default: "quick" }, top: { type: "string", default: "20" }, out: { type: "string" } },
  });
  const size = values.size as Options["size"];
  if (!["tiny", "quick", "full"].includes(size)) throw new Error(`--size must be tiny, quick or full, not "${size}"`);
  const only = values.only?.split(",");
  for (const name of only ?? []) if (!WORKLOADS.some((w) => w.name === name)) throw new Error(`unknown workload "${name}"`);
  const top = Number(values.top);
  if (!(top >= 1)) throw new Error("--top must be at least 1");
  return {
    size,
    workloads: only ? WORKLOADS.filter((w) => only.includes(w.name)) : WORKLOADS,
    top,
    out: values.out === "-" ? null : resolve(values.out ?? DEFAULT_OUT),
  };
}

/**
 * One workload's dispatches: counts by op name and by pair ("A -> B": B dispatched right after A), and of
 * those pairs the adjacent ones (B is the instruction after A in the code: A fell through).
 */
interface WorkloadCounts {
  name: string;
  /** Instructions executed (dispatches). */
  total: number;
  result: string;
  /** The run's result is the manifest's (not checked at the tiny size). */
  resultOk: boolean | null;
  ops: Record<string, number>;
  pairs: Record<string, number>;
  adjacentPairs: Record<string, number>;
}

/** An op or pair over the suite: every workload weighs the same. */
interface SuiteEntry {
  name: string;
  /** Mean over the workloads of its share of their instructions (0 where it does not run). */
  meanShare: number;
  maxShare: number;
  maxWorkload: string;
  /** Workloads where its share is at least COMMON_SHARE, and NOTABLE_SHARE. */
  commonIn: number;
  notableIn: number;
}

/** A pair over the suite, and the part of its mean share where its instructions are adjacent. */
interface SuitePair extends SuiteEntry {
  meanAdjacentShare: number;
}

interface FusedEntry {
  name: string;
  meanShare: number;
  /** Workloads where its share is at least NOTABLE_SHARE, with that share. */
  paysIn: Record<string, number>;
  /** Workloads where it runs at all. */
  runsIn: number;
}

const pairName = (prev: string, op: string): string => `${prev} -> ${op}`;

/** Non-zero counts, largest first. */
function countsByName(values: Float64Array, nameOf: (index: number) => string): Record<string, number> {
  const entries: [string, number][] = [];
  values.forEach((count, index) => {
    if (count > 0) entries.push([nameOf(index), count]);
  });
  return Object.fromEntries(entries.sort((a, b) => b[1] - a[1]));
}

async function countWorkload(workload: Workload, size: Options["size"], counter: DispatchCounter): Promise<WorkloadCounts> {
  const args = workload.args[size];
  workload.prepare?.(args);
  const { run } = await prepareWorkload(runner, workload);
  counter.reset();
  const result = formatValue(await run(args));
  const total = counter.ops.reduce((sum, n) => sum + n, 0);
  const opCount = counter.ops.length;
  const pairNameOf = (index: number) => pairName(Op[Math.floor(index / opCount)], Op[index % opCount]);
  return {
    name: workload.name,
    total,
    result,
    resultOk: size === "tiny" ? null : result === formatValue(workload.expected[size]),
    ops: countsByName(counter.ops, (op) => Op[op]),
    pairs: countsByName(counter.pairs, pairNameOf),
    adjacentPairs: countsByName(counter.adjacentPairs, pairNameOf),
  };
}

/** Each name's mean, max and common-ness of share over the workloads, largest mean first. */
function suiteEntries(workloads: WorkloadCounts[], countsOf: (w: WorkloadCounts) => Record<string, number>): SuiteEntry[] {
  const entries = new Map<string, SuiteEntry>();
  for (const w of workloads) {
    for (const [name, count] of Object.entries(countsOf(w))) {
      const share = count / w.total;
      let entry = entries.get(name);
      if (!entry) entries.set(name, (entry = { name, meanShare: 0, maxShare: 0, maxWorkload: "", commonIn: 0, notableIn: 0 }));
      entry.meanShare += share / workloads.length;
      if (share > entry.maxShare) {
        entry.maxShare = share;
        entry.maxWorkload = w.name;
      }
      if (share >= COMMON_SHARE) entry.commonIn++;
      if (share >= NOTABLE_SHARE) entry.notableIn++;
    }
  }
  return [...entries.values()].sort((a, b) => b.meanShare - a.meanShare);
}

function suitePairs(workloads: WorkloadCounts[]): SuitePair[] {
  const adjacent = new Map(suiteEntries(workloads, (w) => w.adjacentPairs).map((e) => [e.name, e.meanShare]));
  return suiteEntries(workloads, (w) => w.pairs).map((e) => ({ ...e, meanAdjacentShare: adjacent.get(e.name) ?? 0 }));
}

function fusedEntries(workloads: WorkloadCounts[]): FusedEntry[] {
  return FUSED_OPS.map((name) => {
    const shares = workloads.map((w) => [w.name, (w.ops[name] ?? 0) / w.total] as const);
    return {
      name,
      meanShare: shares.reduce((sum, [, share]) => sum + share, 0) / workloads.length,
      paysIn: Object.fromEntries(shares.filter(([, share]) => share >= NOTABLE_SHARE)),
      runsIn: shares.filter(([, share]) => share > 0).length,
    };
  }).sort((a, b) => b.meanShare - a.meanShare || a.name.localeCompare(b.name));
}

const percent = (share: number): string => `${(share * 100).toFixed(2)}%`.padStart(7);

function printWorkload(w: WorkloadCounts, top: number): void {
  const check = w.resultOk === false ? "  RESULT MISMATCH" : "";
  console.log(`\n== ${w.name}: ${w.total.toLocaleString("en-US")} instructions (result ${w.result})${check}`);
  console.log("    share  op");
  for (const [name, count] of Object.entries(w.ops).slice(0, top)) console.log(`  ${percent(count / w.total)}  ${name}`);
  console.log("    share  adjacent  pair");
  for (const [name, count] of Object.entries(w.pairs).slice(0, top)) {
    console.log(`  ${percent(count / w.total)}   ${percent((w.adjacentPairs[name] ?? 0) / w.total)}  ${name}`);
  }
}

function printSuite(heading: string, kind: "op" | "pair", entries: readonly (SuiteEntry & { meanAdjacentShare?: number })[], top: number): void {
  console.log(`\n== ${heading}`);
  if (entries.length === 0) return console.log("  (none)");
  console.log(`     mean${kind === "pair" ? " adjacent" : ""}      max  ≥1% in  ≥.5% in  ${kind}  (max in)`);
  for (const e of entries.slice(0, top)) {
    const adjacent = e.meanAdjacentShare === undefined ? "" : `  ${percent(e.meanAdjacentShare)}`;
    console.log(`  ${percent(e.meanShare)}${adjacent}  ${percent(e.maxShare)}  ${String(e.commonIn).padStart(6)}  ${String(e.notableIn).padStart(7)}  ${e.name}  (${e.maxWorkload})`);
  }
}

function printFused(entries: FusedEntry[], workloadCount: number): void {
  console.log(`\n== fused instructions: mean share over ${workloadCount} workloads; workloads where ≥${NOTABLE_SHARE * 100}%`);
  for (const e of entries) {
    const pays = Object.entries(e.paysIn).map(([name, share]) => `${name} ${(share * 100).toFixed(2)}%`);
    const where = pays.length > 0 ? pays.join(", ") : e.runsIn > 0 ? `(runs in ${e.runsIn}, below ${NOTABLE_SHARE * 100}% in each)` : "(never runs)";
    console.log(`  ${percent(e.meanShare)}  ${e.name.padEnd(26)} ${where}`);
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const unavailable = await runner.load();
  if (unavailable !== null) throw new Error(`wasmi-ts is not available: ${unavailable}`);
  const counter = installCounter(OP_NAMES.map((_, op) => OP_INFO[Op[op] as OpName].operands));
  // The engine may run code of its own before its first execution (loop-training.ts runs every opcode
  // once to train the JIT): an execution now keeps it out of the first workload's counts.
  runner.instantiate(EMPTY_MODULE).func("f")();
  // that execution's own dispatches show that the interpreter is instrumented
  if (!counter.ops.some((n) => n > 0)) {
    throw new Error(
      "no instruction was counted: the interpreter is not instrumented. Run with " +
        "`node --conditions=@wasmi-ts/source --import tsx --import ./src/dispatch-stats/register.ts` (see the top of main.ts)",
    );
  }

  const workloads: WorkloadCounts[] = [];
  const failed: Record<string, string> = {};
  /** Workloads whose every instruction ran in the JavaScript tier: nothing interpreted to count. */
  const tierOnly: string[] = [];
  for (const workload of options.workloads) {
    let counts: WorkloadCounts;
    try {
      counts = await countWorkload(workload, options.size, counter);
    } catch (error) {
      failed[workload.name] = error instanceof Error ? error.message : String(error);
      console.error(`\n== ${workload.name}: FAILED: ${failed[workload.name]}`);
      continue;
    }
    if (counts.total === 0) {
      tierOnly.push(workload.name);
      console.log(`\n== ${workload.name}: no instruction interpreted (all of it ran in the JavaScript tier); left out of the suite's tables`);
      continue;
    }
    workloads.push(counts);
    printWorkload(counts, options.top);
  }
  if (workloads.length === 0) throw new Error("no workload ran");

  const ops = suiteEntries(workloads, (w) => w.ops);
  const pairs = suitePairs(workloads);
  const fused = fusedEntries(workloads);
  const over = `by mean share over ${workloads.length} workloads`;
  printSuite(`suite: top ops ${over}`, "op", ops, options.top);
  printSuite(`suite: top pairs ${over}`, "pair", pairs, options.top);
  // the pairs that more than one workload would gain from fusing
  const shared = pairs.filter((e) => e.notableIn >= 2);
  printSuite(`suite: top pairs at ≥${NOTABLE_SHARE * 100}% in 2 or more workloads, ${over}`, "pair", shared, options.top);
  printFused(fused, workloads.length);
  const mismatches = workloads.filter((w) => w.resultOk === false);
  for (const w of mismatches) console.error(`error: ${w.name} gave ${w.result}, not the expected result`);
  // the statistics are still written, but a failed or wrong workload must not go unnoticed
  if (mismatches.length > 0 || Object.keys(failed).length > 0) process.exitCode = 1;

  if (options.out !== null) {
    const report = { date: new Date().toISOString(), size: options.size, failed, tierOnly, workloads, suite: { ops, pairs, fused } };
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileSync(options.out, `${JSON.stringify(report, null, 1)}\n`);
    console.log(`\nwritten: ${options.out}`);
  }
}

await main();
