// i32 arithmetic. Each binary operation is one expression of `$a` and `$b`, from which come the
// register form here, the immediate form (immediate.ts) and the fused forms (fused.ts).

import { value, type Value } from "../dsl.js";

export const I32_BINARY = {
  Add: "($a + $b) | 0", Sub: "($a - $b) | 0", Mul: "Math.imul($a, $b)",
  DivS: "i32DivS($a, $b)", DivU: "i32DivU($a, $b)", RemS: "i32RemS($a, $b)", RemU: "i32RemU($a, $b)",
  And: "$a & $b", Or: "$a | $b", Xor: "$a ^ $b",
  // (`| 0`: the JavaScript tier keeps an i32 in a variable, where a u32 above 2^31 would compare and
  // equal as another number; a register's store makes it an i32 anyway)
  Shl: "$a << $b", ShrS: "$a >> $b", ShrU: "($a >>> $b) | 0",
  // JS masks shift counts: -n is 32 - n
  Rotl: "($a << $b) | ($a >>> -$b)", Rotr: "($a >>> $b) | ($a << -$b)",
} as const;

export const I32: Readonly<Record<string, Value>> = Object.fromEntries(Object.entries(I32_BINARY).map(([op, expr]) =>
  [op, value(`I32${op}`, `d = a ${op} b (i32)`, "i32", "a:i32 b:i32", expr)]));

export const I32_ARITHMETIC: Value[] = [
  value("I32Clz", "d = leading zero bits of a", "i32", "a:i32", "Math.clz32($a)"),
  value("I32Ctz", "d = trailing zero bits of a", "i32", "a:i32", "i32Ctz($a)"),
  value("I32Popcnt", "d = one bits of a", "i32", "a:i32", "i32Popcnt($a)"),
  ...Object.values(I32),
];
