// Traps: typed runtime errors with a code per trap kind. Messages follow the spec interpreter's wording,
// so that `assert_trap` texts match.

import { formatBacktrace, type WasmFrame } from "./backtrace.js";

export const TrapCode = {
  Unreachable: 0,
  IntegerOverflow: 1,
  IntegerDivideByZero: 2,
  InvalidConversionToInteger: 3,
  MemoryOutOfBounds: 4,
  TableOutOfBounds: 5,
  IndirectCallToNull: 6,
  BadSignature: 7,
  NullReference: 8,
  StackOverflow: 9,
  OutOfFuel: 10,
  UndefinedElement: 11,
  UninitializedElement: 12,
  HostError: 13,
  BadConversion: 14,
  GrowthOperationLimited: 15,
  UnalignedAtomic: 16,
  NullI31Ref: 17,
  CastFailure: 18,
  ArrayOutOfBounds: 19,
  UncaughtException: 20,
  /** Stopped by an `InterruptHandle` or a store's deadline (see `interrupt.ts`). */
  Interrupted: 21,
  /** `memory.atomic.wait` on a memory that is not shared. */
  ExpectedSharedMemory: 22,
  /** `memory.atomic.wait` that could only end by a notify from another thread, which a single thread never sends. */
  WaitDeadlock: 23,
  /** call_ref / return_call_ref of a null reference. */
  NullFunctionReference: 24,
  /** struct.get / struct.set of null. */
  NullStructReference: 25,
  /** array.get, array.len, ... of null. */
  NullArrayReference: 26,
  /** An array longer than `MAX_ARRAY_LENGTH` (gc.ts): every length is the guest's to choose. */
  ArrayTooLarge: 27,
} as const;
export type TrapCode = (typeof TrapCode)[keyof typeof TrapCode];

const messages: Record<TrapCode, string> = {
  [TrapCode.Unreachable]: "unreachable",
  [TrapCode.IntegerOverflow]: "integer overflow",
  [TrapCode.IntegerDivideByZero]: "integer divide by zero",
  [TrapCode.InvalidConversionToInteger]: "invalid conversion to integer",
  [TrapCode.MemoryOutOfBounds]: "out of bounds memory access",
  [TrapCode.TableOutOfBounds]: "out of bounds table access",
  [TrapCode.IndirectCallToNull]: "uninitialized element",
  [TrapCode.BadSignature]: "indirect call type mismatch",
  [TrapCode.NullReference]: "null reference",
  [TrapCode.StackOverflow]: "call stack exhausted",
  [TrapCode.OutOfFuel]: "all fuel consumed",
  [TrapCode.UndefinedElement]: "undefined element",
  [TrapCode.UninitializedElement]: "uninitialized element",
  [TrapCode.HostError]: "host error",
  [TrapCode.BadConversion]: "bad conversion",
  [TrapCode.GrowthOperationLimited]: "growth operation limited",
  [TrapCode.UnalignedAtomic]: "unaligned atomic",
  [TrapCode.NullI31Ref]: "null i31 reference",
  [TrapCode.CastFailure]: "cast failure",
  [TrapCode.ArrayOutOfBounds]: "out of bounds array access",
  [TrapCode.UncaughtException]: "uncaught exception",
  [TrapCode.Interrupted]: "interrupted",
  [TrapCode.ExpectedSharedMemory]: "expected shared memory",
  [TrapCode.NullFunctionReference]: "null function reference",
  [TrapCode.NullStructReference]: "null structure reference",
  [TrapCode.NullArrayReference]: "null array reference",
  [TrapCode.ArrayTooLarge]: "array too large",
  [TrapCode.WaitDeadlock]: "wait would block forever (no other thread can notify)",
};

export function trapMessage(code: TrapCode): string {
  return messages[code];
}

/**
 * A trap: Wasm execution aborted. Raised inside Wasm code, its message ends with the Wasm backtrace
 * (`formatBacktrace`); `reason` is the message without it.
 */
export class Trap extends Error {
  override name = "Trap";
  /** The message without the backtrace (what the spec's `assert_trap` texts match). */
  readonly reason: string;

  constructor(
    readonly code: TrapCode,
    reason: string = trapMessage(code),
    options?: { cause?: unknown },
  ) {
    super(reason, options);
    this.reason = reason;
  }

  /** The Wasm frames the trap unwound, innermost first; empty when it was raised outside Wasm code. */
  get frames(): readonly WasmFrame[] {
    return backtraces.get(this) ?? [];
  }
}

/** Backtraces of traps and of other thrown objects (a side table: the objects themselves stay as they are). */
const backtraces = new WeakMap<object, readonly WasmFrame[]>();

function canHold(error: unknown): error is object {
  return (typeof error === "object" && error !== null) || typeof error === "function";
}

/**
 * The Wasm frames that `error` unwound, innermost first: a `Trap`'s `frames`, or, for any other object
 * thrown through Wasm code (a host function's own error, which reaches the caller unchanged), the frames
 * it crossed. Empty when it crossed none (and for primitives, which cannot carry a backtrace).
 */
export function wasmBacktraceOf(error: unknown): readonly WasmFrame[] {
  return canHold(error) ? (backtraces.get(error) ?? []) : [];
}

/** Sets the backtrace of `error` (the executor does, as the error unwinds Wasm frames); a trap's message
 * then ends with it. */
export function setWasmBacktrace(error: unknown, frames: readonly WasmFrame[]): void {
  if (!canHold(error)) return;
  backtraces.set(error, frames);
  if (error instanceof Trap) error.message = error.reason + formatBacktrace(frames);
}
