// f32 and f64 arithmetic. Stores into the f32 view round to f32. Sign operations work on the bits
// (abs, neg, copysign keep NaN payloads); a NaN from ceil, floor, trunc, nearest must be quiet.

import { instr, outOfLine, value, valueInstr, type Instr, type Value } from "../dsl.js";

const BINARY = { Add: "$a + $b", Sub: "$a - $b", Mul: "$a * $b", Div: "$a / $b" } as const;

export const F64: Readonly<Record<string, Value>> = Object.fromEntries(Object.entries(BINARY).map(([op, expr]) =>
  [op, value(`F64${op}`, `d = a ${op} b (f64)`, "f64", "a:f64 b:f64", expr)]));

const unary = (type: "f32" | "f64", op: string, fn: string, quiet: boolean): Value =>
  value(`${type.toUpperCase()}${op}`, `d = ${op.toLowerCase()}(a) (${type})`, type, `a:${type}`,
    quiet ? "x === x ? x : NaN" : `${fn}($a)`, quiet ? `const x = ${fn}($a);` : undefined);

export const FLOAT_ARITHMETIC: (Instr | Value)[] = [
  value("F32Abs", "d = |a| (f32, on the bits)", "i32", "a:i32", "$a & 0x7fffffff"),
  value("F32Neg", "d = -a (f32, on the bits)", "i32", "a:i32", "$a ^ -0x80000000"),
  unary("f32", "Ceil", "Math.ceil", false), unary("f32", "Floor", "Math.floor", false),
  unary("f32", "Trunc", "Math.trunc", false), unary("f32", "Nearest", "f32Nearest", false),
  unary("f32", "Sqrt", "Math.sqrt", false),
  ...Object.entries(BINARY).map(([op, expr]) => value(`F32${op}`, `d = a ${op} b (f32)`, "f32", "a:f32 b:f32", expr)),
  value("F32Min", "d = min(a, b) (f32)", "f32", "a:f32 b:f32", "f32Min($a, $b)"),
  value("F32Max", "d = max(a, b) (f32)", "f32", "a:f32 b:f32", "f32Max($a, $b)"),
  // copysign: rare, out of line (Instr.outOfLine)
  outOfLine(valueInstr(value("F32Copysign", "d = a with the sign of b (f32, on the bits)", "i32", "a:i32 b:i32",
    "($a & 0x7fffffff) | ($b & -0x80000000)"))),
  instr("F64Abs", "d = |a| (f64, on the bits)", "d:r a:r", `
    const a = $a.at;
    const d = $d.at;
    i32[d] = i32[a];
    i32[d + 1] = i32[a + 1] & 0x7fffffff;`),
  instr("F64Neg", "d = -a (f64, on the bits)", "d:r a:r", `
    const a = $a.at;
    const d = $d.at;
    i32[d] = i32[a];
    i32[d + 1] = i32[a + 1] ^ -0x80000000;`),
  unary("f64", "Ceil", "Math.ceil", true), unary("f64", "Floor", "Math.floor", true),
  unary("f64", "Trunc", "Math.trunc", true), unary("f64", "Nearest", "f64Nearest", true),
  unary("f64", "Sqrt", "Math.sqrt", false),
  ...Object.values(F64),
  value("F64Min", "d = min(a, b) (f64)", "f64", "a:f64 b:f64", "f64Min($a, $b)"),
  value("F64Max", "d = max(a, b) (f64)", "f64", "a:f64 b:f64", "f64Max($a, $b)"),
  outOfLine(instr("F64Copysign", "d = a with the sign of b (f64, on the bits)", "d:r a:r b:r", `
    const a = $a.at;
    const b = $b.at;
    const d = $d.at;
    const hi = (i32[a + 1] & 0x7fffffff) | (i32[b + 1] & -0x80000000);
    i32[d] = i32[a];
    i32[d + 1] = hi;`)),
];
