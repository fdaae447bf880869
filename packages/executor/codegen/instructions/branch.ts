// Conditional branches: on zero or non-zero, and comparisons fused into the branch (the translator
// fuses a comparison into the br_if or if that tests it). Conditions: conditions.ts.

import { args, branchInstr, instr, type Instr } from "../dsl.js";
import { lessThan } from "./compare.js";
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

/** A branch on i64 registers: `body` sets what `cond` tests. */
const i64Branch = (c: string, layout: string, body: string, cond: string): Instr =>
  ({ ...instr(`BrIfI64${c}`, `jump if ${layout === "a:r" ? `a ${c === "Eqz" ? "is" : "is not"} zero` : `a ${c} b`} (i64)`, `${layout} t:t`, body),
    branch: { cond, target: "t" } });

/** i64 comparisons fused into the branch (64-bit code tests tags, lengths and counters in i64): the
 * register forms; the others are the same with the operands swapped (Gt, Ge) or negated (Eqz, Eq). */
export const BR_IF_I64: Instr[] = [
  i64Branch("Eqz", "a:r", "const a = $a.at;", "(i32[a] | i32[a + 1]) === 0"),
  i64Branch("Nez", "a:r", "const a = $a.at;", "(i32[a] | i32[a + 1]) !== 0"),
  i64Branch("Eq", "a:r b:r", "const a = $a.at;\nconst b = $b.at;", "i32[a] === i32[b] && i32[a + 1] === i32[b + 1]"),
  i64Branch("Ne", "a:r b:r", "const a = $a.at;\nconst b = $b.at;", "i32[a] !== i32[b] || i32[a + 1] !== i32[b + 1]"),
  ...[true, false].flatMap((signed) => [
    // a < b; a <= b as !(b < a)
    i64Branch(`Lt${signed ? "S" : "U"}`, "a:r b:r", `const a = $a.at;\nconst b = $b.at;${lessThan("a", "b", !signed)}`, "less"),
    i64Branch(`Le${signed ? "S" : "U"}`, "a:r b:r", `const a = $a.at;\nconst b = $b.at;${lessThan("b", "a", !signed)}`, "!less"),
  ]),
];
