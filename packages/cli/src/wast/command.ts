// `wasmi-ts wast`: runs spec test scripts and reports the failed checks and the totals.

import { parseScript, type ScriptCommand, WastSyntaxError } from "@wasmi-ts/wast";
import { WASM2_FEATURES } from "@wasmi-ts/host";
import { ExitCode } from "../errors.js";
import type { CliIO } from "../io.js";
import { readInput } from "../load.js";
import type { WastArgs } from "../wast-args.js";
import { type ScriptRules, ScriptRunner } from "./runner.js";

// 2.0's text format also reads offsets and limits as 32-bit numbers (3.0's as 64-bit).
const WASM2: ScriptRules = { features: WASM2_FEATURES, encode: { strict32: true } };

export function wastCommand({ files, wasm2 }: WastArgs, io: CliIO): number {
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const text = new TextDecoder().decode(readInput(file, io));
    let commands: ScriptCommand[];
    try {
      commands = parseScript(text, file);
    } catch (error) {
      if (!(error instanceof WastSyntaxError)) throw error;
      // A script that does not parse runs no check: it counts as one failure.
      io.stderr(`${file}:${error.span.line}:${error.span.column}: malformed script: ${error.reason}`);
      failed++;
      continue;
    }
    for (const check of new ScriptRunner((line) => io.stdout(line), wasm2 ? WASM2 : {}).run(commands)) {
      if (check.ok) {
        passed++;
      } else {
        failed++;
        io.stderr(`${file}:${check.line}: ${check.command}: ${check.detail}`);
      }
    }
  }
  io.stdout(`${passed} passed, ${failed} failed`);
  return failed === 0 ? ExitCode.Ok : ExitCode.ModuleError;
}
