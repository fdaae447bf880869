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

/** A WASI command that copies its standard input to its standard output. */
export const COPY_STDIN_WAT = `(module
  (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start") (local $n i32)
    (loop $next
      (i32.store (i32.const 0) (i32.const 64)) (i32.store (i32.const 4) (i32.const 1024))
      (drop (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
      (local.set $n (i32.load (i32.const 8)))
      (if (local.get $n) (then
        (i32.store (i32.const 4) (local.get $n))
        (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
        (br $next))))))`;
