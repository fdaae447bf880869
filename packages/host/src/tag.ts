import { FuncType, TagEntity, valTypeName, type ValType } from "@wasmi-ts/store";
import type { Store } from "./store.js";

/** A tag's type given as a `FuncType` (no results) or as its parameter list. */
export type TagTypeLike = FuncType | { params: readonly ValType[]; results?: readonly ValType[] };

/**
 * An exception tag of a store (exception handling): the identity Wasm code throws and catches exceptions
 * with, and the types of their values. Tags are never equal by type: each `new Tag` is a tag of its own.
 */
export class Tag {
  readonly entity: TagEntity;

  /** A new tag of `store` whose exceptions carry values of `type.params`. */
  constructor(readonly store: Store<any>, type: TagTypeLike, /** @internal */ entity?: TagEntity) {
    if (entity === undefined) {
      const results = type.results ?? [];
      if (results.length !== 0) {
        throw new TypeError(`a tag's type has no results, got [${results.map(valTypeName).join(" ")}]`);
      }
      const ft = type instanceof FuncType ? type : new FuncType([...type.params], []);
      store.engine.registry.intern(ft);
      entity = new TagEntity(ft);
    }
    this.entity = entity;
    store.handles.set(entity, this);
  }

  /** The one handle of `entity` in `store`. */
  static fromEntity(store: Store<any>, entity: TagEntity): Tag {
    return (store.handles.get(entity) as Tag | undefined) ?? new Tag(store, entity.type, entity);
  }

  /** The tag's type: its parameters are an exception's values. */
  get type(): FuncType {
    return this.entity.type;
  }
}
