import type { EncodeOptions } from "../encode/options.js";
import type { Span } from "../errors.js";
import type { List } from "../sexpr/types.js";

// The commands of a WAST script (the spec test format), as read by `parseScript`.

/** Where a script module's bytes come from. */
export type ModuleSource =
  /** `(module $id? field*)`: the whole list, `module` keyword (and `definition`, `$id`) included. */
  | { kind: "text"; list: List }
  /** `(module $id? binary "..."*)`: the concatenated bytes, as written. */
  | { kind: "binary"; bytes: Uint8Array }
  /** `(module $id? quote "..."*)`: the concatenated bytes, to be read as module text. */
  | { kind: "quote"; bytes: Uint8Array };

/** A module written in a script: a command of its own or the subject of an assertion. */
export interface ScriptModule {
  /** `$name` (without `$`) if the module is named. */
  id: string | undefined;
  /** `(module definition ...)`: only defines the module; `(module instance ...)` instantiates it. */
  definition: boolean;
  source: ModuleSource;
  span: Span;
  /**
   * The binary module, encoded on first request and cached. Text and quote modules that are malformed
   * throw `WastSyntaxError` here (not when the script is parsed). `options` select the text format's
   * version rules (e.g. `strict32` for 2.0).
   */
  binary(options?: EncodeOptions): Uint8Array;
}

/** The shape of a `v128.const`. */
export type LaneShape = "i8x16" | "i16x8" | "i32x4" | "i64x2" | "f32x4" | "f64x2";

/** A value passed to `invoke`. Integer values are signed; float values are exact bit patterns. */
export type ArgValue =
  | { type: "i32"; value: number }
  | { type: "i64"; value: bigint }
  | { type: "f32"; bits: number }
  | { type: "f64"; bits: bigint }
  /** 16 bytes, little-endian lane order, as in memory. */
  | { type: "v128"; bytes: Uint8Array }
  /** `(ref.null ht)`: `heapType` as written (`func`, `extern`, `any`, `$t`, `0`, ...). */
  | { type: "ref.null"; heapType: string }
  /** `(ref.extern N)`: the host reference numbered N. */
  | { type: "ref.extern"; value: number }
  /** `(ref.host N)`: the host reference numbered N (older spelling). */
  | { type: "ref.host"; value: number };

export type NanKind = "canonical" | "arithmetic";

/** An expected float: exact bits, or any NaN of the kind. */
export type F32Pattern = { kind: "bits"; bits: number } | { kind: "nan"; nan: NanKind };
export type F64Pattern = { kind: "bits"; bits: bigint } | { kind: "nan"; nan: NanKind };
/** One expected v128 lane: exact bits of the lane's width (unsigned), or any NaN of the kind (float shapes only). */
export type LanePattern = { kind: "bits"; bits: bigint } | { kind: "nan"; nan: NanKind };

/** Reference kinds matched by "some non-null reference of that kind": `(ref.func)`, `(ref.array)`, ... */
export type RefKind = "func" | "extern" | "any" | "eq" | "i31" | "struct" | "array" | "exn" | "host";

/** A result an assertion expects. */
export type ExpectedValue =
  | { type: "i32"; value: number }
  | { type: "i64"; value: bigint }
  | { type: "f32"; pattern: F32Pattern }
  | { type: "f64"; pattern: F64Pattern }
  | { type: "v128"; shape: LaneShape; lanes: LanePattern[] }
  /** `(ref.null ht)`; `heapType` undefined for a bare `(ref.null)` (any null reference). */
  | { type: "ref.null"; heapType: string | undefined }
  /** `(ref.extern N)` / `(ref.host N)`: that host reference. */
  | { type: "ref.extern"; value: number }
  | { type: "ref.host"; value: number }
  /** `(ref.func)`, `(ref.array)`, `(ref.extern)` ...: any non-null reference of that kind. */
  | { type: "ref"; kind: RefKind }
  /** `(either v1 v2 ...)`: any one of the alternatives. */
  | { type: "either"; alternatives: ExpectedValue[] };

export type Action =
  /** `(invoke $module? "name" arg*)` */
  | { kind: "invoke"; module: string | undefined; name: string; args: ArgValue[]; span: Span }
  /** `(get $module? "name")`: the value of an exported global. */
  | { kind: "get"; module: string | undefined; name: string; span: Span };

interface At {
  span: Span;
}

export type ScriptCommand =
  /** `(module ...)`, `(module definition ...)`: define (and unless `definition`, instantiate) a module. */
  | ({ kind: "module"; module: ScriptModule } & At)
  /** `(module instance $instance? $definition?)`: instantiate a defined module (the last one if unnamed). */
  | ({ kind: "module_instance"; instance: string | undefined; definition: string | undefined } & At)
  /** `(register "name" $module?)`: make a module's exports importable as module `name`. */
  | ({ kind: "register"; name: string; module: string | undefined } & At)
  /** A bare action: perform it, ignore results (a trap is a failure). */
  | ({ kind: "action"; action: Action } & At)
  | ({ kind: "assert_return"; action: Action; expected: ExpectedValue[] } & At)
  /** `(assert_trap action "msg")`: the action traps. */
  | ({ kind: "assert_trap"; action: Action; message: string } & At)
  /** `(assert_trap module "msg")`: instantiation traps (e.g. in the start function). */
  | ({ kind: "assert_trap_module"; module: ScriptModule; message: string } & At)
  | ({ kind: "assert_exhaustion"; action: Action; message: string } & At)
  /** The action throws a WebAssembly exception. */
  | ({ kind: "assert_exception"; action: Action } & At)
  /** The module is not well-formed (binary: decoding fails; text/quote: `binary()` throws). */
  | ({ kind: "assert_malformed"; module: ScriptModule; message: string } & At)
  /** The module decodes but does not validate. */
  | ({ kind: "assert_invalid"; module: ScriptModule; message: string } & At)
  /** The module validates but fails to link (imports). */
  | ({ kind: "assert_unlinkable"; module: ScriptModule; message: string } & At)
  /** The module links but instantiation fails. */
  | ({ kind: "assert_uninstantiable"; module: ScriptModule; message: string } & At)
  /** Custom-section variants (annotations): a malformed or invalid custom section is only a warning. */
  | ({ kind: "assert_malformed_custom"; module: ScriptModule; message: string } & At)
  | ({ kind: "assert_invalid_custom"; module: ScriptModule; message: string } & At);

export type ScriptCommandKind = ScriptCommand["kind"];
