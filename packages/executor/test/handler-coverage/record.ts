// Set-up of each test file of the handler-coverage run (vitest.handlers.config.ts): notes every opcode the
// interpreter dispatches (instrument.ts) and, after the file's tests, writes them where check.ts reads them.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, inject, vi } from "vitest";
import { RAN_HOOK } from "./instrument.js";

// The loop's warm-up runs every case on training code: those are not the tests' dispatches.
vi.mock(import("../../src/interpret/warm-up.js"), async (original) => ({ ...(await original()), warmUpInterpreter: () => {} }));

const ran = new Set<number>();
(globalThis as Record<string, unknown>)[RAN_HOOK] = (op: number): number => {
  ran.add(op);
  return op;
};

afterAll(({ file }) => {
  const name = file.name.replace(/[^\w.-]/g, "_");
  writeFileSync(join(inject("handlerCoverageDir"), `${name}.json`), JSON.stringify([...ran]));
});
