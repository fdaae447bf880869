// Garbage collection (WebAssembly 3.0): every 0xfb instruction is one out-of-line instruction (the loop must
// stay under V8's size limit for optimized code, see bulk.ts), dispatched on the sub-opcode in
// interpret/gc.ts. Its operands sit in consecutive slots from register a; d is the result (if any).
// br_on_cast is a `Gc` ref.test into a temporary and a conditional branch on it (translator.ts).

import { instr, type Instr } from "../dsl.js";

export const GC: Instr[] = [
  instr("Gc", "a GC instruction (0xfb sub-opcode op) on the operands from register a, immediates t, u (interpret/gc.ts)",
    "d:r a:r t:i u:i op:i", "gcOp(store, inst, i32, fp2, code, pc);"),
];
