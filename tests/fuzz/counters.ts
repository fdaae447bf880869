// The totals a fuzz run prints: one counter per event, summed over all cases.

export const COUNTER_NAMES = [
  "modules generated",
  "modules compiled by both engines",
  "modules rejected by both engines",
  "calls compared",
  "calls agreed",
  "calls agreed on a trap",
  "calls skipped: v128 in the export's type",
  "mutants",
  "mutants rejected by both engines (typed CompileError)",
  "mutants valid only with wasmi-ts's default features (multi-memory, which V8 lacks)",
  "mutants valid on V8 through a proposal it ships and wasmi-ts lacks",
  "mutants valid on both engines",
  "runs compared up to a stack limit difference",
  "timeouts: V8 did not finish",
  "timeouts: wasmi-ts too slow for the time budget",
  "disagreements gone with binaryen's --denan (NaN payloads, which the spec leaves open)",
  "disagreements",
  "disagreements listed as known failures",
] as const;

export type CounterName = (typeof COUNTER_NAMES)[number];
export type Counters = Partial<Record<CounterName, number>>;

export function count(counters: Counters, name: CounterName, n = 1): void {
  counters[name] = (counters[name] ?? 0) + n;
}

export function addCounters(into: Counters, from: Counters): void {
  for (const name of COUNTER_NAMES) if (from[name] !== undefined) count(into, name, from[name]);
}

export function formatCounters(counters: Counters): string {
  const width = Math.max(...COUNTER_NAMES.map((n) => n.length));
  return COUNTER_NAMES.map((name) => `  ${name.padEnd(width)}  ${counters[name] ?? 0}`).join("\n");
}
