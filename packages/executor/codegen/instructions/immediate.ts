// Immediate forms: the second operand is a constant, inlined into the code (`dst, a, imm`). The
// translator chooses them (translate/ops.ts: `imm`, `immFirst`). i64 shifts take counts 1..63.

import { instr, outOfLine, value, valueInstr, type Instr, type Value } from "../dsl.js";
import { I32_CONDITIONS, type I32Condition } from "./conditions.js";
import { I32_BINARY } from "./i32.js";

const immediate = (op: keyof typeof I32_BINARY): Value =>
  value(`I32${op}Imm`, `d = a ${op} the immediate b (i32)`, "i32", "a:i32 b:imm", I32_BINARY[op]);

export const I32_IMM: Readonly<Record<string, Value>> = Object.fromEntries(
  (["Add", "Mul", "And", "Or", "Xor", "Shl", "ShrS", "ShrU", "Rotl"] as const).map((op) => [op, immediate(op)]));

export const I32_COMPARE_IMM: Value[] = (Object.keys(I32_CONDITIONS) as I32Condition[]).map((c) =>
  value(`I32${c}Imm`, `d = a ${c} the immediate b (i32)`, "i32", "a:i32 b:imm", `${I32_CONDITIONS[c]} ? 1 : 0`));

/** An i64 add of a sign-extended 32-bit immediate (a step, `n - 1`; sub is the add of the negation): the
 * carry of the low words, the immediate's sign into the high word. */
export const I64_ADD_IMM = instr("I64AddImm", "d = a + the immediate k (i64, k sign-extended)", "d:r a:r k:i", `
  const a = $a.at;
  const k = $k;
  const al = i32[a];
  const lo = (al + k) | 0;
  const d = $d.at;
  i32[d + 1] = (i32[a + 1] + (k >> 31) + ((lo >>> 0) < (al >>> 0) ? 1 : 0)) | 0;
  i32[d] = lo;`);

/** i64 shifts by a constant count n in 1..63: the halves computed directly. */
export const I64_SHL_IMM = instr("I64ShlImm", "d = a << n (i64, n in 1..63)", "d:r a:r n:i", `
  const n = $n;
  const a = $a.at;
  const d = $d.at;
  const lo = i32[a];
  if (n < 32) {
    i32[d + 1] = (i32[a + 1] << n) | (lo >>> (32 - n));
    i32[d] = lo << n;
  } else {
    i32[d + 1] = lo << (n - 32);
    i32[d] = 0;
  }`);
const i64ShrImm = (signed: boolean): Instr =>
  instr(`I64Shr${signed ? "S" : "U"}Imm`, `d = a >>${signed ? "" : ">"} n (i64, n in 1..63)`, "d:r a:r n:i", `
  const n = $n;
  const a = $a.at;
  const d = $d.at;
  const hi = i32[a + 1];
  if (n < 32) {
    i32[d] = (i32[a] >>> n) | (hi << (32 - n));
    i32[d + 1] = hi >>${signed ? "" : ">"} n;
  } else {
    i32[d] = hi >>${signed ? "" : ">"} (n - 32);
    i32[d + 1] = ${signed ? "hi >> 31" : "0"};
  }`);
export const I64_SHR_U_IMM = i64ShrImm(false);

export const IMMEDIATES: (Instr | Value)[] = [
  ...Object.values(I32_IMM),
  // comparisons with a constant kept as values: Le and Ge are rare (LLVM turns `x <= k` into `x < k + 1`
  // and `x >= k` into `x > k - 1`; the bench suite ran none of them above 0.1% of its dispatches), out of line
  ...I32_COMPARE_IMM.map((v) => (/^I32(Le|Ge)/.test(v.name) ? outOfLine(valueInstr(v)) : v)),
  I64_SHL_IMM, i64ShrImm(true), I64_SHR_U_IMM,
];
