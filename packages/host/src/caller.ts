import type { InstanceEntity } from "@wasmi-ts/store";
import { externOf, type Extern } from "./extern.js";
import type { Func } from "./func.js";
import type { Global } from "./global.js";
import type { Memory } from "./memory.js";
import type { Store } from "./store.js";
import type { Table } from "./table.js";

/** What a host function sees of its caller: the store (and its data) and the calling instance's exports. */
export class Caller<T> {
  constructor(
    readonly store: Store<T>,
    /** The instance whose code made the call; null when the embedder called the host function. */
    readonly instance: InstanceEntity | null,
  ) {}

  get data(): T {
    return this.store.data;
  }

  set data(value: T) {
    this.store.data = value;
  }

  /** An export of the calling instance (undefined if there is none, or no calling instance). */
  getExport(name: string): Extern | undefined {
    const ext = this.instance?.exports.get(name);
    return ext === undefined ? undefined : externOf(this.store, ext);
  }

  getFunc(name: string): Func | undefined {
    return this.getExport(name) as Func | undefined;
  }

  getMemory(name: string): Memory | undefined {
    return this.getExport(name) as Memory | undefined;
  }

  getTable(name: string): Table | undefined {
    return this.getExport(name) as Table | undefined;
  }

  getGlobal(name: string): Global | undefined {
    return this.getExport(name) as Global | undefined;
  }
}
