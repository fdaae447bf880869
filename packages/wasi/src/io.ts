// How a WASI function that uses a file system or standard input is written once for synchronous and
// asynchronous backends: as a generator that yields what each backend call returns
// (`const stat = (yield fs.lstat(p)) as FileStat`) and gets back its value. The backend is called inside
// the generator, so a synchronous throw (WasiError) is thrown at the yield, as a rejection is by
// `runAsync`: the function's own try/catch sees both alike.
//
// `runSync` hands each value straight back: the sync path, with no Promise and no await. `runAsync` does
// the same until a Promise comes, then awaits it and every later one; after each await the guest's
// memory may have grown (other code ran), so the function's `GuestMemory` is refreshed before it goes on,
// and a WASI function never keeps a view of guest memory across a yield.

import type { GuestMemory } from "./guest-memory.js";

/** A WASI function's body, driven by `runSync` or `runAsync`; returns an errno (or any result). */
export type Io<T> = Generator<unknown, T, unknown>;

export function isThenable(v: unknown): v is PromiseLike<unknown> {
  return typeof v === "object" && v !== null && typeof (v as { then?: unknown }).then === "function";
}

/** Runs `io` with synchronous backends. A Promise is a misconfiguration, thrown into `io` as a TypeError. */
export function runSync<T>(io: Io<T>): T {
  let step = io.next();
  while (step.done !== true) {
    const value = step.value;
    if (isThenable(value)) {
      value.then(undefined, () => {}); // nobody will wait for it: never an unhandled rejection
      step = io.throw(new TypeError(
        "a file system or stdin returned a Promise in a synchronous WASI call: give Wasi an AsyncFileSystem " +
          "(async: true) or the option `async: true`, and run the program with `await wasi.startAsync(instance)`",
      ));
    } else {
      step = io.next(value);
    }
  }
  return step.value;
}

/**
 * Runs `io`, waiting for the Promises its backends return: synchronously (a plain result) as long as none
 * does, so that a call that did not wait costs no Promise. `m` is refreshed after every await.
 */
export function runAsync<T>(io: Io<T>, m: GuestMemory): T | Promise<T> {
  let step = io.next();
  while (step.done !== true) {
    if (isThenable(step.value)) return awaitEach(io, step.value, m);
    step = io.next(step.value);
  }
  return step.value;
}

async function awaitEach<T>(io: Io<T>, first: PromiseLike<unknown>, m: GuestMemory): Promise<T> {
  let pending = first;
  for (;;) {
    let settled: { value: unknown } | { error: unknown };
    try {
      settled = { value: await pending };
    } catch (error) {
      settled = { error };
    }
    m.refresh();
    // outside the try: what `io` throws ends it, and is not thrown back into it
    let step = "error" in settled ? io.throw(settled.error) : io.next(settled.value);
    while (step.done !== true && !isThenable(step.value)) step = io.next(step.value);
    if (step.done === true) return step.value;
    pending = step.value as PromiseLike<unknown>; // the loop stopped at a thenable
  }
}
