// The WebAssembly namespace object: its interfaces (each namespace has its own classes, engine and
// store) and its functions validate, compile, instantiate, compileStreaming and instantiateStreaming.

import { DecodeError, ValidationError, decodeModule, validateModule } from "@wasmi-ts/executor";
import { Module as HostModule } from "@wasmi-ts/host";
import { Context, type NamespaceOptions } from "./context.js";
import { CompileError, LinkError, RuntimeError } from "./errors.js";
import { defineExceptions } from "./exception.js";
import { defineGlobal } from "./global.js";
import { defineInstance, instantiateWith, readImports } from "./instance.js";
import { defineMemory } from "./memory.js";
import { exceededJsLimit } from "./limits.js";
import { compileBytes, defineModule } from "./module.js";
import { defineTable } from "./table.js";
import { bufferSourceBytes, withLength } from "./webidl.js";

export type { NamespaceOptions } from "./context.js";

/** A WebAssembly namespace: what `globalThis.WebAssembly` holds, on wasmi-ts. */
export type WebAssemblyNamespace = ReturnType<typeof createWebAssembly>;

/** Runs `fn` in a later microtask: the promise-returning functions never act synchronously on their input
 * beyond what the spec says (copying the bytes, reading the imports of a Module). */
function later<T>(fn: () => T): Promise<T> {
  return Promise.resolve().then(fn);
}

/** A new WebAssembly namespace with its own engine and store (`options`: engine settings, store setup). */
export function createWebAssembly(options: NamespaceOptions = {}) {
  const ctx = new Context(options);
  const Module = defineModule(ctx);
  const Memory = defineMemory(ctx);
  const Table = defineTable(ctx);
  const Global = defineGlobal(ctx);
  const { Tag, Exception, JSTag } = defineExceptions(ctx);
  const { Instance, wrap: wrapInstance } = defineInstance(ctx, { Module, Memory, Table, Global, Tag });
  const wrapModule = (host: HostModule): object => ctx.wrap(Module.prototype, host);

  const compileNow = (bytes: Uint8Array): object => wrapModule(compileBytes(ctx, bytes));

  const namespace = {
    validate(bytes: unknown): boolean {
      return validBytes(ctx, bufferSourceBytes(bytes, "WebAssembly.validate"));
    },

    compile(bytes: unknown): Promise<object> {
      try {
        const copy = bufferSourceBytes(bytes, "WebAssembly.compile");
        return later(() => compileNow(copy));
      } catch (e) {
        return Promise.reject(e);
      }
    },

    instantiate(source: unknown, importObject?: unknown): Promise<unknown> {
      try {
        const module = ctx.hostOf(source, HostModule);
        if (module !== undefined) {
          // a Module: the imports are read now, the instance made later
          const externs = readImports(ctx, module, importObject);
          return later(() => wrapInstance(instantiateWith(ctx, module, externs)));
        }
        const copy = bufferSourceBytes(source, "WebAssembly.instantiate");
        return later(() => {
          const host = compileBytes(ctx, copy);
          const instance = wrapInstance(instantiateWith(ctx, host, readImports(ctx, host, importObject)));
          return { module: wrapModule(host), instance };
        });
      } catch (e) {
        return Promise.reject(e);
      }
    },

    async compileStreaming(source: unknown): Promise<object> {
      return compileNow(await responseBytes(source, "WebAssembly.compileStreaming"));
    },

    async instantiateStreaming(source: unknown, importObject?: unknown): Promise<unknown> {
      const host = compileBytes(ctx, await responseBytes(source, "WebAssembly.instantiateStreaming"));
      const instance = wrapInstance(instantiateWith(ctx, host, readImports(ctx, host, importObject)));
      return { module: wrapModule(host), instance };
    },
  };
  withLength(namespace.instantiate, 1);
  withLength(namespace.instantiateStreaming, 1);

  const WebAssembly = {} as typeof namespace & {
    Module: typeof Module; Instance: typeof Instance; Memory: typeof Memory; Table: typeof Table;
    Global: typeof Global; CompileError: typeof CompileError; LinkError: typeof LinkError; RuntimeError: typeof RuntimeError;
    Tag: typeof Tag; Exception: typeof Exception; JSTag: object;
  };
  for (const [name, fn] of Object.entries(namespace)) {
    Object.defineProperty(WebAssembly, name, { value: fn, writable: true, enumerable: true, configurable: true });
  }
  const interfaces = { Module, Instance, Memory, Table, Global, CompileError, LinkError, RuntimeError, Tag, Exception };
  for (const [name, value] of Object.entries(interfaces)) {
    Object.defineProperty(WebAssembly, name, { value, writable: true, enumerable: false, configurable: true });
  }
  // a namespace's readonly attribute (WebIDL): an enumerable, configurable getter
  Object.defineProperty(WebAssembly, "JSTag", { get: () => JSTag, enumerable: true, configurable: true });
  Object.defineProperty(WebAssembly, Symbol.toStringTag, { value: "WebAssembly", writable: false, enumerable: false, configurable: true });
  return WebAssembly;
}

/** The bytes of a `Response` (or a promise of one) that may be compiled: ok, and of type application/wasm. */
async function responseBytes(source: unknown, what: string): Promise<Uint8Array> {
  const response = (await source) as { ok?: boolean; headers?: { get(name: string): string | null }; arrayBuffer?: () => Promise<ArrayBuffer> };
  const ResponseClass = (globalThis as { Response?: Function }).Response;
  if (ResponseClass === undefined ? typeof response?.arrayBuffer !== "function" : !(response instanceof ResponseClass)) {
    throw new TypeError(`${what}: expected a Response or a promise of one`);
  }
  const mime = response.headers?.get("Content-Type")?.split(";")[0]?.trim().toLowerCase();
  if (mime !== "application/wasm") throw new TypeError(`${what}: the response's MIME type is "${mime}", not "application/wasm"`);
  if (response.ok !== true) throw new TypeError(`${what}: the response is not ok`);
  return new Uint8Array(await response.arrayBuffer!());
}

/** WebAssembly.validate: the whole module is validated (whatever the engine's lazy validation says), and it
 * must be within the JS API's limits. */
function validBytes(ctx: Context, bytes: Uint8Array): boolean {
  const { features } = ctx.engine.config;
  try {
    const ir = decodeModule(bytes, features);
    validateModule(ir, features);
    return exceededJsLimit(ir) === null;
  } catch (e) {
    if (e instanceof DecodeError || e instanceof ValidationError) return false;
    throw e;
  }
}
