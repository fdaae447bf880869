import { Trap, TrapCode } from "@wasmi-ts/store";

// Trap raisers live out of line so the numeric hot paths stay small enough to inline.

export function trapDivideByZero(): never {
  throw new Trap(TrapCode.IntegerDivideByZero);
}

export function trapIntegerOverflow(): never {
  throw new Trap(TrapCode.IntegerOverflow);
}

export function trapInvalidConversion(): never {
  throw new Trap(TrapCode.InvalidConversionToInteger);
}
