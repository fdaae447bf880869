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

// An i31ref needs no number of its own: it is its 31-bit value with bit 31 set, a negative int32, where
// `LiveRefs` numbers are positive. So ref.i31 allocates nothing, equal i31s are equal numbers (ref.eq
// compares numbers), and null (0) is not one. Where references persist (tables, globals, fields, the host)
// an i31 is a JavaScript number, its signed value: a number that fits 31 bits is an i31 wherever it
// appears as a reference, which is what the JS API does (ToWebAssemblyValue of anyref, any.convert_extern).

/** The smallest and largest values of an i31ref. */
export const I31_MIN = -0x40000000;
export const I31_MAX = 0x3fffffff;

/** The value-stack number of an i31ref of the low 31 bits of `x`. */
export function i31Number(x: number): number {
  return x | -0x80000000;
}

/** Whether `value`, a reference that persists, is an i31ref (a JavaScript number that fits 31 bits). */
export function isI31(value: unknown): value is number {
  return typeof value === "number" && (value | 0) === value && value >= I31_MIN && value <= I31_MAX && !Object.is(value, -0);
}

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
    if (typeof value === "number" && isI31(value)) return i31Number(value);
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
    if (n < 0) return (n << 1) >> 1; // an i31 (see above)
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
