// The handler-coverage run's global set-up (vitest.handlers.config.ts): a directory for the opcodes each
// test file dispatched (record.ts) and, after all files, the check that every generated handler ran.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { Op, OP_LAYOUTS } from "../../src/interpret/op.generated.js";

declare module "vitest" {
  export interface ProvidedContext {
    handlerCoverageDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "wasmi-ts-handlers-"));
  project.provide("handlerCoverageDir", dir);
  return () => {
    const ran = new Set<number>();
    for (const file of readdirSync(dir)) for (const op of JSON.parse(readFileSync(join(dir, file), "utf8")) as number[]) ran.add(op);
    rmSync(dir, { recursive: true });
    const missing: string[] = [];
    for (let op = 0; op < OP_LAYOUTS.length; op++) if (!ran.has(op)) missing.push(Op[op]!);
    console.log(`handler coverage: ${OP_LAYOUTS.length - missing.length} of ${OP_LAYOUTS.length} generated handlers ran`);
    if (missing.length > 0) throw new Error(`handlers no test ran (${missing.length}): ${missing.join(", ")}`);
  };
}
