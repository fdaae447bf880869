// Memory 0 of 32-bit address type, through the loop's views of it (u8 for bytes, view for the rest: a
// DataView access, which V8 compiles to a load or store after its own bounds check, is faster than an
// Int32Array's after a test of the alignment, and the same in its interpreters). Effective address = u32
// address + u32 offset, checked in doubles against memLen. Other memories (multi-memory, memory64) go
// through LoadMem and StoreMem.

import { instr, outOfLine, value, type Instr, type Value } from "../dsl.js";

/** Past the cached length: a trap, or a shared memory grown by another thread (memory-access.ts). For an
 * unshared memory `pastCachedLength` always throws, so the assignment never happens (the JavaScript tier's
 * `memLen` is a constant: the tier leaves functions on a shared memory 0 to the interpreter). */
const OOB = (width: number): string => `memLen = pastCachedLength(mem, ea + ${width});`;

/** The effective address `ea` of `addr + off`, checked for an access of `width` bytes. */
const access = (width: number): string =>
  `const ea = ($addr >>> 0) + ($off >>> 0);\nif (ea + ${width} > memLen) ${OOB(width)}`;
/** ... of `(base + index) mod 2^32 + off` (an `i32.add` of the address folded in). */
const accessIdx = (width: number): string =>
  `const ea = (($base + $index) >>> 0) + ($off >>> 0);\nif (ea + ${width} > memLen) ${OOB(width)}`;

const READ_I32 = "view.getInt32(ea, true)";

export const I32_LOAD = value("I32Load", "d = i32 at addr + off", "i32", "addr:i32 off:imm", READ_I32, access(4));
export const I32_LOAD8U = value("I32Load8U", "d = u8 at addr + off", "i32", "addr:i32 off:imm", "u8[ea]", access(1));
export const I32_LOAD8U_IDX = value("I32Load8UIdx", "d = u8 at base + index + off", "i32", "base:i32 index:i32 off:imm", "u8[ea]", accessIdx(1));
export const I32_LOAD16S_IDX = value("I32Load16SIdx", "d = s16 at base + index + off", "i32", "base:i32 index:i32 off:imm",
  "view.getInt16(ea, true)", accessIdx(2));
export const I32_LOAD16U_IDX = value("I32Load16UIdx", "d = u16 at base + index + off", "i32", "base:i32 index:i32 off:imm",
  "view.getUint16(ea, true)", accessIdx(2));

/** An i64 load of `width` bytes: the low word read by `read`, the high word its sign or zero. */
const loadI64 = (name: string, width: number, read: string, signed: boolean): Instr =>
  instr(name, `d = ${signed ? "s" : "u"}${8 * width} at addr + off, extended to i64`, "d:r addr:r off:i", `
    ${access(width)}
    const d = $d.at;
    const v = ${read};
    i32[d] = v;
    i32[d + 1] = ${signed ? "v >> 31" : "0"};`);

/** A store of the value's low `width` bytes. */
const store = (name: string, width: number, write: string): Instr =>
  instr(name, `store ${8 * width} bits of v at addr + off`, "addr:r v:r off:i", `${access(width)}\n${write}`);
const storeIdx = (name: string, width: number, write: string): Instr =>
  instr(name, `store ${8 * width} bits of v at base + index + off`, "base:r index:r v:r off:i", `${accessIdx(width)}\n${write}`);

const WRITE_I32 = "view.setInt32(ea, $v, true);";
export const I32_STORE = store("I32Store", 4, WRITE_I32);
export const I32_STORE8 = store("I32Store8", 1, "u8[ea] = $v;");
export const I32_STORE_IDX = storeIdx("I32StoreIdx", 4, WRITE_I32);
export const I32_STORE8_IDX = storeIdx("I32Store8Idx", 1, "u8[ea] = $v;");
export const I64_LOAD = instr("I64Load", "d = i64 at addr + off", "d:r addr:r off:i", `
    ${access(8)}
    const d = $d.at;
    i32[d] = view.getInt32(ea, true);
    i32[d + 1] = view.getInt32(ea + 4, true);`);
export const I64_STORE = instr("I64Store", "store the i64 v at addr + off", "addr:r v:r off:i", `
    ${access(8)}
    const s = $v.at;
    view.setInt32(ea, i32[s], true);
    view.setInt32(ea + 4, i32[s + 1], true);`);

const LOADS: Value[] = [
  I32_LOAD,
  value("I32Load8S", "d = s8 at addr + off", "i32", "addr:i32 off:imm", "view.getInt8(ea)", access(1)),
  I32_LOAD8U,
  value("I32Load16S", "d = s16 at addr + off", "i32", "addr:i32 off:imm", "view.getInt16(ea, true)", access(2)),
  value("I32Load16U", "d = u16 at addr + off", "i32", "addr:i32 off:imm", "view.getUint16(ea, true)", access(2)),
];

export const MEMORY: (Instr | Value)[] = [
  LOADS[0]!,
  I64_LOAD,
  ...LOADS.slice(1),
  loadI64("I64Load8S", 1, "view.getInt8(ea)", true),
  loadI64("I64Load8U", 1, "u8[ea]", false),
  loadI64("I64Load16S", 2, "view.getInt16(ea, true)", true),
  loadI64("I64Load16U", 2, "view.getUint16(ea, true)", false),
  loadI64("I64Load32S", 4, "view.getInt32(ea, true)", true),
  loadI64("I64Load32U", 4, "view.getInt32(ea, true)", false),
  I32_STORE,
  I64_STORE,
  I32_STORE8,
  store("I32Store16", 2, "view.setInt16(ea, $v, true);"),
  store("I64Store8", 1, "u8[ea] = $v;"),
  store("I64Store16", 2, "view.setInt16(ea, $v, true);"),
  store("I64Store32", 4, "view.setInt32(ea, $v, true);"),
  outOfLine(instr("MemorySize", "d = the size in pages of memory m", "d:r m:i", `
    const m = inst.memories[$m]!;
    const d = $d.at;
    if (m.shared !== null) m.sync(); // another thread may have grown it
    i32[d] = m.pages;
    i32[d + 1] = 0;`)),
  // the loop reloads its views of memory after a grow (`break reload`)
  instr("MemoryGrow", "d = memory.grow of memory m by delta (bulk.ts)", "d:r delta:r m:i",
    "memoryGrow(store, inst, i32, fp2, code, pc);\npc = $next;\nbreak reload;", true),
  // bulk memory and the accesses to other memories than memory 0 (or 64-bit ones): out of line
  ...[
  instr("MemoryInit", "memory.init (bulk.ts)", "seg:i m:i dst:r src:r n:r", "memoryInit(store, inst, i32, fp2, code, pc);"),
  instr("DataDrop", "data.drop of segment seg", "seg:i", "inst.datas[$seg]!.drop();"),
  instr("MemoryCopy", "memory.copy (bulk.ts)", "mdst:i msrc:i dst:r src:r n:r", "memoryCopy(store, inst, i32, fp2, code, pc);"),
  instr("MemoryFill", "memory.fill (bulk.ts)", "m:i dst:r v:r n:r", "memoryFill(store, inst, i32, fp2, code, pc);"),
  instr("LoadMem", "a load from memory m (any address type; op: the Wasm load opcode, floats as ints)",
    "d:r addr:r off:i op:i m:i", `
    const m = inst.memories[$m]!;
    const ea = addressOperand(i32, $addr.at, m.type.is64 === true) + ($off >>> 0);
    loadFrom(m, $op, ea, i32, $d.at);`),
  instr("StoreMem", "a store into memory m (any address type; op: the Wasm store opcode, floats as ints)",
    "addr:r v:r off:i op:i m:i", `
    const m = inst.memories[$m]!;
    const ea = addressOperand(i32, $addr.at, m.type.is64 === true) + ($off >>> 0);
    storeTo(m, $op, ea, i32, $v.at);`),
  ].map(outOfLine),
  value("I32LoadIdx", "d = i32 at base + index + off", "i32", "base:i32 index:i32 off:imm", READ_I32, accessIdx(4)),
  value("I32Load8SIdx", "d = s8 at base + index + off", "i32", "base:i32 index:i32 off:imm", "(u8[ea] << 24) >> 24", accessIdx(1)),
  I32_LOAD8U_IDX, I32_LOAD16S_IDX, I32_LOAD16U_IDX,
  I32_STORE_IDX, I32_STORE8_IDX,
];

/** f64 loads and stores for the JavaScript tier only (translate/js/), whose f64 values are numbers: the
 * interpreter, whose registers hold bits, runs them as I64Load and I64Store (f32 ones as I32Load and
 * I32Store, in both). No case of the interpreter loop. DataView's f64 accesses keep NaN bits. */
export const TIER_MEMORY: (Instr | Value)[] = [
  value("F64Load", "d = f64 at addr + off", "f64", "addr:i32 off:imm", "view.getFloat64(ea, true)", access(8)),
  instr("F64Store", "store the f64 v at addr + off", "addr:r v:r off:i", `${access(8)}\nview.setFloat64(ea, $v.f64, true);`),
];
