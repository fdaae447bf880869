// The instruction table: text name -> binary opcode and the kind of immediates that follow it.
// Structured instructions (block, loop, if, try, try_table) and their delimiters are handled by the
// instruction encoder; everything else is encoded from this table alone.

export type Immediate =
  | "none"
  | "block" // block type (structured instructions)
  | "label"
  | "br_table"
  | "func"
  | "call_indirect" // table? typeuse
  | "local"
  | "global"
  | "table" // optional table index
  | "memory" // optional memory index
  | "memarg"
  | "memarg_lane"
  | "i32"
  | "i64"
  | "f32"
  | "f64"
  | "v128"
  | "lane"
  | "shuffle"
  | "select"
  | "heaptype"
  | "type"
  | "type_field"
  | "type_type"
  | "type_data"
  | "type_elem"
  | "type_count"
  | "ref_test" // reference type; the nullable form is the next opcode
  | "br_on_cast"
  | "tag"
  | "table_table" // zero or two table indices
  | "table_init" // table? elem
  | "memory_memory" // zero or two memory indices
  | "memory_init" // memory? data
  | "elem"
  | "data"
  | "fence";

export interface OpInfo {
  /** Opcode bytes: one byte, or a prefix byte and the LEB128 sub-opcode. */
  code: number[];
  imm: Immediate;
  /** Natural alignment in bytes of memory accesses. */
  natural?: number;
}

export const OPCODES = new Map<string, OpInfo>();

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Registers `names` (space separated) with consecutive opcodes from `first`. `-` skips an opcode. */
function seq(prefix: number | undefined, first: number, names: string, imm: Immediate = "none", natural?: number): void {
  let op = first;
  for (const name of names.trim().split(/\s+/)) {
    if (name !== "-") {
      const code = prefix === undefined ? [op] : [prefix, ...uleb(op)];
      OPCODES.set(name, natural === undefined ? { code, imm } : { code, imm, natural });
    }
    op++;
  }
}

/** Memory accesses: `name:bytes` pairs, consecutive opcodes. */
function mem(prefix: number | undefined, first: number, spec: string, imm: Immediate = "memarg"): void {
  let op = first;
  for (const item of spec.trim().split(/\s+/)) {
    const [name, size] = item.split(":");
    if (name !== "-") seq(prefix, op, name!, imm, Number(size));
    op++;
  }
}

// Control and parametric instructions.
seq(undefined, 0x00, "unreachable nop block loop if", "none");
for (const s of ["block", "loop", "if"]) OPCODES.get(s)!.imm = "block";
seq(undefined, 0x05, "else", "none");
seq(undefined, 0x06, "try", "block");
seq(undefined, 0x07, "catch", "tag");
seq(undefined, 0x08, "throw", "tag");
seq(undefined, 0x09, "rethrow", "label");
seq(undefined, 0x0a, "throw_ref end", "none");
seq(undefined, 0x0c, "br br_if", "label");
seq(undefined, 0x0e, "br_table", "br_table");
seq(undefined, 0x0f, "return", "none");
seq(undefined, 0x10, "call", "func");
seq(undefined, 0x11, "call_indirect", "call_indirect");
seq(undefined, 0x12, "return_call", "func");
seq(undefined, 0x13, "return_call_indirect", "call_indirect");
seq(undefined, 0x14, "call_ref return_call_ref", "type");
seq(undefined, 0x18, "delegate", "label");
seq(undefined, 0x19, "catch_all drop", "none");
seq(undefined, 0x1b, "select", "select");
seq(undefined, 0x1f, "try_table", "block");
seq(undefined, 0x20, "local.get local.set local.tee", "local");
seq(undefined, 0x23, "global.get global.set", "global");
seq(undefined, 0x25, "table.get table.set", "table");

// Memory.
mem(undefined, 0x28, `i32.load:4 i64.load:8 f32.load:4 f64.load:8 i32.load8_s:1 i32.load8_u:1 i32.load16_s:2
  i32.load16_u:2 i64.load8_s:1 i64.load8_u:1 i64.load16_s:2 i64.load16_u:2 i64.load32_s:4 i64.load32_u:4
  i32.store:4 i64.store:8 f32.store:4 f64.store:8 i32.store8:1 i32.store16:2 i64.store8:1 i64.store16:2
  i64.store32:4`);
seq(undefined, 0x3f, "memory.size memory.grow", "memory");

// Constants and numeric instructions.
seq(undefined, 0x41, "i32.const", "i32");
seq(undefined, 0x42, "i64.const", "i64");
seq(undefined, 0x43, "f32.const", "f32");
seq(undefined, 0x44, "f64.const", "f64");
const intCmp = "eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u";
const floatCmp = "eq ne lt gt le ge";
const intArith = "clz ctz popcnt add sub mul div_s div_u rem_s rem_u and or xor shl shr_s shr_u rotl rotr";
const floatArith = "abs neg ceil floor trunc nearest sqrt add sub mul div min max copysign";
const pre = (p: string, ops: string): string => ops.split(" ").map((o) => (o === "-" ? o : `${p}.${o}`)).join(" ");
seq(undefined, 0x45, `i32.eqz ${pre("i32", intCmp)} i64.eqz ${pre("i64", intCmp)}`);
seq(undefined, 0x5b, `${pre("f32", floatCmp)} ${pre("f64", floatCmp)}`);
seq(undefined, 0x67, `${pre("i32", intArith)} ${pre("i64", intArith)}`);
seq(undefined, 0x8b, `${pre("f32", floatArith)} ${pre("f64", floatArith)}`);
seq(undefined, 0xa7, `i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u
  i64.extend_i32_s i64.extend_i32_u i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u
  f32.convert_i32_s f32.convert_i32_u f32.convert_i64_s f32.convert_i64_u f32.demote_f64
  f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s f64.convert_i64_u f64.promote_f32
  i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32 f64.reinterpret_i64
  i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s`);

// Reference instructions.
seq(undefined, 0xd0, "ref.null", "heaptype");
seq(undefined, 0xd1, "ref.is_null", "none");
seq(undefined, 0xd2, "ref.func", "func");
seq(undefined, 0xd3, "ref.eq ref.as_non_null", "none");
seq(undefined, 0xd5, "br_on_null br_on_non_null", "label");

// 0xFB: garbage collection.
seq(0xfb, 0, "struct.new struct.new_default", "type");
seq(0xfb, 2, "struct.get struct.get_s struct.get_u struct.set", "type_field");
seq(0xfb, 6, "array.new array.new_default", "type");
seq(0xfb, 8, "array.new_fixed", "type_count");
seq(0xfb, 9, "array.new_data", "type_data");
seq(0xfb, 10, "array.new_elem", "type_elem");
seq(0xfb, 11, "array.get array.get_s array.get_u array.set", "type");
seq(0xfb, 15, "array.len", "none");
seq(0xfb, 16, "array.fill", "type");
seq(0xfb, 17, "array.copy", "type_type");
seq(0xfb, 18, "array.init_data", "type_data");
seq(0xfb, 19, "array.init_elem", "type_elem");
seq(0xfb, 20, "ref.test", "ref_test");
seq(0xfb, 22, "ref.cast", "ref_test");
seq(0xfb, 24, "br_on_cast br_on_cast_fail", "br_on_cast");
seq(0xfb, 26, "any.convert_extern extern.convert_any ref.i31 i31.get_s i31.get_u", "none");

// 0xFC: saturating truncation, bulk memory and tables, wide arithmetic.
seq(0xfc, 0, `i32.trunc_sat_f32_s i32.trunc_sat_f32_u i32.trunc_sat_f64_s i32.trunc_sat_f64_u
  i64.trunc_sat_f32_s i64.trunc_sat_f32_u i64.trunc_sat_f64_s i64.trunc_sat_f64_u`);
seq(0xfc, 8, "memory.init", "memory_init");
seq(0xfc, 9, "data.drop", "data");
seq(0xfc, 10, "memory.copy", "memory_memory");
seq(0xfc, 11, "memory.fill", "memory");
seq(0xfc, 12, "table.init", "table_init");
seq(0xfc, 13, "elem.drop", "elem");
seq(0xfc, 14, "table.copy", "table_table");
seq(0xfc, 15, "table.grow table.size table.fill", "table");
seq(0xfc, 19, "i64.add128 i64.sub128 i64.mul_wide_s i64.mul_wide_u");

// 0xFD: SIMD.
mem(0xfd, 0x00, `v128.load:16 v128.load8x8_s:8 v128.load8x8_u:8 v128.load16x4_s:8 v128.load16x4_u:8
  v128.load32x2_s:8 v128.load32x2_u:8 v128.load8_splat:1 v128.load16_splat:2 v128.load32_splat:4
  v128.load64_splat:8 v128.store:16`);
seq(0xfd, 0x0c, "v128.const", "v128");
seq(0xfd, 0x0d, "i8x16.shuffle", "shuffle");
seq(0xfd, 0x0e, "i8x16.swizzle i8x16.splat i16x8.splat i32x4.splat i64x2.splat f32x4.splat f64x2.splat");
seq(0xfd, 0x15, `i8x16.extract_lane_s i8x16.extract_lane_u i8x16.replace_lane i16x8.extract_lane_s
  i16x8.extract_lane_u i16x8.replace_lane i32x4.extract_lane i32x4.replace_lane i64x2.extract_lane
  i64x2.replace_lane f32x4.extract_lane f32x4.replace_lane f64x2.extract_lane f64x2.replace_lane`, "lane");
seq(0xfd, 0x23, `${pre("i8x16", intCmp)} ${pre("i16x8", intCmp)} ${pre("i32x4", intCmp)}
  ${pre("f32x4", floatCmp)} ${pre("f64x2", floatCmp)}
  v128.not v128.and v128.andnot v128.or v128.xor v128.bitselect v128.any_true`);
mem(0xfd, 0x54, `v128.load8_lane:1 v128.load16_lane:2 v128.load32_lane:4 v128.load64_lane:8
  v128.store8_lane:1 v128.store16_lane:2 v128.store32_lane:4 v128.store64_lane:8`, "memarg_lane");
mem(0xfd, 0x5c, "v128.load32_zero:4 v128.load64_zero:8");
seq(0xfd, 0x5e, `f32x4.demote_f64x2_zero f64x2.promote_low_f32x4
  i8x16.abs i8x16.neg i8x16.popcnt i8x16.all_true i8x16.bitmask i8x16.narrow_i16x8_s i8x16.narrow_i16x8_u
  f32x4.ceil f32x4.floor f32x4.trunc f32x4.nearest
  i8x16.shl i8x16.shr_s i8x16.shr_u i8x16.add i8x16.add_sat_s i8x16.add_sat_u i8x16.sub i8x16.sub_sat_s
  i8x16.sub_sat_u f64x2.ceil f64x2.floor i8x16.min_s i8x16.min_u i8x16.max_s i8x16.max_u f64x2.trunc
  i8x16.avgr_u i16x8.extadd_pairwise_i8x16_s i16x8.extadd_pairwise_i8x16_u i32x4.extadd_pairwise_i16x8_s
  i32x4.extadd_pairwise_i16x8_u
  i16x8.abs i16x8.neg i16x8.q15mulr_sat_s i16x8.all_true i16x8.bitmask i16x8.narrow_i32x4_s
  i16x8.narrow_i32x4_u i16x8.extend_low_i8x16_s i16x8.extend_high_i8x16_s i16x8.extend_low_i8x16_u
  i16x8.extend_high_i8x16_u i16x8.shl i16x8.shr_s i16x8.shr_u i16x8.add i16x8.add_sat_s i16x8.add_sat_u
  i16x8.sub i16x8.sub_sat_s i16x8.sub_sat_u f64x2.nearest i16x8.mul i16x8.min_s i16x8.min_u i16x8.max_s
  i16x8.max_u - i16x8.avgr_u i16x8.extmul_low_i8x16_s i16x8.extmul_high_i8x16_s
  i16x8.extmul_low_i8x16_u i16x8.extmul_high_i8x16_u
  i32x4.abs i32x4.neg - i32x4.all_true i32x4.bitmask - - i32x4.extend_low_i16x8_s
  i32x4.extend_high_i16x8_s i32x4.extend_low_i16x8_u i32x4.extend_high_i16x8_u i32x4.shl i32x4.shr_s
  i32x4.shr_u i32x4.add - - i32x4.sub - - - i32x4.mul i32x4.min_s i32x4.min_u i32x4.max_s i32x4.max_u
  i32x4.dot_i16x8_s - i32x4.extmul_low_i16x8_s i32x4.extmul_high_i16x8_s i32x4.extmul_low_i16x8_u
  i32x4.extmul_high_i16x8_u
  i64x2.abs i64x2.neg - i64x2.all_true i64x2.bitmask - - i64x2.extend_low_i32x4_s i64x2.extend_high_i32x4_s
  i64x2.extend_low_i32x4_u i64x2.extend_high_i32x4_u i64x2.shl i64x2.shr_s i64x2.shr_u i64x2.add - -
  i64x2.sub - - - i64x2.mul i64x2.eq i64x2.ne i64x2.lt_s i64x2.gt_s i64x2.le_s i64x2.ge_s
  i64x2.extmul_low_i32x4_s i64x2.extmul_high_i32x4_s i64x2.extmul_low_i32x4_u i64x2.extmul_high_i32x4_u
  f32x4.abs f32x4.neg - f32x4.sqrt f32x4.add f32x4.sub f32x4.mul f32x4.div f32x4.min f32x4.max f32x4.pmin
  f32x4.pmax f64x2.abs f64x2.neg - f64x2.sqrt f64x2.add f64x2.sub f64x2.mul f64x2.div f64x2.min
  f64x2.max f64x2.pmin f64x2.pmax
  i32x4.trunc_sat_f32x4_s i32x4.trunc_sat_f32x4_u f32x4.convert_i32x4_s f32x4.convert_i32x4_u
  i32x4.trunc_sat_f64x2_s_zero i32x4.trunc_sat_f64x2_u_zero f64x2.convert_low_i32x4_s
  f64x2.convert_low_i32x4_u
  i8x16.relaxed_swizzle i32x4.relaxed_trunc_f32x4_s i32x4.relaxed_trunc_f32x4_u
  i32x4.relaxed_trunc_f64x2_s_zero i32x4.relaxed_trunc_f64x2_u_zero f32x4.relaxed_madd f32x4.relaxed_nmadd
  f64x2.relaxed_madd f64x2.relaxed_nmadd i8x16.relaxed_laneselect i16x8.relaxed_laneselect
  i32x4.relaxed_laneselect i64x2.relaxed_laneselect f32x4.relaxed_min f32x4.relaxed_max f64x2.relaxed_min
  f64x2.relaxed_max i16x8.relaxed_q15mulr_s i16x8.relaxed_dot_i8x16_i7x16_s
  i32x4.relaxed_dot_i8x16_i7x16_add_s`);

// 0xFE: threads (atomic memory accesses).
mem(0xfe, 0x00, "memory.atomic.notify:4 memory.atomic.wait32:4 memory.atomic.wait64:8");
seq(0xfe, 0x03, "atomic.fence", "fence");
mem(0xfe, 0x10, `i32.atomic.load:4 i64.atomic.load:8 i32.atomic.load8_u:1 i32.atomic.load16_u:2
  i64.atomic.load8_u:1 i64.atomic.load16_u:2 i64.atomic.load32_u:4 i32.atomic.store:4 i64.atomic.store:8
  i32.atomic.store8:1 i32.atomic.store16:2 i64.atomic.store8:1 i64.atomic.store16:2 i64.atomic.store32:4`);
["add", "sub", "and", "or", "xor", "xchg", "cmpxchg"].forEach((op, i) => {
  mem(0xfe, 0x1e + 7 * i, `i32.atomic.rmw.${op}:4 i64.atomic.rmw.${op}:8 i32.atomic.rmw8.${op}_u:1
    i32.atomic.rmw16.${op}_u:2 i64.atomic.rmw8.${op}_u:1 i64.atomic.rmw16.${op}_u:2 i64.atomic.rmw32.${op}_u:4`);
});
