// The WASI of a `wasmi-ts run` guest: its argv, environment, preopened directories and standard
// streams, from the options and the host (`CliIO`).

import { basename } from "node:path";
import { type FileSystem, Wasi } from "@wasmi-ts/wasi";
import { UsageError } from "./errors.js";
import { type CliIO, openHostDirectory } from "./io.js";
import { LineOutput } from "./line-output.js";
import type { RunOptions } from "./run-args.js";

export interface GuestWasi {
  wasi: Wasi;
  /** Passes on what the guest left unfinished on a line-based output; call once it is done. */
  finish(): void;
}

export function createGuestWasi(options: RunOptions, io: CliIO): GuestWasi {
  // As wasmtime: argv[0] is the file's base name, so the guest does not learn host paths.
  const args = [options.argv0 ?? basename(options.file), ...options.args];
  const lineOutputs: LineOutput[] = [];
  const sink = (custom: CliIO["guestStdout"], writeLine: (line: string) => void) => {
    if (custom) return custom;
    const lines = new LineOutput(writeLine);
    lineOutputs.push(lines);
    return lines.sink;
  };
  const wasi = new Wasi({
    args,
    env: environment(options, io),
    preopens: preopens(options, io),
    stdin: io.guestStdin ?? new Uint8Array(0),
    stdout: sink(io.guestStdout, (line) => io.stdout(line)),
    stderr: sink(io.guestStderr, (line) => io.stderr(line)),
  });
  return { wasi, finish: () => lineOutputs.forEach((l) => l.flush()) };
}

function environment(options: RunOptions, io: CliIO): Record<string, string> {
  const host = io.env ?? process.env;
  const env: Record<string, string> = {};
  for (const { name, value } of options.env) {
    // `--env NAME` of a variable the host does not have leaves it unset, as in wasmtime.
    const v = value ?? host[name];
    if (v !== undefined) env[name] = v;
  }
  return env;
}

function preopens(options: RunOptions, io: CliIO): Record<string, FileSystem> {
  const open = io.openDirectory ?? openHostDirectory;
  const dirs = new Map<string, FileSystem>();
  for (const { host, guest } of options.dirs) {
    if (dirs.has(guest)) throw new UsageError(`--dir: the guest path ${guest} is given twice`);
    try {
      dirs.set(guest, open(host));
    } catch (error) {
      throw new UsageError(`--dir: cannot open ${host}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return Object.fromEntries(dirs);
}
