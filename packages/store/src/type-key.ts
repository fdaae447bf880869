/**
 * A runtime token standing for the type `T` of a store's host data (TypeScript erases types; this plays
 * the part of Rust's `TypeId`). Two keys are the same type only if they are the same object.
 */
export class TypeKey<T = unknown> {
  /** Phantom field: ties the key to `T` at compile time; never set. */
  declare readonly __type?: T;

  constructor(readonly name: string) {}

  toString(): string {
    return `TypeKey(${this.name})`;
  }
}

/** The key of stores created without an explicit key. */
export const UNKEYED: TypeKey<unknown> = new TypeKey<unknown>("unknown");
