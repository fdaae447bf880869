import { digitAt, readDigits } from "./digits.js";
import { notANumber, outOfRange } from "./errors.js";

// Float literals, rounded exactly (round to nearest, ties to even) from the written value straight to the
// target format. Rounding f32 via f64 would round twice, which is wrong for some spec cases.

/** An IEEE 754 binary interchange format. */
interface FloatFormat {
  /** Stored fraction bits (23 or 52). */
  mantissaBits: number;
  /** Exponent field bits (8 or 11). */
  exponentBits: number;
}

const F32: FloatFormat = { mantissaBits: 23, exponentBits: 8 };
const F64: FloatFormat = { mantissaBits: 52, exponentBits: 11 };

/** The written value of a finite literal: magnitude × 2^exp2 × 10^exp10. */
interface ExactValue {
  magnitude: bigint;
  exp2: bigint;
  exp10: bigint;
}

type Literal =
  | { kind: "finite"; negative: boolean; value: ExactValue }
  | { kind: "inf"; negative: boolean }
  | { kind: "nan"; negative: boolean; payload: bigint | undefined };

/** Reads `sign? (inf | nan | nan:0xN | hexfloat | float)`, floats including plain integers. */
function readLiteral(text: string): Literal {
  let i = 0;
  let negative = false;
  if (text[0] === "+" || text[0] === "-") {
    negative = text[0] === "-";
    i = 1;
  }
  const rest = text.slice(i);
  if (rest === "inf") return { kind: "inf", negative };
  if (rest === "nan") return { kind: "nan", negative, payload: undefined };
  if (rest.startsWith("nan:0x")) {
    const { digits, end } = readDigits(text, i + 6, true, text);
    if (end !== text.length) throw notANumber(text);
    return { kind: "nan", negative, payload: BigInt("0x" + digits) };
  }
  const hex = rest.startsWith("0x");
  if (hex) i += 2;
  const whole = readDigits(text, i, hex, text);
  i = whole.end;
  let fraction = "";
  if (text[i] === ".") {
    i++;
    if (digitAt(text, i, hex)) {
      const frac = readDigits(text, i, hex, text);
      fraction = frac.digits;
      i = frac.end;
    }
  }
  let exponent = 0n;
  const marker = text[i];
  if (hex ? marker === "p" || marker === "P" : marker === "e" || marker === "E") {
    i++;
    let expNegative = false;
    if (text[i] === "+" || text[i] === "-") {
      expNegative = text[i] === "-";
      i++;
    }
    const exp = readDigits(text, i, false, text);
    i = exp.end;
    exponent = expNegative ? -BigInt(exp.digits) : BigInt(exp.digits);
  }
  if (i !== text.length) throw notANumber(text);
  const magnitude = BigInt((hex ? "0x" : "") + whole.digits + fraction);
  const value: ExactValue = hex
    ? { magnitude, exp2: exponent - 4n * BigInt(fraction.length), exp10: 0n }
    : { magnitude, exp2: 0n, exp10: exponent - BigInt(fraction.length) };
  return { kind: "finite", negative, value };
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * Rounds a positive exact value to the format; returns the unsigned bits without sign, or throws
 * "constant out of range" if it rounds to infinity.
 */
function roundFinite(value: ExactValue, format: FloatFormat, text: string): bigint {
  const { magnitude, exp2, exp10 } = value;
  if (magnitude === 0n) return 0n;
  const m = format.mantissaBits;
  const precision = m + 1;
  const bias = (1 << (format.exponentBits - 1)) - 1;
  const minExponent = 1 - bias;
  // Beyond these bounds the result is certainly infinite or zero; they keep the bigints small.
  const magnitudeBits = BigInt(bitLength(magnitude));
  const roughLog2 = magnitudeBits + exp2 + (exp10 * 3322n) / 1000n;
  if (roughLog2 > BigInt(bias + 8)) throw outOfRange(text);
  if (roughLog2 < BigInt(minExponent - precision - 8)) return 0n;

  let num = magnitude;
  let den = 1n;
  if (exp2 > 0n) num <<= exp2;
  else den <<= -exp2;
  if (exp10 > 0n) num *= 10n ** exp10;
  else den *= 10n ** -exp10;

  // Find e with num/den = (q + r/den') × 2^e, q having exactly `precision` bits (or fewer when subnormal).
  let e = bitLength(num) - bitLength(den) - precision;
  const divide = (shift: number): [bigint, bigint, bigint] => {
    const d = shift >= 0 ? den << BigInt(shift) : den;
    const n = shift >= 0 ? num : num << BigInt(-shift);
    return [n / d, n % d, d];
  };
  let [q, r, d] = divide(e);
  const top = 1n << BigInt(precision);
  const normalLow = top >> 1n;
  while (q >= top) [q, r, d] = divide(++e);
  while (q < normalLow) [q, r, d] = divide(--e);
  if (e + precision - 1 < minExponent) [q, r, d] = divide((e = minExponent - m));

  const twice = 2n * r;
  if (twice > d || (twice === d && (q & 1n) === 1n)) q++;
  if (q === top) {
    q >>= 1n;
    e++;
  }
  if (q < normalLow) return q; // subnormal (or zero): exponent field 0
  const biased = e + m + bias;
  if (biased >= (1 << format.exponentBits) - 1) throw outOfRange(text);
  return (BigInt(biased) << BigInt(m)) | (q - normalLow);
}

function floatBits(text: string, format: FloatFormat): bigint {
  const literal = readLiteral(text);
  const m = BigInt(format.mantissaBits);
  const signBit = literal.negative ? 1n << (m + BigInt(format.exponentBits)) : 0n;
  const infinity = ((1n << BigInt(format.exponentBits)) - 1n) << m;
  switch (literal.kind) {
    case "inf":
      return signBit | infinity;
    case "nan": {
      const payload = literal.payload ?? 1n << (m - 1n);
      if (payload === 0n || payload >= 1n << m) throw outOfRange(text);
      return signBit | infinity | payload;
    }
    case "finite":
      return signBit | roundFinite(literal.value, format, text);
  }
}

/** An `f32` literal as its bit pattern (an unsigned 32-bit number). */
export function parseF32Bits(text: string): number {
  return Number(floatBits(text, F32));
}

/** An `f64` literal as its bit pattern (an unsigned 64-bit bigint). */
export function parseF64Bits(text: string): bigint {
  return floatBits(text, F64);
}
