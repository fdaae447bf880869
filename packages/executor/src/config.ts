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
  /**
   * Meter execution with fuel (Wasmi's `Config::consume_fuel`): the translator emits `ConsumeFuel` at the
   * start of each region (function entry, loop header, `if` and `else` arms) charging 1 per Wasm
   * instruction in it, and bulk operations charge by size; running out traps with `TrapCode.OutOfFuel`.
   * Off by default: then nothing is emitted and nothing is charged.
   */
  consumeFuel: boolean;
  /**
   * Also compile functions on integer values to JavaScript, which the host's engine runs without the
   * interpreter's dispatch (translate/js/). Used where the host allows code from strings (not under a
   * strict Content-Security-Policy), and never with fuel. `true`: functions with loops that call only
   * such functions are compiled at their first call, the others once the interpreter finds them hot;
   * `"eager"`: every function the tier takes, at its first call.
   */
  jsTier: boolean | "eager";
  /**
   * Before a module's code first runs, run the interpreter loop's cases it will use on training code, so
   * that the host's JIT optimizes the loop once (interpret/warm-up.ts; once per case per process, never
   * without a JIT); likewise the function validator's cases before the first large module is validated
   * (validate/warm-up.ts). Off: no training runs (a tool counting the loop's dispatches turns it off).
   */
  warmUp: boolean;
  /** Deepest Wasm call nesting before a "call stack exhausted" trap: the interpreter's frames (calls that
   * the JavaScript tier nests, a few dozen at most, come on top). */
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
  consumeFuel: false,
  jsTier: true,
  warmUp: true,
  maxCallDepth: 100_000,
  maxValueSlots: 16 * 1024 * 1024,
  maxMemoryPages: 65536,
  maxTableSize: 10_000_000,
};

/** The largest page count a memory may have at all (memory64: 2^64 bytes in 64 KiB pages). */
const MAX_PAGES_64 = 2 ** 48;

/** Each field's check: a message part when the value is wrong, or null. */
const FIELD_CHECKS: { [K in keyof ExecutorConfig]: (v: unknown) => string | null } = {
  features: checkFeatures,
  lazyTranslation: (v) => (typeof v === "boolean" ? null : "must be a boolean"),
  lazyValidation: (v) => (typeof v === "boolean" ? null : "must be a boolean"),
  consumeFuel: (v) => (typeof v === "boolean" ? null : "must be a boolean"),
  jsTier: (v) => (typeof v === "boolean" || v === "eager" ? null : 'must be a boolean or "eager"'),
  warmUp: (v) => (typeof v === "boolean" ? null : "must be a boolean"),
  maxCallDepth: integerIn(1, 2 ** 31 - 1),
  maxValueSlots: integerIn(1, 2 ** 31 - 1),
  maxMemoryPages: integerIn(0, MAX_PAGES_64),
  maxTableSize: integerIn(0, 2 ** 32),
};

function integerIn(min: number, max: number): (v: unknown) => string | null {
  return (v) =>
    typeof v === "number" && Number.isInteger(v) && v >= min && v <= max ? null : `must be an integer in [${min}, ${max}]`;
}

function checkFeatures(v: unknown): string | null {
  if (typeof v !== "object" || v === null) return "must be an object of booleans (see WasmFeatures)";
  for (const key of Object.keys(DEFAULT_FEATURES)) {
    if (typeof (v as Record<string, unknown>)[key] !== "boolean") return `.${key} must be a boolean`;
  }
  for (const key of Object.keys(v)) {
    if (!Object.hasOwn(DEFAULT_FEATURES, key)) return `has an unknown feature '${key}'`;
  }
  const f = v as WasmFeatures;
  for (const later of ["typedReferences", "exceptions", "gc"] as const) {
    if (f[later] && !f.referenceTypes) return `.${later} needs .referenceTypes`;
  }
  if (f.gc && !f.typedReferences) return ".gc needs .typedReferences";
  return null;
}

function shown(v: unknown): string {
  return typeof v === "bigint" ? `${v}n` : typeof v === "string" ? JSON.stringify(v) : String(v);
}

/**
 * `DEFAULT_CONFIG` with `config`'s fields over it (fields set to `undefined` keep their default), checked:
 * an unknown field or a wrong value throws `TypeError` (wrong type) or `RangeError` (out of range), naming it.
 */
export function makeConfig(config: Partial<ExecutorConfig> = {}): ExecutorConfig {
  if (typeof config !== "object" || config === null) throw new TypeError(`Config must be an object, got ${shown(config)}`);
  const merged: Record<string, unknown> = { ...DEFAULT_CONFIG };
  for (const [key, value] of Object.entries(config)) {
    if (!Object.hasOwn(FIELD_CHECKS, key)) {
      throw new TypeError(`unknown Config field '${key}' (known: ${Object.keys(FIELD_CHECKS).join(", ")})`);
    }
    if (value === undefined) continue;
    const problem = FIELD_CHECKS[key as keyof ExecutorConfig](value);
    if (problem !== null) {
      const Err = typeof value === "number" && problem.startsWith("must be an integer") ? RangeError : TypeError;
      throw new Err(`Config.${key} ${problem}, got ${shown(value)}`);
    }
    merged[key] = key === "features" ? Object.freeze({ ...(value as WasmFeatures) }) : value;
  }
  return merged as unknown as ExecutorConfig;
}
