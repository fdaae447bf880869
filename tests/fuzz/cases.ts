// Case ids and the seeds derived from them. A run with seed S works on modules S/0, S/1, ...; module S/I
// has mutants S/I/0, S/I/1, ... Everything about a case (the generator's input, the mutations, the call
// arguments) derives from its id, so an id is enough to reproduce it.

import { mixSeed } from "./prng.js";

export interface CaseRef {
  seed: number;
  module: number;
  /** The mutant's number, or null for the generated module itself. */
  mutant: number | null;
}

export function caseId(c: CaseRef): string {
  return c.mutant === null ? `module:${c.seed}:${c.module}` : `mutant:${c.seed}:${c.module}:${c.mutant}`;
}

export function parseCaseId(id: string): CaseRef | null {
  const m = /^(module|mutant):(\d+):(\d+)(?::(\d+))?$/.exec(id.trim());
  if (m === null || (m[1] === "mutant") !== (m[4] !== undefined)) return null;
  return { seed: Number(m[2]), module: Number(m[3]), mutant: m[4] === undefined ? null : Number(m[4]) };
}

/** The seed of the generator's random input. */
export function generatorSeed(c: CaseRef): number {
  return mixSeed(c.seed, c.module);
}

/** Every other module is de-NaN'd (see binaryen.ts), so both kinds are always in a run. */
export function denanOf(c: CaseRef): boolean {
  return c.module % 2 === 0;
}

export function mutationSeed(c: CaseRef): number {
  return mixSeed(c.seed, c.module, (c.mutant ?? -1) + 1, 2);
}

/** The seed of the call arguments. */
export function planSeed(c: CaseRef): number {
  return mixSeed(c.seed, c.module, (c.mutant ?? -1) + 1, 3);
}
