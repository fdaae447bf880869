// Traps: typed runtime errors with a code per trap kind. Messages follow the spec interpreter's wording,
// so that `assert_trap` texts match.

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
};

export function trapMessage(code: TrapCode): string {
  return messages[code];
}

export class Trap extends Error {
  override name = "Trap";
  constructor(
    readonly code: TrapCode,
    message: string = trapMessage(code),
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
