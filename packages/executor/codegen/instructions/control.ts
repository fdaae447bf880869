// Control: traps, jumps, returns, calls and fuel. Calls and returns leave the switch (`break`) to the
// call sequence after it in interpret/loop.ts; taken branches leave its block (`break branch`), and both
// count down the polling budget there.

import { instr, type Instr } from "../dsl.js";

export const BR = instr("Br", "jump", "t:t", "pc = $t; break branch;", true);

/** A call of defined function `f` of this module (translated on first use), arguments from register `args`. */
const callDefined = (tail: boolean): string => `
  const m = mod.code[$f];
  callee = m !== undefined ? m : translate(mod, $f);
  calleeInst = inst;
  argOffset = $args.word;${tail ? "\ntail = true;" : ""}
  pc = $next;
  break;`;

/** Calls through the function index space (imports included) and through tables: one case for all four,
 * host functions called out of line (host-call.ts). */
const CALL_ANY = `
  const op = code[pc];
  let target: FuncEntity;
  let next: number;
  if (op === Op.CallFunc || op === Op.ReturnCallFunc) {
    target = inst.funcs[code[(pc + 1) | 0]]!;
    argOffset = code[(pc + 2) | 0];
    next = pc + 3;
  } else if (op === Op.CallRef || op === Op.ReturnCallRef) {
    target = funcOfRef(store, i32[(fp2 + code[(pc + 1) | 0]) | 0]);
    argOffset = code[(pc + 2) | 0];
    next = pc + 3;
  } else {
    const table = inst.tables[code[(pc + 2) | 0]]!.elements;
    const i = i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> 0;
    if (i >= table.length) trap(TrapCode.UndefinedElement);
    const ref = table[i];
    if (ref === null) trap(TrapCode.IndirectCallToNull);
    target = ref as FuncEntity;
    if (target.type.id !== inst.typeIds[code[(pc + 1) | 0]]) checkSubtypeSignature(store, target, inst.typeIds[code[(pc + 1) | 0]]);
    argOffset = code[(pc + 4) | 0];
    next = pc + 5;
  }
  tail = op === Op.ReturnCallFunc || op === Op.ReturnCallIndirect || op === Op.ReturnCallRef;
  if (target.kind === FuncKind.Host) {
    // out of line (host-call.ts); suspended: the loop returns, the call completes on resume
    if (callHost(store, state, target, inst, cf, fp2, argOffset, depth, pc, next, tail)) return;
    pc = next; // only now: an error from the host function is the call's (backtraces)
    if (tail) {
      // a host tail call: its results, now at the frame base, are this function's, which returns them
      tail = false;
      code = RETURN_CODE;
      pc = 0;
    }
    break reload;
  }
  callee = compiledOf(target, translate);
  calleeInst = target.instance!;
  pc = next;
  break;`;

/** Typed function references (Wasm 3.0): calls of a function reference, in CALL_ANY's case. Appended at the
 * end of the opcode order (index.ts). */
export const CALL_REF: Instr[] = [
  instr("CallRef", "call the function reference in register r (trap if null)", "r:r args:r", CALL_ANY, true),
  instr("ReturnCallRef", "tail call of the function reference in register r", "r:r args:r", CALL_ANY, true),
];

export const TRAP = instr("Trap", "trap with the code", "code:i", "trap($code as TrapCode);", true);

export const CALL = instr("Call", "call defined function f, arguments from register args on", "f:i args:r", callDefined(false), true);

export const BR_TABLE = instr("BrTable", "jump to the target of index a (the last one when a is past the others)",
  "a:r targets:L", `
    const n = $targets;
    // i as an unsigned index, compared in int32s (n < 2^31): \`i >>> 0\` beyond 2^31 is a double, where
    // V8's code for this case, speculating small integers, deoptimizes ("lost precision")
    const i = $a;
    pc = code[$targets.at + 1 + (i >= 0 && i < n ? i : n)];
    break branch;`, true);

/** Control but traps, jumps and conditional branches. */
export const CONTROL: Instr[] = [
  BR_TABLE,
  instr("Return", "return (results already in place)", "", "callee = null;\nbreak;", true),
  instr("ReturnReg", "return the value of register a", "a:r", `
    const s = $a.at;
    i32[fp2] = i32[s];
    i32[fp2 + 1] = i32[s + 1];
    callee = null;
    break;`, true),
  CALL,
  instr("CallFunc", "call function f of the index space (imports too)", "f:i args:r", CALL_ANY, true),
  instr("CallIndirect", "call the element of register e of table tbl, checked against type ty", "ty:i tbl:i e:r args:r", CALL_ANY, true),
  instr("ReturnCall", "tail call of defined function f", "f:i args:r", callDefined(true), true),
  instr("ReturnCallFunc", "tail call of function f of the index space", "f:i args:r", CALL_ANY, true),
  instr("ReturnCallIndirect", "tail call through a table", "ty:i tbl:i e:r args:r", CALL_ANY, true),
  instr("ConsumeFuel", "pay a region's fuel (Config.consumeFuel): at function entry, loop headers, if/else arms", "n:i", `
    const left = store.fuel - $n;
    if (left < 0) trap(TrapCode.OutOfFuel);
    store.fuel = left;`),
];
