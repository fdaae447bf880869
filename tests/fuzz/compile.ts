// Compiling one binary on each engine, with every outcome as a value.

import { CompileError, Module, type Engine } from "@wasmi-ts/host";
import { V8, type V8Module } from "./node-webassembly.js";

export type Compiled<M> =
  | { ok: true; module: M }
  /** The engine's typed rejection: its message, and for wasmi-ts the spec's reason and the byte offset. */
  | { ok: false; rejected: string; reason?: string; offset?: number }
  /** Any other exception: for wasmi-ts, a bug (the API promises CompileError). */
  | { ok: false; threw: string };

export function compileOnWasmi(engine: Engine, bytes: Uint8Array): Compiled<Module> {
  try {
    return { ok: true, module: new Module(engine, bytes) };
  } catch (e) {
    if (e instanceof CompileError) return { ok: false, rejected: e.message, reason: e.reason, offset: e.offset };
    return { ok: false, threw: e instanceof Error ? (e.stack ?? String(e)).split("\n").slice(0, 4).join(" | ") : String(e) };
  }
}

export function compileOnV8(bytes: Uint8Array): Compiled<V8Module> {
  try {
    return { ok: true, module: new V8.Module(bytes) };
  } catch (e) {
    if (e instanceof V8.CompileError) return { ok: false, rejected: e.message };
    return { ok: false, threw: String(e) };
  }
}

export function compiledText<M>(c: Compiled<M>): string {
  if (c.ok) return "compiles it";
  return "rejected" in c ? `rejects it (${c.rejected})` : `throws ${c.threw}`;
}
