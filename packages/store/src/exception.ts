// Exception handling: tags and the exceptions thrown with them. An exception is an object of the store
// (like a function or a global): it persists beyond the value stack, so its values are kept in the
// layout of value-stack slots (numbers as words) and its references as objects (see `refs.ts`). On the
// value stack an exnref is the number of the `ExceptionEntity` in `LiveRefs`.

import { isRefType, slotCount, type FuncType } from "./types.js";

/** A tag: the identity an exception is thrown and caught with, and the types of its values. */
export class TagEntity {
  /** Word offset (2 words per slot) of each parameter in an exception's `words`. */
  readonly offsets: Int32Array;
  /** Words taken by an exception's values. */
  readonly words: number;
  /** Whether any parameter is a reference. */
  readonly hasRefs: boolean;
  /** The host layer's handle (set by it). */
  owner: unknown = null;

  constructor(readonly type: FuncType) {
    const params = type.params;
    this.offsets = new Int32Array(params.length);
    let w = 0;
    let refs = false;
    for (let i = 0; i < params.length; i++) {
      this.offsets[i] = w;
      w += 2 * slotCount(params[i]!);
      if (isRefType(params[i]!)) refs = true;
    }
    this.words = w;
    this.hasRefs = refs;
  }
}

/**
 * A thrown exception: a tag and its values. This object is what propagates through JavaScript while an
 * exception unwinds (the host layer gives the embedder its `Exception` handle instead). It is not an
 * `Error`: Wasm exceptions carry no JavaScript stack.
 */
export class ExceptionEntity {
  /** References among the values, by parameter index (null when the tag has none). */
  readonly refs: unknown[] | null;
  /** The host layer's handle (set by it). */
  owner: unknown = null;

  constructor(
    readonly tag: TagEntity,
    /** The values in value-stack slot layout: numbers as words; a reference's words are unused. */
    readonly words: Int32Array,
  ) {
    this.refs = tag.hasRefs ? new Array<unknown>(tag.type.params.length).fill(null) : null;
  }
}
