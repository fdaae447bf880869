// Call arguments from text and results to text, by value type.

import { ValType, valTypeName } from "@wasmi-ts/host";
import { UsageError } from "./errors.js";

const INTEGER = /^([+-]?)(0x[0-9a-f]+|[0-9]+)$/i;

function parseInteger(text: string, type: string, min: bigint, max: bigint): bigint {
  const m = INTEGER.exec(text.replaceAll("_", ""));
  if (!m) throw new UsageError(`invalid ${type} argument "${text}": expected an integer`);
  const magnitude = BigInt(m[2]!);
  const value = m[1] === "-" ? -magnitude : magnitude;
  if (value < min || value > max) throw new UsageError(`${type} argument "${text}" is out of range`);
  return value;
}

function parseFloatArg(text: string, type: string): number {
  const t = text.toLowerCase();
  if (t === "nan" || t === "+nan" || t === "-nan") return NaN;
  if (t === "inf" || t === "+inf" || t === "infinity" || t === "+infinity") return Infinity;
  if (t === "-inf" || t === "-infinity") return -Infinity;
  const value = text.trim() === "" ? NaN : Number(text.replaceAll("_", ""));
  if (Number.isNaN(value)) throw new UsageError(`invalid ${type} argument "${text}": expected a number`);
  return value;
}

const V128 = /^0x[0-9a-f]{1,32}$/i;

/** A v128 written as one 128-bit hex number (`0x` and up to 32 digits), as results are printed. */
function parseV128(text: string): Uint8Array {
  const digits = text.replaceAll("_", "");
  if (!V128.test(digits)) throw new UsageError(`invalid v128 argument "${text}": expected 0x and up to 32 hex digits`);
  let value = BigInt(digits);
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++, value >>= 8n) bytes[i] = Number(value & 0xffn);
  return bytes;
}

/** The JS value (as `Func.call` takes it) of a command-line argument of `type`. */
export function parseValue(type: ValType, text: string): unknown {
  switch (type) {
    case ValType.I32:
      return Number(BigInt.asIntN(32, parseInteger(text, "i32", -(2n ** 31n), 2n ** 32n - 1n)));
    case ValType.I64:
      return BigInt.asIntN(64, parseInteger(text, "i64", -(2n ** 63n), 2n ** 64n - 1n));
    case ValType.F32:
    case ValType.F64:
      return parseFloatArg(text, valTypeName(type));
    case ValType.V128:
      return parseV128(text);
    case ValType.FuncRef:
    case ValType.ExternRef:
      if (text === "null") return null;
      throw new UsageError(`${valTypeName(type)} arguments can only be null`);
    default:
      throw new UsageError(`arguments of type ${valTypeName(type)} cannot be given on the command line`);
  }
}

/**
 * A result as printed: integers in decimal (i32 signed, i64 signed), floats as JS prints numbers,
 * v128 as one 128-bit hex number (lane 0 in the lowest bits).
 */
export function formatValue(type: ValType, value: unknown): string {
  switch (type) {
    case ValType.I32:
    case ValType.I64:
      return String(value);
    case ValType.F32:
    case ValType.F64:
      return Object.is(value, -0) ? "-0" : String(value);
    case ValType.V128:
      return `0x${Array.from(value as Uint8Array, (b) => b.toString(16).padStart(2, "0")).reverse().join("")}`;
    default:
      return value === null ? "null" : `<${valTypeName(type)}>`;
  }
}
