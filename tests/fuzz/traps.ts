// Trap kinds: V8 reports a trap as a RuntimeError message (a RangeError for stack overflow), wasmi-ts as a
// Trap with a TrapCode. Some V8 messages cover several spec traps ("float unrepresentable in integer range"
// is the spec's "integer overflow" or "invalid conversion to integer"), so each maps to the codes it allows.

import { TrapCode } from "@wasmi-ts/host";
import { V8 } from "./node-webassembly.js";

const STACK_OVERFLOW = "Maximum call stack size exceeded";

const CODES_OF_V8_MESSAGE: Record<string, readonly TrapCode[]> = {
  "unreachable": [TrapCode.Unreachable],
  "memory access out of bounds": [TrapCode.MemoryOutOfBounds],
  "data segment is out of bounds": [TrapCode.MemoryOutOfBounds],
  "divide by zero": [TrapCode.IntegerDivideByZero],
  "remainder by zero": [TrapCode.IntegerDivideByZero],
  "divide result unrepresentable": [TrapCode.IntegerOverflow],
  "float unrepresentable in integer range": [TrapCode.IntegerOverflow, TrapCode.InvalidConversionToInteger],
  "table index is out of bounds": [TrapCode.TableOutOfBounds, TrapCode.UndefinedElement],
  "element segment out of bounds": [TrapCode.TableOutOfBounds],
  "null function or function signature mismatch": [
    TrapCode.IndirectCallToNull,
    TrapCode.UninitializedElement,
    TrapCode.BadSignature,
  ],
  "dereferencing a null pointer": [TrapCode.NullReference],
  [STACK_OVERFLOW]: [TrapCode.StackOverflow],
};

/** V8's message when `error` is a trap, else null. */
export function v8Trap(error: unknown): string | null {
  // At instantiation, V8 prefixes the message with "WebAssembly.Instance(): ".
  if (error instanceof V8.RuntimeError) return error.message.replace(/^WebAssembly\.Instance\(\): /, "");
  if (error instanceof RangeError && error.message === STACK_OVERFLOW) return STACK_OVERFLOW;
  return null;
}

export function isV8StackOverflow(v8Message: string): boolean {
  return v8Message === STACK_OVERFLOW;
}

/** The name of a TrapCode ("IntegerOverflow"). */
export function trapCodeName(code: TrapCode): string {
  return Object.entries(TrapCode).find(([, c]) => c === code)?.[0] ?? `TrapCode ${code}`;
}

/** Whether wasmi-ts's trap (a TrapCode name) is one that V8's message stands for. */
export function trapsAgree(v8Message: string, wasmiCodeName: string): boolean {
  return (CODES_OF_V8_MESSAGE[v8Message] ?? []).some((code) => trapCodeName(code) === wasmiCodeName);
}
