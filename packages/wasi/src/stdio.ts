// The standard streams (fds 0, 1, 2) as file handles of character devices: standard input reads from
// bytes, text, a function or (async) an AsyncIterable; standard output and error give each write to a
// function.

import { decodeUtf8, encodeUtf8 } from "@wasmi-ts/store";
import { Errno, Filetype } from "./constants.js";
import { WasiError } from "./errors.js";
import type { AsyncFileHandle, FileStat, MaybePromise } from "./fs/types.js";
import { isThenable } from "./io.js";

/** Standard input: all of it as bytes or text, or a function asked for up to `max` bytes that returns
 * fewer, or an empty array (or null) at the end. */
export type InputSource = string | Uint8Array | ((max: number) => Uint8Array | null);

/**
 * Standard input that may wait (a `Wasi` with `async: true`): a function as in `InputSource` that may also
 * return a Promise, or an AsyncIterable of chunks (a Node.js Readable such as `process.stdin`, a
 * ReadableStream of bytes), which ends the input when it ends (empty chunks are skipped).
 */
export type AsyncInputSource = ((max: number) => MaybePromise<Uint8Array | null>) | AsyncIterable<Uint8Array>;

/** Standard output or error: a function given the bytes of each write (its own copy, which it may keep). */
export type OutputSink = (data: Uint8Array) => void;

const DEVICE_STAT: FileStat = {
  filetype: Filetype.CHARACTER_DEVICE, dev: 0n, ino: 0n, nlink: 1n, size: 0n, atim: 0n, mtim: 0n, ctim: 0n,
};

abstract class StreamHandle implements AsyncFileHandle {
  read(_buffer: Uint8Array, _position: bigint): MaybePromise<number> {
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

export function isAsyncIterable(source: unknown): source is AsyncIterable<Uint8Array> {
  return typeof source === "object" && source !== null && Symbol.asyncIterator in source;
}

class InputHandle extends StreamHandle {
  private pending: Uint8Array;
  private iterator: AsyncIterator<Uint8Array> | null = null;

  /** `async`: the source may return Promises (read then returns one); otherwise a Promise is an error. */
  constructor(private readonly source: InputSource | AsyncInputSource, private readonly async: boolean) {
    super();
    this.pending = typeof source === "string" ? encodeUtf8(source) : source instanceof Uint8Array ? source : new Uint8Array(0);
  }

  override read(buffer: Uint8Array): MaybePromise<number> {
    if (this.pending.length === 0 && typeof this.source !== "string" && !(this.source instanceof Uint8Array)) {
      const got = typeof this.source === "function" ? this.source(buffer.length) : this.nextChunk(this.source);
      if (isThenable(got)) {
        if (this.async) return Promise.resolve(got).then((chunk) => this.take(buffer, chunk));
        got.then(undefined, () => {});
        throw new TypeError("the stdin function returned a Promise: give Wasi the option `async: true`, and run the program with `await wasi.startAsync(instance)`");
      }
      return this.take(buffer, got);
    }
    return this.take(buffer, null);
  }

  /** Reads into `buffer` what is pending, after `chunk` (the source's answer, if it was asked). */
  private take(buffer: Uint8Array, chunk: Uint8Array | null): number {
    if (chunk !== null) {
      if (!(chunk instanceof Uint8Array)) throw new TypeError("the stdin function must return a Uint8Array or null");
      // another read may have filled `pending` while this one waited: keep the order
      this.pending = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    }
    const n = Math.min(buffer.length, this.pending.length);
    buffer.set(this.pending.subarray(0, n));
    this.pending = this.pending.subarray(n);
    return n;
  }

  /** The next non-empty chunk of an AsyncIterable, or null at its end. */
  private async nextChunk(source: AsyncIterable<Uint8Array>): Promise<Uint8Array | null> {
    this.iterator ??= source[Symbol.asyncIterator]();
    for (;;) {
      const next = await this.iterator.next();
      if (next.done === true) return null;
      if (!(next.value instanceof Uint8Array)) throw new TypeError("the stdin AsyncIterable must give Uint8Arrays");
      if (next.value.length > 0) return next.value;
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
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

/** Standard input from `source`; with `async`, a source that returns Promises makes reads return them. */
export function inputStream(source: InputSource | AsyncInputSource, async: boolean): AsyncFileHandle {
  return new InputHandle(source, async);
}

export function outputStream(sink: OutputSink): AsyncFileHandle {
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
