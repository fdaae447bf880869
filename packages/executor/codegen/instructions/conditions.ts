// The conditions that comparisons compute and conditional branches test: one table, from which the
// comparison values (compare.ts), their immediate forms (immediate.ts) and the branches (branch.ts) come.

/** i32 comparisons of `$a` and `$b` (registers or an immediate `$b`). */
export const I32_CONDITIONS = {
  Eq: "$a === $b", Ne: "$a !== $b",
  LtS: "$a < $b", LtU: "($a >>> 0) < ($b >>> 0)", GtS: "$a > $b", GtU: "($a >>> 0) > ($b >>> 0)",
  LeS: "$a <= $b", LeU: "($a >>> 0) <= ($b >>> 0)", GeS: "$a >= $b", GeU: "($a >>> 0) >= ($b >>> 0)",
} as const;
export type I32Condition = keyof typeof I32_CONDITIONS;

/** Float comparisons (false on NaN but for Ne). */
export const FLOAT_CONDITIONS = {
  Eq: "$a === $b", Ne: "$a !== $b", Lt: "$a < $b", Gt: "$a > $b", Le: "$a <= $b", Ge: "$a >= $b",
} as const;
