import { LinkError } from "@wasmi-ts/executor";
import type { Engine } from "./engine.js";
import type { Extern } from "./extern.js";
import { Func, toFuncType, type AsyncHostFunc, type FuncTypeLike, type HostFunc } from "./func.js";
import { Instance } from "./instance.js";
import type { Module } from "./module.js";
import { EngineMismatchError, type Store } from "./store.js";
import type { FuncType } from "@wasmi-ts/store";

/** A host function defined without a store: made into a `Func` once per store that needs it. */
interface HostDefinition<T> {
  type: FuncType;
  fn: HostFunc<T> | AsyncHostFunc<T>;
  async: boolean;
  perStore: WeakMap<Store<T>, Func>;
}

type Definition<T> = { extern: Extern } | { host: HostDefinition<T> };

/** Names externs by (module, name) and instantiates modules by resolving their imports with them. */
export class Linker<T = unknown> {
  private readonly definitions = new Map<string, Definition<T>>();
  private shadowing = false;

  constructor(readonly engine: Engine) {}

  /** Allows later definitions to replace earlier ones of the same name (off by default). */
  allowShadowing(allow: boolean): this {
    this.shadowing = allow;
    return this;
  }

  /** Defines `extern` as (moduleName, name); throws `LinkError` if the name is taken. */
  define(moduleName: string, name: string, extern: Extern): this {
    return this.insert(moduleName, name, { extern });
  }

  /** Defines a host function as (moduleName, name), usable with any store of type `T`. */
  func(moduleName: string, name: string, type: FuncTypeLike, fn: HostFunc<T>): this {
    return this.insert(moduleName, name, { host: { type: toFuncType(type), fn, async: false, perStore: new WeakMap() } });
  }

  /** Defines an async host function (see `Func.wrapAsync`): Wasm reaching it must run with `callAsync`. */
  funcAsync(moduleName: string, name: string, type: FuncTypeLike, fn: AsyncHostFunc<T>): this {
    return this.insert(moduleName, name, { host: { type: toFuncType(type), fn, async: true, perStore: new WeakMap() } });
  }

  /** Defines every export of `instance` under `moduleName`. */
  instance(moduleName: string, instance: Instance): this {
    for (const [name, ext] of Object.entries(instance.exports)) this.define(moduleName, name, ext);
    return this;
  }

  /** The extern defined as (moduleName, name) for `store`, if any. */
  get(store: Store<T>, moduleName: string, name: string): Extern | undefined {
    const def = this.definitions.get(key(moduleName, name));
    if (def === undefined) return undefined;
    if ("extern" in def) return def.extern;
    let f = def.host.perStore.get(store);
    if (f === undefined) {
      const { type, fn } = def.host;
      f = def.host.async ? Func.wrapAsync(store, type, fn as AsyncHostFunc<T>) : Func.wrap(store, type, fn as HostFunc<T>);
      def.host.perStore.set(store, f);
    }
    return f;
  }

  /** Instantiates `module`, resolving each import by name. Throws `LinkError` ("unknown import", ...) or `Trap`. */
  instantiate(store: Store<T>, module: Module): Instance {
    if (module.engine !== this.engine) throw new EngineMismatchError("the module and the linker belong to different engines");
    const imports = module.imports().map((imp) => {
      const ext = this.get(store, imp.module, imp.name);
      if (ext === undefined) throw new LinkError(`unknown import: "${imp.module}" "${imp.name}" is not defined`);
      return ext;
    });
    return new Instance(store, module, imports);
  }

  private insert(moduleName: string, name: string, def: Definition<T>): this {
    const k = key(moduleName, name);
    if (!this.shadowing && this.definitions.has(k)) {
      throw new LinkError(`"${moduleName}" "${name}" is already defined`);
    }
    this.definitions.set(k, def);
    return this;
  }
}

function key(moduleName: string, name: string): string {
  return `${moduleName}\u0000${name}`;
}
