// The interface every runner implements. A runner compiles and instantiates a module (no imports)
// and hands out its exports; the harness (measure.ts) does all timing and checking.

/** A Wasm value as the JS API represents it: i32/f32/f64 as number, i64 as bigint. */
export type Value = number | bigint;

export interface WasmInstance {
  /** The exported function `name`, returning its single result. */
  func(name: string): (...args: Value[]) => Value;
  /** The current bytes of the exported memory `name` (ask again after a call: memory may grow). */
  memory(name: string): Uint8Array;
  /** Fixed cost inside every call's time that is not execution (wasm-interp: process start-up). */
  readonly overheadMs?: number;
  /** Every call starts from scratch (a new process): nothing to warm up, the first call is a sample. */
  readonly freshPerCall?: boolean;
}

/** Proposals past 2.0 that a workload needs and a runner may support. */
export type Proposal = "gc" | "exceptions";

export interface Runner {
  readonly name: string;
  /** The proposals past 2.0 it runs (none when absent). */
  readonly proposals?: readonly Proposal[];
  /** Loads the implementation: why this runner cannot run here, or null when it can. */
  load(): Promise<string | null>;
  /** Compiles and instantiates a module without imports. */
  instantiate(bytes: Uint8Array): WasmInstance;
  /** Compiles a module only (`new WebAssembly.Module`, `new Module`): the compile-time comparison. */
  compile?(bytes: Uint8Array): void;
  /** Can only call exports with constant arguments (no host access to memory between calls). */
  readonly plainCallsOnly?: boolean;
  /**
   * The runner's JS API `WebAssembly` namespace, for package workloads (npm packages that instantiate
   * their own Wasm through it); absent when the runner has none.
   */
  namespace?(): object;
}
