// Every instruction of the register bytecode, in opcode order (generate.ts numbers them from 0).
// Comparisons (I32Eqz..I32GeU) and their immediate forms (I32EqImm..I32GeUImm) must stay contiguous:
// the translator tests ranges of them.

import { valueInstr, type Instr, type Value } from "../dsl.js";
import { BRANCHES } from "./branch.js";
import { COMPARE } from "./compare.js";
import { CONTROL } from "./control.js";
import { CONVERSIONS } from "./convert.js";
import { FLOAT_ARITHMETIC } from "./float.js";
import { FUSED } from "./fused.js";
import { I32_ARITHMETIC } from "./i32.js";
import { I64_ARITHMETIC } from "./i64.js";
import { IMMEDIATES } from "./immediate.js";
import { MEMORY } from "./memory.js";
import { MOVES } from "./moves.js";
import { SIMD } from "./simd.js";
import { TABLES } from "./tables.js";

const asInstr = (x: Instr | Value): Instr => ("layout" in x ? x : valueInstr(x));

export const INSTRUCTIONS: readonly Instr[] = [
  ...CONTROL, ...BRANCHES, ...MOVES, ...MEMORY, ...TABLES, ...COMPARE, ...I32_ARITHMETIC, ...I64_ARITHMETIC,
  ...FLOAT_ARITHMETIC, ...CONVERSIONS, ...IMMEDIATES, ...FUSED, ...SIMD,
].map(asInstr);
