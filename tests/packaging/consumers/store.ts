// prints: Trap true integer divide by zero
// prints: TypeKey(Counter)
import { Trap, TrapCode, TypeKey } from "@wasmi-ts/store";

const trap = new Trap(TrapCode.IntegerDivideByZero);
console.log(trap.name, trap instanceof Error, trap.message);
console.log(String(new TypeKey<{ count: number }>("Counter")));
