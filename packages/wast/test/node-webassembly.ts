// Node's own WebAssembly API, typed for tests (the package's lib settings do not include its types).
// The library never uses it; tests ask it for a second opinion on produced binaries.

export interface NodeModule {
  readonly __brand: "WebAssembly.Module";
}

export interface NodeInstance {
  exports: Record<string, unknown>;
}

export interface NodeWebAssembly {
  validate(bytes: Uint8Array): boolean;
  instantiate(
    bytes: Uint8Array,
    imports?: Record<string, Record<string, unknown>>,
  ): Promise<{ instance: NodeInstance }>;
  Module: new (bytes: Uint8Array) => NodeModule;
  Instance: new (module: NodeModule, imports: Record<string, Record<string, unknown>>) => NodeInstance;
  Global: new (descriptor: { value: string; mutable?: boolean }, value: unknown) => { value: unknown };
  Table: new (descriptor: { element: string; initial: number; maximum?: number }) => object;
  Memory: new (descriptor: { initial: number; maximum?: number }) => object;
  RuntimeError: new () => Error;
  LinkError: new () => Error;
}

export const nodeWebAssembly = (globalThis as unknown as { WebAssembly: NodeWebAssembly }).WebAssembly;
