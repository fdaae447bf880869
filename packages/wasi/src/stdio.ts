// The standard streams (fds 0, 1, 2) as `FileHandle`s of character devices: standard input reads from
// bytes, text or a function; standard output and error give each write to a function.

import { decodeUtf8, encodeUtf8 } from "@wasmi-ts/store";
import { Errno, Filetype } from "./constants.js";
import { WasiError } from "./errors.js";
import type { FileHandle, FileStat } from "./fs/types.js";

/** Standard input: all of it as bytes or text, or a function asked for up to `max` bytes that returns
 * fewer, or an empty array (or null) at the end. */
export type InputSource = string | Uint8Array | ((max: number) => Uint8Array | null);

/** Standard output or error: a function given the bytes of each write (its own copy, which it may keep). */
export type OutputSink = (data: Uint8Array) => void;

const DEVICE_STAT: FileStat = {
  filetype: Filetype.CHARACTER_DEVICE, dev: 0n, ino: 0n, nlink: 1n, size: 0n, atim: 0n, mtim: 0n, ctim: 0n,
};

abstract class StreamHandle implements FileHandle {
  read(_buffer: Uint8Array, _position: bigint): number {
    throw new WasiError(Errno.BADF, "this stream is not readable");
  }

  write(_data: Uint8Array, _position: bigint): number {
    throw new WasiError(Errno.BADF, "this stream is not writable");
  }

  stat(): FileStat {
    return { ...DEVICE_STAT };
  }

  setSize(): void {
    throw new WasiError(Errno.INVAL, "a stream has no size");
  }

  setTimes(): void {}

  sync(): void {}

  close(): void {}
}

class InputHandle extends StreamHandle {
  private pending: Uint8Array;

  constructor(private readonly source: InputSource) {
    super();
    this.pending = typeof source === "string" ? encodeUtf8(source) : source instanceof Uint8Array ? source : new Uint8Array(0);
  }

  override read(buffer: Uint8Array): number {
    if (typeof this.source === "function" && this.pending.length === 0) {
      const got = this.source(buffer.length);
      if (got === null || got.length === 0) return 0;
      if (!(got instanceof Uint8Array)) throw new TypeError("the stdin function must return a Uint8Array or null");
      this.pending = got;
    }
    const n = Math.min(buffer.length, this.pending.length);
    buffer.set(this.pending.subarray(0, n));
    this.pending = this.pending.subarray(n);
    return n;
  }
}

class OutputHandle extends StreamHandle {
  constructor(private readonly sink: OutputSink) {
    super();
  }

  override write(data: Uint8Array): number {
    this.sink(data.slice());
    return data.length;
  }
}

export function inputStream(source: InputSource): FileHandle {
  return new InputHandle(source);
}

export function outputStream(sink: OutputSink): FileHandle {
  return new OutputHandle(sink);
}

/** An output sink that keeps what it is given; `text()` decodes it all. */
export class CollectedOutput {
  private readonly chunks: Uint8Array[] = [];
  readonly sink: OutputSink = (data) => {
    this.chunks.push(data);
  };

  bytes(): Uint8Array {
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  text(): string {
    return decodeUtf8(this.bytes());
  }
}
