// Resumable executions: a call that can stop at a host call or when it runs out of fuel, and continue
// later, as Wasmi's `ResumableCall`. Each has stacks of its own (an ExecState), so any number of them can
// be suspended at once and resumed in any order. A host function suspends the execution that called it
// by setting `PrunedStore.suspendRequest` (only allowed while `canSuspend`): `runInterpreterLoop` notes
// where it was and returns, and the request is the execution's until it is resumed with the call's
// results, or with an error thrown at the call. Out of fuel, it suspends at the instruction, which runs
// again on resume.

import { FuncKind, slotCount, ValueSlots, type FuncEntity, type PrunedStore } from "@wasmi-ts/store";
import { translateFunction } from "../translate/index.js";
import { asWasmError, slotsOf } from "./execute.js";
import { runInterpreterLoop } from "./loop.js";
import { startPolling } from "./poll.js";
import { warmUpInterpreter } from "./warm-up.js";
import { ExecState } from "./state.js";

/** Suspended executions that nobody can resume any more (dropped without `cancelExecution`) stop counting
 * as running once collected, so that the store releases its references again. */
const abandoned = typeof FinalizationRegistry === "function"
  ? new FinalizationRegistry<{ store: PrunedStore; stack: ValueSlots }>(({ store, stack }) => {
    store.running--;
    store.resumableStacks.delete(stack);
  })
  : null;

/** A resumable execution: suspended (`request` says at what) or finished. */
export class Execution {
  /** What it waits for: the host function's `suspendRequest`, or `OUT_OF_FUEL`; null once finished. */
  request: unknown = null;
  finished = false;

  /** @internal */
  constructor(
    readonly store: PrunedStore,
    /** @internal its own stacks */
    readonly state: ExecState,
    readonly func: FuncEntity,
  ) {}

  /** Where the suspended host call's results go: write them here (`resultSlots()`), then resume. */
  get resultSlots(): ValueSlots {
    return this.state.stack;
  }

  /** The first slot of the suspended host call's results in `resultSlots`. */
  get resultBase(): number {
    return this.state.contArgBase;
  }
}

/**
 * Starts a resumable call of `func` with arguments in `slots` (slot 0 ..). It runs until it finishes (the
 * results are then in `slots`) or suspends (`request` says why). Errors and traps are thrown as by
 * `execute`. A host function called directly runs as with `execute` (it cannot suspend).
 */
export function startExecution(store: PrunedStore, func: FuncEntity, slots: ValueSlots): Execution {
  const state = new ExecState(256, 64);
  state.resumable = true;
  const params = slotsOf(func.type.params);
  state.stack.ensure(Math.max(params, slotsOf(func.type.results), 1));
  for (let w = 0; w < 2 * params; w++) state.stack.i32[w] = slots.i32[w]!;
  const execution = new Execution(store, state, func);
  store.running++;
  store.resumableStacks.add(state.stack);
  abandoned?.register(execution, { store, stack: state.stack }, execution);
  warmUpInterpreter(translateFunction, func);
  startPolling(store, state);
  if (func.kind === FuncKind.Host) {
    state.sp = Math.max(params, slotsOf(func.type.results));
    drive(execution, slots, () => func.host!(store, null, state.stack, 0), false);
  } else {
    drive(execution, slots, () => runInterpreterLoop(store, state, func, 0, translateFunction), true);
  }
  return execution;
}

/**
 * Resumes a suspended execution: its host call's results must be in `resultSlots` already (none for a
 * fuel suspension); with `error`, the host call throws it instead. Runs until the execution finishes
 * (results in `slots`) or suspends again.
 */
export function resumeExecution(execution: Execution, slots: ValueSlots, error?: { error: unknown }): void {
  if (execution.finished) throw new Error("this execution has finished: it cannot be resumed");
  if (execution.request === null) throw new Error("this execution is running: it can only be resumed while suspended");
  const { store, state } = execution;
  execution.request = null;
  state.depth = 0;
  if (error !== undefined) {
    state.rethrow = true;
    state.resumeError = error.error;
  } else if (state.contTail) {
    // a host tail call: its results are the caller's; the callee's frame returns at once
    const i32 = state.stack.i32;
    for (let w = 0; w < 2 * state.contResultSlots; w++) i32[state.contFp2 + w] = i32[2 * state.contArgBase + w]!;
    if (state.contDepth === 0) {
      finish(execution, slots);
      return;
    }
    const d = --state.contDepth;
    state.contPc = state.frames[2 * d]!;
    state.contFp2 = state.frames[2 * d + 1]!;
    state.contFunc = state.frameFuncs[d]!;
    state.contInst = state.frameInstances[d]!;
  }
  state.contTail = false;
  state.resuming = true;
  drive(execution, slots, () => runInterpreterLoop(store, state, execution.func, 0, translateFunction), true);
}

/** Gives up a suspended execution: it will never continue, and its stacks are freed. */
export function cancelExecution(execution: Execution): void {
  if (execution.finished) return;
  execution.request = null;
  end(execution);
}

/** The execution will not run again: it stops counting as running. */
function end(execution: Execution): void {
  execution.finished = true;
  execution.store.running--;
  execution.store.resumableStacks.delete(execution.state.stack);
  abandoned?.unregister(execution);
}

/** Runs `body` (a start or a resume), then notes whether the execution suspended or finished. */
function drive(execution: Execution, slots: ValueSlots, body: () => void, canSuspend: boolean): void {
  const { store } = execution;
  const couldSuspend = store.canSuspend;
  store.canSuspend = canSuspend;
  store.suspendRequest = null;
  try {
    body();
  } catch (e) {
    end(execution);
    throw asWasmError(e);
  } finally {
    store.canSuspend = couldSuspend;
  }
  if (store.suspendRequest !== null) {
    execution.request = store.suspendRequest;
    store.suspendRequest = null;
    return;
  }
  finish(execution, slots);
}

/** The execution returned: its results (from slot 0 of its stack) go to `slots`. */
function finish(execution: Execution, slots: ValueSlots): void {
  end(execution);
  const results = execution.func.type.results;
  let n = 0;
  for (const t of results) n += slotCount(t);
  slots.ensure(n);
  const from = execution.state.stack.i32;
  for (let w = 0; w < 2 * n; w++) slots.i32[w] = from[w]!;
}
