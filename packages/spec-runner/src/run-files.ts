// Runs whole script files: read, parse, execute. A script that cannot be parsed counts as one failure.

import { readFileSync } from "node:fs";
import { profileOf } from "./profile.js";
import { readScript } from "./script-adapter.js";
import { type CheckResult, ScriptRunner } from "./script-runner.js";
import { suiteRelative, testsuiteRoot } from "./testsuite.js";
import { SpecHostRefs } from "./values.js";

export interface FileResult {
  /** The file relative to the testsuite root, e.g. `2.0/f32.wast`. */
  file: string;
  checks: CheckResult[];
}

export function passedCount(result: FileResult): number {
  return result.checks.filter((c) => c.ok).length;
}

export function failedCount(result: FileResult): number {
  return result.checks.length - passedCount(result);
}

/** Runs one script file; with `fuel`, on an engine that meters fuel (its store holding all it can). */
export function runFile(path: string, root = testsuiteRoot(), fuel = false): FileResult {
  const file = suiteRelative(path, root);
  const profile = profileOf(file);
  let commands;
  try {
    commands = readScript(readFileSync(path, "utf8"), file, profile.encode);
  } catch (error) {
    const span = (error as { span?: { line?: number } }).span;
    const detail = `script did not parse: ${error instanceof Error ? error.message : String(error)}`;
    return { file, checks: [{ line: span?.line ?? 0, command: "unsupported", ok: false, detail }] };
  }
  return { file, checks: new ScriptRunner(new SpecHostRefs(), profile.features, fuel).run(commands) };
}

/** Runs the files one after the other, yielding to the event loop between files (keeps test workers responsive). */
export async function runFiles(
  paths: string[],
  onFile?: (result: FileResult) => void,
  root = testsuiteRoot(),
  fuel = false,
): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const path of paths) {
    await new Promise((resolve) => setImmediate(resolve));
    const result = runFile(path, root, fuel);
    onFile?.(result);
    results.push(result);
  }
  return results;
}
