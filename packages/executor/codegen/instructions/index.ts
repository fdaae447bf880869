// Every instruction of the register bytecode, in opcode order (generate.ts numbers them from 0).
// Comparisons (I32Eqz..I32GeU) and their immediate forms (I32EqImm..I32GeUImm) must stay contiguous:
// the translator tests ranges of them. The order itself is measured: with the frequent branches first and
// the fused instructions last, as here, sha1 ran 15% faster than with the same cases in another order
// (V8's machine code for the switch depends on it).

import { valueInstr, type Instr, type Value } from "../dsl.js";
import { ATOMICS } from "./atomic.js";
import { BR_IF_EQZ, BR_IF_I32, BR_IF_I32_IMM, BR_IF_I64, BR_IF_NEZ, floatBranches } from "./branch.js";
import { COMPARE } from "./compare.js";
import { BR, CALL_REF, CONTROL, TRAP } from "./control.js";
import { CONVERSIONS } from "./convert.js";
import { FLOAT_ARITHMETIC } from "./float.js";
import { GC } from "./gc.js";
import { COPIES_AND_CONTROL, COPY_BR, FUSED_ARITHMETIC, I32_ADD_IMM_BR_TABLE, LATER_FUSIONS, FUSED_FLOAT, FUSED_STEPS } from "./fused.js";
import { I32_ARITHMETIC } from "./i32.js";
import { I64_ARITHMETIC } from "./i64.js";
import { I64_ADD_IMM, IMMEDIATES } from "./immediate.js";
import { MEMORY, TIER_MEMORY } from "./memory.js";
import { MOVES } from "./moves.js";
import { SIMD } from "./simd.js";
import { TABLE64, TABLES, TYPED_REFS } from "./tables.js";
import { WIDE_ARITHMETIC } from "./wide.js";
import { EXCEPTIONS } from "./exceptions.js";

const asInstr = (x: Instr | Value): Instr => ("layout" in x ? x : valueInstr(x));

export const INSTRUCTIONS: readonly Instr[] = [
  TRAP, BR, COPY_BR, BR_IF_NEZ, BR_IF_EQZ, ...Object.values(BR_IF_I32), ...CONTROL,
  ...MOVES, ...MEMORY, ...TABLES, ...COMPARE, ...I32_ARITHMETIC, ...I64_ARITHMETIC,
  ...FLOAT_ARITHMETIC, ...CONVERSIONS, ...IMMEDIATES,
  ...FUSED_ARITHMETIC, ...Object.values(BR_IF_I32_IMM), ...FUSED_STEPS, ...floatBranches("f32"), ...floatBranches("f64"),
  ...FUSED_FLOAT, ...SIMD,
  // added since the order above was measured: new instructions go last, so as not to move the others
  ...TABLE64, ...WIDE_ARITHMETIC, ...ATOMICS, ...CALL_REF, ...TYPED_REFS, ...EXCEPTIONS, ...GC,
  ...COPIES_AND_CONTROL, I32_ADD_IMM_BR_TABLE, ...BR_IF_I64, ...LATER_FUSIONS, I64_ADD_IMM,
].map(asInstr);

/** Instructions the JavaScript tier runs and the interpreter does not (see TIER_MEMORY): templates only. */
export const TIER_INSTRUCTIONS: readonly Instr[] = TIER_MEMORY.map(asInstr);
