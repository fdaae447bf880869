import { ValType, concreteHeapType, isAbstractHeapType, refType, type HeapType } from "@wasmi-ts/store";
import { Imm, OPS, OPS_FB, OPS_FC, OPS_FD, OPS_FE, type OpInfo } from "../module/opcodes.js";
import type { BinaryReader } from "./reader.js";
import type { WasmFeatures } from "./features.js";

/** Kinds of try_table catch clauses (their binary codes). */
export const CATCH = 0;
export const CATCH_REF = 1;
export const CATCH_ALL = 2;
export const CATCH_ALL_REF = 3;

/** Block type "no params, no results" as returned in `InstrReader.a` for block/loop/if. */
export const EMPTY_BLOCK_TYPE = -64;
/**
 * Block types of one result of a 0x63 / 0x64 reference type are `BLOCK_REF_BASE - type` (below all the
 * others: value types are `type - 128`, -1 .. -128).
 */
export const BLOCK_REF_BASE = -0x1000;

/**
 * Reads one instruction (opcode and immediates) at a time into its own fields, so that no object is
 * allocated per instruction. Byte-level problems throw DecodeError with the spec's wording; index and
 * type checks are left to the validator.
 *
 * Immediates, by kind: Block: a = block type (s33: >= 0 type index, -64 empty, else value type
 * `a + 128`). Label, Func, Local, Global, Table, Data, Elem, Mem: a = index. CallIndirect: a = type,
 * b = table. MemInit / TableInit: a = segment, b = memory / table. MemCopy / TableCopy: a = destination,
 * b = source. I32: a. I64 / F64: a = low, b = high bits. F32: a = bits. MemArg: align, memory, offset
 * (+ lane for MemArgLane). Lane: lane. V128 / Shuffle: 16 bytes at `bytesPos`. BrTable: `targets`
 * (count in `targetCount`) and a = default. SelectT: `types` (count in `typeCount`). RefType: a = type.
 */
export class InstrReader {
  op = 0;
  info: OpInfo = OPS[0]!;
  /** Offset of the opcode. */
  pos = 0;
  a = 0;
  b = 0;
  align = 0;
  memory = 0;
  offset = 0;
  lane = 0;
  bytesPos = 0;
  targets = new Uint32Array(16);
  targetCount = 0;
  types: ValType[] = [];
  typeCount = 0;
  /** try_table's catch clauses: (kind, tag, label) triples (kind: CATCH, CATCH_REF, CATCH_ALL, CATCH_ALL_REF;
   * tag 0 for the catch_all ones), `catchCount` of them. */
  catches = new Uint32Array(12);
  catchCount = 0;
  /** br_on_cast(_fail): the source and target heap types. */
  heap1 = 0;
  heap2 = 0;

  /** Which reference types decode (refTypesOf). */
  private readonly refs: RefTypes;

  constructor(readonly features: Readonly<WasmFeatures>) {
    this.refs = refTypesOf(features);
  }

  read(r: BinaryReader): void {
    const pos = r.pos;
    this.pos = pos;
    this.a = 0;
    this.b = 0;
    const byte = r.u8();
    let info: OpInfo | undefined;
    if (byte >= 0xfb && byte <= 0xfe) {
      const sub = r.u32();
      info = (byte === 0xfc ? OPS_FC : byte === 0xfd ? OPS_FD : byte === 0xfe ? OPS_FE : OPS_FB)[sub];
      if (info === undefined || (info.feature !== null && !this.features[info.feature])) {
        r.fail(`illegal opcode ${byte.toString(16)} ${sub.toString(16).padStart(2, "0")}`, pos);
      }
    } else {
      info = OPS[byte];
      if (info === undefined || (info.feature !== null && !this.features[info.feature])) {
        r.fail(`illegal opcode ${byte.toString(16).padStart(2, "0")}`, pos);
      }
    }
    this.info = info;
    this.op = info.op;
    // Literal case labels (`satisfies` checks them against Imm): V8 makes a jump table of literal
    // labels, where it would compare named constants one by one.
    switch (info.imm) {
      case 0 satisfies typeof Imm.None:
        return;
      case 1 satisfies typeof Imm.Block:
        this.a = readBlockType(r, this.refs);
        return;
      case 2 satisfies typeof Imm.Label:
      case 4 satisfies typeof Imm.Func:
      case 6 satisfies typeof Imm.Local:
      case 7 satisfies typeof Imm.Global:
      case 8 satisfies typeof Imm.Table:
      case 18 satisfies typeof Imm.Data:
      case 21 satisfies typeof Imm.Elem:
        this.a = r.u32();
        return;
      case 3 satisfies typeof Imm.BrTable: {
        const n = r.len32();
        if (this.targets.length < n) this.targets = new Uint32Array(Math.max(n, this.targets.length * 2));
        for (let i = 0; i < n; i++) this.targets[i] = r.u32();
        this.targetCount = n;
        this.a = r.u32();
        return;
      }
      case 5 satisfies typeof Imm.CallIndirect:
        this.a = r.u32();
        this.b = this.refs === REFS_NONE ? this.zeroByte(r) : r.u32();
        return;
      case 9 satisfies typeof Imm.Mem:
        this.a = this.memIndex(r);
        return;
      case 17 satisfies typeof Imm.MemInit:
        this.a = r.u32();
        this.b = this.memIndex(r);
        return;
      case 19 satisfies typeof Imm.MemCopy:
        this.a = this.memIndex(r);
        this.b = this.memIndex(r);
        return;
      case 20 satisfies typeof Imm.TableInit:
      case 22 satisfies typeof Imm.TableCopy:
        this.a = r.u32();
        this.b = r.u32();
        return;
      case 10 satisfies typeof Imm.MemArg:
        this.memArg(r);
        return;
      case 26 satisfies typeof Imm.MemArgLane:
        this.memArg(r);
        this.lane = r.u8();
        return;
      case 27 satisfies typeof Imm.Zero:
        if (r.u8() !== 0) r.fail("zero byte expected", r.pos - 1);
        return;
      case 25 satisfies typeof Imm.Lane:
        this.lane = r.u8();
        return;
      case 11 satisfies typeof Imm.I32:
        this.a = r.s32();
        return;
      case 12 satisfies typeof Imm.I64:
        this.a = r.leb64(true);
        this.b = r.hi;
        return;
      case 13 satisfies typeof Imm.F32:
        this.a = r.fixed32();
        return;
      case 14 satisfies typeof Imm.F64:
        this.a = r.fixed64();
        this.b = r.hi;
        return;
      case 23 satisfies typeof Imm.V128:
      case 24 satisfies typeof Imm.Shuffle:
        this.bytesPos = r.pos;
        r.skip(16);
        return;
      case 15 satisfies typeof Imm.SelectT: {
        const n = r.len32();
        for (let i = 0; i < n; i++) this.types[i] = readValType(r, this.refs);
        this.typeCount = n;
        return;
      }
      case 16 satisfies typeof Imm.RefType:
        // ref.null: a heap type (2.0's reference type bytes are the same numbers)
        this.a = this.refs === REFS_TYPED ? readHeapType(r) : readRefType(r, this.refs);
        return;
      case 28 satisfies typeof Imm.Tag:
        this.a = r.u32();
        return;
      case 29 satisfies typeof Imm.TryTable:
        this.a = readBlockType(r, this.refs);
        this.readCatches(r);
        return;
      case 30 satisfies typeof Imm.GcType:
        this.a = r.u32();
        return;
      case 31 satisfies typeof Imm.GcType2:
        this.a = r.u32();
        this.b = r.u32();
        return;
      case 32 satisfies typeof Imm.GcHeap:
        this.a = readHeapType(r);
        return;
      case 33 satisfies typeof Imm.GcBrOnCast: {
        const at = r.pos;
        this.b = r.u8();
        if (this.b > 3) r.fail("malformed br_on_cast flags", at);
        this.a = r.u32();
        this.heap1 = readHeapType(r);
        this.heap2 = readHeapType(r);
        return;
      }
    }
  }

  private readCatches(r: BinaryReader): void {
    const n = r.len32();
    if (this.catches.length < 3 * n) this.catches = new Uint32Array(Math.max(3 * n, 2 * this.catches.length));
    const c = this.catches;
    for (let i = 0; i < n; i++) {
      const at = r.pos;
      const kind = r.u8();
      if (kind > CATCH_ALL_REF) r.fail("malformed catch clause", at);
      c[3 * i] = kind;
      c[3 * i + 1] = kind === CATCH || kind === CATCH_REF ? r.u32() : 0;
      c[3 * i + 2] = r.u32();
    }
    this.catchCount = n;
  }

  /** A memory index: one zero byte in 2.0, a u32 with multi-memory. */
  private memIndex(r: BinaryReader): number {
    return this.features.multiMemory ? r.u32() : this.zeroByte(r);
  }

  private zeroByte(r: BinaryReader): 0 {
    if (r.u8() !== 0) r.fail("zero byte expected", r.pos - 1);
    return 0;
  }

  private memArg(r: BinaryReader): void {
    const flagsAt = r.pos;
    let flags = r.u32();
    this.memory = 0;
    if (this.features.multiMemory && flags & 0x40) {
      flags &= ~0x40;
      this.memory = r.u32();
    }
    // 3.0: flags below 2^6 are the alignment, bit 6 says a memory index follows, anything above is
    // malformed; an alignment above the natural one decodes, and fails validation
    if (flags >= 0x80) r.fail("malformed memop flags", flagsAt);
    this.align = flags;
    this.offset = this.features.memory64 ? r.u64() : r.u32();
  }
}

/** Which reference types decode: funcref only (before 2.0), 2.0's, or the typed ones of 3.0. */
export type RefTypes = 0 | 1 | 2;
export const REFS_NONE = 0;
export const REFS_2_0 = 1;
export const REFS_TYPED = 2;

export function refTypesOf(features: Readonly<WasmFeatures>): RefTypes {
  return features.typedReferences ? REFS_TYPED : features.referenceTypes ? REFS_2_0 : REFS_NONE;
}

/**
 * A value type: a numeric or vector type byte, or a reference type (see readRefType). Concrete reference
 * types carry the module's type index (store/src/types.ts); other bytes are malformed.
 */
export function readValType(r: BinaryReader, refs: RefTypes = REFS_2_0): ValType {
  const b = r.u8();
  switch (b) {
    case ValType.I32:
    case ValType.I64:
    case ValType.F32:
    case ValType.F64:
    case ValType.V128:
      return b;
  }
  r.pos--;
  return readRefType(r, refs, "malformed value type");
}

/** A reference type: a shorthand byte, or (typed references) 0x63 / 0x64 and a heap type. */
export function readRefType(r: BinaryReader, refs: RefTypes = REFS_2_0, malformed = "malformed reference type"): ValType {
  const b = r.u8();
  if (b === ValType.FuncRef) return b;
  if (refs !== REFS_NONE && (b === ValType.ExternRef || b === ValType.ExnRef || b === ValType.NullExnRef)) return b;
  if (refs === REFS_TYPED) {
    if (isAbstractHeapType(b)) return b;
    if (b === 0x63 || b === 0x64) return refType(readHeapType(r), b === 0x63);
  }
  return r.fail(malformed, r.pos - 1);
}

/** Largest type index a heap type may name (the JS API's limit on types per module). */
export const MAX_TYPE_INDEX = 1_000_000;

/** A heap type (s33): an abstract one's code, or CONCRETE_BASE + a type index. */
export function readHeapType(r: BinaryReader): HeapType {
  const at = r.pos;
  const x = r.s33();
  if (x >= 0) {
    // an index past any possible type section is invalid; keep it a small number all the same
    return concreteHeapType(Math.min(x, MAX_TYPE_INDEX));
  }
  const code = x + 0x80;
  if (!isAbstractHeapType(code)) r.fail("malformed heap type", at);
  return code;
}

function readBlockType(r: BinaryReader, refs: RefTypes): number {
  const b = r.peek();
  if (b === 0x40) {
    r.pos++;
    return EMPTY_BLOCK_TYPE;
  }
  if (refs === REFS_TYPED && (b === 0x63 || b === 0x64)) return BLOCK_REF_BASE - readRefType(r, refs);
  if (b >= 0 && (b & 0xc0) === 0x40) return readValType(r, refs) - 128;
  const at = r.pos;
  const x = r.s33();
  if (x < 0) r.fail("malformed block type", at);
  return x;
}
