// i64 arithmetic on two 32-bit halves (low word first): the simple operations inline, the rest by
// helpers in interpret/numeric/i64.ts taking word indexes.

import { instr, outOfLine, type Instr } from "../dsl.js";

/** A helper `fn(i32, d, a[, b])` on word indexes. */
const helper = (name: string, doc: string, fn: string, binary: boolean): Instr =>
  instr(name, doc, binary ? "d:r a:r b:r" : "d:r a:r", `${fn}(i32, $d.at, $a.at${binary ? ", $b.at" : ""});`);

/** A bitwise operation, word by word. */
const bitwise = (name: string, op: string): Instr => instr(name, `d = a ${op} b (i64)`, "d:r a:r b:r", `
  const a = $a.at;
  const b = $b.at;
  const d = $d.at;
  i32[d] = i32[a] ${op} i32[b];
  i32[d + 1] = i32[a + 1] ${op} i32[b + 1];`);

/** The low 64 bits of a * b into locals pl, ph: al * bl in full (its high word from 16-bit partial
 * products), plus the low halves of the cross terms in the high word. */
export const I64_PRODUCT = `
  const al = i32[a];
  const bl = i32[b];
  const a0 = al & 0xffff;
  const a1 = al >>> 16;
  const b0 = bl & 0xffff;
  const b1 = bl >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const high = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  const pl = Math.imul(al, bl);
  const ph = (high + Math.imul(al, i32[b + 1]) + Math.imul(i32[a + 1], bl)) | 0;`;

export const I64_ADD = instr("I64Add", "d = a + b (i64)", "d:r a:r b:r", `
  const a = $a.at;
  const b = $b.at;
  const al = i32[a];
  const lo = (al + i32[b]) | 0;
  const carry = (lo >>> 0) < (al >>> 0) ? 1 : 0;
  const d = $d.at;
  i32[d + 1] = (i32[a + 1] + i32[b + 1] + carry) | 0;
  i32[d] = lo;`);

export const I64_ARITHMETIC: Instr[] = [
  helper("I64Clz", "d = leading zero bits of a (i64)", "i64Clz", false),
  // rare in compiled code, and a helper's work already: out of line (a call more), as division is
  outOfLine(helper("I64Ctz", "d = trailing zero bits of a (i64)", "i64Ctz", false)),
  outOfLine(helper("I64Popcnt", "d = one bits of a (i64)", "i64Popcnt", false)),
  I64_ADD,
  instr("I64Sub", "d = a - b (i64)", "d:r a:r b:r", `
    const a = $a.at;
    const b = $b.at;
    const al = i32[a];
    const bl = i32[b];
    const borrow = (al >>> 0) < (bl >>> 0) ? 1 : 0;
    const d = $d.at;
    i32[d + 1] = (i32[a + 1] - i32[b + 1] - borrow) | 0;
    i32[d] = (al - bl) | 0;`),
  instr("I64Mul", "d = a * b (i64)", "d:r a:r b:r", `
    const a = $a.at;
    const b = $b.at;
    ${I64_PRODUCT}
    const d = $d.at;
    i32[d + 1] = ph;
    i32[d] = pl;`),
  // a 64-bit division is a long computation (numeric/u64-divide.ts): a call more costs little, out of line
  outOfLine(helper("I64DivS", "d = a / b (i64, signed)", "i64DivS", true)),
  outOfLine(helper("I64DivU", "d = a / b (i64, unsigned)", "i64DivU", true)),
  outOfLine(helper("I64RemS", "d = a % b (i64, signed)", "i64RemS", true)),
  outOfLine(helper("I64RemU", "d = a % b (i64, unsigned)", "i64RemU", true)),
  bitwise("I64And", "&"), bitwise("I64Or", "|"), bitwise("I64Xor", "^"),
  helper("I64Shl", "d = a << b (i64)", "i64Shl", true),
  helper("I64ShrS", "d = a >> b (i64)", "i64ShrS", true),
  helper("I64ShrU", "d = a >>> b (i64)", "i64ShrU", true),
  helper("I64Rotl", "d = a rotated left by b (i64)", "i64Rotl", true),
  outOfLine(helper("I64Rotr", "d = a rotated right by b (i64)", "i64Rotr", true)), // compilers emit rotl
];
