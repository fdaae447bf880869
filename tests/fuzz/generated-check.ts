// The check of one binaryen-generated module: both engines compile it, and run it alike.

import { Engine } from "@wasmi-ts/host";
import { compiledText, compileOnV8, compileOnWasmi } from "./compile.js";
import { count, type Counters } from "./counters.js";
import { runOnBoth, type Progress } from "./differential.js";

/** wasmi-ts as embedders get it: default configuration and features. */
const engine = new Engine();

export function checkGenerated(bytes: Uint8Array, planSeed: number, progress: Progress, counters: Counters): string | null {
  count(counters, "modules generated");
  const ours = compileOnWasmi(engine, bytes);
  const v8 = compileOnV8(bytes);
  if (ours.ok && v8.ok) {
    count(counters, "modules compiled by both engines");
    return runOnBoth({ bytes, v8: v8.module, engine, wasmi: ours.module }, planSeed, progress, counters);
  }
  if (!ours.ok && !v8.ok && "rejected" in ours) {
    count(counters, "modules rejected by both engines");
    return null;
  }
  return `compiling: V8 ${compiledText(v8)}, wasmi-ts ${compiledText(ours)}`;
}
