import { type EncodeOptions, WastSyntaxError, parseScript, type ScriptCommand, type ScriptModule } from "../../src/index.js";
import { nodeWebAssembly } from "../node-webassembly.js";
import { NodeScriptRunner, SKIPPED } from "./node-run.js";
import { nodeCanValidate } from "./node-support.js";

// The checks run on one suite file. A check id is `<file>:<line>:<column> <kind>`.

export type CheckKind =
  | "parse" // the script parses
  | "encode" // a well-formed text/quote module encodes
  | "malformed" // an assert_malformed text/quote module is rejected with a WastSyntaxError
  | "validate" // Node's WebAssembly.validate agrees (true for valid modules, false for assert_invalid)
  | "run"; // Node runs the command as the script expects (scalar values only)

export interface CheckFailure {
  id: string;
  detail: string;
}

export interface FileResult {
  passed: number;
  failures: CheckFailure[];
}

/** Commands whose module the script treats as well-formed, and whether it is also valid. */
function wellFormedModule(cmd: ScriptCommand): { module: ScriptModule; valid: boolean } | undefined {
  switch (cmd.kind) {
    case "module":
    case "assert_unlinkable":
    case "assert_uninstantiable":
    case "assert_trap_module":
      return { module: cmd.module, valid: true };
    case "assert_invalid":
      return { module: cmd.module, valid: false };
    default:
      return undefined;
  }
}

/**
 * The text format's version rules for a file. Older suites (2.0 but its memory64 proposal, and the
 * threads proposal based on 2.0) reject memory/table limits and `offset=` beyond 32 bits while reading
 * the text ("i32 constant out of range"); since memory64/table64 the text allows 64-bit values and
 * validation rejects them instead (3.0/memory.wast has these modules as assert_invalid).
 */
function encodeOptionsFor(file: string): EncodeOptions {
  const twoO = (file.startsWith("2.0/") && !file.includes("/memory64/")) || file.includes("/proposals/threads/");
  return { strict32: twoO };
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

export function checkFile(file: string, text: string): FileResult {
  const result: FileResult = { passed: 0, failures: [] };
  let commands: ScriptCommand[];
  try {
    commands = parseScript(text, file);
    result.passed++;
  } catch (e) {
    result.failures.push({ id: `${file} parse`, detail: describe(e) });
    return result;
  }
  const validateWithNode = nodeCanValidate(file);
  const options = encodeOptionsFor(file);
  const runner = validateWithNode ? new NodeScriptRunner() : undefined;
  const check = (cmd: ScriptCommand, kind: CheckKind, run: () => string | undefined): void => {
    const id = `${file}:${cmd.span.line}:${cmd.span.column} ${kind}`;
    let detail: string | undefined;
    try {
      detail = run();
    } catch (e) {
      detail = describe(e);
    }
    if (detail === undefined) result.passed++;
    else result.failures.push({ id, detail });
  };
  for (const cmd of commands) {
    checkCommand(cmd);
    const verdict = runner === undefined ? SKIPPED : runner.run(cmd);
    if (verdict !== SKIPPED) check(cmd, "run", () => verdict);
  }
  return result;

  function checkCommand(cmd: ScriptCommand): void {
    if (cmd.kind === "assert_malformed" && cmd.module.source.kind !== "binary") {
      check(cmd, "malformed", () => {
        try {
          cmd.module.binary(options);
        } catch (e) {
          return e instanceof WastSyntaxError ? undefined : `wrong error: ${describe(e)}`;
        }
        return "accepted";
      });
      return;
    }
    const target = wellFormedModule(cmd);
    if (target === undefined) return;
    const { module, valid } = target;
    let bytes: Uint8Array | undefined;
    if (module.source.kind !== "binary") {
      check(cmd, "encode", () => {
        bytes = module.binary(options);
        return undefined;
      });
    } else {
      bytes = module.binary(options);
    }
    if (bytes !== undefined && validateWithNode) {
      const encoded = bytes;
      check(cmd, "validate", () => {
        const accepted = nodeWebAssembly.validate(encoded);
        return accepted === valid ? undefined : `WebAssembly.validate returned ${accepted}`;
      });
    }
  }
}
