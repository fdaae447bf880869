// Warming the interpreter loop up. V8 optimizes `runInterpreterLoop` once it has run a while, for the
// cases that have run so far: in a case that has never run, an arithmetic operation has no type
// feedback, and when it first runs V8 throws the optimized code away ("insufficient type feedback for
// binary operation") to optimize the loop again later, hundreds of milliseconds of compilation each time
// for a loop this large; a real program meets its rarer instructions one after the other, after the loop
// was first optimized (sqlite: nine times). So before the first execution, every case runs (for a large
// module; for a small one, the cases of its own instructions): each instruction, as the code of a
// function of a small training instance, once on each kind of values (VALUES: small and large, so that
// its feedback covers both, Smi and heap numbers), one after the other in one run where none traps. What
// it does to the training instance does not matter, nor whether it traps (calls recurse into themselves
// to a shallow depth limit, tail calls until the first poll finds the deadline passed).

import {
  DEFAULT_LIMITS, ExceptionEntity, ExternKind, FuncEntity, FuncKind, FuncType, GcArray, PrunedStore, TypeRegistry, UNKEYED, structLayoutOf,
  type ArrayType, type GcStruct,
} from "@wasmi-ts/store";
import { DEFAULT_CONFIG } from "../config.js";
import { compileModule } from "../instantiate/compile.js";
import { instantiate } from "../instantiate/instantiate.js";
import type { CompiledModule } from "../module/compiled.js";
import { CompiledFunc } from "../translate/compiled-func.js";
import { nextInstruction } from "../translate/ops.js";
import { FuncTranslator } from "../translate/translator.js";
import { newFunctionAllowed } from "../translate/js/helpers.js";
import { hasJit } from "../jit.js";
import { GcOp } from "./gc.js";
import { runInterpreterLoop, type Translate } from "./loop.js";
import { unwindToHandler } from "./exceptions.js";
import { OP_LAYOUTS, Op } from "./op.generated.js";
import { execState, type ExecState } from "./state.js";

/**
 * (module (import "" "" (func)) (func) (func) (table 1 funcref) (memory 1)
 *   (global (mut i32) (i32.const 0)) (elem (i32.const 0) func 0) (data (i32.const 0) "\00")) and the GC
 *   types below: an immediate 0 is a valid index of each
 * kind; function 0, the import, is a host function (the host call path), defined function 0 the code
 * being trained, defined function 1 the callee of the calls' path that translates their callee (see
 * DIRECT_CALLS). Types 1 to 6 are those of the GC objects the GC instructions train on (GC_TYPES).
 */
const TRAINING_MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x20, 0x07, 0x60, 0x00, 0x00, // types: 0 the functions'
  0x5f, 0x04, 0x7f, 0x01, 0x7f, 0x01, 0x7f, 0x01, 0x7f, 0x01, // 1: (struct (mut i32) x4)
  0x5f, 0x02, 0x6e, 0x01, 0x6e, 0x01, // 2: (struct (mut anyref) x2)
  0x5e, 0x7f, 0x01, 0x5e, 0x78, 0x01, 0x5e, 0x77, 0x01, 0x5e, 0x6e, 0x01, // 3-6: (array (mut i32 / i8 / i16 / anyref))
  0x02, 0x05, 0x01, 0x00, 0x00, 0x00, 0x00, // import
  0x03, 0x03, 0x02, 0x00, 0x00, // funcs
  0x04, 0x04, 0x01, 0x70, 0x00, 0x01, // table
  0x05, 0x03, 0x01, 0x00, 0x01, // memory
  0x06, 0x06, 0x01, 0x7f, 0x01, 0x41, 0x00, 0x0b, // global
  0x09, 0x07, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x01, 0x00, // elem
  0x0a, 0x07, 0x02, 0x02, 0x00, 0x0b, 0x02, 0x00, 0x0b, // code
  0x0b, 0x07, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x01, 0x00, // data
]);

/** (module (tag) (func (block (try_table (catch 0 1) (throw 0))))): an exception its function catches. */
const UNWIND_TRAINING_MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type 0: () -> ()
  0x03, 0x02, 0x01, 0x00, // funcs
  0x0d, 0x03, 0x01, 0x00, 0x00, // tags
  0x0a, 0x10, 0x01, 0x0e, 0x00, 0x02, 0x40, 0x1f, 0x40, 0x01, 0x00, 0x00, 0x01, 0x08, 0x00, 0x0b, 0x0b, 0x0b, // code
]);
/** Exceptions the loop catches in the training (trainUnwinding); then calls of unwindToHandler (enough for
 * V8 to keep its feedback), the last of them with the budget of polling spent. */
const UNWINDS_BY_LOOP = 4;
const UNWINDS = 64;
const UNWINDS_POLLING = 4;

/** Registers of one training variant (8 operands at most, each its own slot); a frame has VALUES.length of them. */
const FRAME_SLOTS = 16;

/** Register values (low and high word of slot k): zeros, equal ones, aligned addresses, rising small
 * integers, falling ones with a high word that makes normal doubles, large ones and negative ones: each
 * comparison goes both ways and each unsigned view (`>>> 0`) of a word gives numbers beyond 2^31. */
const VALUES: readonly ((k: number) => readonly [number, number])[] = [
  () => [0, 0],
  () => [1, 0],
  (k) => [4 * k, 0],
  (k) => [k + 1, 0],
  (k) => [100 - k, 0x40000000 + k],
  (k) => [0x7fffffff - k, -1 - k],
  (k) => [-1 - k, -1],
];
/** The first VALUES, small enough to be addresses in the training memory. */
const SMALL_VALUES = 5;

/**
 * The GC instructions of their own (the rest go through `Gc`), and the type (of TRAINING_MODULE) of the
 * object each trains on: register value 1 is the number of such an object (trainingObjects), so that their code
 * runs to its end. (On null only, they would trap before their last statements, which then have no type
 * feedback: the first GC program deoptimized the loop, "insufficient type feedback". And the first GcArray
 * made by a program changed that class's initial map, on which the loop's code depended.)
 */
const GC_TYPES: Readonly<Record<string, number>> = {
  Gc: 1, StructNew: 1, StructGet: 1, StructGet64: 1, StructSet: 1, StructSet64: 1, RefTest: 1, RefCast: 1,
  StructGetRef: 2, StructSetRef: 2,
  ArrayGet: 3, ArraySet: 3, ArrayLen: 3, ArrayGet8: 4, ArraySet8: 4, ArrayGet16: 5, ArraySet16: 5, ArrayGetRef: 6, ArraySetRef: 6,
};

/** The calls of a defined function by index, which translate their callee at its first call: trained a
 * second time on defined function 1, untranslated (a program's first call of a function, which comes after
 * V8 optimized the loop, would otherwise run code without type feedback: json deoptimized it so). */
const DIRECT_CALLS: ReadonlySet<number> = new Set([Op.Call, Op.ReturnCall, Op.CopyCall, Op.Copy2Call]);

/** Instructions whose immediates include a shift count, a lane or an operand (not an index). */
const COUNTED = /Sh[lr]|Rot|Lane|Extract|Replace|Shuffle|Imm|BrIf/;
const OP_NAMES: string[] = [];
for (const [name, op] of Object.entries(Op)) if (typeof op === "number") OP_NAMES[op] = name;

let warm = false;

/** The size of the module of Wasm function `func` (0 for a host function). */
export function moduleBytesOf(func: FuncEntity): number {
  return func.instance === null ? 0 : (func.instance.module as CompiledModule).ir.bytes.length;
}
/** The instructions the warm-up ran (a test checks it ran them all). */
export const warmedUp = new Set<number>();

/** Modules of at least this many bytes are warmed up for with every case. A large program meets most
 * instructions, one after the other, and would make V8 compile the loop again each time (sqlite, quickjs,
 * brotli: 1 MB); a small one meets few, and V8 compiles the loop for those few, in a tenth of the time
 * that the whole loop, every case with its feedback, takes (some hundreds of milliseconds on a background
 * thread): for a small module, the cases of its own instructions. */
export const WARM_UP_MODULE_BYTES = 256 * 1024;

/** Small modules (below WARM_UP_MODULE_BYTES) whose instructions were warmed up for. */
const warmedModules = new WeakSet<object>();
/** A small module of at most this many bytes has its instructions warmed up (translating all its
 * functions first, without the tier, to know them): a few milliseconds. */
const WARM_UP_SMALL_MODULE_BYTES = 64 * 1024;
/** The loop's common paths were trained (the first warm-up of the process). */
let trainedCommon = false;
/** The unwinding of caught exceptions was trained (trainUnwinding). */
let trainedUnwinding = false;

/** Runs the cases of the interpreter loop before the first execution of a module's code: every case,
 * once per process, for a large module (some tens of milliseconds); the module's own instructions for a
 * small one. Not without a JIT. */
export function warmUpInterpreter(translate: Translate, func: FuncEntity): void {
  if (warm || func.instance === null) return;
  const module = func.instance.module as CompiledModule;
  if (!module.config.warmUp) return;
  const bytes = module.ir.bytes.length;
  const unwinding = module.ir.tags.length > 0;
  if (bytes >= WARM_UP_MODULE_BYTES) {
    warm = true;
    if (hasJit()) train(translate, null, unwinding);
    return;
  }
  // (with lazy validation, a body is read at its first call only)
  if (bytes > WARM_UP_SMALL_MODULE_BYTES || module.deferredBodies !== null || warmedModules.has(module)) return;
  warmedModules.add(module);
  if (!hasJit()) return;
  const ops = new Set<number>();
  for (let i = 0; i < module.ir.codes.length; i++) {
    try {
      const f = module.code[i] ?? new FuncTranslator(module, i).translate();
      for (let pc = 0; pc < f.code.length; pc = nextInstruction(f.code, pc)) {
        if (!warmedUp.has(f.code[pc]!)) ops.add(f.code[pc]!);
      }
    } catch {
      // an invalid body: its call reports it
    }
  }
  if (ops.size > 0 || !trainedCommon || (unwinding && !trainedUnwinding)) train(translate, ops, unwinding);
}

/** Trains the loop's cases of `ops` (null: all of them), its common paths the first time, and the unwinding
 * of caught exceptions the first time `unwinding` (the module has tags). */
function train(translate: Translate, ops: ReadonlySet<number> | null, unwinding: boolean): void {
  // traps are errors: without stack traces, they cost far less
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    // the limits as the host makes them (the same object shape: the loop reads them)
    const store = new PrunedStore(UNKEYED, null, new TypeRegistry(), { maxCallDepth: 4, maxValueSlots: DEFAULT_LIMITS.maxValueSlots });
    store.deadline = 0; // long past: a tail call of itself stops at the first poll
    const module = compileModule(TRAINING_MODULE, store.types, { ...DEFAULT_CONFIG, jsTier: false });
    const type = module.ir.types[0]!;
    const host = new FuncEntity(FuncKind.Host, type as FuncType, null, -1, () => {});
    const instance = instantiate(store, module, [{ kind: ExternKind.Func, value: host }]);
    const func = instance.funcs[1]!;
    const state = execState(store);
    let gcObjects: readonly (GcStruct | GcArray | undefined)[] | null = null;
    /** Runs `code` as the trained function; whether it ended in an error (a trap, a bad index). */
    const run = (code: number[], js: CompiledFunc["js"] = null, callsOut = false): boolean => {
      const trained = new CompiledFunc(code, 0, 0, new Int32Array(0), FRAME_SLOTS * VALUES.length, 0, 1, new Int32Array([0, 0]));
      trained.js = js;
      trained.jsCallsOut = callsOut;
      module.code[0] = trained;
      return runOnce(store, state, func, translate);
    };
    // V8 keeps type feedback only once a function has run a while (lazy feedback allocation: for a
    // function this large, after some hundred thousand bytes of bytecode): a loop of branches, until
    // the first poll finds the deadline passed
    if (!trainedCommon) run([Op.Br, 0]);
    if (unwinding && !trainedUnwinding) {
      trainedUnwinding = true;
      trainUnwinding(store, state, translate);
    }
    for (let op = 0; op < OP_LAYOUTS.length; op++) {
      if (op === Op.Trap || (ops !== null && !ops.has(op))) continue;
      // calls recurse to the depth limit: once; accesses to memory and tables trap on large or negative
      // addresses (those paths need no training): on the small values only
      const name = OP_NAMES[op]!;
      const gcType = GC_TYPES[name];
      if (gcType !== undefined) {
        // on null (the trap), then on an object of the instruction's type (see GC_TYPES)
        const typeId = module.typeIds[gcType]!;
        run(trainingCode(op, 0, 0));
        gcObjects ??= trainingObjects(store, module);
        store.refs.values[1] = gcObjects[gcType];
        // immediates: ref.i31 (the sub-op of `Gc`, which runs on the register only), the type (struct.new,
        // ref.test, ref.cast), else 0 (slot 0, shifts of 0)
        const imm = op === Op.Gc ? GcOp.RefI31 : op === Op.StructNew || op === Op.RefTest || op === Op.RefCast ? typeId : 0;
        run(trainingCode(op, imm, 1));
        warmedUp.add(op);
        continue;
      }
      const variants = /Call|Return/.test(name) ? 1
        : /Load|Store|Memory|Atomic|Table|Data|Elem|Simd/.test(name) ? SMALL_VALUES : VALUES.length;
      // the variants one after the other in one run (each entry of the loop function costs a few
      // microseconds before V8 optimizes it); where one traps, each in a run of its own
      if (run(trainingCode(op, 0, 0, variants))) for (let v = 0; v < variants; v++) run(trainingCode(op, 0, v));
      if (DIRECT_CALLS.has(op)) {
        (module.code as (CompiledFunc | undefined)[])[1] = undefined;
        run(trainingCode(op, 1, 0));
      }
      warmedUp.add(op);
      // shifts, lanes and immediate operands of another value (not for all: an invalid index would throw a
      // TypeError, whose message V8 renders from the source, a third of a millisecond each on this function)
      if (COUNTED.test(OP_NAMES[op]!)) run(trainingCode(op, 33, 1));
    }
    // calls through the table: above, of the host function the table holds; here of a Wasm function (the
    // trained one: the call recurses to the depth limit)
    const table = instance.tables[0]!.elements;
    table[0] = func;
    for (const op of [Op.CallIndirect, Op.ReturnCallIndirect]) if (ops === null || ops.has(op)) run(trainingCode(op, 0));
    table[0] = host;
    if (trainedCommon) return;
    trainedCommon = true;
    // the JavaScript tier's paths: a leaf called at entry, and by a call (through several functions, made
    // as the tier makes them, so that V8 expects any; where the host forbids that, there is no tier)
    for (let k = 0; k < 6 && newFunctionAllowed(); k++) {
      const leaf = new Function("") as NonNullable<CompiledFunc["js"]>;
      run([Op.Return], leaf, (k & 1) === 1);
      const callee = new CompiledFunc([Op.Return], 0, 0, new Int32Array(0), FRAME_SLOTS, 0, 0, new Int32Array([0, 0]));
      callee.js = leaf;
      callee.jsCallsOut = (k & 1) === 1;
      (module.code as CompiledFunc[])[1] = callee;
      run([Op.Call, 1, 0, Op.Return]);
    }
    // frames with locals to zero and constants to copy (initFrame), word by word and in bulk, at the
    // loop's entry and at a call: an entry with constants first met after V8 optimized the loop ran code
    // without type feedback (sha512)
    for (const words of [2, 32]) {
      const withFrame = () => new CompiledFunc([Op.Return], 0, words >> 1, new Int32Array(words), words, 0, 1, new Int32Array([0, 0]));
      module.code[0] = withFrame();
      runOnce(store, state, func, translate);
      (module.code as CompiledFunc[])[1] = withFrame();
      run([Op.Call, 1, 0, Op.Return]);
    }
    // a poll, which samples hot functions: a loop until the first poll finds it hot (and stops it)
    store.deadline = Infinity;
    module.code[0] = new CompiledFunc([Op.Br, 0], 0, 0, new Int32Array(0), FRAME_SLOTS, 0, 1, new Int32Array([0, 0]));
    module.code[0].hotSamples = 1;
    runOnce(store, state, func, (m, defined, hot) => {
      if (hot === true) throw new Error("sampled");
      return translate(m, defined);
    });
  } catch {
    // warming up is an optimization: nothing of it may fail a real execution
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** The training GC objects, kept for the process: the loop's optimized code refers to their shapes
 * (weakly), and would be thrown away when they died ("weak objects"). */
const keptObjects: unknown[] = [];

/** The GC objects of the training store, by type of TRAINING_MODULE (GC_TYPES): a struct of each struct
 * type, an array of 64 elements of each array type; kept (a training of GC instructions makes them once,
 * and a process trains each instruction once). */
function trainingObjects(store: PrunedStore, module: CompiledModule): (GcStruct | GcArray | undefined)[] {
  const objects: (GcStruct | GcArray | undefined)[] = [];
  for (let k = 1; k <= 6; k++) {
    const id = module.typeIds[k]!;
    const composite = store.types.def(id).composite;
    objects[k] = composite.kind === "struct" ? structLayoutOf(store.types, id).allocate(id) : new GcArray(id, composite as ArrayType, 64);
  }
  keptObjects.push(objects);
  return objects;
}

/**
 * The unwinding of caught exceptions, with the poll when it spends the budget of polling (the exceptions
 * kernel deoptimized the loop there, in unwindToHandler): the loop catches a few, then unwindToHandler is
 * called as the loop calls it, often enough for V8 to keep its feedback (lazy feedback allocation), the
 * last times with the budget spent (the poll finds the training's deadline passed: a trap). Before the
 * rest of the training, which may have V8 optimize the loop; for the first module with tags only (its
 * first throws cost a few milliseconds).
 */
function trainUnwinding(store: PrunedStore, state: ExecState, translate: Translate): void {
  const instance = instantiate(store, compileModule(UNWIND_TRAINING_MODULE, store.types, { ...DEFAULT_CONFIG, jsTier: false }), []);
  for (let k = 0; k < UNWINDS_BY_LOOP; k++) runOnce(store, state, instance.funcs[0]!, translate);
  const thrower = (instance.module as CompiledModule).code[0];
  if (thrower === undefined) return; // not translated: nothing to unwind
  let pc = 0;
  while (pc < thrower.code.length && thrower.code[pc] !== Op.Throw) pc = nextInstruction(thrower.code, pc);
  const exn = new ExceptionEntity(instance.tags[0]!, new Int32Array(0));
  for (let k = 0; k < UNWINDS && pc < thrower.code.length; k++) {
    try {
      unwindToHandler(exn, store, state, 0, 0, thrower, instance, pc, 0, k < UNWINDS - UNWINDS_POLLING ? 1 : 0);
    } catch {
      // the deadline passed
    }
  }
}

/** A training frame's words: FRAME_SLOTS slots of each of the VALUES in turn. */
const FRAME_WORDS = Int32Array.from({ length: 2 * FRAME_SLOTS * VALUES.length }, (_, w) =>
  VALUES[Math.floor(w / (2 * FRAME_SLOTS))]!((w >> 1) % FRAME_SLOTS)[w & 1]!);

/** Runs `func` on a training frame (FRAME_WORDS); whether it ended in an error. */
function runOnce(store: PrunedStore, state: ExecState, func: FuncEntity, translate: Translate): boolean {
  state.stack.i32.set(FRAME_WORDS);
  try {
    runInterpreterLoop(store, state, func, 0, translate);
    return false;
  } catch {
    // a trap, or an error of an index the instruction does not expect: the case ran
    return true;
  } finally {
    state.depth = 0;
  }
}

/** The code `op` once for each of the VALUES `from` to `to` (excluded), each with its registers in the
 * frame slots of its values, every immediate `imm`, every branch target the next instruction (a target
 * list: one, the default), then a return. */
export function trainingCode(op: number, imm: number, from = 0, to = from + 1): number[] {
  const code: number[] = [];
  for (let v = from; v < to; v++) {
    code.push(op);
    const targets: number[] = [];
    let register = 0;
    for (const kind of OP_LAYOUTS[op]!) {
      if (kind === "r") {
        code.push(2 * (v * FRAME_SLOTS + (register++ % FRAME_SLOTS)));
        continue;
      }
      if (kind === "i") {
        code.push(imm);
        continue;
      }
      if (kind === "L") code.push(0); // a list's count: 0, then its one target
      targets.push(code.length);
      code.push(0);
    }
    for (const at of targets) code[at] = code.length;
  }
  code.push(Op.Return);
  return code;
}
