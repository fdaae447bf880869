import { ExternKind, type ExternEntity } from "@wasmi-ts/store";
import { Func } from "./func.js";
import { Global } from "./global.js";
import { Memory } from "./memory.js";
import type { Store } from "./store.js";
import { Table } from "./table.js";
import { Tag } from "./tag.js";

/** Anything an instance can import or export. */
export type Extern = Func | Table | Memory | Global | Tag;

/** The handle of an entity of `store` (one handle per entity). */
export function externOf(store: Store<any>, ext: ExternEntity): Extern {
  switch (ext.kind) {
    case ExternKind.Func: return Func.fromEntity(store, ext.value);
    case ExternKind.Table: return Table.fromEntity(store, ext.value);
    case ExternKind.Memory: return Memory.fromEntity(store, ext.value);
    case ExternKind.Global: return Global.fromEntity(store, ext.value);
    case ExternKind.Tag: return Tag.fromEntity(store, ext.value);
  }
}

/** The entity behind a handle, checking that it belongs to `store`. */
export function entityOf(store: Store<any>, ext: Extern, what: string): ExternEntity {
  if (ext instanceof Func) {
    store.assertOwns(ext.store, what);
    return { kind: ExternKind.Func, value: ext.entity };
  }
  if (ext instanceof Table) {
    store.assertOwns(ext.store, what);
    return { kind: ExternKind.Table, value: ext.entity };
  }
  if (ext instanceof Memory) {
    store.assertOwns(ext.store, what);
    return { kind: ExternKind.Memory, value: ext.entity };
  }
  if (ext instanceof Global) {
    store.assertOwns(ext.store, what);
    return { kind: ExternKind.Global, value: ext.entity };
  }
  if (ext instanceof Tag) {
    store.assertOwns(ext.store, what);
    return { kind: ExternKind.Tag, value: ext.entity };
  }
  throw new TypeError(`${what} is not a Func, Table, Memory, Global or Tag`);
}
