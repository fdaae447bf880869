// What the command touches of its host: its output, files, directories given to guests, the
// environment and the guest's standard streams. `nodeIO` is the real process; tests pass their own.

import { readFileSync, statSync } from "node:fs";
import type { FileSystem, InputSource, OutputSink } from "@wasmi-ts/wasi";
import { NodeFileSystem, processStderr, processStdin, processStdout } from "@wasmi-ts/wasi/node";

export interface CliIO {
  /** The command's own output (results, help, summaries), one call per line. */
  stdout(line: string): void;
  /** Diagnostics (errors, traps), one call per line. */
  stderr(line: string): void;
  readFile(path: string): Uint8Array;
  /** A host directory for `--dir`; throws an Error saying why it cannot (default: `openHostDirectory`). */
  openDirectory?(path: string): FileSystem;
  /** The host environment that `--env NAME` copies from (default: `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The guest's standard input (default: empty). */
  guestStdin?: InputSource;
  /** The bytes the guest writes to its standard output and error (default: to `stdout` and `stderr`,
   * line by line, the last unfinished line when the guest is done). */
  guestStdout?: OutputSink;
  guestStderr?: OutputSink;
}

/** A host directory as a WASI file system; the error says plainly what is wrong with the path. */
export function openHostDirectory(path: string): FileSystem {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new Error(code === "ENOENT" || code === "ENOTDIR" ? "no such directory" : (error as Error).message);
  }
  if (!isDirectory) throw new Error("not a directory");
  return new NodeFileSystem(path);
}

export const nodeIO: CliIO = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  readFile: (path) => new Uint8Array(readFileSync(path)),
  openDirectory: openHostDirectory,
  env: process.env,
  // Synchronous, so the guest's output stays in order with the command's own.
  guestStdin: processStdin,
  guestStdout: processStdout,
  guestStderr: processStderr,
};
