// References (funcref, externref) live as objects wherever they persist: table elements and element
// segments hold them, a reference-typed global holds its value in `GlobalEntity.ref`. A function reference
// is its `FuncEntity`, an extern reference the host value itself, and the null reference is `null`. So
// nothing but what can still reach an instance keeps it alive, and JavaScript's garbage collector frees
// what Wasm and the host have dropped.
//
// Only the value stack, which holds numbers, carries references as numbers: indices into the store's
// `LiveRefs`, given out while the store runs and forgotten when its outermost call has returned (see
// `PrunedStore.releaseRefs`). A number is therefore valid from the moment it is made until the host call
// that made it returns to the embedder; it must not be kept beyond that.

/** The number of the null reference, on the value stack. */
export const NULL_REF = 0;

/** The references that numbers on the value stack stand for (number n is `values[n]`; 0 is null). */
export class LiveRefs {
  private values: unknown[] = [null];
  private readonly numbers = new Map<unknown, number>();

  /** The number of `value` (null: the null reference, 0); the same value always gets the same number, so
   * numbers compare as the references do. */
  number(value: unknown): number {
    if (value === null) return NULL_REF;
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.values.length;
      this.values.push(value);
      this.numbers.set(value, n);
    }
    return n;
  }

  /** The reference that number `n` stands for (null for 0). */
  value(n: number): unknown {
    return this.values[n];
  }

  /** How many references have numbers now. */
  get size(): number {
    return this.values.length - 1;
  }

  /** Forgets every number given out. */
  clear(): void {
    if (this.values.length === 1) return;
    this.values = [null];
    this.numbers.clear();
  }
}
