import { ValueSlots, type InstanceEntity, type PrunedStore } from "@wasmi-ts/store";
import type { CompiledFunc } from "../translate/compiled-func.js";
import { POLL_INTERVAL } from "./poll.js";

/**
 * The executor's stacks. Each store has one (kept in `PrunedStore.exec`), shared by its nested synchronous
 * executions; each resumable execution has one of its own (execution.ts), so that it can be suspended
 * and resumed in any order with others.
 */
export class ExecState {
  /** The value stack: frames of registers. */
  readonly stack: ValueSlots;
  /** Per call depth: return pc and caller frame base (in words). */
  frames: Int32Array;
  /** Per call depth: the caller's code and instance (null above the frames in use after `release`). */
  readonly frameFuncs: (CompiledFunc | null)[] = [];
  readonly frameInstances: (InstanceEntity | null)[] = [];
  /** Wasm frames live on the call stack, across nested executions. */
  depth = 0;
  /** First free slot of the value stack (where a nested execution starts). */
  sp = 0;
  /** The error that last left a nested execution, and the call depth that execution entered at: the
   * `runInterpreterLoop` whose host call it was continues the error's backtrace (backtrace.ts). */
  unwound: unknown = undefined;
  unwoundDepth = -1;
  /** The error that last left a leaf function of the JavaScript tier, and where (translate/js/): the
   * innermost frame of its backtrace, which the interpreter did not push. */
  leafError: unknown = undefined;
  /** Its frames: pairs of function index and Wasm offset, innermost first (in `leafInst`). */
  leafFrames: readonly number[] | null = null;
  leafInst: InstanceEntity | null = null;
  /** Calls out of the JavaScript tier's compiled code (interpret/call-out.ts): the first slot above the
   * running leaf's frame, where a call's arguments go, and how many calls out are nested now. */
  jsTop = 0;
  callOuts = 0;
  /** Calls made by the JavaScript tier's code (calls out, direct forms that call others) until the next
   * poll (poll.ts): compiled code counts its loops' iterations itself, and the calls here, as a tree of
   * calls without loops can be as long as it is wide. */
  callBudget = POLL_INTERVAL;
  /** The engine's interrupt counter when the outermost call started (poll.ts). */
  epoch = 0;

  /** A resumable execution's own stacks: it may suspend at a host call or when fuel runs out. */
  resumable = false;
  /** Where a suspended execution continues: the pc after the host call (or of the instruction that ran
   * out of fuel), the call's own pc, and the frame, function, instance and depth there. */
  contPc = 0;
  contCallPc = 0;
  contFp2 = 0;
  contDepth = 0;
  contFunc: CompiledFunc | null = null;
  contInst: InstanceEntity | null = null;
  /** The suspended host call: a tail call?, where its arguments were and its results go, how many slots. */
  contTail = false;
  contArgBase = 0;
  contResultSlots = 0;
  /** `runInterpreterLoop` starts from the continuation instead of a new call, throwing `resumeError` there if `rethrow`. */
  resuming = false;
  rethrow = false;
  resumeError: unknown = undefined;

  constructor(stackSlots = 4096, frameDepth = 1024) {
    this.stack = new ValueSlots(stackSlots);
    this.frames = new Int32Array(2 * frameDepth);
  }

  /** Notes where a suspended execution continues (see the `cont` fields). */
  suspendAt(
    pc: number, callPc: number, fp2: number, func: CompiledFunc, inst: InstanceEntity, depth: number,
    tail: boolean, argBase: number, resultSlots: number,
  ): void {
    this.contPc = pc;
    this.contCallPc = callPc;
    this.contFp2 = fp2;
    this.contFunc = func;
    this.contInst = inst;
    this.contDepth = depth;
    this.contTail = tail;
    this.contArgBase = argBase;
    this.contResultSlots = resultSlots;
  }

  /**
   * Forgets what the stacks still reference of calls that have returned (the caller entries of their
   * frames), so that instances nobody else reaches can be collected. Called when the store's outermost
   * execution returns; costs one pass over the depth reached since the last time.
   */
  release(): void {
    const funcs = this.frameFuncs;
    const instances = this.frameInstances;
    for (let d = 0; d < instances.length && instances[d] !== null; d++) {
      funcs[d] = null;
      instances[d] = null;
    }
  }

  growFrames(): void {
    const frames = new Int32Array(this.frames.length * 2);
    frames.set(this.frames);
    this.frames = frames;
  }
}

export function execState(store: PrunedStore): ExecState {
  let state = store.exec;
  if (!(state instanceof ExecState)) {
    state = new ExecState();
    store.exec = state;
  }
  return state as ExecState;
}
