// WebAssembly.Instance: reads the imports from the import object as the spec says (JS functions become
// host functions; exported functions, memories, tables and globals are used as they are, so a Wasm
// function passed back in is called Wasm to Wasm), instantiates, and exposes the exports as a frozen
// object without prototype.

import {
  Func, Global as HostGlobal, Instance as HostInstance, LinkError as HostLinkError, Memory as HostMemory,
  Module as HostModule, Table as HostTable, Tag as HostTag, ValType, isRefType, type Extern, type FuncType, type ImportType,
  type Value,
} from "@wasmi-ts/host";
import type { Context } from "./context.js";
import { LinkError } from "./errors.js";
import type { ExceptionClasses } from "./exception.js";
import type { GlobalClass } from "./global.js";
import type { MemoryClass } from "./memory.js";
import type { ModuleClass } from "./module.js";
import type { TableClass } from "./table.js";
import { webidlInterface } from "./webidl.js";

export interface Interfaces {
  Module: ModuleClass;
  Memory: MemoryClass;
  Table: TableClass;
  Global: GlobalClass;
  Tag: ExceptionClasses["Tag"];
}

export type InstanceClass = ReturnType<typeof defineInstance>["Instance"];

export function defineInstance(ctx: Context, classes: Interfaces) {
  const exportsOf = new WeakMap<object, object>();
  const finish = (object: object, host: HostInstance): object => {
    ctx.bind(object, host);
    exportsOf.set(object, exportsObject(ctx, classes, host));
    return object;
  };

  class Instance {
    constructor(module: unknown, importObject?: unknown) {
      const host = ctx.requireHost(module, HostModule, "WebAssembly.Module", "WebAssembly.Instance");
      finish(this, instantiateWith(ctx, host, readImports(ctx, host, importObject)));
    }

    get exports(): object {
      const exports = exportsOf.get(this);
      if (exports === undefined) throw new TypeError("WebAssembly.Instance.prototype.exports called on an object that is not a WebAssembly.Instance");
      return exports;
    }
  }
  webidlInterface(Instance, "WebAssembly.Instance", 1);
  /** A WebAssembly.Instance of an instance made elsewhere (WebAssembly.instantiate). */
  const wrap = (host: HostInstance): object => finish(Object.create(Instance.prototype) as object, host);
  return { Instance, wrap };
}

/** Reads the module's imports from the import object, as the spec's "read the imports". */
export function readImports(ctx: Context, module: HostModule, importObject: unknown): Extern[] {
  const imports = module.imports();
  if (importObject !== undefined && (typeof importObject !== "object" || importObject === null) && typeof importObject !== "function") {
    throw new TypeError("WebAssembly.Instance: the import object must be an object");
  }
  if (imports.length > 0 && importObject === undefined) {
    throw new TypeError("WebAssembly.Instance: the module has imports, so an import object is required");
  }
  return imports.map((imp) => readImport(ctx, imp, importObject as Record<string, unknown>));
}

/** Instantiates (running the start function), with the JS API's errors. */
export function instantiateWith(ctx: Context, module: HostModule, externs: Extern[]): HostInstance {
  try {
    return new HostInstance(ctx.store, module, externs);
  } catch (e) {
    if (e instanceof HostLinkError) throw new LinkError(e.message);
    throw ctx.jsError(e);
  }
}

function readImport(ctx: Context, imp: ImportType, importObject: Record<string, unknown>): Extern {
  const where = `import ${JSON.stringify(imp.module)} ${JSON.stringify(imp.name)}`;
  const moduleObject = importObject[imp.module];
  if ((typeof moduleObject !== "object" || moduleObject === null) && typeof moduleObject !== "function") {
    throw new TypeError(`WebAssembly.Instance: ${JSON.stringify(imp.module)} of the import object is not an object`);
  }
  const v = (moduleObject as Record<string, unknown>)[imp.name];
  const type = imp.type;
  switch (type.kind) {
    case "func": {
      if (typeof v !== "function") throw new LinkError(`${where}: a function is required`);
      return ctx.funcOf.get(v) ?? hostFunction(ctx, v, type.type);
    }
    case "global": {
      const global = ctx.hostOf(v, HostGlobal);
      if (global !== undefined) return global;
      const t = type.type.type;
      if (t === ValType.I64 ? typeof v !== "bigint" : t === ValType.V128 || (!isRefType(t) && typeof v !== "number")) {
        throw new LinkError(`${where}: a WebAssembly.Global or a ${t === ValType.I64 ? "BigInt" : "Number"} is required`);
      }
      if (type.type.mutable) throw new LinkError(`${where}: a mutable global must be imported as a WebAssembly.Global`);
      return new HostGlobal(ctx.store, type.type, ctx.toWasm(t, v));
    }
    case "memory": {
      const memory = ctx.hostOf(v, HostMemory);
      if (memory === undefined) throw new LinkError(`${where}: a WebAssembly.Memory is required`);
      return memory;
    }
    case "table": {
      const table = ctx.hostOf(v, HostTable);
      if (table === undefined) throw new LinkError(`${where}: a WebAssembly.Table is required`);
      return table;
    }
    case "tag": {
      const tag = ctx.hostOf(v, HostTag);
      if (tag === undefined) throw new LinkError(`${where}: a WebAssembly.Tag is required`);
      return tag;
    }
  }
}


/** A host function calling the JS function `fn` with JS values (the spec's "create a host function"). */
function hostFunction(ctx: Context, fn: Function, type: FuncType): Func {
  const { params, results } = type;
  return Func.wrap(ctx.store, type, (_caller, ...args: Value[]): Value[] => {
    const jsArgs = params.map((t, i) => ctx.toJS(t, args[i]));
    let returned: unknown;
    try {
      returned = Reflect.apply(fn, undefined, jsArgs);
    } catch (e) {
      throw ctx.thrownToWasm(e); // a Wasm exception (JS values as exceptions of JSTag), or a trap
    }
    if (results.length === 0) return [];
    if (results.length === 1) return [ctx.toWasm(results[0]!, returned)];
    // several results: any iterable of exactly that many values, read as the spec's IterableToList
    const method = (returned as { [Symbol.iterator]?: unknown } | null | undefined)?.[Symbol.iterator];
    if (typeof method !== "function") throw new TypeError("a function returning several values must return an iterable");
    const iterator = method.call(returned) as Iterator<unknown>;
    const values: unknown[] = [];
    for (const value of { [Symbol.iterator]: () => iterator }) values.push(value);
    if (values.length !== results.length) throw new TypeError(`expected ${results.length} results, got ${values.length}`);
    return results.map((t, i) => ctx.toWasm(t, values[i]));
  });
}

/** The exports object: a frozen object without prototype, in the module's order. */
function exportsObject(ctx: Context, classes: Interfaces, instance: HostInstance): object {
  const exports = Object.create(null) as Record<string, unknown>;
  for (const exp of instance.compiled.ir.exports) {
    const ext = instance.exports[exp.name]!;
    let value: unknown;
    if (ext instanceof Func) value = ctx.exportedFunction(ext, exp.index);
    else if (ext instanceof HostMemory) value = ctx.objectOf(ext, classes.Memory.prototype);
    else if (ext instanceof HostTable) value = ctx.objectOf(ext, classes.Table.prototype);
    else if (ext instanceof HostTag) value = ctx.objectOf(ext, classes.Tag.prototype);
    else value = ctx.objectOf(ext, classes.Global.prototype);
    Object.defineProperty(exports, exp.name, { value, writable: false, enumerable: true, configurable: false });
  }
  return Object.freeze(exports);
}
