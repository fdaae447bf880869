// The threads proposal: every atomic access, wait and notify is one out-of-line instruction (the loop must
// stay under V8's size limit for optimized code, see bulk.ts), dispatched on the 0xfe sub-opcode in
// interpret/atomics.ts. Stores have no result: their `d` is 0 and not written.

import { instr, outOfLine, type Instr } from "../dsl.js";

export const ATOMICS: Instr[] = [
  outOfLine(instr("Atomic", "an atomic access, wait or notify on memory m (0xfe sub-opcode op; interpret/atomics.ts)",
    "d:r addr:r a:r b:r off:i op:i m:i", "atomicOp(store, state, inst, i32, fp2, code, pc);")),
];
