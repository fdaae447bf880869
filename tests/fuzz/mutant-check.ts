// The check of one mutant: wasmi-ts rejects it with a typed CompileError or compiles it; it agrees with V8
// on whether it is valid (with the same features); and when valid, both engines run it alike.

import { Engine } from "@wasmi-ts/host";
import { compiledText, compileOnV8, compileOnWasmi } from "./compile.js";
import { count, type Counters } from "./counters.js";
import { runOnBoth, type Progress } from "./differential.js";
import { COMPARED_FEATURES } from "./features.js";
import { v8OnlyProposal } from "./v8-only-proposals.js";

// Eager translation, so that every function body of a valid mutant goes through the translator.
const defaultEngine = new Engine({ lazyTranslation: false });
const comparedEngine = new Engine({ lazyTranslation: false, features: COMPARED_FEATURES });

export function checkMutant(bytes: Uint8Array, planSeed: number, progress: Progress, counters: Counters): string | null {
  count(counters, "mutants");
  const full = compileOnWasmi(defaultEngine, bytes);
  if ("threw" in full) return `compiling with default features, wasmi-ts threw instead of CompileError: ${full.threw}`;
  const ours = compileOnWasmi(comparedEngine, bytes);
  if ("threw" in ours) return `compiling, wasmi-ts threw instead of CompileError: ${ours.threw}`;
  const v8 = compileOnV8(bytes);
  if (ours.ok && v8.ok) {
    count(counters, "mutants valid on both engines");
    return runOnBoth({ bytes, v8: v8.module, engine: comparedEngine, wasmi: ours.module }, planSeed, progress, counters);
  }
  if (!ours.ok && !v8.ok) {
    count(counters, full.ok ? "mutants valid only with wasmi-ts's default features (multi-memory, which V8 lacks)" : "mutants rejected by both engines (typed CompileError)");
    return null;
  }
  if (!ours.ok && v8.ok && "reason" in ours && v8OnlyProposal(bytes, ours.reason!, ours.offset!) !== null) {
    count(counters, "mutants valid on V8 through a proposal it ships and wasmi-ts lacks");
    return null;
  }
  return `validity: V8 ${compiledText(v8)}, wasmi-ts ${compiledText(ours)}`;
}
