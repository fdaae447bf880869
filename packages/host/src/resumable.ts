// Resumable and async calls (see the README's "Resumable and async calls"). The executor runs a call on
// stacks of its own and suspends it where a host function asks (`PrunedStore.suspendRequest`) or where
// fuel runs out; this file decides what a suspension means: a `hostTrap` or `outOfFuel` result for
// `callResumable`, an awaited Promise or a yield to the event loop for `callAsync`.

import {
  cancelExecution, OUT_OF_FUEL, resumeExecution, startExecution, type Execution,
} from "@wasmi-ts/executor";
import { CallHook, runHooked, Trap, TrapCode, type FuncType, type PrunedStore, type ValueSlots } from "@wasmi-ts/store";
import { embedderError, wasmError } from "./exception.js";
import { AsyncHostFunctionError, writeResults, type Func } from "./func.js";
import type { Store } from "./store.js";
import type { Value } from "./values.js";

/**
 * Thrown by a host function to suspend a `callResumable` at its call: the call then reports `hostTrap`
 * with this error, and continues when resumed with the host function's results. Anywhere else (a plain
 * `call`, `callAsync`) it is an ordinary error.
 */
export class HostSuspend extends Error {
  override name = "HostSuspend";

  constructor(
    /** Anything the host function wants the resumer to know. */
    readonly data?: unknown,
    message = "a host function suspended the call",
  ) {
    super(message);
  }
}

/** Resuming a resumable call twice, or after it was cancelled. */
export class ResumeError extends Error {
  override name = "ResumeError";
}

/** What a `callAsync` cancelled by `store.cancelSuspendedCalls()` rejects with (unless given a reason). */
export class CallCancelledError extends Error {
  override name = "CallCancelledError";

  constructor(message = "the call was cancelled while it was suspended") {
    super(message);
  }
}

/** A suspension requested by a host function that threw `HostSuspend`. */
export class HostTrapRequest {
  constructor(readonly error: HostSuspend, readonly func: Func, readonly type: FuncType) {}
}

/** A suspension requested by an async host function: its pending result. */
export class AsyncRequest {
  constructor(readonly promise: PromiseLike<unknown>, readonly type: FuncType) {}
}

/** Where a resumable call is: finished, or suspended at a host function or for want of fuel. */
export type ResumableCall = ResumableFinished | ResumableHostTrap | ResumableOutOfFuel;

export interface ResumableFinished {
  kind: "finished";
  results: Value[];
}

export interface ResumableHostTrap {
  kind: "hostTrap";
  /** What the host function threw. */
  error: HostSuspend;
  /** The host function that threw it. */
  hostFunc: Func;
  /** Continues with what `hostFunc` returns (as a host function returns it: a value, an array, nothing). */
  resume(returned?: Value | Value[]): ResumableCall;
  /** Gives the call up: it never continues, and its stacks are freed. */
  cancel(): void;
}

export interface ResumableOutOfFuel {
  kind: "outOfFuel";
  /** The fuel the instruction needed beyond what was left. */
  required: bigint;
  /** Continues (after `store.setFuel(...)`); runs out again if there is still too little. */
  resume(): ResumableCall;
  cancel(): void;
}

/** Runs `body` between the call hook's CallingWasm and ReturningFromWasm, if the store has a hook. */
function hooked<R>(pruned: PrunedStore, body: () => R): R {
  if (pruned.hooks.callHook === null) return body();
  let result!: R;
  runHooked(pruned, CallHook.CallingWasm, CallHook.ReturningFromWasm, () => {
    result = body();
  });
  return result;
}

/** Starts `func` resumably with the arguments in `slots`. */
export function startResumable(func: Func, slots: ValueSlots): Execution {
  const pruned = func.store.pruned;
  try {
    return hooked(pruned, () => startExecution(pruned, func.entity, slots));
  } catch (e) {
    throw embedderError(func.store, e);
  }
}

/** Resumes `execution` (results of its host call already written), or throws `error` at its host call (an
 * `Exception` there is one that Wasm may catch). */
function resume(func: Func, execution: Execution, slots: ValueSlots, error?: { error: unknown }): void {
  const thrown = error === undefined ? undefined : { error: wasmError(func.store, error.error) };
  try {
    hooked(func.store.pruned, () => resumeExecution(execution, slots, thrown));
  } catch (e) {
    throw embedderError(func.store, e);
  }
}

/** What a resumable call of `func` that has just started or resumed reports. */
export function resumableCall(func: Func, execution: Execution, slots: ValueSlots): ResumableCall {
  const store = func.store as Store<unknown>;
  const pruned = store.pruned;
  if (execution.finished) {
    const results = func.results(slots);
    pruned.releaseRefs();
    return { kind: "finished", results };
  }
  const request = execution.request;
  let over = false;
  const claim = (): void => {
    if (over) throw new ResumeError("this resumable call was already resumed or cancelled");
  };
  const cancel = (): void => {
    if (over) return;
    over = true;
    cancelExecution(execution);
    pruned.releaseRefs();
  };
  const continueWith = (error?: { error: unknown }): ResumableCall => {
    over = true;
    try {
      resume(func, execution, slots, error);
    } catch (e) {
      pruned.releaseRefs();
      throw e;
    }
    return resumableCall(func, execution, slots);
  };
  if (request === OUT_OF_FUEL) {
    return {
      kind: "outOfFuel",
      required: BigInt(pruned.fuelRequired),
      resume: () => {
        claim();
        return continueWith();
      },
      cancel,
    };
  }
  if (request instanceof HostTrapRequest) {
    return {
      kind: "hostTrap",
      error: request.error,
      hostFunc: request.func,
      resume: (returned?: Value | Value[]) => {
        claim();
        // checked before the call goes on: a bad value leaves it suspended, to be resumed again
        writeResults(store, request.type, returned, execution.resultSlots, execution.resultBase);
        return continueWith();
      },
      cancel,
    };
  }
  // an async host function: only callAsync can wait for it
  cancel();
  if (request instanceof AsyncRequest) Promise.resolve(request.promise).catch(() => {});
  throw new AsyncHostFunctionError("callResumable reached an async host function (Func.wrapAsync): use callAsync");
}

/** A turn of the event loop that lets timers and I/O run (a macrotask). */
function macrotask(): Promise<void> {
  const g = globalThis as { setImmediate?: (f: () => void) => unknown; setTimeout?: (f: () => void, ms: number) => unknown };
  return new Promise((resolve) => {
    if (typeof g.setImmediate === "function") g.setImmediate(resolve);
    else if (typeof g.setTimeout === "function") g.setTimeout(resolve, 0);
    else void Promise.resolve().then(resolve); // no event loop to give back to
  });
}

/**
 * How `store.cancelSuspendedCalls()` stops one `callAsync`: it rejects the wait in progress, and every
 * later one, with the reason. (Each wait is a Promise of its own: racing every wait against one Promise
 * that lives as long as the call would pile a reaction on it per suspension.)
 */
class CallCanceller {
  cancelled = false;
  reason: unknown;
  private rejectWait: (reason: unknown) => void = () => {};

  cancel(reason: unknown): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.reason = reason;
    this.rejectWait(reason);
  }

  /** What `promise` gives, unless the call is cancelled first: then its reason is thrown. */
  wait<T>(promise: T | PromiseLike<T>): Promise<T> {
    if (this.cancelled) return Promise.reject(this.reason);
    return new Promise<T>((resolve, reject) => {
      this.rejectWait = reject;
      Promise.resolve(promise).then(resolve, reject); // also observes a rejection that comes after a cancel
    });
  }
}

/** Runs `func` as `callAsync` does: awaits async host functions, yields on its fuel slices. */
export async function driveAsync(func: Func, slots: ValueSlots): Promise<Value[]> {
  const store = func.store as Store<unknown>;
  const pruned = store.pruned;
  const slicing = store.beginFuelSlices();
  const canceller = new CallCanceller();
  const unregister = store.onCancelSuspended(canceller); // held weakly there: `canceller` lives with this call
  let execution: Execution | undefined;
  try {
    execution = startResumable(func, slots);
    while (!execution.finished) {
      const request = execution.request;
      if (request instanceof AsyncRequest) {
        let settled: { value: unknown } | { error: unknown };
        try {
          settled = { value: await canceller.wait(request.promise) };
        } catch (error) {
          if (canceller.cancelled) throw canceller.reason; // cancelled: no more Wasm runs
          settled = { error };
        }
        if ("error" in settled) {
          resume(func, execution, slots, settled);
          continue;
        }
        try {
          writeResults(store, request.type, settled.value, execution.resultSlots, execution.resultBase);
        } catch (error) {
          resume(func, execution, slots, { error }); // a bad result is the host call's error
          continue;
        }
        resume(func, execution, slots);
      } else if (request === OUT_OF_FUEL) {
        if (slicing && store.nextFuelSlice()) {
          await canceller.wait(macrotask()); // the slice is used up: let the event loop run
          resume(func, execution, slots);
        } else {
          resume(func, execution, slots, { error: new Trap(TrapCode.OutOfFuel) });
        }
      } else {
        // a HostSuspend outside callResumable: an ordinary error of that host call
        resume(func, execution, slots, { error: (request as HostTrapRequest).error });
      }
    }
    return func.results(slots);
  } finally {
    unregister(); // after the call's last use of `canceller`, which therefore lives as long as the call
    if (execution !== undefined && !execution.finished) cancelExecution(execution);
    if (slicing) store.endFuelSlices();
    pruned.releaseRefs();
  }
}
