// Compares the two engines' traces of one module, up to the first difference (after it, states diverge).
// Values are compared as JS sees them (NaNs only as NaN, see values.ts), memories byte for byte.

import { describeOutcome, type MemoryRecord, type Outcome, type Trace } from "./trace.js";
import { isV8StackOverflow, trapsAgree } from "./traps.js";

export interface Comparison {
  /** The first difference that is a wasmi-ts bug, or null. */
  disagreement: string | null;
  /**
   * Where a difference in resources, not semantics, ended the comparison: V8's native stack holds fewer
   * frames than wasmi-ts's call depth limit, so deep recursion overflows V8 alone, or both at different
   * depths (after different numbers of host calls and memory writes).
   */
  limit: string | null;
  /** Calls compared, those agreeing, and how many of those trapped. */
  callsCompared: number;
  callsAgreed: number;
  trapsAgreed: number;
}

/** How one step (instantiation or call) compares. */
interface StepVerdict {
  agreed: boolean;
  /** The difference that is a wasmi-ts bug, if any. */
  disagreement: string | null;
  /** The resource limit that ends the comparison here, if any. */
  limit: string | null;
}

export function compareTraces(v8: Trace, wasmi: Trace): Comparison {
  const result: Comparison = { disagreement: null, limit: null, callsCompared: 0, callsAgreed: 0, trapsAgreed: 0 };
  /** Records the verdict; true when the comparison goes on. */
  const goesOn = (verdict: StepVerdict, what: string): boolean => {
    if (verdict.disagreement !== null) result.disagreement = `${what}: ${verdict.disagreement}`;
    if (verdict.limit !== null) result.limit = `${what}: ${verdict.limit}`;
    return verdict.disagreement === null && verdict.limit === null;
  };
  if (!goesOn(compareStep(v8.instantiate, wasmi.instantiate, v8.instantiateLogs, wasmi.instantiateLogs), "instantiation")) {
    return result;
  }
  for (let i = 0; i < v8.calls.length; i++) {
    const [a, b] = [v8.calls[i]!, wasmi.calls[i]!];
    const verdict = compareStep(a.outcome, b.outcome, a.logs, b.logs);
    result.callsCompared++;
    if (verdict.agreed) result.callsAgreed++;
    if (verdict.agreed && a.outcome.kind === "trap") result.trapsAgreed++;
    if (!goesOn(verdict, `call ${i} "${a.name}"`)) return result;
  }
  result.disagreement = compareState(v8, wasmi);
  return result;
}

function compareStep(v8: Outcome, wasmi: Outcome, v8Logs: string[], wasmiLogs: string[]): StepVerdict {
  const v8Overflow = v8.kind === "trap" && isV8StackOverflow(v8.trap);
  const wasmiOverflow = wasmi.kind === "trap" && wasmi.trap === "StackOverflow";
  if (v8Overflow && !wasmiOverflow) {
    return { agreed: false, disagreement: null, limit: `V8 ran out of native stack, wasmi-ts ${describeOutcome(wasmi)}` };
  }
  if (!sameOutcome(v8, wasmi)) {
    return { agreed: false, disagreement: `V8 ${describeOutcome(v8)}, wasmi-ts ${describeOutcome(wasmi)}`, limit: null };
  }
  // When both overflowed, their host calls agree as far as the shallower one got.
  const logs = compareLogs(v8Logs, wasmiLogs, v8Overflow);
  if (logs !== null) return { agreed: false, disagreement: logs, limit: null };
  return { agreed: true, disagreement: null, limit: v8Overflow ? "both ran out of stack, at depths of their own" : null };
}

function sameOutcome(v8: Outcome, wasmi: Outcome): boolean {
  if (v8.kind === "error" || wasmi.kind === "error") return false; // neither engine should throw anything else
  if (v8.kind === "trap" && wasmi.kind === "trap") return trapsAgree(v8.trap, wasmi.trap);
  return JSON.stringify(v8) === JSON.stringify(wasmi);
}

function compareLogs(a: string[], b: string[], prefixOnly: boolean): string | null {
  const n = prefixOnly ? Math.min(a.length, b.length) : Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return `host call ${i} differs: V8 ${a[i] ?? "(none)"}, wasmi-ts ${b[i] ?? "(none)"}`;
  }
  return null;
}

function compareState(v8: Trace, wasmi: Trace): string | null {
  for (let i = 0; i < v8.memories.length; i++) {
    const diff = compareMemory(v8.memories[i]!, wasmi.memories[i]!);
    if (diff !== null) return `memory "${v8.memories[i]!.name}" after the calls: ${diff}`;
  }
  for (let i = 0; i < v8.globals.length; i++) {
    const [a, b] = [v8.globals[i]!, wasmi.globals[i]!];
    if (a.value !== b.value) return `global "${a.name}" after the calls: V8 ${a.value}, wasmi-ts ${b.value}`;
  }
  return null;
}

function compareMemory(a: MemoryRecord, b: MemoryRecord): string | null {
  if (a.pages !== b.pages) return `V8 has ${a.pages} pages, wasmi-ts ${b.pages}`;
  if (a.bytes === null || b.bytes === null) return null;
  const at = firstDifference(a.bytes, b.bytes);
  return at < 0 ? null : `byte ${at} differs: V8 ${a.bytes[at]}, wasmi-ts ${b.bytes[at]}`;
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength))) return -1;
  let i = 0;
  while (a[i] === b[i]) i++;
  return i;
}
