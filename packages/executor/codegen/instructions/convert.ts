// Conversions (wrap and reinterpret need no instruction: they only retype the value). The trapping and
// saturating truncations and the i64 ones are helpers of interpret/numeric/.

import { instr, value, type Instr, type Value } from "../dsl.js";

type T = "i32" | "f32" | "f64";

const convert = (name: string, result: T, from: T, expr: string): Value =>
  value(name, `d = ${expr.replace("$a", "a")} (${from} to ${result})`, result, `a:${from}`, expr);
/** A helper writing an i64 result at word index d. */
const toI64 = (name: string, from: T, fn: string): Instr =>
  instr(name, `d = ${fn}(a) (${from} to i64)`, "d:r a:r", `${fn}(i32, $d.at, $a${from === "i32" ? "" : `.${from}`});`);
/** A helper reading an i64 at word index a. */
const fromI64 = (name: string, result: "f32" | "f64", fn: string): Value =>
  value(name, `d = ${fn}(a) (i64 to ${result})`, result, "a:i32", `${fn}(i32, $a.at)`);

export const CONVERSIONS: (Instr | Value)[] = [
  convert("I32TruncF32S", "i32", "f32", "i32TruncF32S($a)"), convert("I32TruncF32U", "i32", "f32", "i32TruncF32U($a)"),
  convert("I32TruncF64S", "i32", "f64", "i32TruncF64S($a)"), convert("I32TruncF64U", "i32", "f64", "i32TruncF64U($a)"),
  instr("I64ExtendI32S", "d = a sign-extended (i32 to i64)", "d:r a:r", `
    const v = $a;
    const d = $d.at;
    i32[d] = v;
    i32[d + 1] = v >> 31;`),
  instr("I64ExtendI32U", "d = a zero-extended (i32 to i64)", "d:r a:r", `
    const d = $d.at;
    i32[d] = $a;
    i32[d + 1] = 0;`),
  toI64("I64TruncF32S", "f32", "i64TruncF32S"), toI64("I64TruncF32U", "f32", "i64TruncF32U"),
  toI64("I64TruncF64S", "f64", "i64TruncF64S"), toI64("I64TruncF64U", "f64", "i64TruncF64U"),
  convert("F32ConvertI32S", "f32", "i32", "$a"), convert("F32ConvertI32U", "f32", "i32", "$a >>> 0"),
  fromI64("F32ConvertI64S", "f32", "f32ConvertI64S"), fromI64("F32ConvertI64U", "f32", "f32ConvertI64U"),
  convert("F32DemoteF64", "f32", "f64", "$a"),
  convert("F64ConvertI32S", "f64", "i32", "$a"), convert("F64ConvertI32U", "f64", "i32", "$a >>> 0"),
  fromI64("F64ConvertI64S", "f64", "f64ConvertI64S"), fromI64("F64ConvertI64U", "f64", "f64ConvertI64U"),
  convert("F64PromoteF32", "f64", "f32", "$a"),
  convert("I32Extend8S", "i32", "i32", "($a << 24) >> 24"), convert("I32Extend16S", "i32", "i32", "($a << 16) >> 16"),
  instr("I64Extend8S", "d = the low 8 bits of a sign-extended (i64)", "d:r a:r", "i64Extend8S(i32, $d.at, $a.at);"),
  instr("I64Extend16S", "d = the low 16 bits of a sign-extended (i64)", "d:r a:r", "i64Extend16S(i32, $d.at, $a.at);"),
  instr("I64Extend32S", "d = the low 32 bits of a sign-extended (i64)", "d:r a:r", "i64Extend32S(i32, $d.at, $a.at);"),
  convert("I32TruncSatF32S", "i32", "f32", "i32TruncSatF32S($a)"), convert("I32TruncSatF32U", "i32", "f32", "i32TruncSatF32U($a)"),
  convert("I32TruncSatF64S", "i32", "f64", "i32TruncSatF64S($a)"), convert("I32TruncSatF64U", "i32", "f64", "i32TruncSatF64U($a)"),
  toI64("I64TruncSatF32S", "f32", "i64TruncSatF32S"), toI64("I64TruncSatF32U", "f32", "i64TruncSatF32U"),
  toI64("I64TruncSatF64S", "f64", "i64TruncSatF64S"), toI64("I64TruncSatF64U", "f64", "i64TruncSatF64U"),
];
