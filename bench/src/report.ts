// The results table (stdout) and the results file. Each runner's times are compared with the baseline
// (native, else polywasm), except the variants of wasmi-ts, whose times are compared with plain wasmi-ts's
// (the cost of their feature; each has a line after the table, and a key in the results file).
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatValue, GROUPS, LARGE_MODULE, loadWasm, WORKLOADS, type Workload } from "./manifest.js";
import type { Measurement } from "./measure.js";
import type { BenchOptions } from "./options.js";
import type { FirstCall, RunnerOutcome } from "./run-runner.js";
import { isWasmiTsVariant, WASMI_TS_VARIANTS, type WasmiTsVariant } from "./runners/index.js";
import { COMPILE_CODE_BYTES } from "./large-module.js";
import { sectionSize, type StartupStats } from "./startup-stats.js";

/** The runner the others are compared with: native, else (under --jitless) polywasm. */
function baseline(outcomes: RunnerOutcome[]): RunnerOutcome | undefined {
  const usable = outcomes.filter((o) => !o.unavailable);
  return usable.find((o) => o.runner === "native") ?? usable.find((o) => o.runner === "polywasm");
}

/** Per variant of wasmi-ts: its ratio column, what it measures (the line after the table), its key in the results file. */
const VARIANTS: Record<WasmiTsVariant, { column: string; feature: string; key: string }> = {
  "wasmi-ts-fuel": { column: "fuel/wasmi-ts", feature: "fuel metering", key: "fuelOverhead" },
  "wasmi-ts-deadline": { column: "deadline/wasmi-ts", feature: "deadline set", key: "deadlineOverhead" },
};

/**
 * A ratio column: the times of `of` over those of `to`; `key` names it in the results file. `fastest`:
 * compare the fastest timed calls instead of the medians, for a variant of wasmi-ts over wasmi-ts. Both
 * run the same interpreter, so what separates them is the feature's cost; a slow spell of the machine only
 * adds time, and the fastest calls are those it spared.
 */
interface Comparison {
  of: RunnerOutcome;
  to: RunnerOutcome;
  header: string;
  key: string;
  fastest: boolean;
}

/** The ratio columns: each runner over the baseline, a variant of wasmi-ts over wasmi-ts when it ran. */
function comparisons(outcomes: RunnerOutcome[], base: RunnerOutcome | undefined): Comparison[] {
  const plain = outcomes.find((o) => o.runner === "wasmi-ts");
  return outcomes.flatMap((of) => {
    const variant = isWasmiTsVariant(of.runner) && plain ? VARIANTS[of.runner] : null;
    const to = variant ? plain! : base;
    if (!to || to === of) return [];
    const key = `${of.runner}/${to.runner}`;
    return [{ of, to, header: variant?.column ?? key, key, fastest: variant !== null }];
  });
}

function cell(outcome: RunnerOutcome, m: Measurement | undefined): string {
  if (outcome.unavailable) return "n/a";
  if (!m) return "-";
  switch (m.status) {
    case "ok":
      return `${m.medianMs! < 10 ? m.medianMs!.toFixed(2) : m.medianMs!.toFixed(1)}${m.warmupOnly ? "*" : ""}`;
    case "timeout":
      return `>${m.atLeastMs!.toFixed(0)}`;
    case "mismatch":
      return "MISMATCH";
    case "skipped":
      return "skip";
    default:
      return "error";
  }
}

/** A measurement's median time, or its fastest call's. */
function timeOf(m: Measurement, fastest: boolean): number {
  return fastest && m.samplesMs && m.samplesMs.length > 0 ? Math.min(...m.samplesMs) : m.medianMs!;
}

/** a / b, or a lower bound ">x" when a timed out; null when either has no time. */
function ratio(a: Measurement | undefined, b: Measurement | undefined, fastest = false): { value: number; atLeast: boolean } | null {
  if (b?.status !== "ok" || !(b.medianMs! > 0)) return null;
  if (a?.status === "ok") return { value: timeOf(a, fastest) / timeOf(b, fastest), atLeast: false };
  if (a?.status === "timeout") return { value: a.atLeastMs! / timeOf(b, fastest), atLeast: true };
  return null;
}

function exactRatio(a: Measurement | null | undefined, b: Measurement | null | undefined, fastest = false): number | null {
  const r = ratio(a ?? undefined, b ?? undefined, fastest);
  return r && !r.atLeast ? r.value : null;
}

function formatRatio(r: ReturnType<typeof ratio>): string {
  return r ? `${r.atLeast ? ">" : ""}${r.value < 10 ? r.value.toFixed(2) : r.value.toFixed(0)}` : "-";
}

function moduleBytes(workload: string): number {
  return loadWasm([LARGE_MODULE, ...WORKLOADS].find((w) => w.name === workload)!).length;
}

function codeBytes(workload: string): number {
  return sectionSize(loadWasm([LARGE_MODULE, ...WORKLOADS].find((w) => w.name === workload)!), 10);
}

const find = (o: RunnerOutcome, w: Workload) => o.results.find((r) => r.workload === w.name);

/** Geometric mean of the exact ratios `of` / `to` over the workloads that have one (`n` of them), or null if none has. */
function geomeanRatio(workloads: Workload[], of: RunnerOutcome, to: RunnerOutcome, fastest = false): { geomean: number; n: number } | null {
  const ratios = workloads.map((w) => exactRatio(find(of, w), find(to, w), fastest)).filter((r): r is number => r !== null);
  if (ratios.length === 0) return null;
  return { geomean: Math.exp(ratios.reduce((sum, r) => sum + Math.log(r), 0) / ratios.length), n: ratios.length };
}

/** A column's geomean, for the table's last row: null unless every workload has a ratio. */
function columnGeomean(workloads: Workload[], c: Comparison): number | null {
  const mean = geomeanRatio(workloads, c.of, c.to, c.fastest);
  return mean && mean.n === workloads.length ? mean.geomean : null;
}

/** What a variant of wasmi-ts costs: the geomean of its fastest calls over plain wasmi-ts's, or null. */
function overhead(workloads: Workload[], outcomes: RunnerOutcome[], variant: WasmiTsVariant): { geomean: number; n: number } | null {
  const plain = outcomes.find((o) => o.runner === "wasmi-ts");
  const of = outcomes.find((o) => o.runner === variant);
  return plain && of ? geomeanRatio(workloads, of, plain, true) : null;
}

/** Cold-process results by label: each runner's, then wasmi-ts's with lazy validation. */
function byLabel(outcomes: RunnerOutcome[], kind: "firstCall" | "compile"): [string, FirstCall][] {
  const list: [string, FirstCall][] = [];
  for (const o of outcomes) {
    const plain = o[kind];
    const lazy = o[`${kind}LazyValidation`];
    if (plain) list.push([o.runner, plain]);
    if (lazy) list.push([`${o.runner} (lazy validation)`, lazy]);
  }
  return list;
}

/** The times to first call by label. */
const firstCalls = (outcomes: RunnerOutcome[]) => byLabel(outcomes, "firstCall");

/** The compile times of the 4 MiB module by label. */
const compileTimes = (outcomes: RunnerOutcome[]) => byLabel(outcomes, "compile");

/** The first-call results of the runners, when they do not all agree (each must compute the same). */
function firstCallDisagreement(outcomes: RunnerOutcome[]): string | null {
  const results = firstCalls(outcomes).filter(([, f]) => f.value !== undefined);
  const distinct = new Set(results.map(([, f]) => f.value));
  return distinct.size > 1 ? results.map(([label, f]) => `${label} ${f.value}`).join(", ") : null;
}

const mbps = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));

function startupTable(modules: StartupStats[]): string {
  const header = [
    "module", "code bytes", "funcs", "decode MB/s", "validate MB/s", "compile MB/s", "translate MB/s", "bytecode bytes",
    "bytecode/code",
  ];
  const rows = modules.map((m) => [
    m.module,
    String(m.codeBytes),
    String(m.functions),
    `${mbps(m.decode.mbPerS)} (${m.decode.firstMs.toFixed(1)} ms)`,
    `${mbps(m.validate.mbPerS)} (${m.validate.firstMs.toFixed(1)} ms)`,
    `${mbps(m.compile.mbPerS)} (${m.compile.firstMs.toFixed(1)} ms)`,
    `${mbps(m.translate.mbPerS)} (${m.translate.firstMs.toFixed(1)} ms)`,
    String(m.bytecodeBytes),
    `${m.bytecodePerCodeByte.toFixed(2)}x`,
  ]);
  return table([header, ...rows]);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

/** The table's geomean rows: one per group with workloads, then all of them (when there is more than one group). */
function geomeanRows(workloads: Workload[]): [string, Workload[]][] {
  const groups = GROUPS.map((g) => [g, workloads.filter((w) => w.group === g)] as const).filter(([, ws]) => ws.length > 0);
  const rows: [string, Workload[]][] = groups.map(([g, ws]) => [`geomean ${g} (${ws.length})`, ws]);
  return groups.length > 1 ? [...rows, [`geomean, all (${workloads.length})`, workloads]] : [["geomean", workloads]];
}

/** wasmi-ts's first-call and deoptimization figures per workload (plain wasmi-ts only): a table with its header. */
function warmUpRows(workloads: Workload[], outcomes: RunnerOutcome[]): string[][] {
  const plain = outcomes.find((o) => o.runner === "wasmi-ts" && !o.unavailable);
  if (!plain) return [];
  const rows = workloads.flatMap((w) => {
    const m = find(plain, w);
    if (m?.status !== "ok" || m.firstCallMs === undefined) return [];
    // with the first call only, there is no steady state to compare it with
    return [[
      w.name,
      m.firstCallMs.toFixed(1),
      m.warmupOnly ? "*" : m.medianMs!.toFixed(1),
      m.warmupOnly ? "-" : (m.firstCallMs / m.medianMs!).toFixed(2),
      m.loopDeopts ? m.loopDeopts.join(", ") : "-",
    ]];
  });
  return [["workload", "first call ms", "steady ms", "first/steady", "loop deopts"], ...rows];
}

export function printReport(options: BenchOptions, workloads: Workload[], outcomes: RunnerOutcome[]): void {
  const columns = comparisons(outcomes, baseline(outcomes));
  const header = ["workload (ms)", ...outcomes.map((o) => o.runner), ...columns.map((c) => c.header)];
  const rows = workloads.map((w) => [
    w.name,
    ...outcomes.map((o) => cell(o, find(o, w))),
    ...columns.map((c) => formatRatio(ratio(find(c.of, w), find(c.to, w), c.fastest))),
  ]);
  if (columns.length > 0) {
    for (const [label, members] of geomeanRows(workloads)) {
      // over the workloads with a ratio; "(n)" when some have none (an error, a skip, a lower bound)
      const cells = columns.map((c) => {
        const mean = geomeanRatio(members, c.of, c.to, c.fastest);
        if (mean === null) return "-";
        const text = formatRatio({ value: mean.geomean, atLeast: false });
        return mean.n === members.length ? text : `${text} (${mean.n})`;
      });
      rows.push([label, ...outcomes.map(() => ""), ...cells]);
    }
  }
  const mode = `${options.size} sizes${options.jitless ? ", node --jitless" : ""}`;
  console.log(`\nwasmi-ts bench (${mode}; median of up to ${options.runs} runs after a first call and a preheat)`);
  if (options.jitless) {
    console.log("node --jitless: no native WebAssembly and no JIT for JS; wasmi-ts is compared with polywasm (ratio > 1: slower)");
  }
  const load = loadavg()[0]!;
  if (load > cpus().length) console.log(`note: the machine is busy (load average ${load.toFixed(1)} on ${cpus().length} cores): times are noisy`);
  console.log();
  console.log(table([header, ...rows]));
  console.log("* the first call only (no time for more); >N: no result within N ms; skip: cannot run this protocol");
  const warmUp = warmUpRows(workloads, outcomes);
  if (warmUp.length > 1) {
    console.log("\nwasmi-ts warm-up: the first full call of a fresh process (median of the passes) over the steady-state median,");
    console.log("and how often V8 deoptimized the interpreter loop in each measuring process (--trace-deopt)");
    console.log(table(warmUp));
  }
  for (const variant of WASMI_TS_VARIANTS) {
    const cost = overhead(workloads, outcomes, variant);
    if (!cost) continue;
    const pct = `${cost.geomean >= 1 ? "+" : ""}${((cost.geomean - 1) * 100).toFixed(1)}%`;
    console.log(`${VARIANTS[variant].feature} (${variant} / wasmi-ts, fastest calls, ${cost.n} workloads): geomean ${cost.geomean.toFixed(3)} (${pct})`);
  }

  const notes: string[] = [];
  for (const o of outcomes) {
    if (o.unavailable) notes.push(`${o.runner}: not available: ${o.unavailable}`);
    for (const m of o.results) {
      if (m.status === "mismatch") notes.push(`${o.runner} ${m.workload}: MISMATCH: got ${m.value}, expected ${m.expected}`);
      if (m.status === "error") notes.push(`${o.runner} ${m.workload}: error: ${m.error}`);
      if (m.status === "skipped") notes.push(`${o.runner} ${m.workload}: skipped: ${m.error}`);
      if (m.ranOn) notes.push(`${o.runner} ${m.workload}: ran on ${m.ranOn}`);
    }
  }
  const ttfc = firstCalls(outcomes);
  for (const [label, f] of ttfc) if (f.error) notes.push(`${label} time to first call: ${f.error}`);
  if (ttfc.length > 0) {
    const w = ttfc[0]![1].workload;
    const list = ttfc.map(([label, { ms, samplesMs }]) => {
      if (ms === undefined) return `${label} n/a`;
      return `${label} ${ms.toFixed(1)} ms${samplesMs && samplesMs.length > 1 ? ` (${samplesMs.map((x) => x.toFixed(1)).join(", ")})` : ""}`;
    });
    console.log(
      `\ntime to first call (compile + instantiate + first call; median of 3 cold processes), ${w}: ${moduleBytes(w)} bytes, ${codeBytes(w)} bytes of code`,
    );
    console.log(`  ${list.join(", ")}`);
    const disagreement = firstCallDisagreement(outcomes);
    if (disagreement) notes.push(`time to first call: the runners' results differ: ${disagreement}`);
  }
  const compiles = compileTimes(outcomes);
  if (compiles.length > 0) {
    const base = compiles.find(([label]) => label === "native")?.[1].ms;
    const list = compiles.map(([label, { ms, error }]) => {
      if (ms === undefined) return `${label} n/a${error ? ` (${error})` : ""}`;
      return `${label} ${ms.toFixed(1)} ms${base && label !== "native" ? ` (${(ms / base).toFixed(2)}x)` : ""}`;
    });
    console.log(`\ncompile a generated module with 4 MiB of code (new Module; median of 3 cold processes): ${list.join(", ")}`);
  }
  const startup = outcomes.find((o) => o.startup)?.startup;
  if (startup) {
    console.log("\nwasmi-ts start-up per module: MB/s of Wasm code section (10^6 bytes/s, median of the later runs; the first,");
    console.log("cold run in parentheses). compile = compileModule (decoding and validation in one pass over the code, as an");
    console.log("engine does; lazy translation); translate = every function; bytecode = all translated code vs the code section");
    if (startup.modules.length > 0) console.log(startupTable(startup.modules));
    if (startup.error) notes.push(`wasmi-ts start-up statistics: ${startup.error}`);
  }
  if (outcomes.some((o) => o.runner === "wasm-interp" && !o.unavailable)) {
    console.log("wasm-interp: one process per call; its start-up (empty entry on the same module) is subtracted");
  }
  if (notes.length > 0) console.log(`\n${notes.join("\n")}`);
}

export function writeResults(
  file: string, options: BenchOptions, workloads: Workload[], outcomes: RunnerOutcome[], extra: Record<string, unknown> = {},
): void {
  const base = baseline(outcomes);
  const columns = comparisons(outcomes, base);
  const ttfc = firstCalls(outcomes);
  const firstCall = ttfc[0]?.[1].workload;
  const json = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: `${cpus()[0]?.model ?? "?"} x${cpus().length}`,
    loadAverage: loadavg()[0],
    mode: { size: options.size, jitless: options.jitless, runs: options.runs, budgetMs: options.budgetMs },
    runners: Object.fromEntries(outcomes.map((o) => [o.runner, o.unavailable ? { available: false, reason: o.unavailable } : { available: true }])),
    baseline: base?.runner ?? null,
    workloads: workloads.map((w) => {
      const results = Object.fromEntries(outcomes.map((o) => [o.runner, find(o, w) ?? null]));
      // each runner over the baseline, a variant of wasmi-ts over wasmi-ts ("wasmi-ts-fuel/wasmi-ts")
      const ratios = Object.fromEntries(columns.map((c) => [c.key, exactRatio(find(c.of, w), find(c.to, w), c.fastest)]));
      return {
        name: w.name,
        group: w.group,
        description: w.description,
        args: w.args[options.size].map(formatValue),
        expected: formatValue(w.expected[options.size]),
        ms: Object.fromEntries(outcomes.map((o) => [o.runner, results[o.runner]?.medianMs ?? null])),
        ratios,
        results,
      };
    }),
    // fuelOverhead, deadlineOverhead: the geomean of the variant's times over wasmi-ts's
    ...Object.fromEntries(WASMI_TS_VARIANTS.map((v) => [VARIANTS[v].key, overhead(workloads, outcomes, v)?.geomean ?? null])),
    geomean: Object.fromEntries(columns.map((c) => [c.key, columnGeomean(workloads, c)])),
    // the same over the workloads that have the ratio, and how many they are
    geomeanOfAvailable: Object.fromEntries(columns.map((c) => [c.key, geomeanRatio(workloads, c.of, c.to, c.fastest)])),
    // per group of workloads (manifest.ts GROUPS), the same ratios' geomeans
    geomeanByGroup: Object.fromEntries(GROUPS.map((g) => {
      const members = workloads.filter((w) => w.group === g);
      return [g, members.length === 0 ? null : Object.fromEntries(columns.map((c) => [c.key, columnGeomean(members, c)]))];
    })),
    timeToFirstCall: firstCall
      ? {
          workload: firstCall,
          bytes: moduleBytes(firstCall),
          codeBytes: codeBytes(firstCall),
          // median of three cold processes, and each of them
          // by runner, and "wasmi-ts (lazy validation)": new Engine({ lazyValidation: true })
          ms: Object.fromEntries(ttfc.map(([label, f]) => [label, f.ms ?? null])),
          samplesMs: Object.fromEntries(ttfc.map(([label, f]) => [label, f.samplesMs ?? []])),
          values: Object.fromEntries(ttfc.map(([label, f]) => [label, f.value ?? null])),
          errors: Object.fromEntries(ttfc.filter(([, f]) => f.error).map(([label, f]) => [label, f.error])),
        }
      : null,
    // new Module of a generated module with 4 MiB of code, in cold processes: median and samples by label
    compileLargeModule: {
      codeBytes: COMPILE_CODE_BYTES,
      ms: Object.fromEntries(compileTimes(outcomes).map(([label, c]) => [label, c.ms ?? null])),
      samplesMs: Object.fromEntries(compileTimes(outcomes).map(([label, c]) => [label, c.samplesMs ?? []])),
    },
    // wasmi-ts: decode / validate / translate speed (MB/s of code section) and bytecode size per module.
    startup: outcomes.find((o) => o.startup)?.startup ?? null,
    // hostCalls: microseconds per sync host call, per async round trip and per Wasm -> host -> Wasm round
    // trip, nanoseconds per Store.fromPruned (host-calls.ts); bundles: ESM bundle sizes (bundle-size.ts)
    ...extra,
  };
  const benchDir = fileURLToPath(new URL("..", import.meta.url));
  const path = resolve(benchDir, file); // relative paths are relative to bench/
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\nresults written to ${relative(resolve(benchDir, ".."), path)}`);
}
