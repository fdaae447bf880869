import { ValueSlots, type InstanceEntity, type PrunedStore } from "@wasmi-ts/store";
import type { CompiledFunc } from "../translate/compiled-func.js";

/** The executor's per-store stacks (kept in `PrunedStore.exec`), shared by nested executions. */
export class ExecState {
  /** The value stack: frames of registers. */
  readonly stack = new ValueSlots(4096);
  /** Per call depth: return pc and caller frame base (in words). */
  frames = new Int32Array(2 * 1024);
  /** Per call depth: the caller's code and instance (null above the frames in use after `release`). */
  readonly frameFuncs: (CompiledFunc | null)[] = [];
  readonly frameInstances: (InstanceEntity | null)[] = [];
  /** Wasm frames live on the call stack, across nested executions. */
  depth = 0;
  /** First free slot of the value stack (where a nested execution starts). */
  sp = 0;
  /** The error that last left a nested execution, and the call depth that execution entered at: the
   * `run` whose host call it was continues the error's backtrace (backtrace.ts). */
  unwound: unknown = undefined;
  unwoundDepth = -1;
  /** The engine's interrupt counter when the outermost call started (poll.ts). */
  epoch = 0;

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
