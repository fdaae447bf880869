// Comparisons giving 1 or 0. i64 compares on two 32-bit halves: the high words first, then the low
// words unsigned. Conditions: conditions.ts.

import { instr, outOfLine, value, type Instr, type Value } from "../dsl.js";
import { FLOAT_CONDITIONS, I32_CONDITIONS, type I32Condition } from "./conditions.js";

export const I32_COMPARE: Readonly<Record<string, Value>> = Object.fromEntries(
  (Object.keys(I32_CONDITIONS) as I32Condition[]).map((c) =>
    [c, value(`I32${c}`, `d = a ${c} b (i32)`, "i32", "a:i32 b:i32", `${I32_CONDITIONS[c]} ? 1 : 0`)]));

/** `x < y` on i64 registers at word indexes x and y (`unsigned`: the high words too), as `less`. */
export const lessThan = (x: string, y: string, unsigned: boolean): string => `
  const xh = i32[${x} + 1]${unsigned ? " >>> 0" : ""};
  const yh = i32[${y} + 1]${unsigned ? " >>> 0" : ""};
  const less = xh < yh || (xh === yh && (i32[${x}] >>> 0) < (i32[${y}] >>> 0));`;

/** An i64 comparison: `b < a` for Gt, `!(b < a)` for Le, `!(a < b)` for Ge. */
function i64Compare(c: string, signed: boolean): Instr {
  const swap = c === "Gt" || c === "Le";
  const negate = c === "Le" || c === "Ge";
  return instr(`I64${c}${signed ? "S" : "U"}`, `d = a ${c}${signed ? "S" : "U"} b (i64)`, "d:r a:r b:r", `
    const a = $a.at;
    const b = $b.at;
    ${lessThan(swap ? "b" : "a", swap ? "a" : "b", !signed)}
    $d = less ? ${negate ? "0 : 1" : "1 : 0"};`);
}

const floatCompares = (type: "f32" | "f64"): Value[] => Object.entries(FLOAT_CONDITIONS).map(([c, cond]) =>
  value(`${type.toUpperCase()}${c}`, `d = a ${c} b (${type})`, "i32", `a:${type} b:${type}`, `${cond} ? 1 : 0`));

export const COMPARE: (Instr | Value)[] = [
  value("I32Eqz", "d = a is zero (i32)", "i32", "a:i32", "$a === 0 ? 1 : 0"),
  ...Object.values(I32_COMPARE),
  instr("I64Eqz", "d = a is zero (i64)", "d:r a:r", "const a = $a.at;\n$d = (i32[a] | i32[a + 1]) === 0 ? 1 : 0;"),
  instr("I64Eq", "d = a Eq b (i64)", "d:r a:r b:r", `
    const a = $a.at;
    const b = $b.at;
    $d = i32[a] === i32[b] && i32[a + 1] === i32[b + 1] ? 1 : 0;`),
  instr("I64Ne", "d = a Ne b (i64)", "d:r a:r b:r", `
    const a = $a.at;
    const b = $b.at;
    $d = i32[a] !== i32[b] || i32[a + 1] !== i32[b + 1] ? 1 : 0;`),
  // ordered i64 comparisons kept as values: a branch takes them in (BrIfI64*), so the value forms are rare
  // (the bench suite: at most 0.14% of a workload's dispatches), out of line
  ...["Lt", "Gt", "Le", "Ge"].flatMap((c) => [i64Compare(c, true), i64Compare(c, false)]).map(outOfLine),
  ...floatCompares("f32"), ...floatCompares("f64"),
];
