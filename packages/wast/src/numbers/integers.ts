import { readDigits } from "./digits.js";
import { notANumber, outOfRange } from "./errors.js";

/** An integer literal: its sign (if written) and magnitude. */
interface IntLiteral {
  sign: "" | "+" | "-";
  magnitude: bigint;
}

/** Reads `sign? (num | 0x hexnum)`; throws "unknown operator" if the text is not an integer literal. */
function readInt(text: string): IntLiteral {
  let i = 0;
  let sign: IntLiteral["sign"] = "";
  if (text[0] === "+" || text[0] === "-") {
    sign = text[0];
    i = 1;
  }
  const hex = text.startsWith("0x", i);
  if (hex) i += 2;
  const { digits, end } = readDigits(text, i, hex, text);
  if (end !== text.length) throw notANumber(text);
  return { sign, magnitude: BigInt(hex ? "0x" + digits : digits) };
}

/**
 * An `iN` literal (N = bits) as its two's complement bit pattern in [0, 2^N). Unsigned literals may use
 * the whole unsigned range; signed ones (`+`/`-`) the signed range.
 */
export function parseIntBits(text: string, bits: 8 | 16 | 32 | 64): bigint {
  const { sign, magnitude } = readInt(text);
  const width = BigInt(bits);
  const limit = 1n << width;
  const half = 1n << (width - 1n);
  if (sign === "") {
    if (magnitude >= limit) throw outOfRange(text);
    return magnitude;
  }
  if (sign === "+") {
    if (magnitude >= half) throw outOfRange(text);
    return magnitude;
  }
  if (magnitude > half) throw outOfRange(text);
  return (limit - magnitude) & (limit - 1n);
}

/** An unsigned `uN` literal (indices, `offset=`, `align=`): no sign allowed. */
export function parseUnsigned(text: string, bits: 32 | 64): bigint {
  const { sign, magnitude } = readInt(text);
  if (sign !== "") throw notANumber(text);
  if (magnitude >= 1n << BigInt(bits)) throw outOfRange(text);
  return magnitude;
}

/** An `i32` literal as a signed 32-bit number (`0xffffffff` -> -1). */
export function parseI32(text: string): number {
  return Number(BigInt.asIntN(32, parseIntBits(text, 32)));
}

/** An `i64` literal as a signed bigint. */
export function parseI64(text: string): bigint {
  return BigInt.asIntN(64, parseIntBits(text, 64));
}
