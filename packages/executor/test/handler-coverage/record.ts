// Set-up of each test file of the handler-coverage run (vitest.handlers.config.ts): notes every opcode the
// interpreter dispatches (instrument.ts) and, after the file's tests, writes them where check.ts reads them.
// It also checks each code array the interpreter runs: the translator must leave an array of small
// integers without holes (V8's PACKED_SMI_ELEMENTS), the one kind the loop's optimized code is made for;
// a word written as a heap number (translate/translator.ts, `emit`) would make it an array of doubles.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { afterAll, expect, inject, vi } from "vitest";
import { RAN_HOOK } from "./instrument.js";

// The loop's warm-up runs every case on training code: those are not the tests' dispatches.
vi.mock(import("../../src/interpret/warm-up.js"), async (original) => ({ ...(await original()), warmUpInterpreter: () => {} }));

setFlagsFromString("--allow-natives-syntax");
// (V8's intrinsics: a function made from source, as TypeScript cannot parse them)
const smallIntegersOnly = new Function("a", "return %HasSmiElements(a) && !%HasHoleyElements(a);") as (a: readonly number[]) => boolean;

const ran = new Set<number>();
const checked = new WeakSet<readonly number[]>();
/** The opcode at the start of each code array of another elements kind. */
const otherKinds: number[] = [];
(globalThis as Record<string, unknown>)[RAN_HOOK] = (op: number, code: readonly number[]): number => {
  ran.add(op);
  if (!checked.has(code)) {
    checked.add(code);
    if (!smallIntegersOnly(code)) otherKinds.push(code[0]!);
  }
  return op;
};

afterAll(({ file }) => {
  expect(otherKinds, "code arrays that are not arrays of small integers (their first opcodes)").toEqual([]);
  const name = file.name.replace(/[^\w.-]/g, "_");
  writeFileSync(join(inject("handlerCoverageDir"), `${name}.json`), JSON.stringify([...ran]));
});
