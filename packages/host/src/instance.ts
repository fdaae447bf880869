import { instantiate, type CompiledModule } from "@wasmi-ts/executor";
import type { InstanceEntity } from "@wasmi-ts/store";
import { compileErrorOfCall } from "./compile-error.js";
import { entityOf, externOf, type Extern } from "./extern.js";
import { Tag } from "./tag.js";
import { embedderError } from "./exception.js";
import { Func } from "./func.js";
import { Global } from "./global.js";
import { Memory } from "./memory.js";
import type { Module } from "./module.js";
import { EngineMismatchError, type Store } from "./store.js";
import { Table } from "./table.js";

/** An instance of a module in a store. */
export class Instance {
  readonly entity: InstanceEntity;
  /**
   * The exports by name, in the module's order: a frozen object without prototype, so every export name
   * (`__proto__`, `constructor`, `toString` included) is an own property and nothing else is there.
   */
  readonly exports: Readonly<Record<string, Extern>>;

  /**
   * Instantiates `module` with `imports` in the order of `module.imports()`, then runs its start
   * function. Throws `LinkError` when an import does not match, `Trap` when initialisation traps, and
   * (with `Config.lazyValidation`) `CompileError` when the start function reaches a bad body.
   * `imports` may be left out when the module imports nothing.
   */
  constructor(readonly store: Store<any>, module: Module, imports: readonly Extern[] = []) {
    if (module.engine !== store.engine) throw new EngineMismatchError("the module and the store belong to different engines");
    if (!Array.isArray(imports)) throw new TypeError("imports must be an array of externs, in the order of module.imports()");
    const entities = imports.map((ext, i) => entityOf(store, ext, `import ${i}`));
    try {
      this.entity = instantiate(store.pruned, module.compiled, entities);
    } catch (e) {
      // the start function threw an exception, or its body was found bad by lazy validation
      throw compileErrorOfCall(embedderError(store, e));
    }
    const exports = Object.create(null) as Record<string, Extern>;
    for (const [name, ext] of this.entity.exports) {
      Object.defineProperty(exports, name, { value: externOf(store, ext), enumerable: true });
    }
    this.exports = Object.freeze(exports);
    store.handles.set(this.entity, this);
  }

  /** The module this is an instance of. */
  get compiled(): CompiledModule {
    return this.entity.module as CompiledModule;
  }

  getExport(name: string): Extern | undefined {
    return Object.hasOwn(this.exports, name) ? this.exports[name] : undefined;
  }

  getFunc(name: string): Func | undefined {
    const e = this.getExport(name);
    return e instanceof Func ? e : undefined;
  }

  getMemory(name: string): Memory | undefined {
    const e = this.getExport(name);
    return e instanceof Memory ? e : undefined;
  }

  getTable(name: string): Table | undefined {
    const e = this.getExport(name);
    return e instanceof Table ? e : undefined;
  }

  getGlobal(name: string): Global | undefined {
    const e = this.getExport(name);
    return e instanceof Global ? e : undefined;
  }

  /** The exported tag `name` (exception handling), if there is one. */
  getTag(name: string): Tag | undefined {
    const e = this.getExport(name);
    return e instanceof Tag ? e : undefined;
  }
}
