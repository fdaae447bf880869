// The instructions that are rarely hot (Instr.outOfLine in codegen/instructions/: tables, bulk memory, other
// memories than memory 0 and 64-bit addresses, atomics, wide arithmetic, v128 selects and globals,
// copysign, i64 division and rare bit counts, the intermediate stages of fusion chains, comparisons kept as
// values where branches take them in), run out of the interpreter loop, which has one case for all of them:
// the loop function must stay under V8's size limit for optimized code (interpreter-size.test.ts). The
// cases are generated (codegen/generate.ts) from the same descriptions. (Not throws: a JavaScript exception
// thrown through this function's frame costs far more than one thrown from the loop's.)

import type { InstanceEntity, PrunedStore } from "@wasmi-ts/store";
import { atomicOp } from "./atomics.js";
import { memoryCopy, memoryFill, memoryInit, tableCopy, tableFill, tableGrow, tableInit } from "./bulk.js";
import { addressOperand, loadFrom, storeTo } from "./memory-access.js";
import {
  i64Add128, i64Ctz, i64DivS, i64DivU, i64MulWide, i64Popcnt, i64RemS, i64RemU, i64Rotr, i64Sub128,
} from "./numeric/index.js";
import { globalGetRef, globalSetRef, refFunc, tableGet, tableIndex64, tableSet, tableSize64 } from "./refs.js";
import type { ExecState } from "./state.js";

/** Runs the out-of-line instruction at `pc` (the loop's locals of the same names); returns the next pc. */
export function outOfLine(
  store: PrunedStore, state: ExecState, inst: InstanceEntity, i32: Int32Array, fp2: number, code: readonly number[], pc: number,
): number {
  switch (code[pc]) {
    // <generated: instruction cases, by codegen/generate.ts from codegen/instructions/; do not edit>
    case 26: { // Select128: d = c !== 0 ? a : b (v128)
      const d = ((fp2 + code[(pc + 1) | 0]) | 0);
      const s = fp2 + (i32[(fp2 + code[(pc + 2) | 0]) | 0] !== 0 ? code[(pc + 3) | 0] : code[(pc + 4) | 0]);
      const w0 = i32[s], w1 = i32[s + 1], w2 = i32[s + 2], w3 = i32[s + 3];
      i32[d] = w0;
      i32[d + 1] = w1;
      i32[d + 2] = w2;
      i32[d + 3] = w3;
      return (pc + 5) | 0;
    }
    case 27: { // GlobalGet128: d = global g (v128)
      const d = ((fp2 + code[(pc + 1) | 0]) | 0);
      const g = inst.globals[code[(pc + 2) | 0]]!.i32;
      for (let w = 0; w < 4; w++) i32[d + w] = g[w];
      return (pc + 3) | 0;
    }
    case 28: { // GlobalSet128: global g = s (v128)
      const s = ((fp2 + code[(pc + 2) | 0]) | 0);
      const g = inst.globals[code[(pc + 1) | 0]]!.i32;
      for (let w = 0; w < 4; w++) g[w] = i32[s + w];
      return (pc + 3) | 0;
    }
    case 48: { // MemorySize: d = the size in pages of memory m
      const m = inst.memories[code[(pc + 2) | 0]]!;
      const d = ((fp2 + code[(pc + 1) | 0]) | 0);
      if (m.shared !== null) m.sync(); // another thread may have grown it
      i32[d] = m.pages;
      i32[d + 1] = 0;
      return (pc + 3) | 0;
    }
    case 50: { // MemoryInit: memory.init (bulk.ts)
      memoryInit(store, inst, i32, fp2, code, pc);
      return (pc + 6) | 0;
    }
    case 51: { // DataDrop: data.drop of segment seg
      inst.datas[code[(pc + 1) | 0]]!.drop();
      return (pc + 2) | 0;
    }
    case 52: { // MemoryCopy: memory.copy (bulk.ts)
      memoryCopy(store, inst, i32, fp2, code, pc);
      return (pc + 6) | 0;
    }
    case 53: { // MemoryFill: memory.fill (bulk.ts)
      memoryFill(store, inst, i32, fp2, code, pc);
      return (pc + 5) | 0;
    }
    case 54: { // LoadMem: a load from memory m (any address type; op: the Wasm load opcode, floats as ints)
      const m = inst.memories[code[(pc + 5) | 0]]!;
      const ea = addressOperand(i32, ((fp2 + code[(pc + 2) | 0]) | 0), m.type.is64 === true) + (code[(pc + 3) | 0] >>> 0);
      loadFrom(m, code[(pc + 4) | 0], ea, i32, ((fp2 + code[(pc + 1) | 0]) | 0));
      return (pc + 6) | 0;
    }
    case 55: { // StoreMem: a store into memory m (any address type; op: the Wasm store opcode, floats as ints)
      const m = inst.memories[code[(pc + 5) | 0]]!;
      const ea = addressOperand(i32, ((fp2 + code[(pc + 1) | 0]) | 0), m.type.is64 === true) + (code[(pc + 3) | 0] >>> 0);
      storeTo(m, code[(pc + 4) | 0], ea, i32, ((fp2 + code[(pc + 2) | 0]) | 0));
      return (pc + 6) | 0;
    }
    case 63: { // TableGet: d = element i of table tbl
      tableGet(store, inst, i32, fp2, code, pc);
      return (pc + 4) | 0;
    }
    case 64: { // TableSet: element i of table tbl = v
      tableSet(store, inst, i32, fp2, code, pc);
      return (pc + 4) | 0;
    }
    case 65: { // TableSize: d = the size of table tbl
      i32[(fp2 + code[(pc + 1) | 0]) | 0] = inst.tables[code[(pc + 2) | 0]]!.elements.length;
      return (pc + 3) | 0;
    }
    case 66: { // TableGrow: d = table.grow of table tbl by n, filled with v
      tableGrow(store, inst, i32, fp2, code, pc);
      return (pc + 5) | 0;
    }
    case 67: { // TableFill: table.fill
      tableFill(store, inst, i32, fp2, code, pc);
      return (pc + 5) | 0;
    }
    case 68: { // TableCopy: table.copy
      tableCopy(store, inst, i32, fp2, code, pc);
      return (pc + 6) | 0;
    }
    case 69: { // TableInit: table.init
      tableInit(store, inst, i32, fp2, code, pc);
      return (pc + 6) | 0;
    }
    case 70: { // ElemDrop: elem.drop of segment seg
      inst.elems[code[(pc + 1) | 0]]!.drop();
      return (pc + 2) | 0;
    }
    case 72: { // RefFunc: d = a reference to function f
      refFunc(store, inst, i32, fp2, code, pc);
      return (pc + 3) | 0;
    }
    case 73: { // GlobalGetRef: d = global g (references)
      globalGetRef(store, inst, i32, fp2, code, pc);
      return (pc + 3) | 0;
    }
    case 74: { // GlobalSetRef: global g = s (references)
      globalSetRef(store, inst, i32, fp2, code, pc);
      return (pc + 3) | 0;
    }
    case 89: { // I64LtS: d = a LtS b (i64)
      const a = ((fp2 + code[(pc + 2) | 0]) | 0);
      const b = ((fp2 + code[(pc + 3) | 0]) | 0);
      const xh = i32[a + 1];
      const yh = i32[b + 1];
      const less = xh < yh || (xh === yh && (i32[a] >>> 0) < (i32[b] >>> 0));
      i32[(fp2 + code[(pc + 1) | 0]) | 0] = less ? 1 : 0;
      return (pc + 4) | 0;
    }
    case 90: { // I64LtU: d = a LtU b (i64)
      const a = ((fp2 + code[(pc + 2) | 0]) | 0);
      const b = ((fp2 + code[(pc + 3) | 0]) | 0);
      const xh = i32[a + 1] >>> 0;
      const yh = i32[b + 1] >>> 0;
      const less = xh < yh || (xh === yh && (i32[a] >>> 0) < (i32[b] >>> 0));
      i32[(fp2 + code[(pc + 1) | 0]) | 0] = less ? 1 : 0;
      return (pc + 4) | 0;
    }
    case 91: { // I64GtS: d = a GtS b (i64)
      const a = ((fp2 + code[(pc + 2) | 0]) | 0);
      const b = ((fp2 + code[(pc + 3) | 0]) | 0);
      const xh = i32[b + 1];
      const yh = i32[a + 1];
      const less = xh < yh || (xh === yh && (i32[b] >>> 0) < (i32[a] >>> 0));
      i32[(fp2 + code[(pc + 1) | 0]) | 0] = less ? 1 : 0;
      return (pc + 4) | 0;
    }
    case 92: { // I64GtU: d = a GtU b (i64)
      const a = ((fp2 + code[(pc + 2) | 0]) | 0);
      const b = ((fp2 + code[(pc + 3) | 0]) | 0);
      const xh = i32[b + 1] >>> 0;
      const yh = i32[a + 1] >>> 0;
      const less = xh < yh || (xh === yh && (i32[b] >>> 0) < (i32[a] >>> 0));
      i32[(fp2 + code[(pc + 1) | 0]) | 0] = less ? 1 : 0;
      return (pc + 4) | 0;
    }
    case 93: { // I64LeS: d = a LeS b (i64)
      const a = ((fp2 + code[(pc + 2) | 0]) | 0);
      const b = ((fp2 + code[(pc + 3) | 0]) | 0);
      const xh = i32[b + 1];
      const yh = i32[a + 1];
      const less = xh < yh || (xh === yh && (i32[b] >>> 0) < (i32[a] >>> 0));
      i32[(fp2 + code[(pc + 1) | 0]) | 0] = less ? 0 : 1;
      return (pc + 4) | 0;
    }
    case 94: { // I64LeU: d = a LeU b (i64)
      const a = ((fp2 + code[(pc + 2) | 0]) | 0);
      const b = ((fp2 + code[(pc + 3) | 0]) | 0);
      const xh = i32[b + 1] >>> 0;
      const yh = i32[a + 1] >>> 0;
      const less = xh < yh || (xh === yh && (i32[b] >>> 0) < (i32[a] >>> 0));
      i32[(fp2 + code[(pc + 1) | 0]) | 0] = less ? 0 : 1;
      return (pc + 4) | 0;
    }
    case 95: { // I64GeS: d = a GeS b (i64)
      const a = ((fp2 + code[(pc + 2) | 0]) | 0);
      const b = ((fp2 + code[(pc + 3) | 0]) | 0);
      const xh = i32[a + 1];
      const yh = i32[b + 1];
      const less = xh < yh || (xh === yh && (i32[a] >>> 0) < (i32[b] >>> 0));
      i32[(fp2 + code[(pc + 1) | 0]) | 0] = less ? 0 : 1;
      return (pc + 4) | 0;
    }
    case 96: { // I64GeU: d = a GeU b (i64)
      const a = ((fp2 + code[(pc + 2) | 0]) | 0);
      const b = ((fp2 + code[(pc + 3) | 0]) | 0);
      const xh = i32[a + 1] >>> 0;
      const yh = i32[b + 1] >>> 0;
      const less = xh < yh || (xh === yh && (i32[a] >>> 0) < (i32[b] >>> 0));
      i32[(fp2 + code[(pc + 1) | 0]) | 0] = less ? 0 : 1;
      return (pc + 4) | 0;
    }
    case 128: { // I64Ctz: d = trailing zero bits of a (i64)
      i64Ctz(i32, ((fp2 + code[(pc + 1) | 0]) | 0), ((fp2 + code[(pc + 2) | 0]) | 0));
      return (pc + 3) | 0;
    }
    case 129: { // I64Popcnt: d = one bits of a (i64)
      i64Popcnt(i32, ((fp2 + code[(pc + 1) | 0]) | 0), ((fp2 + code[(pc + 2) | 0]) | 0));
      return (pc + 3) | 0;
    }
    case 133: { // I64DivS: d = a / b (i64, signed)
      i64DivS(i32, ((fp2 + code[(pc + 1) | 0]) | 0), ((fp2 + code[(pc + 2) | 0]) | 0), ((fp2 + code[(pc + 3) | 0]) | 0));
      return (pc + 4) | 0;
    }
    case 134: { // I64DivU: d = a / b (i64, unsigned)
      i64DivU(i32, ((fp2 + code[(pc + 1) | 0]) | 0), ((fp2 + code[(pc + 2) | 0]) | 0), ((fp2 + code[(pc + 3) | 0]) | 0));
      return (pc + 4) | 0;
    }
    case 135: { // I64RemS: d = a % b (i64, signed)
      i64RemS(i32, ((fp2 + code[(pc + 1) | 0]) | 0), ((fp2 + code[(pc + 2) | 0]) | 0), ((fp2 + code[(pc + 3) | 0]) | 0));
      return (pc + 4) | 0;
    }
    case 136: { // I64RemU: d = a % b (i64, unsigned)
      i64RemU(i32, ((fp2 + code[(pc + 1) | 0]) | 0), ((fp2 + code[(pc + 2) | 0]) | 0), ((fp2 + code[(pc + 3) | 0]) | 0));
      return (pc + 4) | 0;
    }
    case 144: { // I64Rotr: d = a rotated right by b (i64)
      i64Rotr(i32, ((fp2 + code[(pc + 1) | 0]) | 0), ((fp2 + code[(pc + 2) | 0]) | 0), ((fp2 + code[(pc + 3) | 0]) | 0));
      return (pc + 4) | 0;
    }
    case 158: { // F32Copysign: d = a with the sign of b (f32, on the bits)
      i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] & 0x7fffffff) | (i32[(fp2 + code[(pc + 3) | 0]) | 0] & -0x80000000);
      return (pc + 4) | 0;
    }
    case 172: { // F64Copysign: d = a with the sign of b (f64, on the bits)
      const a = ((fp2 + code[(pc + 2) | 0]) | 0);
      const b = ((fp2 + code[(pc + 3) | 0]) | 0);
      const d = ((fp2 + code[(pc + 1) | 0]) | 0);
      const hi = (i32[a + 1] & 0x7fffffff) | (i32[b + 1] & -0x80000000);
      i32[d] = i32[a];
      i32[d + 1] = hi;
      return (pc + 4) | 0;
    }
    case 221: { // I32LeSImm: d = a LeS the immediate b (i32)
      i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] <= code[(pc + 3) | 0] ? 1 : 0;
      return (pc + 4) | 0;
    }
    case 222: { // I32LeUImm: d = a LeU the immediate b (i32)
      i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) <= (code[(pc + 3) | 0] >>> 0) ? 1 : 0;
      return (pc + 4) | 0;
    }
    case 223: { // I32GeSImm: d = a GeS the immediate b (i32)
      i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] >= code[(pc + 3) | 0] ? 1 : 0;
      return (pc + 4) | 0;
    }
    case 224: { // I32GeUImm: d = a GeU the immediate b (i32)
      i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) >= (code[(pc + 3) | 0] >>> 0) ? 1 : 0;
      return (pc + 4) | 0;
    }
    case 230: { // I32XorRotlImm: d = a ^ rotl(x, n)
      const x = i32[(fp2 + code[(pc + 3) | 0]) | 0];
      const n = code[(pc + 4) | 0];
      i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] ^ ((x << n) | (x >>> -n));
      return (pc + 5) | 0;
    }
    case 241: { // I32XorAnd: d = c ^ (a & b) (bit selections)
      i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] ^ (i32[(fp2 + code[(pc + 3) | 0]) | 0] & i32[(fp2 + code[(pc + 4) | 0]) | 0]);
      return (pc + 5) | 0;
    }
    case 242: { // I32AndXor: d = c & (a ^ b)
      i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] & (i32[(fp2 + code[(pc + 3) | 0]) | 0] ^ i32[(fp2 + code[(pc + 4) | 0]) | 0]);
      return (pc + 5) | 0;
    }
    case 243: { // I32RotlXorRotlImm: d = rotl(x, k) ^ rotl(y, n)
      const x = i32[(fp2 + code[(pc + 2) | 0]) | 0];
      const k = code[(pc + 3) | 0];
      const y = i32[(fp2 + code[(pc + 4) | 0]) | 0];
      const n = code[(pc + 5) | 0];
      i32[(fp2 + code[(pc + 1) | 0]) | 0] = ((x << k) | (x >>> -k)) ^ ((y << n) | (y >>> -n));
      return (pc + 6) | 0;
    }
    case 244: { // I32XorAndXor: d = e ^ (c & (a ^ b)) (choice)
      i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] ^ (i32[(fp2 + code[(pc + 3) | 0]) | 0] & (i32[(fp2 + code[(pc + 4) | 0]) | 0] ^ i32[(fp2 + code[(pc + 5) | 0]) | 0]));
      return (pc + 6) | 0;
    }
    case 246: { // I32Rotl3XorImm: d = rotl(x, k) ^ rotl(y, n) ^ rotl(z, m)
      const x = i32[(fp2 + code[(pc + 2) | 0]) | 0];
      const k = code[(pc + 3) | 0];
      const y = i32[(fp2 + code[(pc + 4) | 0]) | 0];
      const n = code[(pc + 5) | 0];
      const z = i32[(fp2 + code[(pc + 6) | 0]) | 0];
      const m = code[(pc + 7) | 0];
      i32[(fp2 + code[(pc + 1) | 0]) | 0] = (((x << k) | (x >>> -k)) ^ ((y << n) | (y >>> -n))) ^ ((z << m) | (z >>> -m));
      return (pc + 8) | 0;
    }
    case 301: { // TableIndex64: d = the i64 a as a table index: a, or 2^32-1 (past the end of every table) from 2^32 on
      tableIndex64(i32, fp2, code, pc);
      return (pc + 3) | 0;
    }
    case 302: { // TableSize64: d = the size of table tbl (i64)
      tableSize64(inst, i32, fp2, code, pc);
      return (pc + 3) | 0;
    }
    case 303: { // I64Add128: (dl, dh) = (al, ah) + (bl, bh) (i64 pairs as 128-bit integers)
      i64Add128(i32, ((fp2 + code[(pc + 1) | 0]) | 0), ((fp2 + code[(pc + 2) | 0]) | 0), ((fp2 + code[(pc + 3) | 0]) | 0), ((fp2 + code[(pc + 4) | 0]) | 0), ((fp2 + code[(pc + 5) | 0]) | 0), ((fp2 + code[(pc + 6) | 0]) | 0));
      return (pc + 7) | 0;
    }
    case 304: { // I64Sub128: (dl, dh) = (al, ah) - (bl, bh) (i64 pairs as 128-bit integers)
      i64Sub128(i32, ((fp2 + code[(pc + 1) | 0]) | 0), ((fp2 + code[(pc + 2) | 0]) | 0), ((fp2 + code[(pc + 3) | 0]) | 0), ((fp2 + code[(pc + 4) | 0]) | 0), ((fp2 + code[(pc + 5) | 0]) | 0), ((fp2 + code[(pc + 6) | 0]) | 0));
      return (pc + 7) | 0;
    }
    case 305: { // I64MulWideS: (dl, dh) = a * b (i64 to 128 bits, signed)
      i64MulWide(i32, ((fp2 + code[(pc + 1) | 0]) | 0), ((fp2 + code[(pc + 2) | 0]) | 0), ((fp2 + code[(pc + 3) | 0]) | 0), ((fp2 + code[(pc + 4) | 0]) | 0), true);
      return (pc + 5) | 0;
    }
    case 306: { // I64MulWideU: (dl, dh) = a * b (i64 to 128 bits, unsigned)
      i64MulWide(i32, ((fp2 + code[(pc + 1) | 0]) | 0), ((fp2 + code[(pc + 2) | 0]) | 0), ((fp2 + code[(pc + 3) | 0]) | 0), ((fp2 + code[(pc + 4) | 0]) | 0), false);
      return (pc + 5) | 0;
    }
    case 307: { // Atomic: an atomic access, wait or notify on memory m (0xfe sub-opcode op; interpret/atomics.ts)
      atomicOp(store, state, inst, i32, fp2, code, pc);
      return (pc + 8) | 0;
    }
    // </generated>
    default:
      throw new Error(`bad out-of-line opcode ${code[pc]} at pc ${pc}`);
  }
}
