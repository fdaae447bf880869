// Stopping running Wasm from outside: interrupts and deadlines (every engine has them).
//
// The engine keeps a 32-bit counter in a SharedArrayBuffer (an ArrayBuffer where there is none).
// `InterruptHandle.interrupt()` bumps it, from any thread that holds the buffer. A call notes the counter
// when it starts; the interpreter counts taken branches and calls, and every few thousand of them compares
// the counter and the store's deadline (executor, interpret/poll.ts). So an
// interrupt stops the calls running when it is raised, never one that starts later.

/** A time on the clock that deadlines use (`performance.now()`, or `Date.now()` where it is missing). */
export const clockNow: () => number =
  typeof performance === "object" && performance !== null && typeof performance.now === "function"
    ? () => performance.now()
    : () => Date.now();

const hasAtomics = typeof Atomics === "object" && Atomics !== null;
const hasShared = typeof SharedArrayBuffer === "function";

/** The interrupt counter's value (`Atomics.load`: another thread writes it). */
export function interruptCount(counter: Int32Array<ArrayBufferLike>): number {
  return hasAtomics ? Atomics.load(counter, 0) : counter[0]!;
}

function isInterruptBuffer(buffer: unknown): buffer is SharedArrayBuffer | ArrayBuffer {
  return (buffer instanceof ArrayBuffer || (hasShared && buffer instanceof SharedArrayBuffer)) && buffer.byteLength === 4;
}

/**
 * Raises interrupts in an engine (`engine.interruptHandle()`). Another thread gets the same
 * power from the `buffer`: post it to the worker, which calls `new InterruptHandle(buffer).interrupt()`.
 * Without `SharedArrayBuffer` the buffer is a plain `ArrayBuffer`, and the handle works from the engine's
 * own thread only (a host function, or a timer between calls).
 */
export class InterruptHandle {
  /** 4 bytes: the interrupt counter. Shared with other threads when it is a `SharedArrayBuffer`. */
  readonly buffer: SharedArrayBuffer | ArrayBuffer;
  readonly #counter: Int32Array<ArrayBufferLike>;

  /** A handle on `buffer` (from `handle.buffer`, possibly in another thread), or on a new counter. */
  constructor(buffer?: SharedArrayBuffer | ArrayBuffer) {
    if (buffer === undefined) buffer = hasShared ? new SharedArrayBuffer(4) : new ArrayBuffer(4);
    else if (!isInterruptBuffer(buffer)) {
      throw new TypeError("InterruptHandle: expected the 4-byte buffer of another handle (`handle.buffer`)");
    }
    this.buffer = buffer;
    this.#counter = new Int32Array(buffer);
  }

  /** The counter that the engine's stores poll. */
  get counter(): Int32Array<ArrayBufferLike> {
    return this.#counter;
  }

  /**
   * Makes every call running in the engine now trap with `TrapCode.Interrupted` at its next poll (a
   * taken branch or call, within a few thousand of them). Calls that start later run.
   */
  interrupt(): void {
    if (hasAtomics) Atomics.add(this.#counter, 0, 1);
    else this.#counter[0] = (this.#counter[0]! + 1) | 0;
  }
}
