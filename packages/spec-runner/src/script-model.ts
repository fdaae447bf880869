// The runner's own model of a `.wast` script. `script-adapter.ts` converts the parser's commands to it,
// so the runner depends on one small, stable shape whatever the parser's representation.

/**
 * Where a module's bytes come from. `encode` throws when the text is malformed: `AnnotationRejected` when a
 * custom annotation (`@custom`, `@name`) is malformed or misplaced, something else for other errors.
 */
export interface ModuleSource {
  kind: "text" | "binary" | "quote";
  encode(): Uint8Array;
}

/**
 * A module text rejected for one of its custom annotations: `malformed` (syntax, placement) or `invalid`
 * (wrong for the module, e.g. a branch hint on no branch); `reason` is the parser's message.
 */
export class AnnotationRejected extends Error {
  override name = "AnnotationRejected";
  constructor(
    readonly kind: "malformed" | "invalid",
    readonly reason: string,
  ) {
    super(`${kind} annotation: ${reason}`);
  }
}

/** An argument or an exact expected value. Floats are bit patterns. */
export type Const =
  | { type: "i32"; bits: number }
  | { type: "i64"; bits: bigint }
  | { type: "f32"; bits: number }
  | { type: "f64"; bits: bigint }
  | { type: "v128"; bytes: Uint8Array }
  | { type: "ref.null"; heap: string }
  | { type: "ref.extern"; n: number }
  | { type: "ref.host"; n: number };

export type NanKind = "canonical" | "arithmetic";

/** One lane of an expected v128: exact bits or a NaN pattern (float shapes only). */
export type LanePattern = { bits: number | bigint } | { nan: NanKind };

export type LaneShape = "i8" | "i16" | "i32" | "i64" | "f32" | "f64";

export type Expected =
  | { kind: "const"; value: Const }
  | { kind: "nan"; type: "f32" | "f64"; nan: NanKind }
  | { kind: "v128"; shape: LaneShape; lanes: LanePattern[] }
  /** Any non-null function reference. */
  | { kind: "ref.func" }
  /** Any non-null extern reference (`n` undefined), or exactly host value N. */
  | { kind: "ref.extern"; n?: number }
  /** Any non-null reference of a GC heap type (any, eq, i31, struct, array, exn ...). */
  | { kind: "ref"; heap: string }
  | { kind: "either"; options: Expected[] };

export type Action =
  | { type: "invoke"; module?: string; name: string; args: Const[] }
  | { type: "get"; module?: string; name: string };

export type Command =
  /** A module; `definition` modules are compiled but not instantiated. */
  | { type: "module"; line: number; name?: string; source: ModuleSource; definition: boolean }
  /** `(module instance $i $m)`: instantiates definition `$m` (or the last definition) as `$i`. */
  | { type: "module_instance"; line: number; instance?: string; module?: string }
  | { type: "register"; line: number; as: string; module?: string }
  | { type: "action"; line: number; action: Action }
  | { type: "assert_return"; line: number; action: Action; expected: Expected[] }
  | { type: "assert_trap"; line: number; action: Action; message: string }
  | { type: "assert_exhaustion"; line: number; action: Action; message: string }
  | { type: "assert_exception"; line: number; action: Action }
  | { type: "assert_invalid"; line: number; source: ModuleSource; message: string }
  | { type: "assert_malformed"; line: number; source: ModuleSource; message: string }
  | { type: "assert_unlinkable"; line: number; source: ModuleSource; message: string }
  /** `assert_trap` on a module: instantiation (start function, segment initialisation) must trap. */
  | { type: "assert_uninstantiable"; line: number; source: ModuleSource; message: string }
  /** The text's custom annotations must be rejected with this message (its start), before any engine. */
  | { type: "assert_malformed_custom"; line: number; source: ModuleSource; message: string }
  /** The module's custom annotations must fail validation (their meaning checked against the module). */
  | { type: "assert_invalid_custom"; line: number; source: ModuleSource; message: string }
  /** A command the runner does not support (threads, ...): counted as a failure. */
  | { type: "unsupported"; line: number; what: string };
