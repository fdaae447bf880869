// Adapter for any implementation of the JS `WebAssembly` API (V8's own, or the polywasm polyfill).
import type { Proposal, Runner, Value, WasmInstance } from "../runner.js";

/** The synchronous part of the JS WebAssembly API that the adapter uses. */
export interface JsWebAssembly {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

export function jsApiRunner(
  name: string,
  api: () => JsWebAssembly | undefined,
  missing: string,
  proposals: readonly Proposal[] = [],
): Runner {
  return {
    name,
    proposals,
    async load() {
      return api() ? null : missing;
    },
    namespace: () => api()!,
    compile(bytes) {
      new (api()!).Module(bytes);
    },
    instantiate(bytes) {
      const wasm = api()!;
      const exports = new wasm.Instance(new wasm.Module(bytes), {}).exports;
      const instance: WasmInstance = {
        func(exportName) {
          const fn = exports[exportName];
          if (typeof fn !== "function") throw new Error(`no exported function "${exportName}"`);
          return fn as (...args: Value[]) => Value;
        },
        memory(exportName) {
          const memory = exports[exportName] as { buffer: ArrayBuffer } | undefined;
          if (!memory?.buffer) throw new Error(`no exported memory "${exportName}"`);
          return new Uint8Array(memory.buffer);
        },
      };
      return instance;
    },
  };
}
