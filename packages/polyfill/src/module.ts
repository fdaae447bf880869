// WebAssembly.Module: a compiled module, with the static reflection functions exports, imports and
// customSections.

import {
  CompileError as HostCompileError, HeapType, Module as HostModule, heapTypeOf, isRefType, type ExternType,
} from "@wasmi-ts/host";
import type { Context } from "./context.js";
import { CompileError } from "./errors.js";
import { exceededJsLimit } from "./limits.js";
import { bufferSourceBytes, webidlInterface } from "./webidl.js";

const KIND_NAMES: Record<ExternType["kind"], string> = {
  func: "function", table: "table", memory: "memory", global: "global", tag: "tag",
};

export type ModuleClass = ReturnType<typeof defineModule>;

/** Compiles `bytes` in `ctx`'s engine: a host Module, or WebAssembly.CompileError (also for a module over
 * the JS API's limits). */
export function compileBytes(ctx: Context, bytes: Uint8Array, options?: unknown): HostModule {
  let module: HostModule;
  try {
    module = new HostModule(ctx.engine, bytes);
  } catch (e) {
    if (e instanceof HostCompileError) throw new CompileError(e.message);
    throw e;
  }
  const exceeded = exceededJsLimit(module.compiled.ir);
  if (exceeded !== null) throw new CompileError(`the module has ${exceeded}`);
  checkStringConstantImports(module, options);
  return module;
}

/**
 * JS string builtins' `importedStringConstants` compile option (the constants themselves are not
 * implemented): the globals imported from its namespace must be immutable extern references.
 */
function checkStringConstantImports(module: HostModule, options: unknown): void {
  if (options === null || typeof options !== "object") return;
  const namespace = (options as { importedStringConstants?: unknown }).importedStringConstants;
  if (typeof namespace !== "string") return;
  for (const i of module.imports()) {
    if (i.module !== namespace || i.type.kind !== "global") continue;
    const { type, mutable } = i.type.type;
    if (mutable || !isRefType(type) || heapTypeOf(type) !== HeapType.Extern) {
      throw new CompileError(`type mismatch: the string constant import "${i.name}" must be an immutable externref`);
    }
  }
}

export function defineModule(ctx: Context) {
  const hostOf = (module: unknown, what: string): HostModule => ctx.requireHost(module, HostModule, "WebAssembly.Module", what);

  class Module {
    /** `options` (a rest parameter: the constructor's length stays 1): only JS string builtins'
     * importedStringConstants is read. */
    constructor(bytes: unknown, ...options: unknown[]) {
      ctx.bind(this, compileBytes(ctx, bufferSourceBytes(bytes, "WebAssembly.Module"), options[0]));
    }

    static exports(module: unknown): { name: string; kind: string }[] {
      return hostOf(module, "WebAssembly.Module.exports").exports().map((e) => ({ name: e.name, kind: KIND_NAMES[e.type.kind] }));
    }

    static imports(module: unknown): { module: string; name: string; kind: string }[] {
      return hostOf(module, "WebAssembly.Module.imports")
        .imports()
        .map((i) => ({ module: i.module, name: i.name, kind: KIND_NAMES[i.type.kind] }));
    }

    static customSections(module: unknown, sectionName: unknown): ArrayBuffer[] {
      const host = hostOf(module, "WebAssembly.Module.customSections");
      if (sectionName === undefined) throw new TypeError("WebAssembly.Module.customSections: a section name is required");
      const name = `${sectionName}`; // a DOMString: lone surrogates stay (and match no decoded name)
      return host.customSections(name).map((bytes) => bytes.buffer as ArrayBuffer);
    }
  }
  webidlInterface(Module, "WebAssembly.Module", 1, ["exports", "imports", "customSections"]);
  return Module;
}
