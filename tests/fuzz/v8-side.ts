// Runs a plan on Node's own WebAssembly (V8): the reference side of every comparison.

import type { ImportType } from "@wasmi-ts/host";
import { hostFunction, isV8V128BoundaryError } from "./host-imports.js";
import { V8, type V8Global, type V8Imports, type V8Memory, type V8Module } from "./node-webassembly.js";
import { HANG_LIMIT_RESET, type Plan } from "./plan.js";
import { MAX_COMPARED_MEMORY_BYTES, type Outcome, type Trace } from "./trace.js";
import { v8Trap } from "./traps.js";
import { describeValue, resultList } from "./values.js";

export function runOnV8(module: V8Module, imports: readonly ImportType[], plan: Plan): Trace {
  const log: string[] = [];
  const trace: Trace = { instantiate: { kind: "ok", values: [] }, instantiateLogs: [], calls: [], memories: [], globals: [] };
  let exports: Record<string, unknown>;
  try {
    exports = new V8.Instance(module, importObject(imports, log)).exports;
  } catch (e) {
    trace.instantiate = instantiationFailure(e);
    trace.instantiateLogs = log.splice(0);
    return trace;
  }
  trace.instantiateLogs = log.splice(0);
  const resetHangLimit = exports[HANG_LIMIT_RESET] as (() => void) | undefined;
  for (const call of plan.calls) {
    let outcome: Outcome;
    try {
      if (plan.resetsHangLimit) resetHangLimit!(); // inside: a mutant's reset can trap too
      const returned = (exports[call.name] as (...args: unknown[]) => unknown)(...call.args);
      const values = resultList(call.type.results.length, returned);
      outcome = { kind: "ok", values: call.type.results.map((t, i) => describeValue(t, values[i])) };
    } catch (e) {
      outcome = callFailure(e);
    }
    trace.calls.push({ name: call.name, outcome, logs: log.splice(0) });
  }
  for (const name of plan.memories) {
    const buffer = (exports[name] as V8Memory).buffer;
    const small = buffer.byteLength <= MAX_COMPARED_MEMORY_BYTES;
    trace.memories.push({ name, pages: buffer.byteLength / 65536, bytes: small ? new Uint8Array(buffer) : null });
  }
  for (const { name, type } of plan.globals) {
    trace.globals.push({ name, value: describeValue(type, (exports[name] as V8Global).value) });
  }
  return trace;
}

/** Every imported function, whatever its module and name; nothing else (see host-imports.ts). */
function importObject(imports: readonly ImportType[], log: string[]): V8Imports {
  // Prototype-less objects, so that a mutant's import named "__proto__" is an ordinary property.
  const object = Object.create(null) as Record<string, Record<string, unknown>>;
  for (const imp of imports) {
    if (imp.type.kind !== "func") continue;
    object[imp.module] ??= Object.create(null) as Record<string, unknown>;
    object[imp.module]![imp.name] = hostFunction(imp.name, imp.type.type, log);
  }
  return object;
}

function instantiationFailure(e: unknown): Outcome {
  // V8 throws LinkError for a missing or mismatched import, TypeError when the import's module is missing.
  if (e instanceof V8.LinkError || (e instanceof TypeError && /^WebAssembly\.Instance\(\): Import #/.test(e.message))) {
    return { kind: "link" };
  }
  return callFailure(e);
}

function callFailure(e: unknown): Outcome {
  const trap = v8Trap(e);
  if (trap !== null) return { kind: "trap", trap };
  if (isV8V128BoundaryError(e)) return { kind: "v128-boundary" };
  return { kind: "error", error: String(e) };
}
