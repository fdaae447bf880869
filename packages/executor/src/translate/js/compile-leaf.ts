// The JavaScript tier: a leaf function (one that calls nothing) on numeric values is also compiled to
// a JavaScript function, which the engine's own JIT (or, without one, its bytecode interpreter) runs
// directly, without our dispatch loop in between. The interpreter calls it in place of the function's
// bytecode (interpret/loop.ts): arguments and results stay in the caller's frame, so no frame is pushed
// and no JavaScript recursion can come of it (leaf functions call nothing).
//
// Wasm's structured control maps onto JavaScript's labelled statements: a block is `Ln: { }`, a loop
// `Ln: for (;;) { }` (a branch to it `continue Ln`), an if `Ln: if (c) { } else { }`. The operand stack
// becomes local variables by depth (s0, s1, ...; an i64's high word in sh0, sh1, ...), the Wasm locals l0,
// l1, ... (lh0, lh1, ... for high words): names that no template uses. A local or constant, or an i32
// expression that cannot trap, stays unwritten until an instruction uses it, so that most instructions
// become parts of expressions. Each instruction's code is the interpreter's (OP_TEMPLATES, generated from
// the same descriptions), on these variables: an i64 template's words `i32[a]`, `i32[a + 1]` become the
// value's two variables, and only helpers taking word indexes (i64 division, shifts by a variable, ...)
// go through a scratch array.
//
// An f32 or f64 is a number in one variable (an f32: a double holding an f32 value, as the interpreter's
// f32 register reads give). The templates read them as `$k.f32`, `$k.f64`; an f32 result is rounded
// with Math.fround, as the interpreter's store into its f32 register rounds it. Where the interpreter
// works on a float's bits (f32 neg, abs, copysign on i32 words, f64 ones on two words; f32 loads and
// stores as i32 ones; reinterpretations), the tier converts between the number and the bits exactly, NaN
// payloads included (helpers.ts: f32Bits, f32FromBits, and the scratch words for f64).
//
// A `return_call` of the function itself assigns the parameters and jumps back to the top: the body is a
// loop (`body: for (;;)`), and the function is still a leaf. A call of another function the tier
// compiles is compiled too, and the caller stays a leaf for the interpreter: a small callee's code in
// place (`inline`), a larger one through its direct form (DirectLeaf), which calls direct forms too:
// the JavaScript frames of those that call others are bounded where they run (see `source`). A function
// that can have a direct form is compiled only as that, its leaf form a small adapter calling it
// (compileLeaf). A function too large for V8 to optimize becomes chunks, each a JavaScript function
// (see CHUNK_BYTECODE), or, where its outermost block has no place to cut it (an interpreter's dispatch
// loop), regions (regions.ts), each compiled at its first run.
//
// The source holds nothing but numbers from the module (no names, no strings), so a hostile module can
// put nothing else into it. Functions with other types, other calls, SIMD, table instructions, bulk-memory
// ones other than memory.copy and memory.fill, memory.grow, or `if` blocks with parameters, are not
// compiled (null): the interpreter runs them. Loops, self tail calls, and calls of direct forms that call
// others count down the polling budget, so deadlines and interrupts stop them as they stop the
// interpreter. Not used with fuel.

import { FuncKind, ValType, type FuncEntity, type FuncType, type InstanceEntity, type PrunedStore } from "@wasmi-ts/store";
import { EMPTY_BLOCK_TYPE, InstrReader } from "../../decode/instr-reader.js";
import { blockValType } from "../../validate/module-types.js";
import { BinaryReader } from "../../decode/reader.js";
import { OP_TEMPLATES, TIER_TEMPLATES } from "../../interpret/op.generated.js";
import { ADDRESS_TYPE, opInfo } from "../../module/opcodes.js";
import type { ExecState } from "../../interpret/state.js";
import { MAX_CALL_OUTS } from "../../interpret/call-out.js";
import type { CompiledModule } from "../../module/compiled.js";
import { DeadCode } from "../dead-code.js";
import { moduleInfo } from "../module-info.js";
import { Op, OP_OF_WASM } from "../ops.js";
import { JS_TIER_HELPERS, callOutDirect, newFunctionAllowed } from "./helpers.js";
import { regionBodies, type OpenBlock } from "./regions.js";

/** A leaf function compiled to JavaScript: reads its arguments from the value stack's words at `base`
 * (two words per slot), and writes its results there. */
export type JsLeaf = (stack: Int32Array, base: number, inst: InstanceEntity, store: PrunedStore, state: ExecState) => void;

/** A function compiled by the tier, and whether it calls out (interpret/call-out.ts), itself or through
 * the direct forms it calls. */
export interface CompiledLeaf {
  readonly run: JsLeaf;
  readonly callsOut: boolean;
}

/** Functions longer than this (in bytes of Wasm code) are compiled in regions (regions.ts), if at all. */
const MAX_BODY_BYTES = 16 * 1024;
/** Functions longer than this are left to the interpreter (sqlite's VDBE: 35 KB, QuickJS's JS_CallInternal: 29 KB). */
const MAX_REGIONS_BODY_BYTES = 128 * 1024;
/** V8 optimizes no function of more than 60 KiB of bytecode (--max-optimized-bytecode-size), and
 * unoptimized, a large leaf runs slower than the interpreter. So a function whose JavaScript would be
 * more than this many bytes of bytecode is split into chunks (below), or left to the interpreter. */
const MAX_BYTECODE = 56_000;
/** Bytes of V8 bytecode per character of generated code (without indentation): measured 0.77 to 0.89 on
 * the hash-wasm kernels (Argon2's direct forms: 53,500 characters, 41,400 bytes, and 65,800, 58,600;
 * SHA-512's chunks about 0.85); this errs on the safe side (too large a function takes TurboFan long:
 * Argon2's 58,600 bytes, a second). */
const BYTECODE_PER_CHAR = 0.95;
/** A larger function is compiled as several JavaScript functions ("chunks") of about this much bytecode
 * each, cut between instructions of the function's outermost block where the operand stack is empty:
 * the unrolled rounds of SHA-512 or BLAKE2b (11 KB of Wasm, 220,000 bytes of bytecode) become six. */
const CHUNK_BYTECODE = 40_000;
/** Characters of code a region (regions.ts) has about: smaller ones are optimized sooner, with fewer
 * locals to read and write, larger ones go from one to the next less often (sqlite's steady call: about
 * 0.5 s with 12,000, 0.6 to 0.9 s with 42,000; noisy). */
const REGION_CHARS = 12_000;
/** Functions of at most this many bytes of Wasm code get their leaf form from their direct form (see
 * compileLeaf); a larger one may be too large for a direct form (one JavaScript function). */
const LEAF_FROM_DIRECT_BYTES = 8 * 1024;
/** The sizes of chunking (bytes of bytecode): a leaf form longer than `single` is cut into chunks of about
 * `chunk`. Tests make them small, so that every function is cut wherever it may be (see mayCut); then
 * every leaf form is made as such (`fromDirect`: the largest function whose leaf form calls its direct form). */
const chunking = { single: MAX_BYTECODE, chunk: CHUNK_BYTECODE, fromDirect: LEAF_FROM_DIRECT_BYTES, regions: false, regionChars: REGION_CHARS };

/** Sets the sizes of chunking (tests; no arguments: the defaults); `regions`: every leaf form too large
 * for one function is cut into regions of about `chunk` characters rather than chunks. */
export function setChunkingForTests(single = MAX_BYTECODE, chunk = CHUNK_BYTECODE, regions = false): void {
  chunking.single = single;
  chunking.chunk = regions ? CHUNK_BYTECODE : chunk;
  chunking.fromDirect = single === MAX_BYTECODE ? LEAF_FROM_DIRECT_BYTES : -1;
  chunking.regions = regions;
  chunking.regionChars = regions ? chunk : REGION_CHARS;
}
/** A variable of the operand stack (s0, sh0, ...) in a symbol's text (see `mayCut`). */
const STACK_VARIABLE = /\bsh?\d+\b/;
/** A call of a leaf function (one the tier compiles) of at most this many bytes of Wasm code is compiled
 * as the callee's code in place (compress's loop calls a small leaf), at most this deep, for at most
 * MAX_BODY_BYTES of inlined code in all; a call of a larger one (or when the function with its inlined
 * calls is too large) calls the callee's direct form (CoreMark's loop, Keccak's sponge). Inlined code is
 * copied at each call site: with 256 bytes, the packages' first calls made twice as much code inlined as
 * their functions' own (brotli: 200 KB of Wasm for 100 KB, 3.6 million characters of JavaScript), whose
 * making, parsing and optimizing by V8 were most of a first call; with 96, 2 million, and no steady call
 * slower (hash-wasm, compress, coremark, keccak, json: within the noise; brotli's a little faster). */
const MAX_INLINE_BYTES = 96;
const MAX_INLINE_DEPTH = 3;

/** A place between two instructions: an index into the code lines, and the operand stack's height and
 * types. */
interface Cut {
  readonly at: number;
  readonly height: number;
  readonly types: readonly ValType[];
}

interface Frame {
  /** "inline": the body of a function called here, its code inlined (see `inline`). */
  readonly kind: "block" | "loop" | "if" | "body" | "inline";
  readonly label: string;
  /** Stack height below the block's parameters. */
  readonly height: number;
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  unreachable: boolean;
  /** An `if` in its else arm. */
  elseArm?: boolean;
}

/** Compiles region `k` of a leaf form in regions, on `carry` (see LeafCompiler.regionSource). */
type RegionMaker = (k: number, carry: Int32Array) => JsLeaf;

/** Why a function is not compiled (internal: the caller only sees null). */
class NotCompiled extends Error {}
/** ... because its code is too large. */
class TooLarge extends NotCompiled {}
/** ... because a function it inlines cannot be compiled: the call is compiled again as a call of the
 * direct form or a call out. */
class InlineFailed extends NotCompiled {
  constructor(readonly func: number) {
    super();
  }
}

/** A leaf compiled to be called from compiled code: `(inst, store, state, ...arguments)`, two arguments
 * per i64; gives its result (an i64's low word; its high word in `high[0]`). */
type DirectLeaf = (...args: unknown[]) => number;

interface CompiledDirect {
  readonly run: DirectLeaf;
  readonly callsOut: boolean;
}

/** Calls of a function through tables before its direct form is compiled (a program's function pointers
 * are many, most of them called a few times: sqlite's first call, with each compiled at its first call,
 * took 1.8 times as long). */
const INDIRECT_HOT_CALLS = 256;

/**
 * The direct form of Wasm function `target` (a `call_indirect`'s: of any instance), compiled at its
 * INDIRECT_HOT_CALLS-th such call, or null (until then, or for a host function, one the tier does not
 * take, or one of a module without the tier). Kept on the entity, with the count of calls before it.
 */
function directOf(target: FuncEntity): DirectLeaf | null {
  const direct = target.direct as DirectLeaf | null | number | undefined;
  if (typeof direct === "function" || direct === null) return direct;
  const calls = (direct ?? 0) + 1;
  if (calls < INDIRECT_HOT_CALLS) {
    target.direct = calls;
    return null;
  }
  let found: DirectLeaf | null = null;
  if (target.kind === FuncKind.Wasm) {
    const module = target.instance!.module as CompiledModule;
    if (module.config.jsTier !== false) found = directLeaf(module, target.index - module.ir.numImportedFuncs)?.run ?? null;
  }
  target.direct = found;
  return found;
}

/** What the generated code gets (`h`): the helpers, and `directOf` (made at the first compilation: helpers.ts
 * and this module import each other). */
let tierHelpers: (typeof JS_TIER_HELPERS & { directOf: typeof directOf }) | null = null;

/** The direct forms compiled so far, per module (null: the function has none). */
const DIRECT = new WeakMap<CompiledModule, Map<number, CompiledDirect | null>>();

/**
 * Compiles defined function `definedIndex` of `module`, or gives null when the tier does not apply. A
 * function that can have a direct form is compiled once, as that: its leaf form reads the arguments
 * from the frame and calls it (compiled callers call the direct form: the packages' first calls made
 * both forms of one function in five, a fifth of all their code).
 */
export function compileLeaf(module: CompiledModule, definedIndex: number): CompiledLeaf | null {
  const body = module.ir.codes[definedIndex]!;
  const type = moduleInfo(module).funcTypes[module.ir.numImportedFuncs + definedIndex]!;
  if (type.results.length <= 1 && body.end - body.start <= chunking.fromDirect) {
    const direct = directLeaf(module, definedIndex);
    if (direct !== null) return { run: leafOfDirect(direct.run, type), callsOut: direct.callsOut };
  }
  return compile(module, definedIndex, false) as CompiledLeaf | null;
}

/** Per signature, what makes the leaf form of a direct form (see leafOfDirect). */
const LEAF_ADAPTERS = new Map<string, (direct: DirectLeaf) => JsLeaf>();

/** The leaf form of direct form `direct` of type `type`: the arguments from the frame's words, the
 * result into them (into the stack as it is after the call: a call out may have replaced it). */
function leafOfDirect(direct: DirectLeaf, type: FuncType): JsLeaf {
  const key = `${type.params.join(",")}:${type.results.join(",")}`;
  let adapter = LEAF_ADAPTERS.get(key);
  if (adapter === undefined) {
    const args = type.params.flatMap((t, k) => readWords(t, "stack", `base + ${2 * k}`));
    const result = type.results[0] === undefined ? "" : writeWords(type.results[0], "state.stack.i32", "base", "r", "high[0]");
    const source = [
      "\"use strict\";",
      "const { f32FromBits, f32Bits, getF64, setF64, high } = h;",
      "return (d) => (function leaf(stack, base, inst, store, state) {",
      `const r = d(${["inst", "store", "state", ...args].join(", ")});`,
      result,
      "});",
    ].join("\n");
    adapter = new Function("h", source)(JS_TIER_HELPERS) as (direct: DirectLeaf) => JsLeaf;
    LEAF_ADAPTERS.set(key, adapter);
  }
  return adapter(direct);
}

/** What a quick scan of a function's code (decoding only) tells: whether the tier knows every
 * instruction (the compiler remains the judge: block types, sizes), whether it has a loop, and whether it
 * calls what the tier cannot compile with it (it would call out: imports, `call_indirect`, functions
 * the tier does not know). */
interface Scan {
  readonly known: boolean;
  readonly loops: boolean;
  readonly callsOut: boolean;
  /** It calls another function (directly or through a table). */
  readonly calls: boolean;
  /** The functions it calls (`call`: function indexes). */
  readonly callees: readonly number[];
}

const UNKNOWN: Scan = { known: false, loops: false, callsOut: false, calls: false, callees: [] };

/** Per module, the functions whose leaf form is too large: so is their direct form, one JavaScript
 * function where the leaf form has chunks (sqlite's first call made three such functions' code twice
 * more for nothing, 60,000 characters each time). */
const TOO_LARGE = new WeakMap<CompiledModule, Set<number>>();

/** Per module, the scans of its defined functions. */
const SCANS = new WeakMap<CompiledModule, Map<number, Scan>>();

function scanOf(module: CompiledModule, definedIndex: number): Scan {
  let scans = SCANS.get(module);
  if (scans === undefined) SCANS.set(module, (scans = new Map()));
  let result = scans.get(definedIndex);
  if (result === undefined) {
    scans.set(definedIndex, UNKNOWN); // a call of itself, while scanning, is of unknown code
    result = scan(module, definedIndex);
    scans.set(definedIndex, result);
  }
  return result;
}

/** Whether the tier knows every instruction of defined function `definedIndex`: checked before
 * compiling it or inlining it, this spares compiling most of a function to find an instruction it does
 * not take near the end. */
function knowsEvery(module: CompiledModule, definedIndex: number): boolean {
  return scanOf(module, definedIndex).known;
}

/**
 * When the tier compiles a function: at its translation (its first call: "now"), when the interpreter
 * finds it hot ("hot": see `CompiledFunc.hotSamples`), or never. The JavaScript source is made and
 * parsed at about ten microseconds per byte of Wasm, which a function called a few times never pays
 * back: so only functions with a loop that call nothing out go at once (a kernel's one long call);
 * the others, in programs with thousands of functions, wait until the interpreter's samples show them
 * hot (unless the tier is configured "eager").
 */
export function tierPlan(module: CompiledModule, definedIndex: number): "now" | "hot" | "never" {
  if (module.config.consumeFuel || !newFunctionAllowed()) return "never";
  const { known, loops, callsOut } = scanOf(module, definedIndex);
  return !known ? "never" : (loops && !callsOut) || module.config.jsTier === "eager" ? "now" : "hot";
}

function scan(module: CompiledModule, definedIndex: number): Scan {
  const ir = module.ir;
  const info = moduleInfo(module);
  const body = ir.codes[definedIndex]!;
  const r = new BinaryReader(ir.bytes, body.start, body.end);
  const ins = new InstrReader(module.config.features);
  const memory32 = info.memories[0] !== undefined && info.memories[0].is64 !== true;
  let loops = false;
  let callsOut = false;
  let calls = false;
  const callees: number[] = [];
  try {
    while (r.pos < r.end) {
      ins.read(r);
      const op = ins.op;
      if (op === 0x03) loops = true;
      if (op === 0x10) {
        const callee = ins.a - ir.numImportedFuncs;
        // a call of a function the tier does not take calls out (a call of itself goes through its direct
        // form; imports: see `call`)
        callees.push(ins.a);
        if (callee !== definedIndex && (callee < 0 || !knowsEvery(module, callee))) callsOut = true;
        calls = true;
        continue;
      }
      if (op <= 0x05 || (op >= 0x0b && op <= 0x0f) || op === 0x1a || op === 0x1b || (op >= 0x20 && op <= 0x22)
        || (op >= 0x41 && op <= 0x44) || op === 0xa7 || (op >= 0xbc && op <= 0xbf)) continue;
      if (op === 0x11 && info.tables[ins.b]!.is64 !== true) {
        callsOut = true;
        calls = true;
        continue;
      }
      if (op === 0x12 && ins.a === ir.numImportedFuncs + definedIndex) {
        loops = true; // a tail call of itself is a loop
        continue;
      }
      if (op === 0x1c && ins.typeCount === 1 && isTierType(ins.types[0])) continue;
      if ((op === 0x23 || op === 0x24) && isTierType(info.globalTypes[ins.a])) continue;
      if (op === 0x3f && ins.a === 0 && memory32) continue;
      if ((op === 0xfc0a || op === 0xfc0b) && ins.a === 0 && ins.b === 0 && memory32) continue; // memory.copy, memory.fill
      const simple = simpleInstruction(op);
      if (simple === null) return UNKNOWN;
      if (simple.memArg && (ins.memory !== 0 || !memory32)) return UNKNOWN;
    }
    return { known: true, loops, callsOut, calls, callees };
  } catch {
    return UNKNOWN; // an invalid body (lazy validation): the interpreter reports it
  }
}

/** Whether the direct form of defined function `definedIndex` was compiled (or refused) already. */
export function directTried(module: CompiledModule, definedIndex: number): boolean {
  return DIRECT.get(module)?.has(definedIndex) === true;
}

/**
 * A callee's direct form compiled at its first call, which then replaces this stub in `callees[k]` (the
 * caller's call site reads it there); where the tier refuses it, a call out (the caller counts it as one
 * that calls out, so it reads its views again after it).
 */
function lazyDirect(module: CompiledModule, definedIndex: number, callees: DirectLeaf[], k: number): DirectLeaf {
  return (...args: unknown[]) => {
    const func = module.ir.numImportedFuncs + definedIndex;
    const run = directLeaf(module, definedIndex)?.run ?? callOutDirect(func, moduleInfo(module).funcTypes[func]!);
    callees[k] = run;
    return run(...args);
  };
}

/** The direct form of defined function `definedIndex` (compiled once), or null. */
function directLeaf(module: CompiledModule, definedIndex: number): CompiledDirect | null {
  let cache = DIRECT.get(module);
  if (cache === undefined) DIRECT.set(module, (cache = new Map()));
  let direct = cache.get(definedIndex);
  if (direct === undefined) {
    cache.set(definedIndex, null); // a call of itself, while it compiles, is not direct
    try {
      module.deferredBodies?.validate(definedIndex); // lazy validation: the interpreter reports an invalid one
      direct = compile(module, definedIndex, true) as CompiledDirect | null;
    } catch {
      direct = null;
    }
    cache.set(definedIndex, direct);
  }
  return direct;
}

/**
 * The function compiled to JavaScript: its leaf form (frame words in, frame words out: JsLeaf), or its
 * direct form (DirectLeaf), called directly from compiled code.
 */
function compile(module: CompiledModule, definedIndex: number, direct: boolean): CompiledLeaf | CompiledDirect | null {
  if (module.config.consumeFuel || !newFunctionAllowed()) return null;
  const ir = module.ir;
  const body = ir.codes[definedIndex]!;
  const bodyBytes = body.end - body.start;
  if (bodyBytes > (direct ? MAX_BODY_BYTES : MAX_REGIONS_BODY_BYTES)) return null;
  const info = moduleInfo(module);
  const funcIndex = ir.numImportedFuncs + definedIndex;
  const type = info.funcTypes[funcIndex]!;
  if (![...type.params, ...type.results, ...body.locals].every(isTierType)) return null;
  if (!knowsEvery(module, definedIndex)) return null;
  if (direct && (type.results.length > 1 || TOO_LARGE.get(module)?.has(definedIndex) === true)) return null;
  try {
    let maxInlineBytes = MAX_INLINE_BYTES;
    const noInline = new Set<number>();
    // a leaf form too large for chunks is cut into regions (so is any with the test setting)
    let regions = !direct && (bodyBytes > MAX_BODY_BYTES || chunking.regions);
    let compiler: LeafCompiler;
    let source: string;
    for (;;) {
      compiler = new LeafCompiler(module, definedIndex, type, direct, maxInlineBytes, noInline, regions);
      try {
        source = compiler.compile();
        break;
      } catch (error) {
        // a callee that cannot be inlined: called instead (each retry rules out one more callee)
        if (error instanceof InlineFailed) noInline.add(error.func);
        // a direct form too large with its calls inlined: without (a leaf form resumes at its last cut
        // instead: see resumeWithoutInlining)
        else if (error instanceof TooLarge && direct && compiler.inlines && maxInlineBytes > 0) maxInlineBytes = 0;
        else if (error instanceof TooLarge && !direct && !regions) regions = true;
        else throw error;
      }
    }
    const factory = new Function("h", "callees", "region", source) as
      (h: NonNullable<typeof tierHelpers>, callees: DirectLeaf[], region: RegionMaker | null) => JsLeaf & DirectLeaf;
    tierHelpers ??= { ...JS_TIER_HELPERS, directOf };
    // (a nested direct form calls itself out where the nesting is too deep)
    return { run: factory(tierHelpers, compiler.callees, compiler.region), callsOut: compiler.callsOut || compiler.nested };
  } catch (error) {
    if (error instanceof TooLarge && !direct) {
      let tooLarge = TOO_LARGE.get(module);
      if (tooLarge === undefined) TOO_LARGE.set(module, (tooLarge = new Set()));
      tooLarge.add(definedIndex);
    }
    // NotCompiled: the tier does not take this function; anything else (code the engine refuses) also
    // leaves the function to the interpreter, which runs every function
    if (error instanceof NotCompiled || error instanceof SyntaxError || error instanceof RangeError) return null;
    throw error;
  }
}

class LeafCompiler {
  private r: BinaryReader;
  private readonly ins: InstrReader;
  private readonly info: ReturnType<typeof moduleInfo>;
  private readonly out: string[] = [];
  private readonly frames: Frame[] = [];
  /** The globals used, and their views (`g{k}`: inst.globals[k].i32 or .f64). */
  private readonly globals = new Map<number, "i32" | "f64">();
  /** Types of the variables l0, l1, ...: the function's parameters, then its declared locals, then those
   * of each inlined call (see `inline`). */
  private readonly localTypes: ValType[];
  /** How many of them are the function's own (it reads its parameters from the frame). */
  private readonly ownLocals: number;
  private readonly results: readonly ValType[];
  private readonly funcIndex: number;
  /** The function whose code is being read (the compiled one, or one inlined into it), the Wasm offset
   * of its body, the variable of its local 0, its inline frame (null: the compiled function itself), the
   * call sites it is inlined at (pairs of function index and Wasm offset, innermost first), and its
   * entry in `sites` (-1: none yet). */
  private current: { funcIndex: number; start: number; localBase: number; frame: Frame | null; callers: readonly number[]; sites: number };
  private inlinedBytes = 0;
  /** A call is compiled in place. */
  inlines = false;
  /** The function calls out (interpret/call-out.ts), or calls a direct form that does. */
  callsOut = false;
  /** The inlined calls with trap sites: the function's index, the Wasm offset of its body, and the call
   * sites' frames (see `current`; `site` tells how `at` finds them). */
  private readonly sites: (readonly number[])[] = [];
  /** The helpers (JS_TIER_HELPERS, and directOf) the code uses: those of its templates, and those this compiler's own
   * code may use (the source declares these only: less to parse). */
  private readonly helpers = new Set<string>(OWN_HELPERS);
  /** The direct forms this function calls (`callees[k]` is `d{k}` in the source). */
  readonly callees: DirectLeaf[] = [];
  private readonly calleeIds = new Map<number, number>();
  private h = 0;
  /** Per stack depth: the value's type (an i64 is in two variables, s{k} low and sh{k} high). */
  private readonly types: ValType[] = [];
  /** Per stack depth: null when the value is in its variables, else the i32 local or constant it is. */
  private readonly sym: (string | null)[] = [];
  /** Per stack depth: the last symbol pushed there that is a condition's value (see popTest), else null. */
  private readonly conditions: (string | null)[] = [];
  private maxHeight = 0;
  private labels = 0;
  private usesMemory = false;
  private dead = new DeadCode();
  /** The function calls itself with `return_call`: its body is a loop. */
  private selfTailCalls = false;
  /** A call here is a recursion (through a direct form: see `call`). */
  private recursion = false;
  /** Where the code may be cut into chunks: after an instruction of the outermost block (an index into
   * `out`; see `mayCut`), with the operand stack's height there. */
  private readonly cuts: Cut[] = [];
  /** In regions (regions.ts): where a region may start (an index into `out`: the blocks open there), the
   * index after each block's end, and after each loop's start. */
  private readonly places = new Map<number, readonly OpenBlock[]>();
  private readonly ends = new Map<string, number>();
  private readonly heads = new Map<string, number>();
  private readonly elses = new Map<string, number>();
  /** The blocks open at the last place (the same array while they stay the same), and its top frame. */
  private openBlocks: readonly OpenBlock[] = [];
  private placedTop: Frame | null = null;
  private placedElseArm: boolean | undefined = undefined;
  /** The operand stack's types at the places where it is not empty. */
  private readonly placeTypes = new Map<number, readonly ValType[]>();

  /** `direct`: compile the direct form (see DirectLeaf), else the leaf form. */
  constructor(
    private readonly module: CompiledModule, definedIndex: number, type: FuncType,
    private readonly direct: boolean, private maxInlineBytes: number,
    /** Callees not to inline (their code cannot be compiled). */
    private readonly noInline: ReadonlySet<number>,
    /** A leaf form too large for one function is cut into regions (regions.ts), else into chunks. */
    private readonly regions = false,
  ) {
    const body = module.ir.codes[definedIndex]!;
    this.funcIndex = module.ir.numImportedFuncs + definedIndex;
    this.r = new BinaryReader(module.ir.bytes, body.start, body.end);
    this.ins = new InstrReader(module.config.features);
    this.info = moduleInfo(module);
    this.localTypes = [...type.params, ...body.locals];
    this.ownLocals = this.localTypes.length;
    this.results = type.results;
    this.numParams = type.params.length;
    this.current = { funcIndex: this.funcIndex, start: body.start, localBase: 0, frame: null, callers: [], sites: -1 };
    this.nested = direct && scanOf(module, definedIndex).calls;
    // (its call out, where the nesting is too deep: see `source`)
    this.overId = this.nested ? this.callees.push(callOutDirect(this.funcIndex, type)) - 1 : -1;
  }

  /** A direct form of a function that calls others (see `source`), and its call out in `callees`. */
  readonly nested: boolean;
  private readonly overId: number;

  /**
   * The trap site of Wasm offset `at` in the current function, for `at` (a backtrace's frames, see
   * `functionBody`): in the function's own code, the offset from its body's start; in inlined code (its
   * body at most MAX_INLINE_BYTES long), ~(k * MAX_INLINE_BYTES + that offset) for its entry k in
   * `sites`. Numbers, not a table of every site: smaller code.
   */
  private site(at: number): number {
    const current = this.current;
    const offset = at - current.start;
    if (current.frame === null) return offset;
    if (current.sites < 0) current.sites = this.sites.push([current.funcIndex, current.start, ...current.callers]) - 1;
    return ~(current.sites * MAX_INLINE_BYTES + offset);
  }

  private readonly numParams: number;
  /** Characters emitted so far, and at the last cut: a compilation that cannot fit stops early. */
  private chars = 0;
  private charsAtCut = 0;
  /** The last cut's place in the Wasm code, operand stack, and number of calls inlined by then: where a
   * leaf form's compilation resumes without inlining (see resumeWithoutInlining). */
  private resume = { pos: 0, h: 0, types: [] as ValType[], sym: [] as (string | null)[], inlined: 0 };
  private inlinedCalls = 0;

  compile(): string {
    const body: Frame = { kind: "body", label: "body", height: 0, params: [], results: this.results, unreachable: false };
    this.frames.push(body);
    const reader = this.r;
    const own = this.current;
    this.resume.pos = reader.pos;
    if (this.regions) this.places.set(0, this.openBlocks);
    while (this.frames.length > 0) {
      const at = this.r.pos;
      try {
        this.ins.read(this.r);
        this.instruction(this.ins.op, at);
      } catch (error) {
        if (!(error instanceof TooLarge) || !this.resumeWithoutInlining(reader, body, own)) throw error;
        continue;
      }
      if (this.regions) {
        if (this.current.frame === null && this.frames.length > 0 && !this.top().unreachable && this.mayCut()) this.place();
        continue;
      }
      if (this.frames.length === 1 && !this.top().unreachable && this.mayCut()) {
        this.cuts.push({ at: this.out.length, height: this.h, types: this.types.slice(0, this.h) });
        this.charsAtCut = this.chars;
        this.resume = { pos: this.r.pos, h: this.h, types: this.types.slice(0, this.h), sym: this.sym.slice(0, this.h), inlined: this.inlinedCalls };
      }
    }
    return this.source();
  }

  /** Here a region may start (see regions.ts): outside inlined code, the operand stack's values in their
   * variables (or locals and constants: see mayCut). */
  private place(): void {
    const frames = this.frames;
    const top = frames[frames.length - 1]!;
    // (the same top frame, in the same arm, and so the same frames below it: they are a stack)
    if (this.openBlocks.length !== frames.length - 1 || this.placedTop !== top || this.placedElseArm !== top.elseArm) {
      this.openBlocks = frames.slice(1).map((f) => ({ label: f.label, kind: f.kind as OpenBlock["kind"], elseArm: f.elseArm === true }));
      this.placedTop = top;
      this.placedElseArm = top.elseArm;
    }
    this.places.set(this.out.length, this.openBlocks);
    if (this.h > 0) this.placeTypes.set(this.out.length, this.types.slice(0, this.h));
    else this.placeTypes.delete(this.out.length);
    this.charsAtCut = this.chars;
  }

  /**
   * Whether a chunk may end here (see `source`): the chunks carry the operand stack's variables and the
   * locals (through the frame), so a value kept as a symbol (text that the code after it uses in place of
   * the value: see `sym`) may be one of locals and constants, not one that reads stack variables (an i64
   * comparison's operands, above the stack's height: the next chunk would not have them).
   */
  private mayCut(): boolean {
    for (let k = 0; k < this.h; k++) {
      const text = this.sym[k];
      if (text != null && STACK_VARIABLE.test(text)) return false;
    }
    return true;
  }

  /**
   * The leaf form's code since the last cut grew too large with calls inlined in it: it is dropped, and
   * the compilation goes on from that cut without inlining (rather than starting over: the code before
   * it stands). What the dropped code added elsewhere stays, unused or harmless: locals, trap sites,
   * callees, helpers, `callsOut`. False where this cannot help (a direct form, or no inlined call).
   */
  private resumeWithoutInlining(reader: BinaryReader, body: Frame, own: LeafCompiler["current"]): boolean {
    const { pos, h, types, sym, inlined } = this.resume;
    if (this.direct || this.regions || this.maxInlineBytes === 0 || this.inlinedCalls === inlined) return false;
    this.maxInlineBytes = 0;
    this.r = reader;
    reader.pos = pos;
    this.current = own;
    this.frames.length = 1;
    body.unreachable = false;
    this.dead = new DeadCode();
    this.h = h;
    types.forEach((t, k) => { this.types[k] = t; });
    sym.forEach((text, k) => { this.sym[k] = text; });
    this.out.length = this.cuts.length > 0 ? this.cuts[this.cuts.length - 1]!.at : 0;
    this.chars = this.charsAtCut;
    return true;
  }

  /**
   * The factory's source: it returns the leaf function (`stack`, `base`, ...: see JsLeaf). Its functions
   * are parenthesized: V8 then compiles them with the factory, in one parse, where it would otherwise
   * pre-parse them and parse them again at their first call (every one is called: 4 MB of brotli's code,
   * 250 -> 200 ms).
   */
  private source(): string {
    // (a region's source starts so too: see regionSource)
    const prologue = [
      "\"use strict\";",
      `const { ${[...this.helpers].join(", ")} } = h;`,
      // the instruction templates work on words of `i32`: here a scratch array for the i64 operands
      "const i32 = scratch;",
    ];
    const lines = [...prologue];
    // inlined calls' trap sites (see `site`)
    if (this.sites.length > 0) lines.push(`const sites = [${this.sites.map((frames) => `[${frames.join(", ")}]`).join(", ")}];`);
    const chars = [0]; // chars[k]: characters of out[0 .. k - 1]
    for (const line of this.out) chars.push(chars[chars.length - 1]! + line.length);
    const length = (from: number, to: number): number => (chars[to]! - chars[from]!) * BYTECODE_PER_CHAR;
    this.callees.forEach((_, k) => lines.push(`const d${k} = callees[${k}];`));
    // (a direct form, or a leaf calling itself with return_call, is one function, as is one without cuts)
    const cuts = this.regions ? this.places.size - 1 : this.cuts.length;
    const single = this.direct || this.selfTailCalls || cuts === 0 ? MAX_BYTECODE : chunking.single;
    if (length(0, this.out.length) <= single) {
      const body = this.selfTailCalls ? ["body: for (;;) {", ...this.out, "}"] : this.out;
      if (this.direct) {
        const params = this.localTypes.slice(0, this.numParams).flatMap((t, k) => (t === ValType.I64 ? [`l${k}`, `lh${k}`] : [`l${k}`]));
        const args = ["inst", "store", "state", ...params].join(", ");
        lines.push(`return (function direct(${args}) {`);
        if (this.nested) {
          // Direct forms calling direct forms nest JavaScript frames (a chain of calls, or a recursion
          // through several functions): those of functions that call others count as calls out
          // (interpret/call-out.ts), and where as many as allowed are nested, the call goes out instead,
          // where the interpreter runs what would nest further.
          // Its calls count down the budget of polling (a tree of calls can be as long as it is wide).
          const counted = ["if (--state.callBudget < 0) state.callBudget = poll(store, state);", ...body];
          lines.push(`if (state.callOuts >= ${MAX_CALL_OUTS}) return d${this.overId}(${args});`, "state.callOuts++;", "try {",
            ...this.functionBody(counted), "} finally {", "state.callOuts--;", "}", "});");
        } else {
          lines.push(...this.functionBody(body), "});");
        }
      } else {
        lines.push("return (function leaf(stack, base, inst, store, state) {", ...this.functionBody(body), "});");
      }
      return this.returns(lines.join("\n"));
    }
    // chunks: the locals live in the function's frame on the value stack between them, the operand
    // stack's values in `carry`
    if (this.selfTailCalls) throw new NotCompiled();
    if (this.direct) throw new TooLarge();
    // (a recursion needs the direct form, which a function this large cannot have)
    if (this.recursion) throw new NotCompiled();
    if (this.regions) return this.returns(this.regionSource(lines, prologue));
    const chunks: { from: Cut; to: Cut }[] = [];
    let start: Cut = { at: 0, height: 0, types: [] };
    let end = start;
    for (const cut of [...this.cuts, { at: this.out.length, height: 0, types: [] }]) {
      if (end.at > start.at && length(start.at, cut.at) > chunking.chunk) {
        chunks.push({ from: start, to: end });
        start = end;
      }
      if (length(start.at, cut.at) > MAX_BYTECODE) throw new TooLarge(); // no cut makes it small enough
      end = cut;
    }
    if (end.at > start.at) chunks.push({ from: start, to: end });
    lines.push(`const carry = new Int32Array(${2 * this.maxHeight});`);
    const calls: string[] = [];
    chunks.forEach(({ from, to }, k) => {
      lines.push(`const c${k} = (function c${k}(stack, base, inst, store, state) {`, ...this.functionBody(this.out.slice(from.at, to.at), { enter: from, leave: to }), "});");
      // a call out may have grown the stack (replacing its views): each chunk gets the current one
      calls.push(`if (c${k}(${this.callsOut ? "state.stack.i32" : "stack"}, base, inst, store, state) === 1) return;`);
    });
    lines.push(
      "return (function leaf(stack, base, inst, store, state) {",
      // the declared locals start at zero (the frame's words are the interpreter's: it reserved them)
      `stack.fill(0, base + ${2 * this.numParams}, base + ${2 * this.ownLocals});`,
      ...calls,
      "});",
    );
    return this.returns(lines.join("\n"));
  }

  /** In regions: what compiles region k at its first run (the factory's `region`). */
  region: RegionMaker | null = null;

  /**
   * The leaf form in regions (regions.ts): the driver that runs one after the other. Each region is
   * compiled at its first run, in a function of its own (after `prologue`, the factory's first
   * declarations; `lines`: the factory's so far): of an interpreter's dispatch loop, most never run (an SQL workload runs a few of the VDBE's
   * opcodes), and the code made and parsed for them would be most of a first call.
   */
  private regionSource(lines: string[], prologue: readonly string[]): string {
    const carry = (at: number): string =>
      (this.placeTypes.get(at) ?? []).map((t, k) => `${writeWords(t, "carry", String(2 * k), `s${k}`, `sh${k}`)} `).join("");
    const layout = { lines: this.out, places: this.places, ends: this.ends, heads: this.heads, elses: this.elses, carry };
    const bodies: ({ from: number; code: string[] } | null)[] | null = regionBodies(layout, chunking.regionChars);
    if (bodies === null) throw new TooLarge();
    // (of the factory's declarations, a region's source has the prologue and those of the direct forms
    // it calls; the trap sites come as an array)
    const sites = this.sites.map((frames) => [...frames]);
    this.region = (k, carryWords) => {
      const { from, code } = bodies[k]!;
      bodies[k] = null;
      const types = this.placeTypes.get(from) ?? [];
      const enter: Cut = { at: from, height: types.length, types };
      // a loop through several regions polls as it goes from one to the next
      const counted = ["if (--state.callBudget < 0) state.callBudget = poll(store, state);", ...code];
      const body = this.functionBody(counted, { enter, leave: { at: 0, height: 0, types: [] }, region: true });
      const callees = new Set(Array.from(body.join("\n").matchAll(/\bd(\d+)\(/g), (m) => m[1]));
      const source = this.returns([...prologue, ...Array.from(callees, (d) => `const d${d} = callees[${d}];`),
        `return (function r${k}(stack, base, inst, store, state) {`, ...body, "});"].join("\n"));
      return (new Function("h", "callees", "carry", "sites", source) as (...args: unknown[]) => JsLeaf)(tierHelpers, this.callees, carryWords, sites);
    };
    lines.push(
      `const carry = new Int32Array(${2 * this.maxHeight});`,
      `const regions = new Array(${bodies.length}).fill(null);`,
      "return (function leaf(stack, base, inst, store, state) {",
      // the declared locals start at zero (the frame's words are the interpreter's: it reserved them)
      `stack.fill(0, base + ${2 * this.numParams}, base + ${2 * this.ownLocals});`,
      "let next = 0;",
      // (a call out may have grown the stack, replacing its views: each region gets the current one)
      `do next = (regions[next] ?? (regions[next] = region(next, carry)))(${this.callsOut ? "state.stack.i32" : "stack"}, base, inst, store, state);`,
      "while (next >= 0);",
      "});",
    );
    return lines.join("\n");
  }

  /** What a call out may have replaced, read again after it (the placeholder `@reload`, see `callOut`:
   * whether the function uses the memory is known only at its end). */
  private returns(source: string): string {
    if (!source.includes("@reload;")) return source;
    const reload = [this.usesMemory ? "u8 = mem.u8; view = mem.view; memLen = u8.length;" : "", this.direct ? "" : "stack = state.stack.i32;"];
    return source.split("@reload;").join(reload.join(" "));
  }

  /**
   * Declarations, `code` and trap handling, for the whole function or one chunk of it. A chunk (with the
   * operand stack's heights where it starts and ends) reads the locals it uses from the frame (words 2k,
   * 2k + 1 after `base` for local k) and the operand stack from `carry`, writes them back at its end,
   * and returns 1 where the Wasm function returns; a region (regions.ts) reads the operand stack from
   * `carry` too (its exits write it) and returns `next`, the region to go on with (-1 where the Wasm
   * function returns).
   */
  private functionBody(code: readonly string[], chunk?: { enter: Cut; leave: Cut; region?: boolean }): string[] {
    const vars: string[] = [];
    const text = chunk !== undefined ? code.join("\n") : "";
    const used = chunk !== undefined ? new Set(text.match(/\bl(?:h)?\d+\b/g)) : null;
    // (a chunk writes back the locals it assigns: the frame holds the others' values)
    const assigned = new Set(Array.from(text.matchAll(/\b(lh?\d+) = /g), (m) => m[1]));
    const save: string[] = [];
    this.localTypes.forEach((t, k) => {
      const names = t === ValType.I64 ? [`l${k}`, `lh${k}`] : [`l${k}`];
      const words = `base + ${2 * k}`;
      const read = (): void => readWords(t, "stack", words).forEach((value, w) => vars.push(`${names[w]} = ${value}`));
      if (k >= this.ownLocals) {
        // an inlined call's local: set where the call is (in a chunk or region, only those it uses)
        if (used === null || names.some((name) => used.has(name))) names.forEach((name) => vars.push(`${name} = 0`));
      } else if (used !== null) {
        if (!names.some((name) => used.has(name))) return;
        read();
        if (names.some((name) => assigned.has(name))) save.push(writeWords(t, "stack", words, names[0]!, names[1]));
      } else if (k >= this.numParams) {
        names.forEach((name) => vars.push(`${name} = 0`));
      } else if (!this.direct) {
        read();
      } // else a parameter of the direct form
    });
    const { enter, leave } = chunk ?? {};
    for (let k = 0; k < this.maxHeight; k++) {
      if (enter !== undefined && k < enter.height) {
        const [lo, hi = "0"] = readWords(enter.types[k]!, "carry", String(2 * k));
        vars.push(`s${k} = ${lo}, sh${k} = ${hi}`);
      } else {
        vars.push(`s${k} = 0, sh${k} = 0`);
      }
      if (leave !== undefined && k < leave.height) save.push(writeWords(leave.types[k]!, "carry", String(2 * k), `s${k}`, `sh${k}`));
    }
    vars.push("at = 0", "budget = POLL_INTERVAL");
    if (this.usesMemory) vars.push("ea = 0");
    if (this.direct) vars.push("r0 = 0");
    if (chunk?.region === true) vars.push("next = -1");
    const lines = [`let ${vars.join(", ")};`];
    if (this.usesMemory) {
      // a call out may grow the memory: the views are variables then, read again after each (see `callOut`)
      lines.push("const mem = inst.memories[0];", `${this.callsOut ? "let" : "const"} u8 = mem.u8, view = mem.view, memLen = u8.length;`);
    }
    for (const [g, view] of this.globals) lines.push(`const g${g} = inst.globals[${g}].${view};`);
    const own = `[${this.funcIndex}, ${this.current.start} + at]`;
    const frames = this.sites.length > 0 ? `at < 0 ? inlinedFrames(sites, ~at, ${MAX_INLINE_BYTES}) : ${own}` : own;
    lines.push("try {", ...code, "} catch (e) {", `leafTrapped(state, e, ${frames}, inst);`, "throw e;", "}");
    if (chunk !== undefined) lines.push(...save, chunk.region === true ? "return next;" : "return 0;");
    return lines;
  }

  /** Adds code (without indentation: the size estimate counts characters; templates lose theirs once,
   * in preparedTemplate). */
  private emit(text: string): void {
    this.out.push(text);
    this.chars += text.length;
    // too large already (see `source`): a direct form is one function, a leaf's chunks end at cuts
    if ((this.chars - (this.direct ? 0 : this.charsAtCut)) * BYTECODE_PER_CHAR > MAX_BYTECODE) throw new TooLarge();
  }

  /** A new value of `type` in its variables. Values below that are expressions reading s{h} (an operand
   * of theirs, popped since) are computed first: the variable is about to change. */
  private push(type: ValType = ValType.I32): number {
    this.protect(this.h);
    this.sym[this.h] = null;
    this.types[this.h] = type;
    return this.grow();
  }

  /** A new value (not an i64) that is a local, a constant or an expression, used in place until something
   * needs it in a variable. */
  private pushSymbol(text: string, type: ValType = ValType.I32, condition = false): void {
    this.sym[this.h] = text;
    this.conditions[this.h] = condition ? text : null;
    this.types[this.h] = type;
    this.grow();
  }

  private grow(): number {
    const k = this.h++;
    if (this.h > this.maxHeight) this.maxHeight = this.h;
    return k;
  }

  /** The code of the value at depth k (of an i64: its low word): its variable, or the local or constant. */
  private operand(k: number): string {
    return this.sym[k] ?? `s${k}`;
  }

  private pop(): string {
    return this.operand(--this.h);
  }

  /** The value on top, popped, as a test that it is not 0: of a condition's symbol `(C ? 1 : 0)`, C (the
   * same text: a symbol replaced since, by a local.tee or a variable, is not). */
  private popTest(): string {
    const text = this.pop();
    return text === this.conditions[this.h] ? text.slice(1, -CONDITION_VALUE.length) : `${text} !== 0`;
  }

  /** Puts the value at depth k into its variable. */
  private materialize(k: number): void {
    const text = this.sym[k];
    if (text === null || text === undefined) return;
    this.protect(k);
    this.emit(`s${k} = ${text};`);
    this.sym[k] = null;
  }

  /** Variable s{k} is about to change: the expressions below that read it (it held one of their
   * operands) are computed first. */
  private protect(k: number): void {
    for (let j = 0; j < k; j++) {
      const text = this.sym[j];
      if (text != null && (mentions(text, `s${k}`) || mentions(text, `sh${k}`))) this.materialize(j);
    }
  }

  /** Every value into its variables: control flow meets here, and must find the values in one place. */
  private materializeAll(): void {
    for (let k = 0; k < this.h; k++) this.materialize(k);
  }

  /** Copies the value at depth `from` to depth `to` (both in their variables). */
  private move(to: number, from: number): void {
    if (to === from) return;
    this.emit(this.types[from] === ValType.I64 ? `s${to} = s${from}; sh${to} = sh${from};` : `s${to} = s${from};`);
    this.types[to] = this.types[from]!;
  }

  private top(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  /** Block type -> [params, results], of the tier's types only (else the function is not compiled). */
  private blockType(): [readonly ValType[], readonly ValType[]] {
    const bt = this.ins.a;
    if (bt === EMPTY_BLOCK_TYPE) return [[], []];
    if (bt < 0) return [[], [tierType(blockValType(bt))]];
    const t = this.module.ir.types[bt] as FuncType;
    return [t.params.map(tierType), t.results.map(tierType)];
  }

  private openBlock(kind: Frame["kind"], params: readonly ValType[], results: readonly ValType[]): Frame {
    const frame: Frame = { kind, label: `L${this.labels++}`, height: this.h - params.length, params, results, unreachable: false };
    this.frames.push(frame);
    return frame;
  }

  /** Moves the values the target takes to its base and jumps there (a `br`; all in variables). */
  private branchTo(depth: number): void {
    this.branchToFrame(this.frames[this.frames.length - 1 - depth]!);
  }

  private branchToFrame(frame: Frame): void {
    if (frame.kind === "body") {
      this.emitReturn();
      return;
    }
    const n = (frame.kind === "loop" ? frame.params : frame.results).length;
    const types = this.types.slice(0, this.h);
    for (let k = 0; k < n; k++) this.move(frame.height + k, this.h - n + k);
    types.forEach((t, k) => { this.types[k] = t; }); // the moves were on the taken path only
    this.emit(frame.kind === "loop" ? `continue ${frame.label};` : `break ${frame.label};`);
  }

  /** A return: from an inlined function, a branch to the end of its code. */
  private emitReturn(): void {
    if (this.current.frame !== null) {
      this.materializeAll();
      this.branchToFrame(this.current.frame);
      return;
    }
    // the results: into the leaf form's frame words (and 1 for "returned", for chunks), or the direct
    // form's return value (an i64's high word in `high[0]`)
    const n = this.results.length;
    for (let k = 0; k < n; k++) {
      const d = this.h - n + k;
      const t = this.types[d]!;
      if (!this.direct && (t === ValType.F32 || t === ValType.F64)) {
        this.emit(writeWords(t, "stack", `base + ${2 * k}`, this.operand(d)));
        continue;
      }
      this.emit(`${this.direct ? "r0" : `stack[base + ${2 * k}]`} = ${this.operand(d)};`);
      if (t === ValType.I64) this.emit(`${this.direct ? "high[0]" : `stack[base + ${2 * k + 1}]`} = sh${d};`);
    }
    // (in regions: -1, the driver's end, see `regionSource`)
    this.emit(this.direct ? "return r0;" : this.regions ? "return -1;" : "return 1;");
  }

  private setUnreachable(): void {
    this.top().unreachable = true;
  }

  private instruction(op: number, at: number): void {
    const ins = this.ins;
    const frame = this.top();
    if (frame.unreachable && this.dead.skips(op)) return;
    switch (op) {
      case 0x00: // unreachable
        this.emit(`at = ${this.site(at)}; trap(TrapCode.Unreachable);`);
        this.setUnreachable();
        return;
      case 0x01: return;
      case 0x02: case 0x03: { // block, loop
        const [params, results] = this.blockType();
        this.materializeAll();
        const f = this.openBlock(op === 0x02 ? "block" : "loop", params, results);
        if (op === 0x02) {
          this.emit(`${f.label}: {`);
        } else {
          this.emit(`${f.label}: for (;;) {`);
          // a deadline or interrupt stops the loop at its first instruction, as in the interpreter
          this.emit(`if (--budget < 0) { at = ${this.site(this.r.pos)}; budget = poll(store, state); }`);
          if (this.regions) this.heads.set(f.label, this.out.length);
        }
        return;
      }
      case 0x04: { // if
        const [params, results] = this.blockType();
        if (params.length !== 0) throw new NotCompiled(); // the else arm would need the parameters kept apart
        const c = this.popTest();
        this.materializeAll();
        const f = this.openBlock("if", params, results);
        this.emit(`${f.label}: if (${c}) {`);
        return;
      }
      case 0x05: { // else
        const f = this.top();
        if (!f.unreachable) this.materializeAll();
        f.unreachable = false;
        f.elseArm = true;
        this.h = f.height;
        this.emit("} else {");
        if (this.regions) this.elses.set(f.label, this.out.length);
        return;
      }
      case 0x0b: { // end
        const f = this.frames.pop()!;
        if (f.kind === "body") {
          if (!f.unreachable) this.emitReturn();
          return;
        }
        if (!f.unreachable) this.materializeAll();
        this.h = f.height + f.results.length;
        // the results are in their variables
        f.results.forEach((t, k) => { this.sym[f.height + k] = null; this.types[f.height + k] = t; });
        if (f.kind === "loop") this.emit(`break ${f.label};`);
        this.emit("}");
        if (this.regions) this.ends.set(f.label, this.out.length);
        return;
      }
      case 0x0c: // br
        this.materializeAll();
        this.branchTo(ins.a);
        this.setUnreachable();
        return;
      case 0x0d: { // br_if
        const c = this.popTest();
        this.materializeAll();
        this.emit(`if (${c}) {`);
        this.branchTo(ins.a);
        this.emit("}");
        return;
      }
      case 0x0e: { // br_table
        const i = this.pop();
        this.materializeAll();
        this.emit(`switch (${i}) {`);
        for (let k = 0; k < ins.targetCount; k++) {
          this.emit(`case ${k}: {`);
          this.branchTo(ins.targets[k]!);
          this.emit("}");
        }
        this.emit("default: {");
        this.branchTo(ins.a);
        this.emit("}");
        this.emit("}");
        this.setUnreachable();
        return;
      }
      case 0x0f: // return
        this.emitReturn();
        this.setUnreachable();
        return;
      case 0x12: { // return_call: to itself only, as a jump to the top (a loop that calls nothing)
        if (ins.a !== this.funcIndex || this.current.frame !== null) throw new NotCompiled();
        this.materializeAll();
        const first = this.h - this.numParams;
        for (let k = 0; k < this.ownLocals; k++) {
          const param = k < this.numParams;
          this.emit(param ? `l${k} = s${first + k};` : `l${k} = 0;`);
          if (this.localTypes[k] === ValType.I64) this.emit(param ? `lh${k} = sh${first + k};` : `lh${k} = 0;`);
        }
        this.emit(`if (--budget < 0) { at = ${this.site(at)}; budget = poll(store, state); }`);
        this.emit("continue body;");
        this.selfTailCalls = true;
        this.setUnreachable();
        return;
      }
      case 0x1a: this.h--; return; // drop
      case 0x1b: case 0x1c: { // select
        const c = this.pop();
        const b = this.h - 1;
        const a = this.h - 2;
        const type = tierType(this.types[a]!);
        if (type === ValType.I64) {
          this.h -= 1;
          this.emit(`if (${c} === 0) { s${a} = s${b}; sh${a} = sh${b}; }`);
        } else {
          const vb = this.pop();
          const va = this.pop();
          const d = this.push(type);
          this.emit(`s${d} = ${c} !== 0 ? ${va} : ${vb};`);
        }
        return;
      }
      case 0x10: // call
        this.call(ins.a, at);
        return;
      case 0x11: // call_indirect: of a direct form, else a call out
        if (this.info.tables[ins.b]!.is64 === true) throw new NotCompiled();
        this.callIndirect(ins.a, ins.b, at);
        return;
      case 0x20: { // local.get
        const i = this.current.localBase + ins.a;
        if (this.localTypes[i] === ValType.I64) {
          const d = this.push(ValType.I64);
          this.emit(`s${d} = l${i}; sh${d} = lh${i};`);
        } else {
          this.pushSymbol(`l${i}`, this.localTypes[i]);
        }
        return;
      }
      case 0x21: case 0x22: { // local.set, local.tee
        const i = this.current.localBase + ins.a;
        if (this.localTypes[i] === ValType.I64) {
          const k = this.h - 1;
          this.emit(`l${i} = s${k}; lh${i} = sh${k};`);
          if (op === 0x21) this.h--;
          return;
        }
        // values that are this local get their own copy first
        const local = `l${i}`;
        for (let k = 0; k < this.h; k++) if (this.sym[k] != null && mentions(this.sym[k]!, local)) this.materialize(k);
        this.emit(`${local} = ${op === 0x21 ? this.pop() : this.operand(this.h - 1)};`);
        if (op === 0x22) this.sym[this.h - 1] = local; // the value is the local's now
        return;
      }
      case 0x23: { // global.get
        const g = ins.a;
        const type = this.global(g);
        const d = this.push(type);
        const [lo, hi] = type === ValType.F64 ? [`g${g}[0]`] : readWords(type, `g${g}`, "0");
        this.emit(hi === undefined ? `s${d} = ${lo};` : `s${d} = ${lo}; sh${d} = ${hi};`);
        return;
      }
      case 0x24: { // global.set
        const g = ins.a;
        const type = this.global(g);
        const k = this.h - 1;
        const v = this.pop();
        this.emit(type === ValType.F64 || type === ValType.I32 ? `g${g}[0] = ${v};` : writeWords(type, `g${g}`, "0", v, `sh${k}`));
        return;
      }
      case 0x3f: { // memory.size
        this.memory(ins.a);
        this.emit(`s${this.push()} = mem.pages;`);
        return;
      }
      case 0x41: this.pushSymbol(ins.a < 0 ? `(${ins.a | 0})` : String(ins.a | 0)); return;
      case 0x42: { // i64.const
        const next = this.r.bytes[this.r.pos]!;
        if (next >= 0x86 && next <= 0x8a) {
          // a shift or rotation by a constant: inline, on the operand's two words
          this.r.pos++;
          this.emit(shiftByConstant(next, ins.a & 63, `s${this.h - 1}`, `sh${this.h - 1}`));
          return;
        }
        const d = this.push(ValType.I64);
        this.emit(`s${d} = ${ins.a | 0}; sh${d} = ${ins.b | 0};`);
        return;
      }
      case 0xfc0a: case 0xfc0b: { // memory.copy, memory.fill (of memory 0): as the interpreter's (interpret/bulk.ts)
        this.memory(ins.a);
        this.memory(ins.b);
        const n = this.pop();
        const v = this.pop();
        const d = this.pop();
        this.emit(`at = ${this.site(at)};`);
        this.emit(op === 0xfc0a
          ? `{ const dst = ${d} >>> 0, src = ${v} >>> 0, len = ${n} >>> 0; if (src + len > memLen || dst + len > memLen) trap(TrapCode.MemoryOutOfBounds); u8.copyWithin(dst, src, src + len); }`
          : `{ const dst = ${d} >>> 0, len = ${n} >>> 0; if (dst + len > memLen) trap(TrapCode.MemoryOutOfBounds); u8.fill(${v}, dst, dst + len); }`);
        return;
      }
      case 0x43: this.pushSymbol(f32Literal(ins.a | 0), ValType.F32); return;
      case 0x44: this.pushSymbol(f64Literal(ins.a | 0, ins.b | 0), ValType.F64); return;
      case 0xa7: // i32.wrap_i64: the low word
        this.types[this.h - 1] = ValType.I32;
        return;
      // reinterpretations: between a float's number and its bits, exactly
      case 0xbc: this.retype(ValType.I32, (v, d) => `s${d} = f32Bits(${v});`); return; // i32.reinterpret_f32
      case 0xbd: this.retype(ValType.I64, (v, d) => `scratch64[0] = ${v}; s${d} = i32[0]; sh${d} = i32[1];`); return;
      case 0xbe: this.retype(ValType.F32, (v, d) => `s${d} = f32FromBits(${v});`); return; // f32.reinterpret_i32
      case 0xbf: this.retype(ValType.F64, (v, d) => `i32[0] = ${v}; i32[1] = sh${d}; s${d} = scratch64[0];`); return;
      default:
        this.simple(op, at);
    }
  }

  /** The type of global `g`, which the function uses (`g{g}`: the global's f64 view for an f64, else its
   * words, which hold its value as a stack slot's do). */
  private global(g: number): ValType {
    const type = tierType(this.info.globalTypes[g]!);
    this.globals.set(g, type === ValType.F64 ? "f64" : "i32");
    return type;
  }

  /** The value on top becomes one of `type` in its variables, by `code(operand, depth)`. */
  private retype(type: ValType, code: (v: string, d: number) => string): void {
    const v = this.pop();
    const d = this.push(type);
    this.emit(code(v, d));
  }

  /** A call of function `f` at Wasm offset `at`: of a small function the tier compiles, its code in place;
   * of a larger one, its direct form, else (a kernel too large for one) a call out, which calls its leaf
   * form; of an import or a function the tier does not take, a call out. A recursion (a call of the
   * function, or of one whose code this one's is in) goes through the direct form, whose nesting is
   * bounded where it runs (see `source`): beyond it, the interpreter runs the recursion on its own frames. */
  private call(f: number, at: number): void {
    const ir = this.module.ir;
    const defined = f - ir.numImportedFuncs;
    const { params, results } = this.info.funcTypes[f]!;
    const directType = results.length <= 1 && [...params, ...results].every(isTierType);
    if (this.recursive(f)) {
      // (a function in regions has no direct form: it calls itself out, and call-out.ts bounds the nesting)
      if (this.regions) {
        this.callOut(this.info.funcTypes[f]!, at, `callFunc(store, state, inst, ${f}, o)`);
        return;
      }
      // (its direct form is found at the first call: it may be the one being compiled)
      if (!directType) throw new NotCompiled();
      this.recursion = true;
      this.callDirect(f, null, at);
      return;
    }
    if (defined >= 0) {
      const size = ir.codes[defined]!.end - ir.codes[defined]!.start;
      const inline = size <= this.maxInlineBytes && !this.noInline.has(f) && this.current.callers.length < 2 * MAX_INLINE_DEPTH
        && knowsEvery(this.module, defined);
      if (inline && this.inlinedBytes + size <= MAX_BODY_BYTES) {
        this.inline(f, at);
        return;
      }
      // a callee that calls others gets its direct form at its first call: most of those that a hot
      // function of a large program calls never run (sqlite: 32 of 155); one that calls nothing, now (it
      // is cheap, and the caller then knows that it calls nothing out). Direct forms call direct forms
      // too: the nesting of those that call others is bounded where they run (see `source`).
      const scan = scanOf(this.module, defined);
      if (scan.calls && scan.known && !directTried(this.module, defined) && directType) {
        this.callDirect(f, null, at);
        return;
      }
      if (!this.direct || scan.known) {
        const callee = directLeaf(this.module, defined);
        if (callee !== null) {
          this.callDirect(f, callee, at);
          return;
        }
      }
    }
    this.callOut(this.info.funcTypes[f]!, at, `callFunc(store, state, inst, ${f}, o)`);
  }

  /** A call of `f` here would be a recursion: of the function, of one inlined here, or of a caller. */
  private recursive(f: number): boolean {
    const { funcIndex, callers } = this.current;
    if (f === this.funcIndex || f === funcIndex) return true;
    for (let k = 0; k < callers.length; k += 2) if (callers[k] === f) return true;
    return false;
  }

  /**
   * A call out (interpret/call-out.ts) of type `type`, at Wasm offset `at`, by `call` (which has the
   * word index `o` of the arguments): they go to the stack above the leaf's frame, and the results come
   * back from there. Then the memory's views and the stack's are read again: the callee may have
   * replaced them.
   */
  private callOut(type: FuncType, at: number, call: string): void {
    type.params.forEach(tierType);
    type.results.forEach(tierType);
    this.materializeAll();
    const first = this.h - type.params.length;
    this.h = first;
    const results = type.results.map((t) => this.push(t));
    this.emit(`at = ${this.site(at)};`);
    this.emit(this.callOutCode(type, first, results, call));
    this.emit("@reload;");
    this.callsOut = true;
  }

  /** The block of a call out `call` of type `type` (which has the word index `o` of the arguments): the
   * arguments from the variables of stack heights `first`.., the results into those of heights `results`. */
  private callOutCode(type: FuncType, first: number, results: readonly number[], call: string): string {
    const slots = Math.max(type.params.length, type.results.length, 1);
    const args = type.params.map((t, k) => writeWords(t, "w", `o + ${2 * k}`, `s${first + k}`, `sh${first + k}`));
    const reads = type.results.map((t, k) => {
      const d = results[k]!;
      const [lo, hi] = readWords(t, "w", `o + ${2 * k}`);
      return t === ValType.I64 ? `s${d} = ${lo}; sh${d} = ${hi};` : `s${d} = ${lo};`;
    });
    return `{ const o = callOutWords(store, state, ${slots}); let w = state.stack.i32; ${args.join(" ")} ${call}; w = state.stack.i32; ${reads.join(" ")} }`;
  }

  /**
   * A `call_indirect` of type `typeIndex` through table `table` at Wasm offset `at`: the target's direct
   * form where it has one (of any instance; `directOf`), called as `callDirect` calls one, else a call
   * out. The interpreter's checks first (indirectTarget): the element, null, the signature.
   */
  private callIndirect(typeIndex: number, table: number, at: number): void {
    const type = this.module.ir.types[typeIndex] as FuncType;
    const index = this.pop();
    if (type.results.length > 1) {
      this.callOut(type, at, `callIndirect(store, state, inst, ${table}, ${typeIndex}, ${index}, o)`);
      return;
    }
    type.params.forEach(tierType);
    type.results.forEach(tierType);
    this.helpers.add("indirectTarget").add("callTarget").add("directOf");
    this.materializeAll();
    const first = this.h - type.params.length;
    const args = type.params.flatMap((t, k) => (t === ValType.I64 ? [`s${first + k}`, `sh${first + k}`] : [`s${first + k}`]));
    this.h = first;
    const results = type.results.map((t) => this.push(t));
    const d = results[0];
    const direct = d === undefined ? "" : type.results[0] === ValType.I64 ? `s${d} = r; sh${d} = high[0];` : `s${d} = r;`;
    this.emit(`at = ${this.site(at)};`);
    this.emit(`{ const t = indirectTarget(store, inst, ${table}, ${typeIndex}, ${index}); const d = directOf(t);`);
    this.emit(`if (d !== null) { const r = d(${["t.instance", "store", "state", ...args].join(", ")}); ${direct} }`);
    this.emit(`else ${this.callOutCode(type, first, results, "callTarget(store, state, inst, t, o)")} }`);
    this.emit("@reload;");
    this.callsOut = true;
  }

  /**
   * A call of function `f` at Wasm offset `at`, compiled as f's code in place: its parameters and locals
   * become new variables, its body a block whose results are the call's, its returns branches out of it.
   * Only for small functions of the same module that the tier could compile as leaves.
   */
  private inline(f: number, at: number): void {
    const ir = this.module.ir;
    const defined = f - ir.numImportedFuncs;
    const outer = this.current;
    const body = ir.codes[defined]!;
    this.inlinedBytes += body.end - body.start;
    this.inlines = true;
    this.inlinedCalls++;
    try {
      this.module.deferredBodies?.validate(defined); // lazy validation: the interpreter reports an invalid one
    } catch {
      throw new NotCompiled();
    }
    const type = this.info.funcTypes[f]!;
    if (![...type.params, ...type.results, ...body.locals].every(isTierType)) throw new InlineFailed(f);
    this.materializeAll();
    // the arguments into the callee's parameters, its locals zeroed
    const first = this.h - type.params.length;
    const localBase = this.localTypes.length;
    [...type.params, ...body.locals].forEach((t, k) => {
      const v = localBase + k;
      const param = k < type.params.length;
      this.localTypes.push(t);
      this.emit(param ? `l${v} = s${first + k};` : `l${v} = 0;`);
      if (t === ValType.I64) this.emit(param ? `lh${v} = sh${first + k};` : `lh${v} = 0;`);
    });
    this.h = first;
    const frame = this.openBlock("inline", [], type.results);
    this.emit(`${frame.label}: {`);
    const reader = this.r;
    this.current = { funcIndex: f, start: body.start, localBase, frame, callers: [outer.funcIndex, at, ...outer.callers], sites: -1 };
    this.r = new BinaryReader(ir.bytes, body.start, body.end);
    const depth = this.frames.length;
    try {
      while (this.frames.length >= depth) {
        const pos = this.r.pos;
        this.ins.read(this.r);
        this.instruction(this.ins.op, pos);
      }
    } catch (error) {
      // code the tier does not take, in f (or in a call f makes): f is called instead
      if (error instanceof NotCompiled && !(error instanceof TooLarge) && !(error instanceof InlineFailed)) throw new InlineFailed(f);
      throw error;
    }
    this.r = reader;
    this.current = outer;
  }

  /** A call of function `f` (at Wasm offset `at`) through its direct form (null: compiled at its first
   * call, see lazyDirect): the callee's frames of a trap come first, then this call's (leafTrapped). */
  private callDirect(f: number, callee: CompiledDirect | null, at: number): void {
    let id = this.calleeIds.get(f);
    if (id === undefined) {
      const k = this.callees.length;
      id = this.callees.push(callee?.run ?? lazyDirect(this.module, f - this.module.ir.numImportedFuncs, this.callees, k)) - 1;
      this.calleeIds.set(f, id);
    }
    const callsOut = callee === null || callee.callsOut;
    if (callsOut) this.callsOut = true;
    const type = this.info.funcTypes[f]!;
    this.materializeAll();
    const first = this.h - type.params.length;
    const args = type.params.flatMap((t, k) => (t === ValType.I64 ? [`s${first + k}`, `sh${first + k}`] : [`s${first + k}`]));
    this.h = first;
    const call = `${callee === null ? `callees[${id}]` : `d${id}`}(${["inst", "store", "state", ...args].join(", ")})`;
    this.emit(`at = ${this.site(at)};`);
    if (type.results.length === 0) {
      this.emit(`${call};`);
    } else {
      const d = this.push(type.results[0]!);
      this.emit(type.results[0] === ValType.I64 ? `s${d} = ${call}; sh${d} = high[0];` : `s${d} = ${call};`);
    }
    if (callsOut) this.emit("@reload;"); // its calls out may have replaced the views
  }

  /** Memory `m` must be memory 0, with 32-bit addresses, unshared (another thread may grow a shared one:
   * the interpreter's bounds checks notice, and atomics are the interpreter's anyway). */
  private memory(m: number): void {
    if (m !== 0 || this.info.memories[0]?.is64 === true || this.info.memories[0]?.shared === true) throw new NotCompiled();
    this.usesMemory = true;
  }

  /**
   * An instruction with a template: numeric, load or store. The template's `$k` is operand k (the result
   * first, then the stack operands, then immediates); `$k.at` is an i64 or f64 operand's two words, which
   * go through the scratch array: copied in before, the result copied out after; `$k.f32`, `$k.f64` a
   * float operand's number (see floatOperands).
   */
  private simple(wasmOp: number, at: number): void {
    const simple = simpleInstruction(wasmOp);
    if (simple === null) throw new NotCompiled();
    const { params, result: resultType, memArg } = simple;
    if (memArg) this.memory(this.ins.memory);
    const pops = params.length;
    const first = this.h - pops;
    // operand positions in the template: a result takes position 1
    const shift = resultType === null ? 1 : 2;
    const { wide, pure, condition, mayTrap, code, helpers } = preparedTemplate(wasmOp, simple, first, memArg && this.ins.offset === 0);
    for (const helper of helpers) this.helpers.add(helper);
    let before = "";
    const texts: string[] = [];
    for (let k = 0; k < pops; k++) {
      const d = first + k;
      const position = k + shift;
      if (wide[position] === true) {
        before += params[k] === ValType.F64
          ? `scratch64[${position - 1}] = ${this.operand(d)}; `
          : `i32[${2 * (position - 1)}] = s${d}; i32[${2 * (position - 1) + 1}] = sh${d}; `;
      }
      texts[position - 1] = this.operand(d);
    }
    if (memArg) texts[pops + shift - 1] = String(this.ins.offset);
    this.h = first;
    if (resultType !== null && resultType !== ValType.I64 && wide[1] !== true && before === "" && pure !== null && !mayTrap) {
      // an expression that cannot trap waits, as an operand, for the instruction using it
      this.pushSymbol(`(${substitute(pure, texts)})`, resultType, condition);
      return;
    }
    let after = "";
    if (resultType !== null) {
      const d = this.push(resultType);
      texts[0] = `s${d}`;
      if (wide[1] === true) after = resultType === ValType.F64 ? `s${d} = scratch64[0];` : `s${d} = i32[0]; sh${d} = i32[1];`;
    }
    // the Wasm offset, for the backtrace, before what may trap (a bounds check, a division): on every path
    // (set in the bounds check's branch only, Argon2's steady call took three times as long)
    if (mayTrap) this.emit(`at = ${this.site(at)};`);
    const text = substitute(code, texts);
    // (a block only for the template's own variables)
    this.emit(text.includes("const ") ? `${before}{ ${text} }${after}` : `${before}${text}${after}`);
  }
}

/** An instruction's template made the tier's at an operand depth (see `simple`), and what `simple` asks of it. */
interface PreparedTemplate {
  /** By operand position: the operand's words go through the scratch array (`$k.at`). */
  wide: boolean[];
  /** The expression of a template `$1 = expr;`, else null. */
  pure: string | null;
  /** `pure` is `C ? 1 : 0`, C a condition (see popTest). */
  condition: boolean;
  mayTrap: boolean;
  /** The template with each `$k.at` made its scratch word index. */
  code: string;
  /** The helpers it uses (JS_TIER_HELPERS). */
  helpers: readonly string[];
}

/** The helpers (JS_TIER_HELPERS) that LeafCompiler's own code uses (the templates' are found in them). */
const OWN_HELPERS: readonly (keyof typeof JS_TIER_HELPERS)[] = [
  "trap", "TrapCode", "poll", "POLL_INTERVAL", "leafTrapped", "inlinedFrames", "scratch", "scratch64", "high",
  "callOutWords", "callFunc", "callIndirect", "f32Bits", "f32FromBits", "getF64", "setF64", "f64FromWords",
];

/** A helper's name in a template. */
const HELPER = new RegExp(`\\b(?:${Object.keys(JS_TIER_HELPERS).join("|")})\\b`, "g");

/** Prepared templates by instruction, the depth of its first operand and whether a memory access's offset
 * is 0 (a module's functions compile
 * the same few hundred of them thousands of times: the string work is done once for each). */
const PREPARED = new Map<number, PreparedTemplate>();

function preparedTemplate(wasmOp: number, simple: Simple, first: number, zeroOffset: boolean): PreparedTemplate {
  const key = (wasmOp * 0x1_0000 + first) * 2 + (zeroOffset ? 1 : 0);
  let prepared = first < 0x1_0000 ? PREPARED.get(key) : undefined;
  if (prepared !== undefined) return prepared;
  const { params, result: resultType, memArg } = simple;
  const shift = resultType === null ? 1 : 2;
  const unindented = simple.template.replace(/^[ \t]+/gm, "").replace(/^\n/, "");
  const original = memArg ? tierMemoryAccess(unindented, params.length + shift, zeroOffset) : unindented;
  const typeOf = (k: number): ValType | undefined => (k === 1 && resultType !== null ? resultType : params[k - shift]);
  // an i64 operand's words, read and written through a local bound to `$k.at`, become its two variables
  // (the result's: at depth `first`; operand k's at first + k - shift); the others go through the scratch array
  const depthOf = (k: number): number => (k === 1 && resultType !== null ? first : first + k - shift);
  const words = wordsToVariables(original, (k) => typeOf(k) === ValType.I64, (k, high) => `${high ? "sh" : "s"}${depthOf(k)}`);
  const template = floatOperands(words, params, shift, resultType);
  const wide: boolean[] = [];
  for (let k = 1; k <= params.length + shift - 1; k++) wide[k] = template.includes(`$${k}.at`);
  const pure = PURE_VALUE.exec(template)?.[1] ?? null;
  const code = template.replace(/\$(\d+)\.at/g, (_, k: string) => String(2 * (Number(k) - 1)));
  prepared = {
    wide,
    pure,
    condition: pure !== null && CONDITION.test(pure),
    mayTrap: MAY_TRAP.test(template),
    code,
    helpers: [...new Set(code.match(HELPER))],
  };
  if (first < 0x1_0000) PREPARED.set(key, prepared);
  return prepared;
}

/** The bounds check of a load's or store's template, and the tier's. */
const BOUNDS_CHECK = /if \(ea \+ (\d+) > memLen\) memLen = pastCachedLength\(mem, ea \+ \1\);/;
const TIER_BOUNDS_CHECK = "if (ea + $1 > memLen) oob();";

/**
 * A load's or store's template (`memArg`: the offset's operand position) made shorter for the tier, whose
 * memory is unshared and 32-bit: its offset (a u32 already) is added as it is, or not at all when
 * `zeroOffset`; the effective address goes to the function's variable `ea` (no block of its own to
 * declare it in: less code to make and parse); an access out of bounds traps at once (`pastCachedLength`
 * looks for a shared memory's growth, then traps: oob). Code of another shape stays.
 */
function tierMemoryAccess(template: string, memArg: number, zeroOffset: boolean): string {
  if (!BOUNDS_CHECK.test(template) || !template.startsWith("const ea = ")) return template;
  return template
    .replace("const ea = ", "ea = ")
    .replace(`) + ($${memArg} >>> 0);`, zeroOffset ? ");" : `) + $${memArg};`)
    .replace(BOUNDS_CHECK, TIER_BOUNDS_CHECK);
}

/** The template, its float operands and result made the tier's (f32 and f64 numbers, see the top):
 * `$k.f32` and `$k.f64` become `$k` (the number); an f32 read as an i32 (`$k`: its bits) goes through
 * f32Bits, an f32 result written as an i32 through f32FromBits, one written as `$1.f32` through
 * Math.fround (the interpreter's f32 register rounds it); an f32 read into an f64 result is quieted
 * (f64.promote_f32: the interpreter's f32 register read quiets a signalling NaN). */
function floatOperands(template: string, params: readonly ValType[], shift: number, result: ValType | null): string {
  let code = template;
  params.forEach((t, k) => {
    const position = k + shift;
    if (t === ValType.F32) {
      code = code.replace(new RegExp(`\\$${position}(\\.f32)?(?![\\d.])`, "g"), (_, f32?: string) =>
        f32 === undefined ? `f32Bits($${position})` : result === ValType.F64 ? `f64Quiet($${position})` : `$${position}`);
    } else if (t === ValType.F64) {
      code = code.replaceAll(`$${position}.f64`, `$${position}`);
    }
  });
  if (result === ValType.F32) {
    code = code.includes("$1.f32 = ")
      ? code.replace(/\$1\.f32 = ([^;]*);/, "$$1 = Math.fround($1);")
      : code.replace(/\$1 = ([^;]*);/, "$$1 = f32FromBits($1);");
  } else if (result === ValType.F64) {
    code = code.replaceAll("$1.f64", "$1");
  }
  return code;
}

/**
 * The template with `const a = $k.at;` and its uses `i32[a]`, `i32[a + 1]` replaced by the variables of
 * operand k's low and high words (`variable(k, high)`), for every such local used in no other way, of an
 * i64 operand k.
 */
function wordsToVariables(template: string, i64: (k: number) => boolean, variable: (k: number, high: boolean) => string): string {
  let code = template;
  for (const [line, name, k] of template.matchAll(/const ([a-z]\w*) = \$(\d+)\.at;\n?/g)) {
    if (!i64(Number(k))) continue; // an f64's words: through the scratch array
    const words = new RegExp(`i32\\[${name}( \\+ 1)?\\]`, "g");
    const replaced = code.replace(line, "").replace(words, (_, high?: string) => variable(Number(k), high !== undefined));
    if (new RegExp(`\\b${name}\\b`).test(replaced)) continue; // used otherwise (a helper's argument)
    code = replaced;
  }
  return code;
}

/** The code shifting or rotating the i64 in variables `lo`, `hi` by `n` (0..63) bits: `op` is i64.shl,
 * shr_s, shr_u, rotl or rotr (0x86..0x8a). Wasm takes the count modulo 64. */
function shiftByConstant(op: number, n: number, lo: string, hi: string): string {
  if (n === 0) return "";
  if (op === 0x8a) return shiftByConstant(0x89, 64 - n, lo, hi); // rotr n = rotl (64 - n)
  if (op === 0x89) { // rotl
    if (n === 32) return `{ const t = ${lo}; ${lo} = ${hi}; ${hi} = t; }`;
    const [a, b] = n < 32 ? [lo, hi] : [hi, lo]; // by 32 + m: the words swap, then rotate by m
    const m = n & 31;
    return `{ const x = ${a}, y = ${b}; ${lo} = (x << ${m}) | (y >>> ${32 - m}); ${hi} = (y << ${m}) | (x >>> ${32 - m}); }`;
  }
  if (op === 0x86) { // shl
    if (n < 32) return `${hi} = (${hi} << ${n}) | (${lo} >>> ${32 - n}); ${lo} <<= ${n};`;
    return `${hi} = ${lo} << ${n - 32}; ${lo} = 0;`;
  }
  const shr = op === 0x87 ? ">>" : ">>>";
  const fill = op === 0x87 ? `${hi} >> 31` : "0";
  if (n < 32) return `${lo} = (${lo} >>> ${n}) | (${hi} << ${32 - n}); ${hi} = ${hi} ${shr} ${n}${op === 0x88 ? " | 0" : ""};`;
  return `${lo} = ${hi} ${shr} ${n - 32}${op === 0x88 ? " | 0" : ""}; ${hi} = ${fill};`;
}

/** Whether `code` mentions variable `name` (a word of its own; a test run for most instructions: no regex). */
function mentions(code: string, name: string): boolean {
  for (let i = code.indexOf(name); i >= 0; i = code.indexOf(name, i + 1)) {
    if (!isWordChar(code.charCodeAt(i - 1)) && !isWordChar(code.charCodeAt(i + name.length))) return true;
  }
  return false;
}

/** A character of a JavaScript word (NaN, outside the string: none). */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

/** i32, i64, f32 and f64 are the tier's types: anything else leaves the function to the interpreter. */
function isTierType(t: ValType | undefined): boolean {
  return t === ValType.I32 || t === ValType.I64 || t === ValType.F32 || t === ValType.F64;
}

function tierType(t: ValType): ValType {
  if (!isTierType(t)) throw new NotCompiled();
  return t;
}

/** The code reading a value of type `t` from words `w[i]`, `w[i + 1]` (a stack slot's, as the interpreter
 * keeps them): its variables' values (an i64's two words, or one). */
function readWords(t: ValType, w: string, i: string): string[] {
  switch (t) {
    case ValType.I64: return [`${w}[${i}]`, `${w}[${i} + 1]`];
    case ValType.F32: return [`f32FromBits(${w}[${i}])`];
    case ValType.F64: return [`getF64(${w}, ${i})`];
    default: return [`${w}[${i}]`];
  }
}

/** The code writing the value of type `t` in `lo` (a number, or an i64's low word) and `hi` to words
 * `w[i]`, `w[i + 1]`. */
function writeWords(t: ValType, w: string, i: string, lo: string, hi?: string): string {
  switch (t) {
    case ValType.I64: return `${w}[${i}] = ${lo}; ${w}[${i} + 1] = ${hi};`;
    case ValType.F32: return `${w}[${i}] = f32Bits(${lo}); ${w}[${i} + 1] = 0;`;
    case ValType.F64: return `setF64(${w}, ${i}, ${lo});`;
    default: return `${w}[${i}] = ${lo}; ${w}[${i} + 1] = 0;`;
  }
}

const literalWords = new DataView(new ArrayBuffer(8));

/** An f32 constant of bits `b` in the source: a number, or a NaN made from its bits. */
function f32Literal(b: number): string {
  literalWords.setInt32(0, b, true);
  const x = literalWords.getFloat32(0, true);
  return x === x ? numberLiteral(x) : `f32FromBits(${b})`;
}

/** An f64 constant of words `lo`, `hi`. */
function f64Literal(lo: number, hi: number): string {
  literalWords.setInt32(0, lo, true);
  literalWords.setInt32(4, hi, true);
  const x = literalWords.getFloat64(0, true);
  return x === x ? numberLiteral(x) : `f64FromWords(${lo}, ${hi})`;
}

/** A number (not NaN) as JavaScript: a negative one (and -0) in parentheses, infinities as divisions. */
function numberLiteral(x: number): string {
  if (x === Infinity) return "(1 / 0)";
  if (x === -Infinity) return "(-1 / 0)";
  if (Object.is(x, -0)) return "(-0)";
  return x < 0 ? `(${x})` : String(x);
}

interface Simple {
  readonly template: string;
  /** The Wasm types of the operands (an address: i32) and of the result (null: none). */
  readonly params: readonly ValType[];
  readonly result: ValType | null;
  readonly memArg: boolean;
}

/** Float loads and stores: the interpreter runs the f32 ones as i32 ones (its registers hold bits), and
 * so does the tier (converting the number); the f64 ones are the tier's own (TIER_TEMPLATES). */
const FLOAT_MEMORY: ReadonlyMap<number, string> = new Map([
  [0x2a, OP_TEMPLATES[Op.I32Load]!], [0x2b, TIER_TEMPLATES.F64Load!],
  [0x38, OP_TEMPLATES[Op.I32Store]!], [0x39, TIER_TEMPLATES.F64Store!],
]);

const SIMPLE = new Map<number, Simple | null>();

/** The template and types of single-byte (or 0xfc-prefixed) Wasm instruction `wasm`, if the tier runs it
 * by a template: numeric on i32, i64, f32, f64, loads and stores. */
function simpleInstruction(wasm: number): Simple | null {
  let simple = SIMPLE.get(wasm);
  if (simple === undefined) {
    simple = null;
    // single-byte instructions, and the saturating truncations (0xfc00..0xfc07)
    const info = wasm < 0x100 || (wasm >= 0xfc00 && wasm <= 0xfc07) ? opInfo(wasm) : undefined;
    const entry = OP_OF_WASM.get(wasm);
    const template = FLOAT_MEMORY.get(wasm) ?? (entry === undefined ? null : OP_TEMPLATES[entry.op]);
    if (info !== undefined && info.params !== null && info.results !== null && template != null) {
      const params = info.params.map((t) => (t === ADDRESS_TYPE ? ValType.I32 : (t as ValType)));
      if ([...params, ...info.results].every((t) => isTierType(t as ValType)) && info.results.length <= 1) {
        const memArg = FLOAT_MEMORY.has(wasm) || entry!.info.load !== undefined || entry!.info.store === true;
        simple = { template, params, result: (info.results[0] as ValType | undefined) ?? null, memArg };
      }
    }
    SIMPLE.set(wasm, simple);
  }
  return simple;
}

/** A template that is one expression of its operands: `$1 = expr;`. */
const PURE_VALUE = /^\$1 = ([^;]*);$/;
/** A pure expression that is a condition's value (its condition has no `?` of its own), and its end. */
const CONDITION = /^[^?]* \? 1 : 0$/;
const CONDITION_VALUE = " ? 1 : 0)";
/** A template that may trap: a bounds check, a division, a truncation (not a saturating one). */
const MAY_TRAP = /\b(?:trap|oob|pastCachedLength)\(|i(?:32|64)(?:Div|Rem)[SU]\(|i(?:32|64)TruncF/;

/** The template's code on the given operands ($1 is operands[0]). A template's local holding an operand
 * that is a variable or a number (`const a = $2;`) becomes that operand: less code for the engine. */
function substitute(template: string, operands: readonly string[]): string {
  const { consts, segments } = substitutionOf(template);
  const simple = consts.map((c) => SIMPLE_OPERAND.test(operands[c.operand]!));
  let code = "";
  for (const segment of segments) {
    if (typeof segment === "string") code += segment;
    else if (segment >= 0) code += operands[segment]!;
    else {
      const c = consts[(-segment - 1) >> 1]!;
      const isSimple = simple[(-segment - 1) >> 1]!;
      if ((-segment - 1) & 1) code += isSimple ? operands[c.operand]! : c.name; // a use of the local
      else if (!isSimple) code += `const ${c.name} = ${operands[c.operand]!};${c.newline ? "\n" : ""}`; // its line
    }
  }
  return code;
}

/** An operand that a template's local may be replaced by: a variable or a number. */
const SIMPLE_OPERAND = /^(?:[a-z]\w*|\d+|\(-\d+\))$/;

/**
 * A template cut, once, into what `substitute` puts together: text, operand k (`$k`: k - 1), and for
 * each local bound to an operand (`const a = $2;`, local c) its line (-2c - 1) and its uses (-2c - 2).
 */
interface Substitution {
  consts: { name: string; operand: number; newline: boolean }[];
  segments: (string | number)[];
}

const SUBSTITUTIONS = new Map<string, Substitution>();

function substitutionOf(template: string): Substitution {
  let found = SUBSTITUTIONS.get(template);
  if (found !== undefined) return found;
  const consts: Substitution["consts"] = [];
  for (const [line, name, k] of template.matchAll(/const ([a-z]\w*) = \$(\d+);\n?/g)) {
    if (consts.every((c) => c.name !== name)) consts.push({ name: name!, operand: Number(k) - 1, newline: line.endsWith("\n") });
  }
  const names = consts.map((c) => c.name).join("|");
  const token = new RegExp(`const ([a-z]\\w*) = \\$\\d+;\\n?|\\$(\\d+)${names === "" ? "" : `|\\b(${names})\\b`}`, "g");
  const segments: (string | number)[] = [];
  let last = 0;
  const lineSeen = new Set<number>();
  for (const m of template.matchAll(token)) {
    segments.push(template.slice(last, m.index));
    last = m.index! + m[0].length;
    const c = consts.findIndex((x) => x.name === (m[1] ?? m[3]));
    if (m[2] !== undefined) segments.push(Number(m[2]) - 1);
    else if (m[1] !== undefined && !lineSeen.has(c)) {
      lineSeen.add(c);
      segments.push(-2 * c - 1);
    } else if (m[1] !== undefined) segments.push(m[0]); // (a second line binding the same local: left as it is)
    else segments.push(-2 * c - 2);
  }
  segments.push(template.slice(last));
  found = { consts, segments: segments.filter((x) => x !== "") };
  SUBSTITUTIONS.set(template, found);
  return found;
}
