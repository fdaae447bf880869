import {
  ArrayType, CONCRETE_BASE, FuncType, PackedType, REF_NON_NULL, StructType, ValType, type CompositeType, type FieldType, type GlobalType, type Limits,
  type MemoryType, type SubType, type TableType,
} from "@wasmi-ts/store";
import { DecodeError } from "../errors.js";
import type {
  ConstExpr, ConstInstr, CustomSection, DataSegment, ElemSegment, Export, ExportKind, FuncBody, Global,
  Import, ModuleIR,
} from "../module/ir.js";
import { Imm, Op } from "../module/opcodes.js";
import type { WasmFeatures } from "./features.js";
import { InstrReader, REFS_TYPED, type RefTypes, readRefType, readValType, refTypesOf } from "./instr-reader.js";
import { BinaryReader } from "./reader.js";
import { parseNameSection } from "./name-section.js";
import {
  MAX_SIMPLE_ALIGN_FLAGS, SIMPLE_BLOCK_TYPE, SKIP_BLOCK, SKIP_ELSE, SKIP_END, SKIP_FIXED4, SKIP_FIXED8, SKIP_KIND, SKIP_KIND_MVP,
  SKIP_LEB2, SKIP_MEMARG, SKIP_NONE, SKIP_S32, SKIP_S64, SKIP_U32, leb32End, shortLebEnd,
} from "./skip-table.js";

const SECTION = {
  Custom: 0, Type: 1, Import: 2, Function: 3, Table: 4, Memory: 5, Global: 6, Export: 7, Start: 8,
  Element: 9, Code: 10, Data: 11, DataCount: 12, Tag: 13,
} as const;

/** Position of each known section id in the required order (custom sections go anywhere). */
const SECTION_RANK: readonly number[] = [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6];

/** Implementation limit on the locals of one function (the format allows up to 2^32 - 1). */
export const MAX_FUNCTION_LOCALS = 50_000;

const EXPORT_KINDS: readonly ExportKind[] = ["func", "table", "memory", "global", "tag"];

const LIMITS_HAS_MAX = 1;
/** threads: a shared memory (the validator requires a maximum). */
const LIMITS_SHARED = 2;
const LIMITS_64 = 4;
/** custom-page-sizes: the log2 of the page size follows the limits. */
const LIMITS_PAGE_SIZE = 8;

/** Type section forms (3.0): a recursion group, a subtype, a final subtype. */
const REC_GROUP = 0x4e;
const SUB = 0x50;
const SUB_FINAL = 0x4f;
/** `SubType.supertype` of a decoded definition that declares more than one (invalid). */
export const SEVERAL_SUPERTYPES = -2;
/** Implementation limit on the types of one module (the JS API's). */
export const MAX_TYPES = 1_000_000;

/** Control nesting while skimming a body: what `else` may follow. */
const NEST_BLOCK = 0;
const NEST_IF = 1;
const NEST_ELSE = 2;
/** A legacy `try`: `catch`, `catch_all` or `delegate` may follow. */
const NEST_TRY = 3;

/**
 * Decodes a binary module into a ModuleIR. The sections are read in the reference interpreter's way
 * (see BinaryReader); function bodies are skimmed instruction by instruction, so that every byte-level
 * problem in them (illegal opcode, missing END, bad immediates) is a DecodeError here and the
 * validator only sees well-formed code.
 */
export class ModuleDecoder {
  private readonly r: BinaryReader;
  private readonly instr: InstrReader;
  private readonly ir: ModuleIR;
  /** Whether some function body uses a data index (memory.init, data.drop). */
  private usesDataIndex = false;
  private nesting: Uint8Array = new Uint8Array(64);
  /** The last local declarations read (bytes [prevDeclStart, prevDeclEnd)) and their locals, when shareable (sameLocals). */
  private prevLocals: ValType[] | null = null;
  private prevDeclStart = 0;
  private prevDeclEnd = 0;
  /** One body's local declarations: counts (u32) and types (see localDeclarations). */
  private groupCounts = new Float64Array(16);
  private groupTypes = new Int32Array(16);
  /** Which reference types decode. */
  private readonly refs: RefTypes;
  /** The fast path's kinds (skip-table.ts) for these features. */
  private readonly skipKind: Uint8Array;

  constructor(
    bytes: Uint8Array,
    private readonly features: Readonly<WasmFeatures>,
    /**
     * Leave the instructions of function bodies unread (only their locals are decoded), for a caller
     * that reads them anyway with the validator and falls back to a full decode when the validator
     * finds anything wrong (see instantiate/compile.ts): the binary is then read once, not twice.
     */
    private readonly deferBodies = false,
  ) {
    this.r = new BinaryReader(bytes);
    this.instr = new InstrReader(features);
    this.refs = refTypesOf(features);
    this.skipKind = features.referenceTypes ? SKIP_KIND : SKIP_KIND_MVP;
    this.ir = {
      bytes, types: [], subtypes: [], recGroupSizes: [], typeIds: null, tableInits: [], imports: [], funcs: [], tables: [], memories: [], globals: [], globalTypes: [],
      tags: [], numImportedTags: 0, exports: [], start: null, elems: [], datas: [], dataCount: null, codes: [], concreteLocals: false, numImportedFuncs: 0,
      numImportedTables: 0, numImportedMemories: 0, numImportedGlobals: 0, customs: [],
      funcNames: new Map(), moduleName: null,
    };
  }

  decode(): ModuleIR {
    const r = this.r;
    const ir = this.ir;
    if (r.fixed32() !== 0x6d736100) r.fail("magic header not detected", 0);
    if (r.fixed32() !== 1) r.fail("unknown binary version", 4);
    let lastRank = 0;
    let definedFuncs = 0;
    while (!r.eof()) {
      const at = r.pos;
      const id = r.u8();
      if (id >= SECTION_RANK.length || (id === SECTION.Tag && !this.features.exceptions)) r.fail("malformed section id", at);
      if (id !== SECTION.Custom) {
        const rank = SECTION_RANK[id]!;
        if (rank <= lastRank) r.fail("unexpected content after last section", at);
        lastRank = rank;
      }
      const size = r.len32();
      const start = r.pos;
      switch (id) {
        case SECTION.Custom:
          this.customSection(start, size);
          break;
        case SECTION.Type:
          this.vec(() => this.recGroup());
          break;
        case SECTION.Import:
          this.vec(() => this.importEntry());
          break;
        case SECTION.Function: {
          // (plain loops here and for data segments: thousands of entries, read once, in V8's slow first tiers)
          const n = r.len32();
          for (let i = 0; i < n; i++) ir.funcs.push(r.u32());
          definedFuncs += n;
          break;
        }
        case SECTION.Table:
          this.vec(() => this.tableEntry());
          break;
        case SECTION.Memory:
          this.vec(() => ir.memories.push(this.memoryType()));
          break;
        case SECTION.Global:
          this.vec(() => {
            const type = this.globalType();
            ir.globals.push({ type, init: this.constExpr() } satisfies Global);
            ir.globalTypes.push(type);
          });
          break;
        case SECTION.Export:
          this.vec(() => ir.exports.push(this.exportEntry()));
          break;
        case SECTION.Start:
          ir.start = r.u32();
          break;
        case SECTION.Element:
          this.vec(() => ir.elems.push(this.elemSegment()));
          break;
        case SECTION.Code: {
          const n = r.len32();
          for (let i = 0; i < n; i++) ir.codes.push(this.funcBody());
          break;
        }
        case SECTION.Data: {
          const n = r.len32();
          for (let i = 0; i < n; i++) ir.datas.push(this.dataSegment());
          break;
        }
        case SECTION.DataCount:
          ir.dataCount = r.u32();
          break;
        case SECTION.Tag:
          this.vec(() => ir.tags.push(this.tagType()));
          break;
      }
      if (r.pos !== start + size) r.fail("section size mismatch", start);
    }
    const end = r.end;
    if (definedFuncs !== ir.codes.length) {
      throw new DecodeError("function and code section have inconsistent lengths", end);
    }
    if (ir.dataCount !== null && ir.dataCount !== ir.datas.length) {
      throw new DecodeError("data count and data section have inconsistent lengths", end);
    }
    if (ir.dataCount === null && this.usesDataIndex) throw new DecodeError("data count section required", end);
    return ir;
  }

  private vec(item: () => void): void {
    const n = this.r.len32();
    for (let i = 0; i < n; i++) item();
  }

  private customSection(start: number, size: number): void {
    const r = this.r;
    const name = r.name();
    const payloadStart = r.pos;
    r.skip(size - (r.pos - start));
    const section: CustomSection = { name, bytes: r.bytes.subarray(payloadStart, r.pos) };
    this.ir.customs.push(section);
    if (name === "name") parseNameSection(section.bytes, this.ir);
  }

  /** One entry of the type section: a recursion group (0x4e), or a type definition alone (a group of one). */
  private recGroup(): void {
    const r = this.r;
    const ir = this.ir;
    if (!this.features.typedReferences) {
      const at = r.pos;
      // The form is an s7 (-0x20 = 0x60), so an over-long encoding is an integer error.
      if (r.sN(7) !== -0x20) r.fail("malformed function type", at);
      this.pushType({ final: true, supertype: -1, composite: this.funcType() });
      ir.recGroupSizes.push(1);
      return;
    }
    if (r.peek() === REC_GROUP) {
      r.pos++;
      const n = r.len32();
      if (ir.types.length + n > MAX_TYPES) r.fail("too many types");
      for (let i = 0; i < n; i++) this.pushType(this.subType());
      ir.recGroupSizes.push(n);
    } else {
      this.pushType(this.subType());
      ir.recGroupSizes.push(1);
    }
  }

  private pushType(sub: SubType): void {
    if (this.ir.types.length >= MAX_TYPES) this.r.fail("too many types");
    this.ir.subtypes.push(sub);
    this.ir.types.push(sub.composite);
  }

  /** A type definition: `sub` (0x50) or `sub final` (0x4f) with its supertypes, or a composite type (final). */
  private subType(): SubType {
    const r = this.r;
    const form = r.peek();
    if (form !== SUB && form !== SUB_FINAL) return { final: true, supertype: -1, composite: this.compositeType() };
    r.pos++;
    const n = r.len32();
    // (at most one supertype is valid: several are kept as SEVERAL_SUPERTYPES for the validator)
    let supertype = -1;
    for (let i = 0; i < n; i++) {
      const x = r.u32();
      supertype = i === 0 ? x : SEVERAL_SUPERTYPES;
    }
    return { final: form === SUB_FINAL, supertype, composite: this.compositeType() };
  }

  private compositeType(): CompositeType {
    const r = this.r;
    const at = r.pos;
    switch (r.u8()) {
      case 0x60:
        return this.funcType();
      case 0x5f: {
        const fields: FieldType[] = [];
        this.vec(() => fields.push(this.fieldType()));
        return new StructType(fields);
      }
      case 0x5e:
        return new ArrayType(this.fieldType());
    }
    return r.fail("malformed definition type", at);
  }

  private fieldType(): FieldType {
    const r = this.r;
    const b = r.peek();
    let storage: number;
    if (b === PackedType.I8 || b === PackedType.I16) {
      r.pos++;
      storage = b;
    } else {
      storage = readValType(r, REFS_TYPED);
    }
    const m = r.u8();
    if (m > 1) r.fail("malformed mutability", r.pos - 1);
    return { storage, mutable: m === 1 };
  }

  /** Parameters and results, after the 0x60 form. */
  private funcType(): FuncType {
    const r = this.r;
    const params: ValType[] = [];
    this.vec(() => params.push(readValType(r, this.refs)));
    const results: ValType[] = [];
    this.vec(() => results.push(readValType(r, this.refs)));
    return new FuncType(params, results);
  }

  /** A table of the table section: 3.0 adds the form 0x40 0x00 with an initialiser expression. */
  private tableEntry(): void {
    const r = this.r;
    let init: ConstExpr | null = null;
    if (this.features.typedReferences && r.peek() === 0x40) {
      r.pos++;
      if (r.u8() !== 0) r.fail("malformed table", r.pos - 1);
      const type = this.tableType();
      init = this.constExpr();
      this.ir.tables.push(type);
    } else {
      this.ir.tables.push(this.tableType());
    }
    this.ir.tableInits.push(init);
  }

  /** Limits are u64 whenever memory64 is on (a 32-bit memory's bounds are checked by the validator). */
  private limits(flags: number, is64: boolean): Limits {
    const r = this.r;
    is64 ||= this.features.memory64;
    const min = is64 ? r.u64() : r.u32();
    const max = flags & 1 ? (is64 ? r.u64() : r.u32()) : null;
    return { min, max };
  }

  /**
   * The flags byte of limits. In 2.0 it is a 1-bit LEB128 (so 0x02 is "integer too large"); with
   * memory64 it is a byte of flags, and unknown ones are "malformed limits flags".
   */
  private limitsFlags(allowed: number): number {
    const r = this.r;
    if (!this.features.memory64 && !this.features.customPageSizes && !this.features.threads) return r.uN(1);
    const at = r.pos;
    const flags = r.u8();
    if ((flags & ~allowed) !== 0) r.fail("malformed limits flags", at);
    return flags;
  }

  /** A table type; its limits flag 0x04 (table64, with memory64) makes its indices i64. */
  private tableType(): TableType {
    const element = readRefType(this.r, this.refs);
    const flags = this.limitsFlags(LIMITS_HAS_MAX | LIMITS_64);
    const is64 = (flags & LIMITS_64) !== 0;
    const limits = this.limits(flags, is64);
    return is64 ? { element, limits, is64 } : { element, limits };
  }

  private memoryType(): MemoryType {
    const flags = this.limitsFlags(LIMITS_HAS_MAX | (this.features.memory64 ? LIMITS_64 : 0) |
      (this.features.customPageSizes ? LIMITS_PAGE_SIZE : 0) | (this.features.threads ? LIMITS_SHARED : 0));
    const is64 = (flags & LIMITS_64) !== 0;
    const limits = this.limits(flags, is64);
    const type: MemoryType = is64 ? { limits, is64 } : { limits };
    if ((flags & LIMITS_SHARED) !== 0) type.shared = true;
    if ((flags & LIMITS_PAGE_SIZE) !== 0) {
      // any power of two up to 2^64 decodes (the validator takes only 1 and 65536); beyond, it is malformed
      const at = this.r.pos;
      const log2 = this.r.u32();
      if (log2 > 64) this.r.fail("invalid custom page size", at);
      type.pageSize = 2 ** log2;
    }
    return type;
  }

  private globalType(): GlobalType {
    const r = this.r;
    const type = readValType(r, this.refs);
    const m = r.u8();
    if (m > 1) r.fail("malformed mutability", r.pos - 1);
    return { type, mutable: m === 1 };
  }

  /** A tag type (exception handling): attribute 0 (an exception), then its function type index. */
  private tagType(): number {
    const r = this.r;
    if (r.u8() !== 0) r.fail("malformed tag attribute", r.pos - 1);
    return r.u32();
  }

  private importEntry(): void {
    const r = this.r;
    const ir = this.ir;
    const module = r.name();
    const name = r.name();
    const kind = r.u8();
    let imp: Import;
    switch (kind) {
      case 0: {
        const typeIndex = r.u32();
        imp = { module, name, desc: { kind: "func", typeIndex } };
        ir.funcs.push(typeIndex);
        ir.numImportedFuncs++;
        break;
      }
      case 1: {
        const type = this.tableType();
        imp = { module, name, desc: { kind: "table", type } };
        ir.tables.push(type);
        ir.numImportedTables++;
        break;
      }
      case 2: {
        const type = this.memoryType();
        imp = { module, name, desc: { kind: "memory", type } };
        ir.memories.push(type);
        ir.numImportedMemories++;
        break;
      }
      case 3: {
        const type = this.globalType();
        imp = { module, name, desc: { kind: "global", type } };
        ir.globalTypes.push(type);
        ir.numImportedGlobals++;
        break;
      }
      case 4: {
        if (!this.features.exceptions) return r.fail("malformed import kind", r.pos - 1);
        const typeIndex = this.tagType();
        imp = { module, name, desc: { kind: "tag", typeIndex } };
        ir.tags.push(typeIndex);
        ir.numImportedTags++;
        break;
      }
      default:
        return r.fail("malformed import kind", r.pos - 1);
    }
    ir.imports.push(imp);
  }

  private exportEntry(): Export {
    const r = this.r;
    const name = r.name();
    const k = r.u8();
    const kind = EXPORT_KINDS[k];
    if (kind === undefined || (kind === "tag" && !this.features.exceptions)) r.fail("malformed export kind", r.pos - 1);
    return { name, kind, index: r.u32() };
  }

  private elemSegment(): ElemSegment {
    const r = this.r;
    const flagsAt = r.pos;
    const flags = r.u32();
    if (flags > 7) r.fail("malformed elements segment kind", flagsAt);
    const passiveOrDeclarative = (flags & 1) !== 0;
    const explicitTable = (flags & 2) !== 0;
    const usesExprs = (flags & 4) !== 0;
    const mode = passiveOrDeclarative ? (explicitTable ? "declarative" : "passive") : "active";
    let table = 0;
    let offset: ConstExpr | null = null;
    if (mode === "active") {
      if (explicitTable) table = r.u32();
      offset = this.constExpr();
    }
    let type: ValType = ValType.FuncRef;
    if (passiveOrDeclarative || explicitTable) {
      if (usesExprs) {
        type = readRefType(r, this.refs);
      } else if (r.u8() !== 0) {
        r.fail("malformed element kind", r.pos - 1);
      }
    }
    // 3.0: a segment of function indices holds non-null references
    if (!usesExprs && this.features.typedReferences) type = ValType.FuncRef | REF_NON_NULL;
    if (!usesExprs) {
      const funcs = new Uint32Array(r.len32());
      for (let i = 0; i < funcs.length; i++) funcs[i] = r.u32();
      return { mode, type, table, offset, init: [], funcs };
    }
    const init: ConstExpr[] = [];
    this.vec(() => init.push(this.constExpr()));
    return { mode, type, table, offset, init, funcs: undefined };
  }

  private dataSegment(): DataSegment {
    const r = this.r;
    const flagsAt = r.pos;
    const flags = r.u32();
    let memory = 0;
    let offset: ConstExpr | null = null;
    switch (flags) {
      case 0:
        offset = this.constExpr();
        break;
      case 1:
        break;
      case 2:
        memory = r.u32();
        offset = this.constExpr();
        break;
      default:
        return r.fail("malformed data segment kind", flagsAt);
    }
    return { mode: flags === 1 ? "passive" : "active", memory, offset, bytes: r.byteSlice(r.len32()) };
  }

  private funcBody(): FuncBody {
    const r = this.r;
    const size = r.len32();
    const start = r.pos;
    const locals = this.sameLocals(start) ?? this.localDeclarations(start);
    const codeStart = r.pos;
    if (this.deferBodies && codeStart < start + size) {
      r.pos = start + size;
      return { bodyStart: start, locals, start: codeStart, end: r.pos };
    }
    this.skimInstructions(null);
    if (r.pos !== start + size) r.fail("section size mismatch", start);
    return { bodyStart: start, locals, start: codeStart, end: r.pos };
  }

  /**
   * The previous body's locals when this body declares them with the same bytes and they have no
   * concrete reference type (those are rewritten in place by validation): the common case of a module
   * with thousands of functions reads each distinct declaration once and shares its array.
   */
  private sameLocals(start: number): ValType[] | null {
    const prev = this.prevLocals;
    if (prev === null) return null;
    const bytes = this.r.bytes;
    const n = this.prevDeclEnd - this.prevDeclStart;
    if (start + n > bytes.length) return null;
    for (let i = 0; i < n; i++) if (bytes[start + i] !== bytes[this.prevDeclStart + i]) return null;
    this.r.pos = start + n;
    return prev;
  }

  /** A body's local declarations, expanded (one entry per local). */
  private localDeclarations(start: number): ValType[] {
    const r = this.r;
    // The (count, type) pairs first, so that a huge count is refused before anything is expanded.
    const groupCount = r.len32();
    if (this.groupCounts.length < groupCount) {
      this.groupCounts = new Float64Array(groupCount);
      this.groupTypes = new Int32Array(groupCount);
    }
    const counts = this.groupCounts;
    const types = this.groupTypes;
    let total = 0;
    let concrete = false;
    for (let g = 0; g < groupCount; g++) {
      const n = r.u32();
      const type = readValType(r, this.refs);
      if (type >= CONCRETE_BASE) concrete = true;
      counts[g] = n;
      types[g] = type;
      total += n;
    }
    if (total >= 0x1_0000_0000 || total > MAX_FUNCTION_LOCALS) r.fail("too many locals", start);
    const locals: ValType[] = [];
    for (let g = 0; g < groupCount; g++) {
      const type = types[g]!;
      for (let k = counts[g]!; k > 0; k--) locals.push(type);
    }
    if (concrete) this.ir.concreteLocals = true;
    this.prevLocals = concrete ? null : locals;
    this.prevDeclStart = start;
    this.prevDeclEnd = r.pos;
    return locals;
  }

  /** A constant expression: instructions up to the final END (excluded). */
  private constExpr(): ConstExpr {
    const offset = this.i32ConstExpr();
    if (offset !== null) return offset;
    const out: ConstInstr[] = [];
    this.skimInstructions(out);
    return out;
  }

  /**
   * The common constant expression `i32.const n; end` (segment offsets: a module may have thousands) read
   * directly, when n takes at most four bytes (so is well formed); else null, having read nothing.
   */
  private i32ConstExpr(): ConstExpr | null {
    const r = this.r;
    const bytes = r.bytes;
    const p = r.pos;
    if (bytes[p] !== Op.I32Const) return null;
    const limit = Math.min(p + 5, r.end - 1);
    let q = p + 1;
    while (q < limit && bytes[q]! >= 0x80) q++;
    if (q === limit || bytes[q + 1] !== Op.End) return null;
    r.pos = p + 1;
    const a = r.s32();
    r.pos = q + 2;
    return [{ op: Op.I32Const, a, b: 0 }];
  }

  /**
   * Reads instructions up to and including the END that closes the sequence, checking the nesting of
   * blocks like the reference decoder. With `out`, records each instruction (constant expressions).
   * Function bodies (no `out`) first try a fast path that skips common, certainly well-formed
   * encodings without decoding them (skip-table.ts); everything else goes through InstrReader.
   */
  private skimInstructions(out: ConstInstr[] | null): void {
    const r = this.r;
    const bytes = r.bytes;
    const end = r.end;
    let nesting = this.nesting;
    const skipKind = this.skipKind;
    let depth = 0;
    nesting[0] = NEST_BLOCK;
    let p = r.pos;
    for (;;) {
      if (out === null && p < end) {
        const b = bytes[p]!;
        const kind = skipKind[b]!;
        // Literal case labels (`satisfies` checks them against the SKIP_* kinds): V8 makes a jump
        // table of literal labels, where it would compare named constants one by one.
        switch (kind) {
          case 1 satisfies typeof SKIP_NONE:
            p++;
            continue;
          case 2 satisfies typeof SKIP_U32:
          case 11 satisfies typeof SKIP_S32: {
            if (bytes[p + 1]! < 0x80 && p + 1 < end) {
              p += 2; // the common one-byte immediate
              continue;
            }
            const q = leb32End(bytes, p + 1, end, kind === SKIP_S32);
            if (q > 0) {
              p = q;
              continue;
            }
            break;
          }
          case 10 satisfies typeof SKIP_S64: {
            const q = shortLebEnd(bytes, p + 1, end, 9);
            if (q > 0) {
              p = q;
              continue;
            }
            break;
          }
          case 3 satisfies typeof SKIP_LEB2: {
            const q = leb32End(bytes, p + 1, end, false);
            const q2 = q > 0 ? leb32End(bytes, q, end, false) : -1;
            if (q2 > 0) {
              p = q2;
              continue;
            }
            break;
          }
          case 4 satisfies typeof SKIP_FIXED4:
            if (p + 5 <= end) {
              p += 5;
              continue;
            }
            break;
          case 5 satisfies typeof SKIP_FIXED8:
            if (p + 9 <= end) {
              p += 9;
              continue;
            }
            break;
          case 6 satisfies typeof SKIP_MEMARG: {
            if (p + 2 < end && bytes[p + 1]! <= MAX_SIMPLE_ALIGN_FLAGS && bytes[p + 2]! < 0x80) {
              p += 3; // the common one-byte offset
              continue;
            }
            const q = p + 2 < end && bytes[p + 1]! <= MAX_SIMPLE_ALIGN_FLAGS ? shortLebEnd(bytes, p + 2, end) : -1;
            if (q > 0) {
              p = q;
              continue;
            }
            break;
          }
          case 7 satisfies typeof SKIP_BLOCK:
            if (p + 1 < end && SIMPLE_BLOCK_TYPE[bytes[p + 1]!] === 1) {
              if (++depth === nesting.length) nesting = this.growNesting();
              nesting[depth] = b === (0x04 satisfies typeof Op.If) ? NEST_IF : NEST_BLOCK;
              p += 2;
              continue;
            }
            break;
          case 8 satisfies typeof SKIP_ELSE:
            if (nesting[depth] !== NEST_IF) {
              r.pos = p;
              r.fail("END opcode expected");
            }
            nesting[depth] = NEST_ELSE;
            p++;
            continue;
          case 9 satisfies typeof SKIP_END:
            p++;
            if (depth-- === 0) {
              r.pos = p;
              return;
            }
            continue;
        }
      }
      // The general path, from the opcode.
      r.pos = p;
      depth = this.skimGeneral(depth, out);
      if (depth < 0) return;
      p = r.pos;
      nesting = this.nesting;
    }
  }

  /**
   * One instruction (from r.pos) the fast path did not take, read by InstrReader; updates the nesting.
   * Returns the new depth, or -1 after the END that closes the sequence.
   */
  private skimGeneral(depth: number, out: ConstInstr[] | null): number {
    const r = this.r;
    const instr = this.instr;
    let nesting = this.nesting;
    const b = r.peek();
    if (b === Op.End || b === Op.Else) {
      if (b === Op.Else && nesting[depth] !== NEST_IF) r.fail("END opcode expected");
      r.pos++;
      if (b === Op.Else) {
        nesting[depth] = NEST_ELSE;
      } else if (depth-- === 0) {
        return -1;
      }
      out?.push({ op: b, a: 0, b: 0 });
      return depth;
    }
    const at = r.pos;
    instr.read(r);
    const op = instr.op;
    if (op === Op.Block || op === Op.Loop || op === Op.If || op === Op.TryTable || op === Op.Try) {
      if (++depth === nesting.length) nesting = this.growNesting();
      nesting[depth] = op === Op.If ? NEST_IF : op === Op.Try ? NEST_TRY : NEST_BLOCK;
    } else if (op === Op.Catch || op === Op.CatchAll || op === Op.Delegate) {
      // legacy clauses of a `try`; delegate ends it like an END
      if (nesting[depth] !== NEST_TRY || depth === 0) {
        r.pos = at;
        r.fail("END opcode expected");
      }
      if (op === Op.Delegate) depth--;
    } else if (op === Op.MemoryInit || op === Op.DataDrop) {
      this.usesDataIndex = true;
    }
    if (out !== null) out.push(constInstr(instr, r.bytes));
    return depth;
  }

  private growNesting(): Uint8Array {
    const bigger = new Uint8Array(this.nesting.length * 2);
    bigger.set(this.nesting);
    this.nesting = bigger;
    return bigger;
  }
}

function constInstr(instr: InstrReader, bytes: Uint8Array): ConstInstr {
  const c: ConstInstr = { op: instr.op, a: instr.a, b: instr.b };
  if (instr.info.imm === Imm.V128) c.v = bytes.slice(instr.bytesPos, instr.bytesPos + 16);
  return c;
}
