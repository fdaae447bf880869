// Runs `main` in-process with captured output, and writes scratch files for the tests.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type CliIO, main } from "../src/index.js";

export interface Run {
  code: number;
  stdout: string[];
  stderr: string[];
}

/** Runs the command; `io` replaces parts of the default in-process IO (real files, no stdin, empty env). */
export function runCli(argv: readonly string[], io: Partial<CliIO> = {}): Run {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = main(argv, {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    readFile: (path) => new Uint8Array(readFileSync(path)),
    env: {},
    ...io,
  });
  return { code, stdout, stderr };
}

/** The package's examples folder (WASI programs, a script). */
export const cliExamples = fileURLToPath(new URL("../examples/", import.meta.url));

/** A new temporary folder with `files` (name to text) in it; returns its path. */
export function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "wasmi-ts-cli-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
