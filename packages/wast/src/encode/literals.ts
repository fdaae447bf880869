import { WastSyntaxError } from "../errors.js";
import { NumberFormatError, parseF32Bits, parseF64Bits, parseIntBits, parseUnsigned } from "../numbers/index.js";
import type { SExpr } from "../sexpr/types.js";
import { fail } from "./cursor.js";

// Number literals of the text format, with number errors turned into positioned syntax errors.

function withSpan<T>(e: SExpr, parse: (text: string) => T): T {
  if (e.type !== "atom" || (e.kind !== "num" && e.kind !== "keyword")) fail("unexpected token", e);
  try {
    return parse(e.value);
  } catch (err) {
    if (err instanceof NumberFormatError) throw new WastSyntaxError(err.reason, e.span);
    throw err;
  }
}

/** Two's complement bits of an integer literal of the given width. */
export function intBits(e: SExpr, bits: 8 | 16 | 32 | 64): bigint {
  if (e.type === "atom" && e.kind !== "num") fail("unexpected token", e);
  return withSpan(e, (t) => parseIntBits(t, bits));
}

/** An unsigned literal (index, count, offset) as a bigint. */
export function unsigned(e: SExpr, bits: 32 | 64): bigint {
  if (e.type === "atom" && e.kind !== "num") fail("unexpected token", e);
  return withSpan(e, (t) => parseUnsigned(t, bits));
}

/** An unsigned 32-bit literal (index, count) as a number. */
export function u32(e: SExpr): number {
  return Number(unsigned(e, 32));
}

export function f32Bits(e: SExpr): bigint {
  return BigInt(withSpan(e, parseF32Bits));
}

export function f64Bits(e: SExpr): bigint {
  return withSpan(e, parseF64Bits);
}

/** A signed value from its two's complement bits, for signed LEB128. */
export function signed(bits: bigint, width: number): bigint {
  return BigInt.asIntN(width, bits);
}
