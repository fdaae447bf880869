// The state of one WASI guest: its arguments and environment, its descriptors (standard streams and
// preopened directories first), and where time and randomness come from.

import { Errno, Filetype, Rights } from "./constants.js";
import { Descriptor, DIRECTORY_RIGHTS, FdTable, FILE_RIGHTS, STREAM_RIGHTS } from "./descriptors.js";
import { WasiError } from "./errors.js";
import { isAsyncFileSystem, type AnyFileSystem } from "./fs/types.js";
import { nulTerminated } from "./guest-memory.js";
import type { Io } from "./io.js";
import { inputStream, isAsyncIterable, outputStream, type AsyncInputSource, type InputSource, type OutputSink } from "./stdio.js";

/** The clocks a guest reads, in nanoseconds. */
export interface Clocks {
  /** Wall-clock time since the Unix epoch. */
  realtime(): bigint;
  /** A clock that never goes back (any origin). */
  monotonic(): bigint;
}

export interface WasiOptions {
  /** The program's arguments, its name first (`argv[0]`). */
  args?: readonly string[];
  /** The environment: only these variables (nothing is inherited). */
  env?: Readonly<Record<string, string>>;
  /** Directories the guest may use, by the name it sees them at ("/", "/data", "."): each a file system
   * (`FileSystem`, or `AsyncFileSystem`, which makes the `Wasi` asynchronous). */
  preopens?: Readonly<Record<string, AnyFileSystem>>;
  /** Standard input (an `AsyncInputSource` needs an asynchronous `Wasi`: an AsyncIterable makes it one, a
   * function that returns Promises needs `async: true`). */
  stdin?: InputSource | AsyncInputSource;
  stdout?: OutputSink;
  stderr?: OutputSink;
  clocks?: Clocks;
  /** Fills its argument with random bytes (default: `crypto.getRandomValues`). */
  random?: (buffer: Uint8Array) => void;
  /** Most descriptors open at once (default 1024). */
  maxOpenFiles?: number;
  /**
   * Whether the file functions may wait for their backends: they are then async host functions, and the
   * program runs with `wasi.startAsync` (`callAsync`). Default: true when a preopen is an
   * `AsyncFileSystem` or stdin an AsyncIterable, else false (synchronous, as fast as can be).
   */
  async?: boolean;
}

const performanceClock = (): bigint => BigInt(Math.round(performance.now() * 1e6));

export const DEFAULT_CLOCKS: Clocks = {
  realtime: () => BigInt(Date.now()) * 1_000_000n,
  monotonic: performanceClock,
};

function defaultRandom(buffer: Uint8Array): void {
  // getRandomValues takes at most 65,536 bytes at a time
  for (let at = 0; at < buffer.length; at += 65_536) crypto.getRandomValues(buffer.subarray(at, at + 65_536));
}

export class WasiContext {
  readonly args: Uint8Array[];
  readonly env: Uint8Array[];
  readonly fds: FdTable;
  readonly clocks: Clocks;
  readonly random: (buffer: Uint8Array) => void;
  /** Whether the WASI functions that use file systems or stdin may wait (see `WasiOptions.async`). */
  readonly async: boolean;

  constructor(options: WasiOptions) {
    const preopens = Object.entries(options.preopens ?? {});
    const needsAsync = preopens.some(([, fs]) => isAsyncFileSystem(fs)) || isAsyncIterable(options.stdin);
    if (options.async === false && needsAsync) {
      throw new TypeError("WASI option async: false, but a preopen is an AsyncFileSystem or stdin an AsyncIterable");
    }
    this.async = options.async ?? needsAsync;
    this.args = (options.args ?? []).map((a) => nulTerminated(checkString(a, "argument")));
    this.env = Object.entries(options.env ?? {}).map(([k, v]) => {
      if (k.includes("=")) throw new TypeError(`WASI environment variable names cannot contain "=": ${JSON.stringify(k)}`);
      return nulTerminated(`${checkString(k, "environment variable name")}=${checkString(v, `environment variable ${k}`)}`);
    });
    this.clocks = options.clocks ?? DEFAULT_CLOCKS;
    this.random = options.random ?? defaultRandom;
    this.fds = new FdTable(options.maxOpenFiles);
    const discard: OutputSink = () => {};
    const stream = (handle: ReturnType<typeof inputStream>, rights: number, async = false): Descriptor =>
      new Descriptor(Filetype.CHARACTER_DEVICE, rights, 0, 0, null, "", handle, null, async);
    const stdin = options.stdin ?? new Uint8Array(0);
    // only a source that can answer later is an async stream (the guest's buffers are then not lent to it)
    const asyncStdin = this.async && (typeof stdin === "function" || isAsyncIterable(stdin));
    this.fds.set(0, stream(inputStream(stdin, asyncStdin), STREAM_RIGHTS & ~Rights.FD_WRITE, asyncStdin));
    this.fds.set(1, stream(outputStream(options.stdout ?? discard), STREAM_RIGHTS & ~Rights.FD_READ));
    this.fds.set(2, stream(outputStream(options.stderr ?? discard), STREAM_RIGHTS & ~Rights.FD_READ));
    for (const [name, fs] of preopens) {
      this.fds.add(new Descriptor(Filetype.DIRECTORY, DIRECTORY_RIGHTS, DIRECTORY_RIGHTS | FILE_RIGHTS, 0, fs, "", null, name));
    }
  }

  /** Closes every descriptor still open (the files of backends that hold host resources). */
  *closeAll(): Io<void> {
    for (const d of this.fds.all()) {
      try {
        if (d.handle !== null) yield d.handle.close();
      } catch (e) {
        if (!(e instanceof WasiError && e.errno === Errno.BADF)) throw e;
      }
    }
  }
}

function checkString(s: unknown, what: string): string {
  if (typeof s !== "string") throw new TypeError(`WASI ${what} must be a string, got ${typeof s}`);
  if (s.includes("\0")) throw new TypeError(`WASI ${what} cannot contain a NUL character`);
  return s;
}
