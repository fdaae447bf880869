// The state of one WASI guest: its arguments and environment, its descriptors (standard streams and
// preopened directories first), and where time and randomness come from.

import { Errno, Filetype, Rights } from "./constants.js";
import { Descriptor, DIRECTORY_RIGHTS, FdTable, FILE_RIGHTS, STREAM_RIGHTS } from "./descriptors.js";
import { WasiError } from "./errors.js";
import type { FileSystem } from "./fs/types.js";
import { nulTerminated } from "./guest-memory.js";
import { inputStream, outputStream, type InputSource, type OutputSink } from "./stdio.js";

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
  /** Directories the guest may use, by the name it sees them at ("/", "/data", "."): each a file system. */
  preopens?: Readonly<Record<string, FileSystem>>;
  stdin?: InputSource;
  stdout?: OutputSink;
  stderr?: OutputSink;
  clocks?: Clocks;
  /** Fills its argument with random bytes (default: `crypto.getRandomValues`). */
  random?: (buffer: Uint8Array) => void;
  /** Most descriptors open at once (default 1024). */
  maxOpenFiles?: number;
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

  constructor(options: WasiOptions) {
    this.args = (options.args ?? []).map((a) => nulTerminated(checkString(a, "argument")));
    this.env = Object.entries(options.env ?? {}).map(([k, v]) => {
      if (k.includes("=")) throw new TypeError(`WASI environment variable names cannot contain "=": ${JSON.stringify(k)}`);
      return nulTerminated(`${checkString(k, "environment variable name")}=${checkString(v, `environment variable ${k}`)}`);
    });
    this.clocks = options.clocks ?? DEFAULT_CLOCKS;
    this.random = options.random ?? defaultRandom;
    this.fds = new FdTable(options.maxOpenFiles);
    const discard: OutputSink = () => {};
    const stream = (handle: ReturnType<typeof inputStream>, rights: number): Descriptor =>
      new Descriptor(Filetype.CHARACTER_DEVICE, rights, 0, 0, null, "", handle);
    this.fds.set(0, stream(inputStream(options.stdin ?? new Uint8Array(0)), STREAM_RIGHTS & ~Rights.FD_WRITE));
    this.fds.set(1, stream(outputStream(options.stdout ?? discard), STREAM_RIGHTS & ~Rights.FD_READ));
    this.fds.set(2, stream(outputStream(options.stderr ?? discard), STREAM_RIGHTS & ~Rights.FD_READ));
    for (const [name, fs] of Object.entries(options.preopens ?? {})) {
      this.fds.add(new Descriptor(Filetype.DIRECTORY, DIRECTORY_RIGHTS, DIRECTORY_RIGHTS | FILE_RIGHTS, 0, fs, "", null, name));
    }
  }

  /** Closes every descriptor still open (the files of backends that hold host resources). */
  closeAll(): void {
    for (const d of this.fds.all()) {
      try {
        d.handle?.close();
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
