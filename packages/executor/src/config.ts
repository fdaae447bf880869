import { DEFAULT_FEATURES, type WasmFeatures } from "./decode/features.js";

/** Settings of the executor, fixed per engine. */
export interface ExecutorConfig {
  /** Which post-2.0 proposals the decoder and validator accept (2.0 itself is always on). */
  features: Readonly<WasmFeatures>;
  /** Translate each function on its first call (true) or all at compile time (false). */
  lazyTranslation: boolean;
  /** Deepest Wasm call nesting before a "call stack exhausted" trap. */
  maxCallDepth: number;
  /** Most value-stack slots (8 bytes each) before a "call stack exhausted" trap. */
  maxValueSlots: number;
  /** Largest memory in 64 KiB pages a module may have or grow to, whatever it declares. */
  maxMemoryPages: number;
  /** Largest table size, whatever the module declares. */
  maxTableSize: number;
}

export const DEFAULT_CONFIG: ExecutorConfig = {
  // Every proposal the interpreter runs end to end (tail calls, extended const, multi-memory, memory64).
  features: DEFAULT_FEATURES,
  lazyTranslation: true,
  maxCallDepth: 100_000,
  maxValueSlots: 16 * 1024 * 1024,
  maxMemoryPages: 65536,
  maxTableSize: 10_000_000,
};
