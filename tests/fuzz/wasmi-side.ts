// Runs a plan on wasmi-ts through its public host API (`@wasmi-ts/host`): the side under test.

import { Func, Instance, LinkError, Linker, Store, Trap, type Engine, type Module, type Value } from "@wasmi-ts/host";
import { hostFunction, V128BoundaryError } from "./host-imports.js";
import { HANG_LIMIT_RESET, type Plan } from "./plan.js";
import { MAX_COMPARED_MEMORY_BYTES, type Outcome, type Trace } from "./trace.js";
import { trapCodeName } from "./traps.js";
import { describeValue } from "./values.js";

export function runOnWasmi(engine: Engine, module: Module, plan: Plan): Trace {
  const log: string[] = [];
  const trace: Trace = { instantiate: { kind: "ok", values: [] }, instantiateLogs: [], calls: [], memories: [], globals: [] };
  const store = new Store(engine, null);
  let instance: Instance;
  try {
    instance = instantiate(store, module, log);
  } catch (e) {
    trace.instantiate = failure(e);
    trace.instantiateLogs = log.splice(0);
    return trace;
  }
  trace.instantiateLogs = log.splice(0);
  const resetHangLimit = instance.getFunc(HANG_LIMIT_RESET);
  for (const call of plan.calls) {
    let outcome: Outcome;
    try {
      if (plan.resetsHangLimit) resetHangLimit!.call(); // inside: a mutant's reset can trap too
      const values = instance.getFunc(call.name)!.call(...(call.args as Value[]));
      outcome = { kind: "ok", values: call.type.results.map((t, i) => describeValue(t, values[i])) };
    } catch (e) {
      outcome = failure(e);
    }
    trace.calls.push({ name: call.name, outcome, logs: log.splice(0) });
  }
  for (const name of plan.memories) {
    const memory = instance.getMemory(name)!;
    const small = memory.data.byteLength <= MAX_COMPARED_MEMORY_BYTES;
    trace.memories.push({ name, pages: memory.size, bytes: small ? memory.data : null });
  }
  for (const { name, type } of plan.globals) {
    trace.globals.push({ name, value: describeValue(type, instance.getGlobal(name)!.value) });
  }
  return trace;
}

/**
 * Imports as in v8-side.ts: every imported function, each made for its own declared type (as a JS function
 * adapts to any import type in V8), so instantiation is positional; with any other import, the linker
 * reports the missing definition.
 */
function instantiate(store: Store<null>, module: Module, log: string[]): Instance {
  const imports = module.imports();
  const funcs = imports.map((imp) => {
    if (imp.type.kind !== "func") return null;
    const fn = hostFunction(imp.name, imp.type.type, log);
    return Func.wrap(store, imp.type.type, (_caller, ...args) => fn(...args) as Value | Value[] | undefined);
  });
  if (funcs.every((f) => f !== null)) return new Instance(store, module, funcs);
  const linker = new Linker<null>(store.engine).allowShadowing(true);
  imports.forEach((imp, i) => {
    if (funcs[i] !== null) linker.define(imp.module, imp.name, funcs[i]!);
  });
  return linker.instantiate(store, module);
}

function failure(e: unknown): Outcome {
  if (e instanceof Trap) return { kind: "trap", trap: trapCodeName(e.code) };
  if (e instanceof LinkError) return { kind: "link" };
  if (e instanceof V128BoundaryError) return { kind: "v128-boundary" };
  // Where it was thrown, to find the bug: any other exception from wasmi-ts is one.
  const at = e instanceof Error ? (e.stack ?? "").split("\n").find((l) => l.trimStart().startsWith("at ")) : undefined;
  return { kind: "error", error: at === undefined ? String(e) : `${String(e)} (${at.trim()})` };
}
