// A fuzz worker thread: checks the cases of each task it gets and reports progress, so that the pool can
// stop it when a run does not end (see pool.ts). Started through worker-entry.mjs.

import { parentPort } from "node:worker_threads";
import { generateModule } from "./binaryen.js";
import { denanOf, generatorSeed, mutationSeed, planSeed, type CaseRef } from "./cases.js";
import type { Counters } from "./counters.js";
import type { Progress } from "./differential.js";
import { enableV8Features } from "./features.js";
import { checkGenerated } from "./generated-check.js";
import { checkMutant } from "./mutant-check.js";
import { mutate } from "./mutate.js";
import { Prng } from "./prng.js";
import type { Task, WorkerMessage } from "./protocol.js";

const port = parentPort!;
const post = (message: WorkerMessage): void => port.postMessage(message);
const progress: Progress = (phase, v8Ms) => post({ type: "phase", phase, ...(v8Ms === undefined ? {} : { v8Ms }) });

enableV8Features();

port.on("message", (task: Task) => {
  const ref: CaseRef = { seed: task.seed, module: task.module, mutant: null };
  post({ type: "phase", phase: "generate" });
  const generated = generateModule(generatorSeed(ref), denanOf(ref)).bytes;
  if (task.from < 0) check(ref, generated, checkGenerated);
  for (let mutant = Math.max(task.from, 0); mutant < task.mutants; mutant++) {
    const mutantRef = { ...ref, mutant };
    check(mutantRef, mutate(generated, new Prng(mutationSeed(mutantRef))), checkMutant);
  }
  post({ type: "done" });
});

type Check = (bytes: Uint8Array, planSeed: number, progress: Progress, counters: Counters) => string | null;

function check(ref: CaseRef, bytes: Uint8Array, run: Check): void {
  post({ type: "case", mutant: ref.mutant, bytes });
  post({ type: "phase", phase: "compile" });
  const counters: Counters = {};
  let disagreement: string | null;
  try {
    disagreement = run(bytes, planSeed(ref), progress, counters);
  } catch (e) {
    // An exception out of the harness: from wasmi-ts's API (a bug) or from the harness itself.
    disagreement = `the check threw: ${e instanceof Error ? (e.stack ?? String(e)) : String(e)}`;
  }
  post({ type: "result", mutant: ref.mutant, counters, disagreement });
}
