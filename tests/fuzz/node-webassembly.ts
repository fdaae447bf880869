// Node's own WebAssembly API (V8), typed for what the fuzzer uses: the tests' lib settings do not include
// its types (as in packages/wast/test/node-webassembly.ts).

export interface V8Module {
  readonly __brand: "WebAssembly.Module";
}

export interface V8Instance {
  readonly exports: Record<string, unknown>;
}

export interface V8Memory {
  readonly buffer: ArrayBuffer;
}

export interface V8Global {
  readonly value: unknown;
}

/** An import object: module name -> field name -> value. */
export type V8Imports = Record<string, Record<string, unknown>>;

interface NodeWebAssembly {
  Module: new (bytes: Uint8Array) => V8Module;
  Instance: new (module: V8Module, imports: V8Imports) => V8Instance;
  CompileError: new () => Error;
  LinkError: new () => Error;
  RuntimeError: new () => Error;
}

export const V8 = (globalThis as unknown as { WebAssembly: NodeWebAssembly }).WebAssembly;
