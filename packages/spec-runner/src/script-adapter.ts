// Converts the commands of @wasmi-ts/wast's `parseScript` to the runner's script model.

import {
  type Action,
  AnnotationRejected,
  type Command,
  type Const,
  type Expected,
  type LanePattern,
  type LaneShape,
  type ModuleSource,
} from "./script-model.js";
import {
  type Action as WastAction,
  type ArgValue,
  type EncodeOptions,
  type ExpectedValue,
  type LaneShape as WastLaneShape,
  parseScript,
  type ScriptCommand,
  type ScriptModule,
  WastAnnotationError,
} from "@wasmi-ts/wast";

/** Parses a script's text into runner commands. Throws (with a position) if the script cannot be read. */
export function readScript(text: string, filename: string, encode: EncodeOptions = {}): Command[] {
  return parseScript(text, filename).map((c) => toCommand(c, encode));
}

function toCommand(c: ScriptCommand, encode: EncodeOptions): Command {
  const line = c.span.line;
  switch (c.kind) {
    case "module":
      return { type: "module", line, name: c.module.id, source: toSource(c.module, encode), definition: c.module.definition };
    case "module_instance":
      return { type: "module_instance", line, instance: c.instance, module: c.definition };
    case "register":
      return { type: "register", line, as: c.name, module: c.module };
    case "action":
      return { type: "action", line, action: toAction(c.action) };
    case "assert_return":
      return { type: "assert_return", line, action: toAction(c.action), expected: c.expected.map(toExpected) };
    case "assert_trap":
    case "assert_exhaustion":
      return { type: c.kind, line, action: toAction(c.action), message: c.message };
    case "assert_exception":
      return { type: "assert_exception", line, action: toAction(c.action) };
    case "assert_trap_module":
    case "assert_uninstantiable":
      return { type: "assert_uninstantiable", line, source: toSource(c.module, encode), message: c.message };
    case "assert_malformed":
    case "assert_invalid":
    case "assert_unlinkable":
      return { type: c.kind, line, source: toSource(c.module, encode), message: c.message };
    case "assert_malformed_custom":
    case "assert_invalid_custom":
      return { type: c.kind, line, source: toSource(c.module, encode), message: c.message };
  }
}

function toSource(m: ScriptModule, encode: EncodeOptions): ModuleSource {
  return {
    kind: m.source.kind,
    encode: () => {
      try {
        return m.binary(encode);
      } catch (error) {
        if (error instanceof WastAnnotationError) throw new AnnotationRejected(error.kind, error.reason);
        throw error;
      }
    },
  };
}

function toAction(a: WastAction): Action {
  return a.kind === "invoke"
    ? { type: "invoke", module: a.module, name: a.name, args: a.args.map(toConst) }
    : { type: "get", module: a.module, name: a.name };
}

function toConst(v: ArgValue): Const {
  switch (v.type) {
    case "i32":
      return { type: "i32", bits: v.value >>> 0 };
    case "i64":
      return { type: "i64", bits: BigInt.asUintN(64, v.value) };
    case "f32":
    case "f64":
      return v;
    case "v128":
      return { type: "v128", bytes: v.bytes };
    case "ref.null":
      return { type: "ref.null", heap: v.heapType };
    case "ref.extern":
    case "ref.host":
      return { type: v.type, n: v.value };
  }
}

const laneShapes: Record<WastLaneShape, LaneShape> = {
  i8x16: "i8",
  i16x8: "i16",
  i32x4: "i32",
  i64x2: "i64",
  f32x4: "f32",
  f64x2: "f64",
};

function toExpected(v: ExpectedValue): Expected {
  switch (v.type) {
    case "i32":
    case "i64":
      return { kind: "const", value: toConst(v) };
    case "f32":
      return v.pattern.kind === "nan"
        ? { kind: "nan", type: "f32", nan: v.pattern.nan }
        : { kind: "const", value: { type: "f32", bits: v.pattern.bits } };
    case "f64":
      return v.pattern.kind === "nan"
        ? { kind: "nan", type: "f64", nan: v.pattern.nan }
        : { kind: "const", value: { type: "f64", bits: v.pattern.bits } };
    case "v128":
      return {
        kind: "v128",
        shape: laneShapes[v.shape],
        lanes: v.lanes.map((l): LanePattern => (l.kind === "nan" ? { nan: l.nan } : { bits: l.bits })),
      };
    case "ref.null":
      return { kind: "const", value: { type: "ref.null", heap: v.heapType ?? "" } };
    case "ref.extern":
    case "ref.host":
      return { kind: "const", value: { type: v.type, n: v.value } };
    case "ref":
      if (v.kind === "func") return { kind: "ref.func" };
      if (v.kind === "extern") return { kind: "ref.extern" };
      return { kind: "ref", heap: v.kind };
    case "either":
      return { kind: "either", options: v.alternatives.map(toExpected) };
  }
}
