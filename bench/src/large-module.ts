// A generated module with about 1 MiB of code, for what start-up costs on a module the size of a real
// application: time to first call (compile + instantiate + one call that reaches only a few functions)
// and translation throughput. Generated at bench time (nothing large is committed), deterministically
// (a seeded PRNG), so every runner and process gets the same bytes.
//
// Functions have realistic bodies: nested counted loops, if/else, block + br_if, br_table switches,
// integer and float arithmetic, conversions, loads and stores, globals, and at most one call (direct or
// through the table) to one of the few functions just before it, so execution always ends and a call
// of a low-numbered function reaches only a handful of others. Nothing traps (divisors are made odd,
// addresses masked) and no NaN bit pattern can reach an integer (no copysign, reinterpret or f64 store),
// so every runner must return the same result.

import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ByteWriter } from "./byte-writer.js";

/** The Wasm opcodes the generator emits (one byte, or 0xfc followed by the sub-opcode). */
const OP = {
  block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, brIf: 0x0d, brTable: 0x0e,
  call: 0x10, callIndirect: 0x11, select: 0x1b,
  localGet: 0x20, localSet: 0x21, localTee: 0x22, globalGet: 0x23, globalSet: 0x24,
  i32Const: 0x41, i64Const: 0x42, f64Const: 0x44,
  i32Eqz: 0x45, i32Or: 0x72, i32And: 0x71, i32Sub: 0x6b, i32DivU: 0x6e, i32RemU: 0x70,
  i64Eqz: 0x50, i64Or: 0x84, i64DivU: 0x80, i64RemU: 0x82,
  truncSatPrefix: 0xfc,
} as const;

const I32 = 0x7f;
const I64 = 0x7e;
const F64 = 0x7c;
type ValType = typeof I32 | typeof I64 | typeof F64;
const KINDS: readonly ValType[] = [I32, I64, F64];

/** Opcode tables per value type, by role. */
const BINARY: Record<ValType, readonly number[]> = {
  // add sub mul and or xor shl shr_s shr_u rotl rotr
  [I32]: [0x6a, 0x6b, 0x6c, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78],
  [I64]: [0x7c, 0x7d, 0x7e, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a],
  // add sub mul div min max
  [F64]: [0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5],
};
const UNARY: Record<ValType, readonly number[]> = {
  [I32]: [0x67, 0x68, 0x69], // clz ctz popcnt
  [I64]: [0x79, 0x7a, 0x7b],
  [F64]: [0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f], // abs neg ceil floor trunc nearest sqrt
};
/** Comparisons of two operands of the type (result i32). */
const COMPARE: Record<ValType, readonly number[]> = {
  [I32]: [0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f],
  [I64]: [0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a],
  [F64]: [0x61, 0x62, 0x63, 0x64, 0x65, 0x66],
};
/** Conversions into the type: [opcode (0xfc-prefixed if > 0xff), operand type]. */
const CONVERT: Record<ValType, readonly (readonly [number, ValType])[]> = {
  [I32]: [[0xa7, I64], [0xfc02, F64]], // i32.wrap_i64, i32.trunc_sat_f64_s
  [I64]: [[0xac, I32], [0xad, I32], [0xfc06, F64]], // i64.extend_i32_s/u, i64.trunc_sat_f64_s
  [F64]: [[0xb7, I32], [0xb8, I32], [0xb9, I64]], // f64.convert_i32_s/u, f64.convert_i64_s
};
/** Loads producing the type: [opcode, alignment (log2)]. */
const LOAD: Record<ValType, readonly (readonly [number, number])[]> = {
  [I32]: [[0x28, 2], [0x2d, 0], [0x2e, 1]], // i32.load, i32.load8_u, i32.load16_s
  [I64]: [[0x29, 3], [0x31, 0]], // i64.load, i64.load8_u
  [F64]: [[0x2b, 3]],
};
/** Stores of the type (no f64 store: a NaN's bits could differ between engines). */
const STORE: Record<ValType, readonly (readonly [number, number])[]> = {
  [I32]: [[0x36, 2], [0x3a, 0], [0x3b, 1]], // i32.store, i32.store8, i32.store16
  [I64]: [[0x37, 3], [0x3c, 0]], // i64.store, i64.store8
  [F64]: [],
};

/**
 * Locals of every generated function: parameters (a value of the function's kind, an i32), then
 * i32 x4, i64 x2, f64 x2, and one i32 loop counter per loop nesting level.
 */
const PARAMS = 2;
const MAX_LOOP_DEPTH = 3;
const DECLARED: readonly (readonly [number, ValType])[] = [[4, I32], [2, I64], [2, F64], [MAX_LOOP_DEPTH, I32]];
const COUNTER_BASE = PARAMS + 4 + 2 + 2;
const I32_LOCALS = [1, 2, 3, 4, 5];
const I64_LOCALS = [6, 7];
const F64_LOCALS = [8, 9];

/** Memory addresses are `(x & ADDRESS_MASK) + offset` with offset < MAX_OFFSET, inside the one page. */
const ADDRESS_MASK = 0x7ff8;
const MAX_OFFSET = 0x1000;

/** Calls go to one of this many functions just before the caller (so a call chain from function k is at most k long). */
const CALL_WINDOW = 8;
/** The entry calls this function: its call chain reaches only the functions below it. */
const ENTRY_TARGET = 15;

const TYPE_OF_KIND: Record<ValType, number> = { [I32]: 0, [I64]: 1, [F64]: 2 };
const ENTRY_TYPE = 3;

/** xorshift32: small, fast and the same everywhere. */
class Random {
  constructor(private state: number) {}

  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x;
    return x >>> 0;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return this.next() % n;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }

  chance(percent: number): boolean {
    return this.below(100) < percent;
  }
}

class BodyGenerator {
  private readonly w = new ByteWriter();
  private kind: ValType = I32;
  private funcIndex = 0;
  private loopDepth = 0;
  private callUsed = false;

  constructor(
    private readonly rng: Random,
    private readonly kinds: readonly ValType[],
  ) {}

  /** The body (locals and code) of function `index`, of about `targetBytes` bytes. */
  body(index: number, targetBytes: number): Uint8Array {
    const w = this.w;
    w.reset();
    this.kind = this.kinds[index]!;
    this.funcIndex = index;
    this.loopDepth = 0;
    this.callUsed = false;
    w.u32(DECLARED.length);
    for (const [count, type] of DECLARED) {
      w.u32(count);
      w.byte(type);
    }
    while (w.length < targetBytes) this.statement(0);
    this.expr(this.kind, 3);
    w.byte(OP.end);
    return w.toBytes();
  }

  private localOf(type: ValType): number {
    const own = this.kind === type && this.rng.chance(25);
    if (own) return 0;
    return this.rng.pick(type === I32 ? I32_LOCALS : type === I64 ? I64_LOCALS : F64_LOCALS);
  }

  private constOf(type: ValType): void {
    const w = this.w;
    const rng = this.rng;
    if (type === I32) {
      w.byte(OP.i32Const);
      w.s32(rng.chance(50) ? rng.below(64) : rng.next() | 0);
    } else if (type === I64) {
      w.byte(OP.i64Const);
      w.s32(rng.chance(50) ? rng.below(64) : rng.next() | 0); // an s32 LEB128 is a valid s64 one
    } else {
      w.byte(OP.f64Const);
      w.f64((rng.below(20_000) - 10_000) / 100);
    }
  }

  private op(opcode: number): void {
    if (opcode > 0xff) {
      this.w.byte(OP.truncSatPrefix);
      this.w.u32(opcode & 0xff);
    } else {
      this.w.byte(opcode);
    }
  }

  /** An in-bounds address: `(expr & ADDRESS_MASK)`; the memarg adds an offset below MAX_OFFSET. */
  private address(depth: number): void {
    this.expr(I32, depth);
    this.w.byte(OP.i32Const);
    this.w.s32(ADDRESS_MASK);
    this.w.byte(OP.i32And);
  }

  private memarg(align: number): void {
    this.w.u32(align);
    this.w.u32(this.rng.below(MAX_OFFSET / 8) * 8);
  }

  /** Pushes one value of `type`, as an expression tree of at most `depth` levels. */
  private expr(type: ValType, depth: number): void {
    const w = this.w;
    const rng = this.rng;
    if (depth <= 0 || rng.chance(20)) {
      if (rng.chance(70)) {
        w.byte(OP.localGet);
        w.u32(this.localOf(type));
      } else if (type === I32 && rng.chance(15)) {
        w.byte(OP.globalGet);
        w.u32(0);
      } else {
        this.constOf(type);
      }
      return;
    }
    const choice = rng.below(100);
    if (choice < 45) {
      // Binary arithmetic; sometimes an unsigned division or remainder by an odd (so non-zero) divisor.
      this.expr(type, depth - 1);
      this.expr(type, depth - 1);
      if (type !== F64 && rng.chance(10)) {
        w.byte(type === I32 ? OP.i32Const : OP.i64Const);
        w.s32(1);
        w.byte(type === I32 ? OP.i32Or : OP.i64Or);
        const div = rng.chance(50);
        w.byte(type === I32 ? (div ? OP.i32DivU : OP.i32RemU) : div ? OP.i64DivU : OP.i64RemU);
      } else {
        w.byte(rng.pick(BINARY[type]));
      }
    } else if (choice < 55) {
      this.expr(type, depth - 1);
      w.byte(rng.pick(UNARY[type]));
    } else if (choice < 65 && type === I32) {
      const operand = rng.pick(KINDS);
      this.expr(operand, depth - 1);
      this.expr(operand, depth - 1);
      w.byte(rng.pick(COMPARE[operand]));
    } else if (choice < 75) {
      const [opcode, from] = rng.pick(CONVERT[type]);
      this.expr(from, depth - 1);
      this.op(opcode);
    } else if (choice < 90) {
      const [opcode, align] = rng.pick(LOAD[type]);
      this.address(depth - 1);
      w.byte(opcode);
      this.memarg(align);
    } else {
      this.expr(type, depth - 1);
      this.expr(type, depth - 1);
      this.condition(depth - 1);
      w.byte(OP.select);
    }
  }

  /** An i32 condition, usually a comparison. */
  private condition(depth: number): void {
    if (this.rng.chance(30)) {
      this.expr(I32, depth);
      this.w.byte(OP.i32Eqz);
      return;
    }
    const operand = this.rng.pick(KINDS);
    this.expr(operand, depth);
    this.expr(operand, depth);
    this.w.byte(this.rng.pick(COMPARE[operand]));
  }

  private statements(count: number, nesting: number): void {
    for (let i = 0; i < count; i++) this.statement(nesting);
  }

  private statement(nesting: number): void {
    const w = this.w;
    const rng = this.rng;
    const choice = rng.below(100);
    const canNest = nesting < 4;
    if (choice < 40) {
      const type = rng.pick(KINDS);
      this.expr(type, 3);
      const tee = rng.chance(15);
      w.byte(tee ? OP.localTee : OP.localSet);
      w.u32(this.localOf(type));
      if (tee) {
        // local.tee leaves its value: store it in a second local.
        w.byte(OP.localSet);
        w.u32(this.localOf(type));
      }
    } else if (choice < 55) {
      const type = rng.pick([I32, I64] as const);
      const [opcode, align] = rng.pick(STORE[type]);
      this.address(2);
      this.expr(type, 3);
      w.byte(opcode);
      this.memarg(align);
    } else if (choice < 60) {
      this.expr(I32, 3);
      w.byte(OP.globalSet);
      w.u32(0);
    } else if (choice < 70 && canNest) {
      this.condition(2);
      w.byte(OP.if);
      w.byte(0x40);
      this.statements(1 + rng.below(3), nesting + 1);
      if (rng.chance(50)) {
        w.byte(OP.else);
        this.statements(1 + rng.below(3), nesting + 1);
      }
      w.byte(OP.end);
    } else if (choice < 78 && canNest && this.loopDepth < MAX_LOOP_DEPTH) {
      this.countedLoop(nesting);
    } else if (choice < 84 && canNest) {
      // block { ...; br_if 0 (cond); ... }
      w.byte(OP.block);
      w.byte(0x40);
      this.statements(1 + rng.below(2), nesting + 1);
      this.condition(2);
      w.byte(OP.brIf);
      w.u32(0);
      this.statements(1 + rng.below(2), nesting + 1);
      w.byte(OP.end);
    } else if (choice < 88 && canNest) {
      this.switchStatement(nesting);
    } else if (choice < 92 && !this.callUsed && this.loopDepth === 0 && this.funcIndex > 0) {
      this.call();
    } else {
      const type = rng.pick(KINDS);
      this.expr(type, 4);
      w.byte(OP.localSet);
      w.u32(this.localOf(type));
    }
  }

  /** counter = n; loop { ...; counter -= 1; br_if 0 (counter) } with n in 1..6. */
  private countedLoop(nesting: number): void {
    const w = this.w;
    const counter = COUNTER_BASE + this.loopDepth;
    this.loopDepth++;
    w.byte(OP.i32Const);
    w.s32(1 + this.rng.below(6));
    w.byte(OP.localSet);
    w.u32(counter);
    w.byte(OP.loop);
    w.byte(0x40);
    this.statements(1 + this.rng.below(3), nesting + 1);
    w.byte(OP.localGet);
    w.u32(counter);
    w.byte(OP.i32Const);
    w.s32(1);
    w.byte(OP.i32Sub);
    w.byte(OP.localTee);
    w.u32(counter);
    w.byte(OP.brIf);
    w.u32(0);
    w.byte(OP.end);
    this.loopDepth--;
  }

  /** block { block { block { br_table 0 1 2 (x) } case 0; br 1 } case 1 } */
  private switchStatement(nesting: number): void {
    const w = this.w;
    w.byte(OP.block);
    w.byte(0x40);
    w.byte(OP.block);
    w.byte(0x40);
    w.byte(OP.block);
    w.byte(0x40);
    this.expr(I32, 2);
    w.byte(OP.brTable);
    w.u32(2);
    w.u32(0);
    w.u32(1);
    w.u32(2);
    w.byte(OP.end);
    this.statements(1 + this.rng.below(2), nesting + 3);
    w.byte(OP.br);
    w.u32(1);
    w.byte(OP.end);
    this.statements(1 + this.rng.below(2), nesting + 2);
    w.byte(OP.end);
  }

  /** local = f(args) for one of the CALL_WINDOW functions before this one, direct or through the table. */
  private call(): void {
    const w = this.w;
    const rng = this.rng;
    this.callUsed = true;
    const callee = this.funcIndex - 1 - rng.below(Math.min(CALL_WINDOW, this.funcIndex));
    const type = this.kinds[callee]!;
    this.expr(type, 2);
    this.expr(I32, 2);
    if (rng.chance(70)) {
      w.byte(OP.call);
      w.u32(callee);
    } else {
      // The table holds every function at its own index.
      w.byte(OP.i32Const);
      w.s32(callee);
      w.byte(OP.callIndirect);
      w.u32(TYPE_OF_KIND[type]);
      w.u32(0);
    }
    w.byte(OP.localSet);
    w.u32(this.localOf(type));
  }
}

function section(out: ByteWriter, id: number, content: ByteWriter): void {
  out.byte(id);
  out.u32(content.length);
  out.append(content.toBytes());
}

export interface LargeModule {
  bytes: Uint8Array;
  /** Size of the code section's content (the function bodies). */
  codeBytes: number;
  functions: number;
}

/** Exported: `run(i32) -> i32` (calls function ENTRY_TARGET), and the memory `memory`. */
export const LARGE_MODULE_EXPORT = "run";

/**
 * Generates the module: functions of random kind (i32, i64 or f64 result) and size until the code
 * reaches `codeBytes`, then the entry. The same `seed` and size give the same bytes.
 */
export function generateLargeModule(codeBytes: number, seed: number): LargeModule {
  const rng = new Random(seed);
  const kinds: ValType[] = [];
  const bodies: Uint8Array[] = [];
  const gen = new BodyGenerator(rng, kinds);
  let total = 0;
  while (total < codeBytes) {
    const index = kinds.length;
    kinds.push(KINDS[index % 3]!);
    const body = gen.body(index, 100 + rng.below(1400));
    bodies.push(body);
    total += body.length + 2; // + its size (LEB128, two bytes)
  }
  const entryIndex = kinds.length;

  const types = new ByteWriter();
  types.u32(4);
  for (const kind of KINDS) types.bytes([0x60, 2, kind, I32, 1, kind]);
  types.bytes([0x60, 1, I32, 1, I32]);

  const funcs = new ByteWriter();
  funcs.u32(entryIndex + 1);
  for (const kind of kinds) funcs.u32(TYPE_OF_KIND[kind]);
  funcs.u32(ENTRY_TYPE);

  const table = new ByteWriter();
  table.bytes([1, 0x70, 0]); // one funcref table, min = every generated function
  table.u32(entryIndex);

  const memory = new ByteWriter();
  memory.bytes([1, 0, 1]); // one memory, min 1 page

  const globals = new ByteWriter();
  globals.bytes([1, I32, 1, OP.i32Const]);
  globals.s32(12345);
  globals.byte(OP.end);

  const exports = new ByteWriter();
  exports.u32(2);
  exports.name(LARGE_MODULE_EXPORT);
  exports.byte(0);
  exports.u32(entryIndex);
  exports.name("memory");
  exports.byte(2);
  exports.u32(0);

  const elems = new ByteWriter();
  elems.bytes([1, 0, OP.i32Const, 0, OP.end]);
  elems.u32(entryIndex);
  for (let i = 0; i < entryIndex; i++) elems.u32(i);

  const code = new ByteWriter();
  code.u32(entryIndex + 1);
  for (const body of bodies) {
    code.u32(body.length);
    code.append(body);
  }
  // run(x) = f(x, 7) for the i32 function ENTRY_TARGET.
  const entry = [0 /* no locals */, OP.localGet, 0, OP.i32Const, 7, OP.call, ...leb(ENTRY_TARGET), OP.end];
  code.u32(entry.length);
  code.bytes(entry);

  // 4 KiB of pseudo-random data at address 0, so that loads see varied values.
  const data = new ByteWriter();
  data.bytes([1, 0, OP.i32Const, 0, OP.end]);
  data.u32(4096);
  for (let i = 0; i < 4096; i++) data.byte(rng.below(256));

  const out = new ByteWriter();
  out.bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  section(out, 1, types);
  section(out, 3, funcs);
  section(out, 4, table);
  section(out, 5, memory);
  section(out, 6, globals);
  section(out, 7, exports);
  section(out, 9, elems);
  section(out, 10, code);
  section(out, 11, data);
  return { bytes: out.toBytes(), codeBytes: code.length, functions: entryIndex + 1 };
}

function leb(n: number): number[] {
  const w = new ByteWriter();
  w.u32(n);
  return [...w.toBytes()];
}

/** Where the generated module is kept between the bench's processes (so each child only reads it). */
function cacheFile(codeBytes: number, seed: number): string {
  return join(tmpdir(), `wasmi-ts-bench-large-${GENERATOR_VERSION}-${codeBytes}-${seed.toString(16)}.wasm`);
}

/** Bump when the generator changes, so that a stale cached module is not reused. */
const GENERATOR_VERSION = 1;
const LARGE_CODE_BYTES = 1 << 20;
const LARGE_SEED = 0x5eed_1234;

/** The code size of the module whose compile time the bench compares with V8's (run-runner.ts). */
export const COMPILE_CODE_BYTES = 4 << 20;

const cached = new Map<number, Uint8Array>();

/**
 * The bench's generated module with `codeBytes` of code (1 MiB: the time to first call). Generated once
 * and cached in the temp directory: a child process that measures start-up then reads bytes from a file
 * like any embedder, instead of measuring while V8 still compiles the generator in the background.
 */
export function largeModuleBytes(codeBytes = LARGE_CODE_BYTES): Uint8Array {
  let bytes = cached.get(codeBytes);
  if (bytes) return bytes;
  const file = cacheFile(codeBytes, LARGE_SEED);
  if (existsSync(file)) {
    bytes = new Uint8Array(readFileSync(file));
  } else {
    bytes = generateLargeModule(codeBytes, LARGE_SEED).bytes;
    // Written under a unique name, then renamed: concurrent processes never read a partial file.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, bytes);
    renameSync(partial, file);
  }
  cached.set(codeBytes, bytes);
  return bytes;
}
