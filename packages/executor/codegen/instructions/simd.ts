// SIMD: lane-wise work on v128 registers (two slots), out of line in interpret/simd/ (the translator's
// sub-opcodes: translate/simd-ops.ts).

import { instr, type Instr } from "../dsl.js";

export const SIMD: Instr[] = [
  instr("Simd", "a v128 operation (sub-opcode op, lane index)", "d:r a:r b:r c:r op:i lane:i", "simdOp(i32, fp2, code, pc);"),
  instr("SimdShuffle", "i8x16.shuffle of a and b", "d:r a:r b:r l0:i l1:i l2:i l3:i", "simdShuffleOp(i32, fp2, code, pc);"),
  instr("SimdMem", "a v128 memory access (sub-opcode op, memory m, lane index)", "d:r addr:r v:r off:i op:i m:i lane:i",
    "simdMemOp(inst, i32, fp2, code, pc);"),
];
