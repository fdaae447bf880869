// The one declarative table of instructions: opcode, name, immediate kind and, for instructions whose
// typing is a fixed [params] -> [results], their signature. The decoder reads immediates from it, the
// validator type-checks the simple instructions from it, the translator can map opcodes to names.
//
// Opcode numbers: a single-byte instruction is its byte; a prefixed one is (prefix << 8) | sub-opcode
// (0xfc08 = memory.init, 0xfd0c = v128.const). The relaxed SIMD sub-opcodes 0x100..0x113 are numbered
// 0xfd00 + sub (0xfe00..0xfe13): every 0xfd instruction is 0xfd00 + its sub-opcode. So the 0xfe-prefixed
// (threads) instructions cannot be 0xfe00 | sub: they are ATOMIC_BASE + sub (0x1fe00..0x1fe4e), above all.

import { ValType } from "@wasmi-ts/store";

/** Kinds of immediates that follow an opcode. */
export const Imm = {
  None: 0,
  /** Block type (0x40, a value type, or an s33 type index). */
  Block: 1,
  Label: 2,
  BrTable: 3,
  Func: 4,
  /** Type index, table index. */
  CallIndirect: 5,
  Local: 6,
  Global: 7,
  Table: 8,
  /** Memory index (a zero byte without multi-memory). */
  Mem: 9,
  /** Alignment, memory index (multi-memory), offset. */
  MemArg: 10,
  I32: 11,
  I64: 12,
  F32: 13,
  F64: 14,
  /** Vector of value types (typed select). */
  SelectT: 15,
  /** Reference type (ref.null). */
  RefType: 16,
  /** Data index, memory index. */
  MemInit: 17,
  Data: 18,
  /** Destination memory, source memory. */
  MemCopy: 19,
  /** Elem index, table index. */
  TableInit: 20,
  Elem: 21,
  /** Destination table, source table. */
  TableCopy: 22,
  V128: 23,
  /** 16 lane indices. */
  Shuffle: 24,
  Lane: 25,
  /** Memarg then lane index. */
  MemArgLane: 26,
  /** One reserved zero byte (atomic.fence). */
  Zero: 27,
  /** A tag index (throw, legacy catch). */
  Tag: 28,
  /** try_table: a block type, then its catch clauses. */
  TryTable: 29,
  /** GC: one type index (a). */
  GcType: 30,
  /** GC: two u32 (a, b): type and field, type and length, type and segment, two types. */
  GcType2: 31,
  /** GC: a heap type (a; ref.test, ref.cast). */
  GcHeap: 32,
  /** GC: br_on_cast(_fail): flags (b), label (a), heap types (heap1, heap2). */
  GcBrOnCast: 33,
} as const;
export type Imm = (typeof Imm)[keyof typeof Imm];

/** Proposals past 2.0 that an instruction belongs to (2.0 instructions have none). */
export type OpFeature = "referenceTypes" | "tailCall" | "wideArithmetic" | "relaxedSimd" | "threads" | "typedReferences" | "exceptions" | "gc";

/** The opcode number of the 0xfe-prefixed (threads) instruction with sub-opcode 0 (see the file comment). */
export const ATOMIC_BASE = 0x1fe00;

/** In a signature: the address type (i32 or i64) of the memory the instruction accesses. */
export const ADDRESS_TYPE = -1;

/** A value type in a signature, or ADDRESS_TYPE (numbers only, so that signature arrays stay monomorphic). */
export type SigType = ValType;

export interface OpInfo {
  readonly op: number;
  readonly name: string;
  readonly imm: Imm;
  /** Fixed signature, or null when the validator types the instruction by hand. */
  readonly params: readonly SigType[] | null;
  readonly results: readonly SigType[] | null;
  /** Memory access: log2 of the natural alignment (the access width in bytes), else -1. */
  readonly naturalAlign: number;
  /** Lane-index instructions: the number of lanes, else 0. */
  readonly lanes: number;
  readonly feature: OpFeature | null;
}

const SIG_LETTERS: Record<string, SigType> = {
  i: ValType.I32,
  I: ValType.I64,
  f: ValType.F32,
  F: ValType.F64,
  v: ValType.V128,
  a: ADDRESS_TYPE,
};

const IMM_NAMES: Record<string, Imm> = {
  "-": Imm.None, block: Imm.Block, label: Imm.Label, brtable: Imm.BrTable, func: Imm.Func,
  callind: Imm.CallIndirect, local: Imm.Local, global: Imm.Global, table: Imm.Table, mem: Imm.Mem,
  i32: Imm.I32, i64: Imm.I64, f32: Imm.F32, f64: Imm.F64, selt: Imm.SelectT, reft: Imm.RefType,
  meminit: Imm.MemInit, data: Imm.Data, memcopy: Imm.MemCopy, tableinit: Imm.TableInit, elem: Imm.Elem,
  tablecopy: Imm.TableCopy, v128: Imm.V128, shuffle: Imm.Shuffle, zero: Imm.Zero, tag: Imm.Tag,
  trytable: Imm.TryTable,
  gct: Imm.GcType, gct2: Imm.GcType2, heap: Imm.GcHeap, brcast: Imm.GcBrOnCast,
};

/**
 * Row syntax: "name imm sig". imm: a key of IMM_NAMES, or "mN" (memarg, natural alignment N),
 * "lN" (lane index, N lanes), "mN/lK" (memarg and lane). sig: "params:results" in letters
 * i I f F v a, or "*" when typed by hand.
 */
type Row = string | null;

function parseSig(s: string): readonly SigType[] {
  return Array.from(s, (c) => {
    const t = SIG_LETTERS[c];
    if (t === undefined) throw new Error(`bad signature letter ${c}`);
    return t;
  });
}

function makeInfo(op: number, row: string, feature: OpFeature | null): OpInfo {
  const [name, immText, sig] = row.split(" ") as [string, string, string];
  let imm: Imm;
  let naturalAlign = -1;
  let lanes = 0;
  const memLane = /^m(\d)\/l(\d+)$/.exec(immText);
  if (memLane) {
    imm = Imm.MemArgLane;
    naturalAlign = Number(memLane[1]);
    lanes = Number(memLane[2]);
  } else if (/^m\d$/.test(immText)) {
    imm = Imm.MemArg;
    naturalAlign = Number(immText.slice(1));
  } else if (/^l\d+$/.test(immText)) {
    imm = Imm.Lane;
    lanes = Number(immText.slice(1));
  } else {
    const k = IMM_NAMES[immText];
    if (k === undefined) throw new Error(`bad immediate kind ${immText}`);
    imm = k;
  }
  let params: readonly SigType[] | null = null;
  let results: readonly SigType[] | null = null;
  if (sig !== "*") {
    const [p, r] = sig.split(":") as [string, string];
    params = parseSig(p);
    results = parseSig(r);
  }
  return { op, name, imm, params, results, naturalAlign, lanes, feature };
}

/** Rows for consecutive opcodes starting at `first`; `null` leaves a gap. */
function block(first: number, rows: Row[]): [number, string][] {
  const out: [number, string][] = [];
  rows.forEach((r, i) => {
    if (r !== null) out.push([first + i, r]);
  });
  return out;
}

/** Same-shaped rows: `${prefix}${name} ${imm} ${sig}` for each name. */
function family(prefix: string, names: string[], imm: string, sig: string): string[] {
  return names.map((n) => `${prefix}${n} ${imm} ${sig}`);
}

const ICMP = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"];
const FCMP = ["eq", "ne", "lt", "gt", "le", "ge"];
const IBIN = ["add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr"];
const FUN = ["abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt"];
const FBIN = ["add", "sub", "mul", "div", "min", "max", "copysign"];

const SINGLE_BYTE: [number, string][] = [
  ...block(0x00, [
    "unreachable - *", "nop - :", "block block *", "loop block *", "if block *", "else - *",
    null, null, null, null, null, "end - *", "br label *", "br_if label *", "br_table brtable *",
    "return - *", "call func *", "call_indirect callind *",
  ]),
  ...block(0x1a, ["drop - *", "select - *"]),
  ...block(0x20, ["local.get local *", "local.set local *", "local.tee local *", "global.get global *", "global.set global *"]),
  ...block(0x28, [
    "i32.load m2 a:i", "i64.load m3 a:I", "f32.load m2 a:f", "f64.load m3 a:F",
    "i32.load8_s m0 a:i", "i32.load8_u m0 a:i", "i32.load16_s m1 a:i", "i32.load16_u m1 a:i",
    "i64.load8_s m0 a:I", "i64.load8_u m0 a:I", "i64.load16_s m1 a:I", "i64.load16_u m1 a:I",
    "i64.load32_s m2 a:I", "i64.load32_u m2 a:I",
    "i32.store m2 ai:", "i64.store m3 aI:", "f32.store m2 af:", "f64.store m3 aF:",
    "i32.store8 m0 ai:", "i32.store16 m1 ai:", "i64.store8 m0 aI:", "i64.store16 m1 aI:", "i64.store32 m2 aI:",
    "memory.size mem :a", "memory.grow mem a:a",
    "i32.const i32 :i", "i64.const i64 :I", "f32.const f32 :f", "f64.const f64 :F",
  ]),
  ...block(0x45, [
    "i32.eqz - i:i", ...family("i32.", ICMP, "-", "ii:i"),
    "i64.eqz - I:i", ...family("i64.", ICMP, "-", "II:i"),
    ...family("f32.", FCMP, "-", "ff:i"),
    ...family("f64.", FCMP, "-", "FF:i"),
    ...family("i32.", ["clz", "ctz", "popcnt"], "-", "i:i"), ...family("i32.", IBIN, "-", "ii:i"),
    ...family("i64.", ["clz", "ctz", "popcnt"], "-", "I:I"), ...family("i64.", IBIN, "-", "II:I"),
    ...family("f32.", FUN, "-", "f:f"), ...family("f32.", FBIN, "-", "ff:f"),
    ...family("f64.", FUN, "-", "F:F"), ...family("f64.", FBIN, "-", "FF:F"),
    "i32.wrap_i64 - I:i", "i32.trunc_f32_s - f:i", "i32.trunc_f32_u - f:i", "i32.trunc_f64_s - F:i",
    "i32.trunc_f64_u - F:i", "i64.extend_i32_s - i:I", "i64.extend_i32_u - i:I", "i64.trunc_f32_s - f:I",
    "i64.trunc_f32_u - f:I", "i64.trunc_f64_s - F:I", "i64.trunc_f64_u - F:I", "f32.convert_i32_s - i:f",
    "f32.convert_i32_u - i:f", "f32.convert_i64_s - I:f", "f32.convert_i64_u - I:f", "f32.demote_f64 - F:f",
    "f64.convert_i32_s - i:F", "f64.convert_i32_u - i:F", "f64.convert_i64_s - I:F", "f64.convert_i64_u - I:F",
    "f64.promote_f32 - f:F", "i32.reinterpret_f32 - f:i", "i64.reinterpret_f64 - F:I",
    "f32.reinterpret_i32 - i:f", "f64.reinterpret_i64 - I:F",
    "i32.extend8_s - i:i", "i32.extend16_s - i:i", "i64.extend8_s - I:I", "i64.extend16_s - I:I",
    "i64.extend32_s - I:I",
  ]),
];

/** Reference types (part of 2.0; a feature so that the pre-2.0 scripts of some proposals can run). */
const REFERENCE_TYPES: [number, string][] = [
  [0x1c, "select selt *"],
  ...block(0x25, ["table.get table *", "table.set table *"]),
  ...block(0xd0, ["ref.null reft *", "ref.is_null - *", "ref.func func *"]),
];
const REFERENCE_TYPES_FC: [number, string][] = block(0x0f, ["table.grow table *", "table.size table *", "table.fill table *"]);

/** Typed function references (Wasm 3.0). */
const TYPED_REFERENCES: [number, string][] = [
  ...block(0x14, ["call_ref func *", "return_call_ref func *"]),
  ...block(0xd4, ["ref.as_non_null - *", "br_on_null label *", "br_on_non_null label *"]),
];

/** ref.eq (GC, Wasm 3.0). */
const GC_SINGLE: [number, string][] = [[0xd3, "ref.eq - *"]];

/** The 0xfb-prefixed GC instructions (Wasm 3.0), by sub-opcode; every one is 0xfb00 + sub. */
const PREFIX_FB: [number, string][] = block(0x00, [
  "struct.new gct *", "struct.new_default gct *", "struct.get gct2 *", "struct.get_s gct2 *",
  "struct.get_u gct2 *", "struct.set gct2 *", "array.new gct *", "array.new_default gct *",
  "array.new_fixed gct2 *", "array.new_data gct2 *", "array.new_elem gct2 *", "array.get gct *",
  "array.get_s gct *", "array.get_u gct *", "array.set gct *", "array.len - *", "array.fill gct *",
  "array.copy gct2 *", "array.init_data gct2 *", "array.init_elem gct2 *", "ref.test heap *",
  "ref.test heap *", "ref.cast heap *", "ref.cast heap *", "br_on_cast brcast *", "br_on_cast_fail brcast *",
  "any.convert_extern - *", "extern.convert_any - *", "ref.i31 - *", "i31.get_s - *", "i31.get_u - *",
]);

const TAIL_CALL: [number, string][] = block(0x12, ["return_call func *", "return_call_indirect callind *"]);

/** Exception handling (Wasm 3.0), with the legacy try/catch/delegate/rethrow that toolchains still emit. */
const EXCEPTIONS: [number, string][] = [
  ...block(0x06, ["try block *", "catch tag *", "throw tag *", "rethrow label *", "throw_ref - *"]),
  [0x18, "delegate label *"], [0x19, "catch_all - *"], [0x1f, "try_table trytable *"],
];

const PREFIX_FC: [number, string][] = block(0x00, [
  "i32.trunc_sat_f32_s - f:i", "i32.trunc_sat_f32_u - f:i", "i32.trunc_sat_f64_s - F:i",
  "i32.trunc_sat_f64_u - F:i", "i64.trunc_sat_f32_s - f:I", "i64.trunc_sat_f32_u - f:I",
  "i64.trunc_sat_f64_s - F:I", "i64.trunc_sat_f64_u - F:I",
  "memory.init meminit *", "data.drop data :", "memory.copy memcopy *", "memory.fill mem *",
  "table.init tableinit *", "elem.drop elem :", "table.copy tablecopy *",
]);

/** 128-bit arithmetic on pairs of i64 (low, high): the wide-arithmetic proposal. */
const WIDE_ARITHMETIC: [number, string][] = block(0x13, [
  "i64.add128 - IIII:II", "i64.sub128 - IIII:II", "i64.mul_wide_s - II:II", "i64.mul_wide_u - II:II",
]);

const VCMP = (shape: string, names: string[]) => family(`${shape}.`, names, "-", "vv:v");
const V_UN = (shape: string, names: string[]) => family(`${shape}.`, names, "-", "v:v");
const V_BIN = (shape: string, names: string[]) => family(`${shape}.`, names, "-", "vv:v");

const PREFIX_FD: [number, string][] = block(0x00, [
  "v128.load m4 a:v", "v128.load8x8_s m3 a:v", "v128.load8x8_u m3 a:v", "v128.load16x4_s m3 a:v",
  "v128.load16x4_u m3 a:v", "v128.load32x2_s m3 a:v", "v128.load32x2_u m3 a:v",
  "v128.load8_splat m0 a:v", "v128.load16_splat m1 a:v", "v128.load32_splat m2 a:v", "v128.load64_splat m3 a:v",
  "v128.store m4 av:", "v128.const v128 :v", "i8x16.shuffle shuffle vv:v", "i8x16.swizzle - vv:v",
  "i8x16.splat - i:v", "i16x8.splat - i:v", "i32x4.splat - i:v", "i64x2.splat - I:v", "f32x4.splat - f:v",
  "f64x2.splat - F:v",
  "i8x16.extract_lane_s l16 v:i", "i8x16.extract_lane_u l16 v:i", "i8x16.replace_lane l16 vi:v",
  "i16x8.extract_lane_s l8 v:i", "i16x8.extract_lane_u l8 v:i", "i16x8.replace_lane l8 vi:v",
  "i32x4.extract_lane l4 v:i", "i32x4.replace_lane l4 vi:v",
  "i64x2.extract_lane l2 v:I", "i64x2.replace_lane l2 vI:v",
  "f32x4.extract_lane l4 v:f", "f32x4.replace_lane l4 vf:v",
  "f64x2.extract_lane l2 v:F", "f64x2.replace_lane l2 vF:v",
  ...VCMP("i8x16", ICMP), ...VCMP("i16x8", ICMP), ...VCMP("i32x4", ICMP),
  ...VCMP("f32x4", FCMP), ...VCMP("f64x2", FCMP),
  "v128.not - v:v", "v128.and - vv:v", "v128.andnot - vv:v", "v128.or - vv:v", "v128.xor - vv:v",
  "v128.bitselect - vvv:v", "v128.any_true - v:i",
  "v128.load8_lane m0/l16 av:v", "v128.load16_lane m1/l8 av:v", "v128.load32_lane m2/l4 av:v",
  "v128.load64_lane m3/l2 av:v", "v128.store8_lane m0/l16 av:", "v128.store16_lane m1/l8 av:",
  "v128.store32_lane m2/l4 av:", "v128.store64_lane m3/l2 av:",
  "v128.load32_zero m2 a:v", "v128.load64_zero m3 a:v",
  "f32x4.demote_f64x2_zero - v:v", "f64x2.promote_low_f32x4 - v:v",
  // 0x60
  "i8x16.abs - v:v", "i8x16.neg - v:v", "i8x16.popcnt - v:v", "i8x16.all_true - v:i", "i8x16.bitmask - v:i",
  "i8x16.narrow_i16x8_s - vv:v", "i8x16.narrow_i16x8_u - vv:v",
  ...V_UN("f32x4", ["ceil", "floor", "trunc", "nearest"]),
  "i8x16.shl - vi:v", "i8x16.shr_s - vi:v", "i8x16.shr_u - vi:v",
  ...V_BIN("i8x16", ["add", "add_sat_s", "add_sat_u", "sub", "sub_sat_s", "sub_sat_u"]),
  ...V_UN("f64x2", ["ceil", "floor"]),
  ...V_BIN("i8x16", ["min_s", "min_u", "max_s", "max_u"]),
  "f64x2.trunc - v:v", "i8x16.avgr_u - vv:v",
  "i16x8.extadd_pairwise_i8x16_s - v:v", "i16x8.extadd_pairwise_i8x16_u - v:v",
  "i32x4.extadd_pairwise_i16x8_s - v:v", "i32x4.extadd_pairwise_i16x8_u - v:v",
  // 0x80
  "i16x8.abs - v:v", "i16x8.neg - v:v", "i16x8.q15mulr_sat_s - vv:v", "i16x8.all_true - v:i",
  "i16x8.bitmask - v:i", "i16x8.narrow_i32x4_s - vv:v", "i16x8.narrow_i32x4_u - vv:v",
  ...V_UN("i16x8", ["extend_low_i8x16_s", "extend_high_i8x16_s", "extend_low_i8x16_u", "extend_high_i8x16_u"]),
  "i16x8.shl - vi:v", "i16x8.shr_s - vi:v", "i16x8.shr_u - vi:v",
  ...V_BIN("i16x8", ["add", "add_sat_s", "add_sat_u", "sub", "sub_sat_s", "sub_sat_u"]),
  "f64x2.nearest - v:v",
  ...V_BIN("i16x8", ["mul", "min_s", "min_u", "max_s", "max_u"]), null, "i16x8.avgr_u - vv:v",
  ...V_BIN("i16x8", ["extmul_low_i8x16_s", "extmul_high_i8x16_s", "extmul_low_i8x16_u", "extmul_high_i8x16_u"]),
  // 0xa0
  "i32x4.abs - v:v", "i32x4.neg - v:v", null, "i32x4.all_true - v:i", "i32x4.bitmask - v:i", null, null,
  ...V_UN("i32x4", ["extend_low_i16x8_s", "extend_high_i16x8_s", "extend_low_i16x8_u", "extend_high_i16x8_u"]),
  "i32x4.shl - vi:v", "i32x4.shr_s - vi:v", "i32x4.shr_u - vi:v", "i32x4.add - vv:v", null, null,
  "i32x4.sub - vv:v", null, null, null,
  ...V_BIN("i32x4", ["mul", "min_s", "min_u", "max_s", "max_u", "dot_i16x8_s"]), null,
  ...V_BIN("i32x4", ["extmul_low_i16x8_s", "extmul_high_i16x8_s", "extmul_low_i16x8_u", "extmul_high_i16x8_u"]),
  // 0xc0
  "i64x2.abs - v:v", "i64x2.neg - v:v", null, "i64x2.all_true - v:i", "i64x2.bitmask - v:i", null, null,
  ...V_UN("i64x2", ["extend_low_i32x4_s", "extend_high_i32x4_s", "extend_low_i32x4_u", "extend_high_i32x4_u"]),
  "i64x2.shl - vi:v", "i64x2.shr_s - vi:v", "i64x2.shr_u - vi:v", "i64x2.add - vv:v", null, null,
  "i64x2.sub - vv:v", null, null, null, "i64x2.mul - vv:v",
  ...VCMP("i64x2", ["eq", "ne", "lt_s", "gt_s", "le_s", "ge_s"]),
  ...V_BIN("i64x2", ["extmul_low_i32x4_s", "extmul_high_i32x4_s", "extmul_low_i32x4_u", "extmul_high_i32x4_u"]),
  // 0xe0
  "f32x4.abs - v:v", "f32x4.neg - v:v", null, "f32x4.sqrt - v:v",
  ...V_BIN("f32x4", ["add", "sub", "mul", "div", "min", "max", "pmin", "pmax"]),
  "f64x2.abs - v:v", "f64x2.neg - v:v", null, "f64x2.sqrt - v:v",
  ...V_BIN("f64x2", ["add", "sub", "mul", "div", "min", "max", "pmin", "pmax"]),
  "i32x4.trunc_sat_f32x4_s - v:v", "i32x4.trunc_sat_f32x4_u - v:v", "f32x4.convert_i32x4_s - v:v",
  "f32x4.convert_i32x4_u - v:v", "i32x4.trunc_sat_f64x2_s_zero - v:v", "i32x4.trunc_sat_f64x2_u_zero - v:v",
  "f64x2.convert_low_i32x4_s - v:v", "f64x2.convert_low_i32x4_u - v:v",
]);

/** The read-modify-write operations of the threads proposal, in sub-opcode order (7 widths each). */
const RMW = ["add", "sub", "and", "or", "xor", "xchg"];
/** The 7 widths of an rmw operation: i32, i64, then the narrow ones (zero-extended), as the sub-opcodes go. */
const rmwRows = (op: string, sig32: string, sig64: string): string[] => [
  `i32.atomic.rmw.${op} m2 ${sig32}`, `i64.atomic.rmw.${op} m3 ${sig64}`,
  `i32.atomic.rmw8.${op}_u m0 ${sig32}`, `i32.atomic.rmw16.${op}_u m1 ${sig32}`,
  `i64.atomic.rmw8.${op}_u m0 ${sig64}`, `i64.atomic.rmw16.${op}_u m1 ${sig64}`, `i64.atomic.rmw32.${op}_u m2 ${sig64}`,
];

/** The threads proposal: 0xfe sub-opcodes 0x00..0x4e (memargs whose alignment must be the natural one). */
const PREFIX_FE: [number, string][] = [
  ...block(0x00, [
    "memory.atomic.notify m2 ai:i", "memory.atomic.wait32 m2 aiI:i", "memory.atomic.wait64 m3 aII:i",
    "atomic.fence zero :",
  ]),
  ...block(0x10, [
    "i32.atomic.load m2 a:i", "i64.atomic.load m3 a:I", "i32.atomic.load8_u m0 a:i", "i32.atomic.load16_u m1 a:i",
    "i64.atomic.load8_u m0 a:I", "i64.atomic.load16_u m1 a:I", "i64.atomic.load32_u m2 a:I",
    "i32.atomic.store m2 ai:", "i64.atomic.store m3 aI:", "i32.atomic.store8 m0 ai:", "i32.atomic.store16 m1 ai:",
    "i64.atomic.store8 m0 aI:", "i64.atomic.store16 m1 aI:", "i64.atomic.store32 m2 aI:",
    ...RMW.flatMap((op) => rmwRows(op, "ai:i", "aI:I")),
    ...rmwRows("cmpxchg", "aii:i", "aII:I"),
  ]),
];

/** Relaxed SIMD (Wasm 3.0): 0xfd sub-opcodes 0x100..0x113. */
const RELAXED_SIMD: [number, string][] = block(0x100, [
  "i8x16.relaxed_swizzle - vv:v",
  "i32x4.relaxed_trunc_f32x4_s - v:v", "i32x4.relaxed_trunc_f32x4_u - v:v",
  "i32x4.relaxed_trunc_f64x2_s_zero - v:v", "i32x4.relaxed_trunc_f64x2_u_zero - v:v",
  "f32x4.relaxed_madd - vvv:v", "f32x4.relaxed_nmadd - vvv:v", "f64x2.relaxed_madd - vvv:v",
  "f64x2.relaxed_nmadd - vvv:v",
  "i8x16.relaxed_laneselect - vvv:v", "i16x8.relaxed_laneselect - vvv:v", "i32x4.relaxed_laneselect - vvv:v",
  "i64x2.relaxed_laneselect - vvv:v",
  "f32x4.relaxed_min - vv:v", "f32x4.relaxed_max - vv:v", "f64x2.relaxed_min - vv:v", "f64x2.relaxed_max - vv:v",
  "i16x8.relaxed_q15mulr_s - vv:v", "i16x8.relaxed_dot_i8x16_i7x16_s - vv:v",
  "i32x4.relaxed_dot_i8x16_i7x16_add_s - vvv:v",
]);

function table(prefix: number, rows: [number, string][], feature: OpFeature | null, size: number): (OpInfo | undefined)[] {
  const t = new Array<OpInfo | undefined>(size).fill(undefined);
  for (const [sub, row] of rows) {
    if (t[sub] !== undefined) throw new Error(`duplicate opcode ${prefix}:${sub}`);
    t[sub] = makeInfo(prefix === 0 ? sub : (prefix << 8) + sub, row, feature);
  }
  return t;
}

/** Single-byte instructions, indexed by opcode byte. */
export const OPS: readonly (OpInfo | undefined)[] = (() => {
  const t = table(0, SINGLE_BYTE, null, 256);
  for (const [op, row] of REFERENCE_TYPES) t[op] = makeInfo(op, row, "referenceTypes");
  for (const [op, row] of TAIL_CALL) t[op] = makeInfo(op, row, "tailCall");
  for (const [op, row] of TYPED_REFERENCES) t[op] = makeInfo(op, row, "typedReferences");
  for (const [op, row] of EXCEPTIONS) t[op] = makeInfo(op, row, "exceptions");
  for (const [op, row] of GC_SINGLE) t[op] = makeInfo(op, row, "gc");
  return t;
})();

/** 0xfb-prefixed (GC) instructions, indexed by sub-opcode. */
export const OPS_FB: readonly (OpInfo | undefined)[] = (() => {
  const t: (OpInfo | undefined)[] = new Array(0x1f).fill(undefined);
  for (const [sub, row] of PREFIX_FB) t[sub] = makeInfo(0xfb00 + sub, row, "gc");
  return t;
})();
/** 0xfc-prefixed instructions, indexed by sub-opcode. */
export const OPS_FC: readonly (OpInfo | undefined)[] = (() => {
  const t = table(0xfc, PREFIX_FC, null, 0x13 + WIDE_ARITHMETIC.length);
  for (const [sub, row] of REFERENCE_TYPES_FC) t[sub] = makeInfo(0xfc00 | sub, row, "referenceTypes");
  for (const [sub, row] of WIDE_ARITHMETIC) t[sub] = makeInfo(0xfc00 | sub, row, "wideArithmetic");
  return t;
})();
/** 0xfd-prefixed (SIMD) instructions, indexed by sub-opcode. */
export const OPS_FD: readonly (OpInfo | undefined)[] = (() => {
  const t = table(0xfd, PREFIX_FD, null, 0x114); // fixed-width SIMD is 2.0
  for (const [sub, row] of RELAXED_SIMD) t[sub] = makeInfo(0xfd00 + sub, row, "relaxedSimd");
  return t;
})();

/** 0xfe-prefixed (threads) instructions, indexed by sub-opcode. */
export const OPS_FE: readonly (OpInfo | undefined)[] = (() => {
  const t: (OpInfo | undefined)[] = new Array(0x4f).fill(undefined);
  for (const [sub, row] of PREFIX_FE) t[sub] = makeInfo(ATOMIC_BASE + sub, row, "threads");
  return t;
})();

/** The instruction with this opcode number (see the file comment), if any. */
export function opInfo(op: number): OpInfo | undefined {
  if (op < 0x100) return OPS[op];
  if (op >= ATOMIC_BASE) return OPS_FE[op - ATOMIC_BASE];
  if (op >= 0xfd00) return OPS_FD[op - 0xfd00];
  if (op >>> 8 === 0xfc) return OPS_FC[op & 0xff];
  if (op >>> 8 === 0xfb) return OPS_FB[op & 0xff];
  return undefined;
}

/** Opcode numbers the validator and translator refer to by name. */
export const Op = {
  Unreachable: 0x00, Nop: 0x01, Block: 0x02, Loop: 0x03, If: 0x04, Else: 0x05, End: 0x0b,
  Try: 0x06, Catch: 0x07, Throw: 0x08, Rethrow: 0x09, ThrowRef: 0x0a, Delegate: 0x18, CatchAll: 0x19,
  TryTable: 0x1f,
  Br: 0x0c, BrIf: 0x0d, BrTable: 0x0e, Return: 0x0f, Call: 0x10, CallIndirect: 0x11,
  ReturnCall: 0x12, ReturnCallIndirect: 0x13, Drop: 0x1a, Select: 0x1b, SelectT: 0x1c,
  LocalGet: 0x20, LocalSet: 0x21, LocalTee: 0x22, GlobalGet: 0x23, GlobalSet: 0x24,
  TableGet: 0x25, TableSet: 0x26, MemorySize: 0x3f, MemoryGrow: 0x40,
  I32Const: 0x41, I64Const: 0x42, F32Const: 0x43, F64Const: 0x44,
  I32Add: 0x6a, I32Sub: 0x6b, I32Mul: 0x6c, I64Add: 0x7c, I64Sub: 0x7d, I64Mul: 0x7e,
  RefNull: 0xd0, RefIsNull: 0xd1, RefFunc: 0xd2, RefEq: 0xd3, RefAsNonNull: 0xd4, BrOnNull: 0xd5, BrOnNonNull: 0xd6,
  CallRef: 0x14, ReturnCallRef: 0x15,
  MemoryInit: 0xfc08, DataDrop: 0xfc09, MemoryCopy: 0xfc0a, MemoryFill: 0xfc0b,
  TableInit: 0xfc0c, ElemDrop: 0xfc0d, TableCopy: 0xfc0e, TableGrow: 0xfc0f, TableSize: 0xfc10,
  TableFill: 0xfc11, I64Add128: 0xfc13, I64Sub128: 0xfc14, I64MulWideS: 0xfc15, I64MulWideU: 0xfc16,
  V128Const: 0xfd0c,
} as const;
