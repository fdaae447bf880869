// Conditional branches: on zero or non-zero, and comparisons fused into the branch (the translator
// fuses a comparison into the br_if or if that tests it). Conditions: conditions.ts.

import { args, branchInstr, type Instr } from "../dsl.js";
import { FLOAT_CONDITIONS, I32_CONDITIONS, type I32Condition } from "./conditions.js";

export const BR_IF_NEZ = branchInstr("BrIfNez", "jump if a is not zero", args("a:i32"), "$a !== 0");
export const BR_IF_EQZ = branchInstr("BrIfEqz", "jump if a is zero", args("a:i32"), "$a === 0");

/** The register-register forms: the others are the same with the operands swapped. */
const REGISTER_FORMS: readonly I32Condition[] = ["Eq", "Ne", "LtS", "LtU", "LeS", "LeU"];

export const BR_IF_I32: Readonly<Record<string, Instr>> = Object.fromEntries(REGISTER_FORMS.map((c) =>
  [c, branchInstr(`BrIfI32${c}`, `jump if a ${c} b (i32)`, args("a:i32 b:i32"), I32_CONDITIONS[c])]));

export const BR_IF_I32_IMM: Readonly<Record<string, Instr>> = Object.fromEntries(
  (Object.keys(I32_CONDITIONS) as I32Condition[]).map((c) =>
    [c, branchInstr(`BrIfI32${c}Imm`, `jump if a ${c} the immediate b (i32)`, args("a:i32 b:imm"), I32_CONDITIONS[c])]));

/** Float comparisons fused into a branch; NotLt and NotLe are their negations (true on NaN). */
export function floatBranches(type: "f32" | "f64"): Instr[] {
  const T = type.toUpperCase();
  const conds: [string, string][] = [
    ["Eq", FLOAT_CONDITIONS.Eq], ["Ne", FLOAT_CONDITIONS.Ne], ["Lt", FLOAT_CONDITIONS.Lt], ["Le", FLOAT_CONDITIONS.Le],
    ["NotLt", `!(${FLOAT_CONDITIONS.Lt})`], ["NotLe", `!(${FLOAT_CONDITIONS.Le})`],
  ];
  return conds.map(([c, cond]) => branchInstr(`BrIf${T}${c}`, `jump if ${c === "NotLt" ? "not a < b" : c === "NotLe" ? "not a <= b" : `a ${c} b`} (${type})`,
    args(`a:${type} b:${type}`), cond));
}
