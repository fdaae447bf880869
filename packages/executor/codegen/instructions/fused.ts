// Fused instructions: several Wasm instructions in one dispatch, each composed from the descriptions of
// its parts, so that its code is theirs. Two kinds:
// - fuseValue: a value instruction computing an operand of another (the producer's result is not kept);
//   the translator's OPERAND_FUSIONS and CHAINED_FUSIONS choose them;
// - sequence: instructions run one after the other (a step and the branch after it, a copy and a jump,
//   a store and the pointer's step, two adds merged in place by code-passes.ts).

import { fuseValue, instr, outOfLine, sequence, valueInstr, type Instr, type Value } from "../dsl.js";
import { BR, BR_TABLE, CALL } from "./control.js";
import { BR_IF_EQZ, BR_IF_I32, BR_IF_I32_IMM, BR_IF_NEZ } from "./branch.js";
import { COPY, GLOBAL_SET } from "./moves.js";
import { I32 } from "./i32.js";
import { I32_IMM } from "./immediate.js";
import { I64_PRODUCT } from "./i64.js";
import { F64 } from "./float.js";
import {
  I32_LOAD, I32_LOAD16S_IDX, I32_LOAD16U_IDX, I32_LOAD8U, I32_LOAD8U_IDX, I32_STORE, I32_STORE8, I32_STORE8_IDX, I64_LOAD,
  I64_STORE,
} from "./memory.js";

const i32 = (op: string): Value => I32[op]!;
const imm = (op: string): Value => I32_IMM[op]!;

// bit fields, and the xor of a shifted or rotated value (hashes, PRNGs)
const SHR_U_AND_IMM = fuseValue("I32ShrUAndImm", "d = (a >>> count) & mask: a bit field", imm("And"), "a", imm("ShrU"), "producerFirst", "a count mask");
const XOR_ROTL_IMM = fuseValue("I32XorRotlImm", "d = a ^ rotl(x, n)", i32("Xor"), "b", imm("Rotl"), "consumerFirst", "a x n");
const XOR_SHR_U_IMM = fuseValue("I32XorShrUImm", "d = a ^ (x >>> n)", i32("Xor"), "b", imm("ShrU"), "consumerFirst", "a x n");
const XOR_AND = fuseValue("I32XorAnd", "d = c ^ (a & b) (bit selections)", i32("Xor"), "b", i32("And"), "consumerFirst", "c a b");
const AND_XOR = fuseValue("I32AndXor", "d = c & (a ^ b)", i32("And"), "b", i32("Xor"), "consumerFirst", "c a b");
const ROTL_XOR_ROTL = fuseValue("I32RotlXorRotlImm", "d = rotl(x, k) ^ rotl(y, n)", XOR_ROTL_IMM, "a", imm("Rotl"), "producerFirst", "x k y n");
// second-level fusions: the bit mixes of SHA-1/SHA-2-style hashes
const XOR_AND_XOR = fuseValue("I32XorAndXor", "d = e ^ (c & (a ^ b)) (choice)", i32("Xor"), "b", AND_XOR, "consumerFirst", "e c a b");
const ROTL3_XOR = fuseValue("I32Rotl3XorImm", "d = rotl(x, k) ^ rotl(y, n) ^ rotl(z, m)", XOR_ROTL_IMM, "a", ROTL_XOR_ROTL, "producerFirst", "x k y n z m");

/** i64 xor with a shifted value: `d = a ^ (x << n)` or `a ^ (x >>> n)`, n in 1..63. */
const i64XorShiftImm = (left: boolean): Instr => ({
  fusion: { kind: "operand", consumer: "I64Xor", producer: left ? "I64ShlImm" : "I64ShrUImm", producerFirst: false },
  ...instr(left ? "I64XorShlImm" : "I64XorShrUImm", `d = a ^ (x ${left ? "<<" : ">>>"} n) (i64, n in 1..63)`, "d:r a:r x:r n:i", left ? `
    const n = $n;
    const a = $a.at;
    const x = $x.at;
    const d = $d.at;
    const lo = i32[x];
    const al = i32[a];
    if (n < 32) {
      i32[d + 1] = i32[a + 1] ^ ((i32[x + 1] << n) | (lo >>> (32 - n)));
      i32[d] = al ^ (lo << n);
    } else {
      i32[d + 1] = i32[a + 1] ^ (lo << (n - 32));
      i32[d] = al;
    }` : `
    const n = $n;
    const a = $a.at;
    const x = $x.at;
    const d = $d.at;
    const hi = i32[x + 1];
    const ah = i32[a + 1];
    if (n < 32) {
      i32[d] = i32[a] ^ ((i32[x] >>> n) | (hi << (32 - n)));
      i32[d + 1] = ah ^ (hi >>> n);
    } else {
      i32[d] = i32[a] ^ (hi >>> (n - 32));
      i32[d + 1] = ah;
    }`),
});

const ADD_IMM = valueInstr(imm("Add"));
const F64_ADD_MUL = fuseValue("F64AddMul", "d = c + a * b (f64, each rounded)", F64.Add!, "b", F64.Mul!, "consumerFirst", "c a b");
const F64_SUB_MUL = fuseValue("F64SubMul", "d = c - a * b (f64, each rounded)", F64.Sub!, "b", F64.Mul!, "consumerFirst", "c a b");

/** An add immediate (a loop counter's or pointer's step) and the conditional branch after it. */
const stepAndBranch = (branch: Instr, cond: string): Instr =>
  sequence(`I32AddImmBrIf${cond}`, `d = s + imm, then jump if ${cond}`, [ADD_IMM, branch]);

/** `value` (first operand d), then a jump if d is zero, and one if it is not. */
const zeroTests = (name: string, what: string, value: Instr): Instr[] => [
  sequence(`${name}BrIfEqz`, `${what}, then jump if it is zero`, [value, BR_IF_EQZ], { shared: { "1.a": "0.d" } }),
  sequence(`${name}BrIfNez`, `${what}, then jump if it is not zero`, [value, BR_IF_NEZ], { shared: { "1.a": "0.d" } }),
];

/** A store, then a pointer step laid out first (`*p++ = v`): the store uses the pointer's old value. */
const storeAndStep = (name: string, store: Value | Instr): Instr =>
  sequence(name, "a store, then d = s + imm (the store sees the old d)",
    [ADD_IMM, "layout" in store ? store : valueInstr(store)], { order: [1, 0] });

export const COPY_BR = sequence("CopyBr", "a copy (a block's result, a loop variable), then a jump", [COPY, BR]);

/** Copies and the jump or call after them, at the ends of blocks and loop bodies and before calls
 * (arguments kept in locals are copied into the callee's frame): one dispatch for the copies and the
 * control. (Measured over the bench suite, `Copy2 -> Call` and `Copy -> Call` were the commonest pairs of
 * all: 8 workloads.) */
export const COPIES_AND_CONTROL: Instr[] = [
  sequence("Copy2Br", "two copies (loop variables), then a jump", [COPY, COPY, BR]),
  sequence("CopyCall", "a copy (an argument), then a call of defined function f", [COPY, CALL]),
  sequence("Copy2Call", "two copies (arguments), then a call of defined function f", [COPY, COPY, CALL]),
];

/**
 * Later fusions, each chosen from pairs common over the bench suite (dispatch-stats, with and without the
 * JavaScript tier):
 * - `c + (x << k)`, a scaled index (sqlite, quickjs, blake3; keccak and coremark without the tier);
 * - a stack frame's pointer at a function's entry and exit: C, C++ and Rust keep their shadow stack's
 *   pointer in an i32 global, `sp = global + k` and `global = sp + k` (`GlobalGet -> I32AddImm` and
 *   `I32AddImm -> GlobalSet` in 5 and 6 workloads);
 * - a bytecode interpreter's dispatch, `switch (*pc)` (quickjs, sqlite's VDBE: I32Load8U -> BrTable, with
 *   the smallest case subtracted first or not);
 * - pushes and pops of a stack of i64s (`*sp++ = v`, `v = *--sp`: quickjs's values; xxhash64 and argon2
 *   without the tier);
 * - a step at the end of a loop body or a case, then the jump (sqlite's VDBE: `pOp++`, back to its dispatch).
 */
export const LATER_FUSIONS: Instr[] = [
  valueInstr(fuseValue("I32AddShlImm", "d = c + (x << k) (scaled indexes)", i32("Add"), "b", imm("Shl"), "consumerFirst", "c x k")),
  instr("GlobalGetAddImm", "d = global g + the immediate k (i32)", "d:r g:i k:i", "$d = (inst.globals[$g]!.i32[0] + $k) | 0;"),
  sequence("I32AddImmGlobalSet", "d = a + the immediate k, then global g = d", [ADD_IMM, GLOBAL_SET], { shared: { "1.s": "0.d" } }),
  sequence("I32Load8UAddImmBrTable", "d = u8 at addr + off, e = d + imm, then jump to the target of index e",
    [valueInstr(I32_LOAD8U), ADD_IMM, BR_TABLE], { shared: { "1.a": "0.d", "2.a": "1.d" } }),
  storeAndStep("I64StoreAddImm", I64_STORE),
  sequence("I32AddImmI64Load", "p = a + the immediate k, then d = i64 at p + off", [ADD_IMM, I64_LOAD], { shared: { "1.addr": "0.d" } }),
  sequence("I32AddImmBr", "d = a + the immediate k, then jump", [ADD_IMM, BR]),
];

/** br_table on `x + k` (a switch whose smallest case is not 0: compilers subtract it first), the sum
 * also written to d as the add alone would. */
export const I32_ADD_IMM_BR_TABLE = sequence("I32AddImmBrTable", "d = a + imm, then jump to the target of index d",
  [ADD_IMM, BR_TABLE], { shared: { "1.a": "0.d" } });

/** A stage of a chain of fusions (SHA-2's sigma and choice sums), which the next stage takes over: it runs
 * only where a chain stops short (without the JavaScript tier, the bench suite ran none of them above 0.15%
 * of a workload's dispatches), so out of the loop, whose size is limited (interpreter-size.test.ts). */
const stage = (v: Value): Instr => outOfLine(valueInstr(v));

/** Arithmetic fusions (and Copy2). */
export const FUSED_ARITHMETIC: Instr[] = [
  valueInstr(SHR_U_AND_IMM),
  sequence("Copy2", "two copies", [COPY, COPY]),
  stage(XOR_ROTL_IMM), valueInstr(XOR_SHR_U_IMM), i64XorShiftImm(true), i64XorShiftImm(false),
  sequence("I32AddAdd", "two adds in a row, merged in place (the second opcode word is padding)",
    [valueInstr(i32("Add")), valueInstr(i32("Add"))], { pad: true }),
  // an add fused with the instruction computing one of its operands: dst, c, then the producer's operands
  valueInstr(fuseValue("I32Add3", "d = c + a + b", i32("Add"), "b", i32("Add"), "consumerFirst", "c a b")),
  valueInstr(fuseValue("I32AddMulImm", "d = c + x * k (array indexing)", i32("Add"), "b", imm("Mul"), "consumerFirst", "c x k")),
  valueInstr(fuseValue("I32AddLoad", "d = c + i32 at addr + off (sums over memory)", i32("Add"), "b", I32_LOAD, "consumerFirst", "c addr off")),
  valueInstr(fuseValue("I32AddMul", "d = c + a * b (multiply-accumulate)", i32("Add"), "b", i32("Mul"), "consumerFirst", "c a b")),
  valueInstr(fuseValue("I32AddShrUAndImm", "d = c + a bit field", i32("Add"), "b", SHR_U_AND_IMM, "consumerFirst", "c a count mask")),
  valueInstr(fuseValue("I32MulShrUAndImm", "d = c * a bit field", i32("Mul"), "b", SHR_U_AND_IMM, "consumerFirst", "c a count mask")),
  stage(XOR_AND), stage(AND_XOR), stage(ROTL_XOR_ROTL),
  stage(XOR_AND_XOR),
  valueInstr(fuseValue("I32AndXorXorAnd", "d = (c & (a ^ b)) ^ (x & y) (majority)", XOR_AND, "c", AND_XOR, "producerFirst", "c a b x y")),
  stage(ROTL3_XOR),
  valueInstr(fuseValue("I32Rotl2XorShrUImm", "d = rotl(x, k) ^ rotl(y, n) ^ (z >>> m)", XOR_SHR_U_IMM, "a", ROTL_XOR_ROTL, "producerFirst", "x k y n z m")),
  valueInstr(fuseValue("I32AddXorAndXor", "d = s + (e ^ (c & (a ^ b)))", i32("Add"), "b", XOR_AND_XOR, "consumerFirst", "s e c a b")),
  valueInstr(fuseValue("I32AddRotl3XorImm", "d = c + rotl(x, k) ^ rotl(y, n) ^ rotl(z, m)", i32("Add"), "b", ROTL3_XOR, "consumerFirst", "c x k y n z m")),
  { fusion: { kind: "operand", consumer: "I64Add", producer: "I64Mul", producerFirst: false }, ...instr("I64AddMul", "d = c + a * b (i64)", "d:r c:r a:r b:r", `
    const a = $a.at;
    const b = $b.at;
    ${I64_PRODUCT}
    const c = $c.at;
    const cl = i32[c];
    const lo = (cl + pl) | 0;
    const carry = (lo >>> 0) < (cl >>> 0) ? 1 : 0;
    const d = $d.at;
    i32[d + 1] = (i32[c + 1] + ph + carry) | 0;
    i32[d] = lo;`) },
  // c * or + a 16-bit array element (dot products, matrix code): dst, c, base, index, offset
  valueInstr(fuseValue("I32MulLoad16SIdx", "d = c * s16 at base + index + off", i32("Mul"), "b", I32_LOAD16S_IDX, "consumerFirst", "c base index off")),
  valueInstr(fuseValue("I32MulLoad16UIdx", "d = c * u16 at base + index + off", i32("Mul"), "b", I32_LOAD16U_IDX, "consumerFirst", "c base index off")),
];

/** The conditional branches that a step just before fuses with: those that loops test (compilers turn most
 * loop tests into `!=` or an unsigned `<`); the others, such as the signed ones, ran below 0.5% of every
 * workload's dispatches in the bench suite (with the JavaScript tier or without it: dispatch-stats). */
const STEPPED_BRANCHES: readonly (readonly [string, Instr])[] = [
  ["Nez", BR_IF_NEZ], ["Ne", BR_IF_I32.Ne!], ["LtU", BR_IF_I32.LtU!], ["LeS", BR_IF_I32.LeS!], ["LeU", BR_IF_I32.LeU!],
  ["NeImm", BR_IF_I32_IMM.Ne!], ["LtUImm", BR_IF_I32_IMM.LtU!], ["GtUImm", BR_IF_I32_IMM.GtU!],
];

/** Steps, loads and stores fused with the branch or step after them. */
export const FUSED_STEPS: Instr[] = [
  ...STEPPED_BRANCHES.map(([cond, branch]) => stepAndBranch(branch, cond)),
  sequence("I32AddImmAddImmBrIfNeImm", "two induction variables stepped at the bottom of a loop, the second one tested",
    [ADD_IMM, ADD_IMM, BR_IF_I32_IMM.Ne!], { shared: { "2.a": "1.d" } }),
  // a value and the zero test of it right after (the value is still written): C's `while (*s)`, `if (p->next)`,
  // `if (flags & MASK)`
  ...zeroTests("I32Load8U", "d = u8 at addr + off", valueInstr(I32_LOAD8U)),
  ...zeroTests("I32Load", "d = i32 at addr + off", valueInstr(I32_LOAD)),
  ...zeroTests("I32AndImm", "d = a & the immediate b", valueInstr(imm("And"))),
  sequence("I32Load8UIdxBrIfNe", "d = u8 at base + index + off, then jump if it is not b", [valueInstr(I32_LOAD8U_IDX), BR_IF_I32.Ne!],
    { shared: { "1.a": "0.d" } }),
  storeAndStep("I32StoreAddImm", I32_STORE),
  storeAndStep("I32Store8AddImm", I32_STORE8), storeAndStep("I32Store8IdxAddImm", I32_STORE8_IDX),
];

/** f64 products fused into the sum using them (each operation rounds, as the separate instructions do). */
export const FUSED_FLOAT: Instr[] = [
  valueInstr(F64_ADD_MUL), valueInstr(F64_SUB_MUL),
  valueInstr(fuseValue("F64MulAddMul", "d = a * b + x * y (f64)", F64_ADD_MUL, "c", F64.Mul!, "producerFirst", "a b x y")),
  valueInstr(fuseValue("F64MulSubMul", "d = a * b - x * y (f64)", F64_SUB_MUL, "c", F64.Mul!, "producerFirst", "a b x y")),
];
