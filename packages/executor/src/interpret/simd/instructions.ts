// The SIMD instructions, out of the interpreter loop (which must stay under V8's size limit for optimized
// code, see bulk.ts): each moves its v128 operands through the scratch area of lanes.ts. They take the
// loop's register words and the instruction's pc; operand layouts: translate/simd-ops.ts.

import { Trap, TrapCode, type InstanceEntity } from "@wasmi-ts/store";
import { simdAccessBytes } from "../../translate/simd-ops.js";
import { addressOperand } from "../memory-access.js";
import { SCRATCH_I32, SCRATCH_U8, simdCompute, simdLoadFinish, simdResultWords, simdShuffle } from "./lanes.js";

/** `Simd`: operands into the scratch area (A, B, C), compute, result (R) out. */
export function simdOp(i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  const a = (fp2 + code[(pc + 2) | 0]!) | 0;
  const b = (fp2 + code[(pc + 3) | 0]!) | 0;
  const c = (fp2 + code[(pc + 4) | 0]!) | 0;
  for (let w = 0; w < 4; w++) {
    SCRATCH_I32[w] = i32[a + w]!;
    SCRATCH_I32[4 + w] = i32[b + w]!;
    SCRATCH_I32[8 + w] = i32[c + w]!;
  }
  const sub = code[(pc + 5) | 0]!;
  simdCompute(sub, code[(pc + 6) | 0]!);
  const d = (fp2 + code[(pc + 1) | 0]!) | 0;
  const words = simdResultWords(sub);
  for (let w = 0; w < words; w++) i32[d + w] = SCRATCH_I32[12 + w]!;
}

/** `SimdShuffle`: i8x16.shuffle of two vectors by the 16 lane indices in the code. */
export function simdShuffleOp(i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  const a = (fp2 + code[(pc + 2) | 0]!) | 0;
  const b = (fp2 + code[(pc + 3) | 0]!) | 0;
  for (let w = 0; w < 4; w++) {
    SCRATCH_I32[w] = i32[a + w]!;
    SCRATCH_I32[4 + w] = i32[b + w]!;
  }
  simdShuffle(code, pc + 4);
  const d = (fp2 + code[(pc + 1) | 0]!) | 0;
  for (let w = 0; w < 4; w++) i32[d + w] = SCRATCH_I32[12 + w]!;
}

/** `SimdMem`: the v128 loads and stores (whole vectors, lanes, splats, extends, zero-extended). */
export function simdMemOp(inst: InstanceEntity, i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  const m = inst.memories[code[(pc + 6) | 0]!]!;
  const ea = addressOperand(i32, fp2 + code[(pc + 2) | 0]!, m.type.is64 === true) + (code[(pc + 4) | 0]! >>> 0);
  const sub = code[(pc + 5) | 0]!;
  const lane = code[(pc + 7) | 0]!;
  const size = simdAccessBytes(sub);
  const u = m.u8;
  if (ea + size > u.length) throw new Trap(TrapCode.MemoryOutOfBounds);
  const v = (fp2 + code[(pc + 3) | 0]!) | 0;
  for (let w = 0; w < 4; w++) SCRATCH_I32[4 + w] = i32[v + w]!;
  if (sub === 11 || (sub >= 88 && sub <= 91)) {
    // stores: from the vector operand (B), the whole vector or one lane
    const from = 16 + (sub === 11 ? 0 : lane * size);
    for (let k = 0; k < size; k++) u[ea + k] = SCRATCH_U8[from + k]!;
  } else {
    for (let k = 0; k < size; k++) SCRATCH_U8[k] = u[ea + k]!;
    simdLoadFinish(sub, lane);
    const d = (fp2 + code[(pc + 1) | 0]!) | 0;
    for (let w = 0; w < 4; w++) i32[d + w] = SCRATCH_I32[12 + w]!;
  }
}
