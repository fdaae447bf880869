// The wide-arithmetic proposal: 128-bit addition and subtraction of (low, high) i64 pairs, and the full
// 128-bit product of two i64. Two results each, in two registers of their own (the translator gives them
// the two stack slots the results take); helpers of interpret/numeric/wide.ts on word indexes.

import { instr, outOfLine, type Instr } from "../dsl.js";

/** `fn(i32, dl, dh, al, ah, bl, bh)`: (dl, dh) = (al, ah) op (bl, bh). */
const pairs = (name: string, op: string, fn: string): Instr =>
  instr(name, `(dl, dh) = (al, ah) ${op} (bl, bh) (i64 pairs as 128-bit integers)`, "dl:r dh:r al:r ah:r bl:r bh:r",
    `${fn}(i32, $dl.at, $dh.at, $al.at, $ah.at, $bl.at, $bh.at);`);

/** (dl, dh) = a * b in 128 bits. */
const product = (name: string, signed: boolean): Instr =>
  instr(name, `(dl, dh) = a * b (i64 to 128 bits, ${signed ? "signed" : "unsigned"})`, "dl:r dh:r a:r b:r",
    `i64MulWide(i32, $dl.at, $dh.at, $a.at, $b.at, ${signed});`);

/** Out of line (Instr.outOfLine): rarely hot, and each a call of a helper already. */
export const WIDE_ARITHMETIC: Instr[] = [
  pairs("I64Add128", "+", "i64Add128"),
  pairs("I64Sub128", "-", "i64Sub128"),
  product("I64MulWideS", true),
  product("I64MulWideU", false),
].map(outOfLine);
