// Warming the function validator up. V8 optimizes its inline checks (`FuncValidator.checkInline`) after
// their first few thousand instructions, for the cases that have run so far: a case that first runs
// later (a module whose first functions have no f64.const, no drop, no else...) throws the optimized
// code away ("insufficient type feedback"), and the checks run in V8's slow tiers until they are
// optimized again, tens of milliseconds of compilation later (brotli: six times). So before a large
// module, the validator checks a small training module in which every case of the inline checks runs:
// they are optimized once, with complete feedback (single-threaded, compilations included: brotli 151
// -> 90 ms of CPU, quickjs 60 -> 46). Before a module of 384 KiB or more, the training module is long
// enough for V8 to start that compilation (on a background thread) during the warm-up, so that it runs
// while the module is decoded rather than while its first functions are validated (cold compile: brotli
// 34 -> 25 ms, quickjs 29 -> 23).

import type { WasmFeatures } from "../decode/features.js";
import { decodeModuleDeferringBodies } from "../decode/index.js";
import { hasJit } from "../jit.js";
import { validateModule } from "./index.js";

/** Modules of at least this many bytes are validated after the warm-up (smaller ones end too soon to gain). */
export const VALIDATOR_WARM_UP_BYTES = 128 * 1024;

let warm = false;

/** Unsigned LEB128. */
function leb(n: number): number[] {
  const out: number[] = [];
  do {
    out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
    n >>>= 7;
  } while (n > 0);
  return out;
}

function section(id: number, content: number[]): number[] {
  return [id, ...leb(content.length), ...content];
}

/**
 * Stack-neutral code through each case of the main loop (fast-sig.ts), and the general path: local 0 is
 * an i32, locals 1-3 an i64, f32 and f64; memory 0, global 0 (mut i32) and function 1 ((i32) -> i32).
 */
const PATTERN = [
  0x02, 0x7f, // block (result i32)
  0x20, 0x00, 0x41, 0x01, 0x6a, 0x45, 0x22, 0x00, // local.get 0; i32.const 1; i32.add; i32.eqz; local.tee 0
  0x28, 0x02, 0x00, 0x41, 0xc5, 0xc6, 0x04, 0x36, 0x02, 0x84, 0x01, // i32.load; i32.const; i32.store offset=132
  // i32.const -2^31 (five bytes); drop, three times: helpers get their own feedback after some calls
  0x41, 0x80, 0x80, 0x80, 0x80, 0x78, 0x1a,
  0x41, 0x80, 0x80, 0x80, 0x80, 0x78, 0x1a,
  0x41, 0x80, 0x80, 0x80, 0x80, 0x78, 0x1a,
  0x42, 0x01, 0x42, 0x80, 0x80, 0x80, 0x80, 0x10, 0x7c, 0x21, 0x01, // i64.const 1; i64.const 2^32; i64.add; local.set 1
  0x43, 0x00, 0x00, 0x80, 0x3f, 0x21, 0x02, // f32.const 1; local.set 2
  0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0xfc, 0x02, 0x1a, 0x01, // f64.const 1; i32.trunc_sat_f64_s; drop; nop
  0x23, 0x00, 0x24, 0x00, 0x23, 0x00, 0x24, 0x00, 0x23, 0x00, 0x24, 0x00, // (global.get 0; global.set 0) x3
  0x20, 0x00, 0x10, 0x01, 0x10, 0x01, 0x10, 0x81, 0x80, 0x80, 0x80, 0x00, // local.get 0; call 1 x3 (the last padded)
  0x04, 0x40, 0x01, 0x05, 0x0b, // if; nop; else; end
  0x20, 0x00, 0x04, 0x7f, 0x41, 0x01, 0x05, 0x41, 0x02, 0x0b, 0x1a, // if (result i32) 1 else 2 end; drop
  0x03, 0x40, 0x20, 0x00, 0x0d, 0x00, 0x0b, // loop; local.get 0; br_if 0; end
  0x02, 0x7f, 0x41, 0x01, 0x20, 0x00, 0x0d, 0x00, 0x0b, 0x1a, // block (result i32) 1; local.get 0; br_if 0; end; drop
  0x42, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x1a, // i64.const -1 in ten bytes (general path); drop
  // the general path's common kinds of immediates, three times: memory.size; drop; a load of a five-byte
  // offset; drop
  0x3f, 0x00, 0x1a, 0x41, 0x00, 0x28, 0x02, 0x80, 0x80, 0x80, 0x80, 0x00, 0x1a,
  0x3f, 0x00, 0x1a, 0x41, 0x00, 0x28, 0x02, 0x80, 0x80, 0x80, 0x80, 0x00, 0x1a,
  0x3f, 0x00, 0x1a, 0x41, 0x00, 0x28, 0x02, 0x80, 0x80, 0x80, 0x80, 0x00, 0x1a,
  0x02, 0x40, 0x20, 0x00, 0x0e, 0x01, 0x00, 0x00, 0x0b, // block; local.get 0; br_table 0 0; end (general path)
  0x02, 0x40, 0x00, 0x0b, // block; unreachable; end
  0x02, 0x7f, 0x20, 0x00, 0x0f, 0x0b, 0x1a, // block (result i32) local.get 0; return; end; drop
  0x20, 0x00, 0x20, 0x00, 0x20, 0x00, 0x1b, 0x0c, 0x00, // local.get 0 x3; select; br 0
  0x0b, 0x1a, // end; drop
];

/**
 * Modules of at least this many bytes are validated after a training module of LONG_WARM_UP_FUNCS
 * functions, enough for V8 to mark the inline checks for optimization (a function of their size takes
 * 17 of its "ticks", and each training function about half a tick); smaller ones after 4 functions (the
 * compilation would not end much before their validation does, and 36 more functions cost a millisecond).
 */
const LONG_WARM_UP_BYTES = 384 * 1024;
const LONG_WARM_UP_FUNCS = 40;

/**
 * The training module: `funcs` functions of (i32) -> i32, each PATTERN, of two local declarations in
 * turn; function 1 is the callee.
 */
function trainingModule(funcs = 4): Uint8Array {
  const code = [...PATTERN, 0x20, 0x00, 0x0b]; // ...; local.get 0; end
  // (the second then has 65 i32s: more locals than the validator first has room for)
  const declarations = [[0x01, 0x7e, 0x01, 0x7d, 0x01, 0x7c], [0x01, 0x7e, 0x01, 0x7d, 0x01, 0x7c, 0x41, 0x7f]];
  const bodies = declarations.map((locals) => {
    const body = [locals.length / 2, ...locals, ...code];
    return new Uint8Array([...leb(body.length), ...body]);
  });
  const funcBodies = Array.from({ length: funcs }, (_, i) => bodies[i % 2]!);
  const codeSize = leb(funcs).length + funcBodies.reduce((n, body) => n + body.length, 0);
  return concat([
    [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    section(1, [0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f]), // type 0: (i32) -> i32
    section(3, [...leb(funcs), ...new Array<number>(funcs).fill(0)]),
    section(5, [0x01, 0x00, 0x01]), // memory 1
    section(6, [0x01, 0x7f, 0x01, 0x41, 0x00, 0x0b]), // global (mut i32) (i32.const 0)
    [10, ...leb(codeSize), ...leb(funcs)],
    // (copied, not spread: this runs cold, where spreading thousands of numbers takes milliseconds)
    ...funcBodies,
  ]);
}

/** The bytes of `parts`, one after the other. */
function concat(parts: readonly (Uint8Array | readonly number[])[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Validates the training module, once per process, before a module of `size` bytes. Not without a JIT. */
export function warmUpValidator(size: number, features: Readonly<WasmFeatures>): void {
  if (warm || size < VALIDATOR_WARM_UP_BYTES) return;
  warm = true;
  if (!hasJit()) return;
  try {
    const funcs = size >= LONG_WARM_UP_BYTES ? LONG_WARM_UP_FUNCS : 4;
    validateModule(decodeModuleDeferringBodies(trainingModule(funcs), features), features);
  } catch {
    // warming up is an optimization: nothing of it may fail the compilation of a real module
  }
}

/** The training module, for a test that checks that it is valid. */
export const trainingModuleForTest = trainingModule;
