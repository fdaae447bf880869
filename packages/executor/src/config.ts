import { DEFAULT_FEATURES, type WasmFeatures } from "./decode/features.js";

/** Settings of the executor, fixed per engine. */
export interface ExecutorConfig {
  /** Which post-2.0 proposals the decoder and validator accept (2.0 itself is always on). */
  features: Readonly<WasmFeatures>;
  /** Translate each function on its first call (true) or all at compile time (false). */
  lazyTranslation: boolean;
  /**
   * Validate each function body on its first call, with its translation (Wasmi's `CompilationMode::Lazy`),
   * instead of at compile time: compiling then checks only the module level (types, imports, limits,
   * constant expressions, segments, start, exports). An invalid or malformed body throws its
   * `ValidationError` / `DecodeError` (the same reason and offset as eager compilation) at each call that
   * reaches it, and is never translated; other functions stay callable. Off by default: the JS API and
   * the spec want every error at compile time. Needs `lazyTranslation`; without it, validation is eager.
   */
  lazyValidation: boolean;
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
  lazyValidation: false,
  maxCallDepth: 100_000,
  maxValueSlots: 16 * 1024 * 1024,
  maxMemoryPages: 65536,
  maxTableSize: 10_000_000,
};
