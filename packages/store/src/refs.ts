// References (funcref, externref) live as objects wherever they persist: table elements and element
// segments hold them, a reference-typed global holds its value in `GlobalEntity.ref`. A function reference
// is its `FuncEntity`, an extern reference the host value itself, and the null reference is `null`. So
// nothing but what can still reach an instance keeps it alive, and JavaScript's garbage collector frees
// what Wasm and the host have dropped.
//
// Only the value stack, which holds numbers, carries references as numbers: indices into the store's
// `LiveRefs`, given out while the store runs and forgotten when its outermost call has returned (see
// `PrunedStore.releaseRefs`). A number is therefore valid from the moment it is made until the host call
// that made it returns to the embedder; it must not be kept beyond that. During a long call, the numbers no
// value stack holds any more are forgotten and given out again (`sweep`, for programs that allocate GC
// objects in a loop): a number is only ever kept in a value stack's slots.

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

/**
 * A reference that keeps its own number (GC objects, which programs make by the million): `LiveRefs`
 * finds it in the object instead of a Map. The first `LiveRefs` to number it owns the fields (`refOwner`,
 * its id; 0: none), for good; other stores number it in their Map. The number is the owner's while the
 * owner's epoch is the object's (`refEpoch`): a sweep or the end of a call starts a new epoch, which
 * forgets every number at once without a write to the objects (a sweep would otherwise visit them by the
 * ten thousand, all over the heap), and a sweep moves only the numbers the stacks still hold into the new
 * one. A number found is so checked in the object alone: no read of `values`, and no comparison of
 * references of any kind (which V8's optimized code makes a call).
 */
export class NumberedRef {
  refOwner = 0;
  refNumber = 0;
  refEpoch = 0;
}

let nextLiveRefsId = 1;
/** The epoch after which a LiveRefs takes a new id (see `clear`). */
const MAX_EPOCH = 2 ** 30;

/** What a forgotten number stands for until it is given out again (a host value may be `undefined`). */
const FREE: unique symbol = Symbol("free reference number");
/**
 * The fewest numbers given out between two sweeps. A number keeps its object alive, so V8's young-generation
 * collections copy every object numbered since the last sweep: sweeping often lets the garbage die young
 * (an array of eight i32s made and dropped a million times: 370 ns each with sweeps 65,536 numbers apart,
 * 100 ns 4,096 apart). The interval is also at least an eighth of what a sweep reads (the numbers, the
 * stacks' words), so that sweeping costs a few reads per number given out.
 */
const MIN_SWEEP_INTERVAL = 4096;
/** `LiveRefs.sweep`'s marks of a number: held by a stack, free already. */
const HELD_MARK = 1;
const FREE_MARK = 2;

/** The references that numbers on the value stack stand for (number n is `values[n]`; 0 is null). */
export class LiveRefs {
  /** What each number stands for (read directly by the interpreter's GC instructions: `value` without
   * the i31 case, for numbers of GC objects). */
  values: unknown[] = [null];
  private readonly numbers = new Map<unknown, number>();
  /** Numbers forgotten by `sweep`, to give out again: `free[0 .. freeCount - 1]` (a typed array: a
   * JavaScript array would shrink as numbers are given out and grow again at each sweep, copying). */
  private free = new Int32Array(0);
  private freeCount = 0;
  /** `sweep`'s marks: whether a stack holds number n (kept: a sweep comes every few thousand numbers). */
  private held = new Uint8Array(0);
  /** `sweep` is worth it once this many numbers are given out (the executor checks it at allocations). */
  sweepAt = MIN_SWEEP_INTERVAL;
  /** How many numbers are given out. */
  private count = 0;
  private id = nextLiveRefsId++;
  /** The epoch of the numbers given out (see NumberedRef). */
  private epoch = 1;

  /** The number of `value` (null: the null reference, 0); the same value always gets the same number, so
   * numbers compare as the references do. */
  number(value: unknown): number {
    if (value === null) return NULL_REF;
    if (typeof value === "number" && isI31(value)) return i31Number(value);
    if (value instanceof NumberedRef) {
      if (value.refOwner === this.id) {
        if (value.refEpoch === this.epoch) return value.refNumber;
        return this.numberNew(value); // forgotten since
      }
      if (value.refOwner === 0) return this.numberNew(value);
    }
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.give(value);
      this.numbers.set(value, n);
    }
    return n;
  }

  /** The number of a GC object just made (no number yet): `number` without its tests. */
  numberNew(value: NumberedRef): number {
    const n = this.give(value);
    value.refOwner = this.id;
    value.refNumber = n;
    value.refEpoch = this.epoch;
    return n;
  }

  private give(value: unknown): number {
    this.count++;
    if (this.freeCount > 0) {
      const n = this.free[--this.freeCount]!;
      this.values[n] = value;
      return n;
    }
    this.values.push(value);
    return this.values.length - 1;
  }

  /** Forgets the number of `value` in the Map, if it has one there (see NumberedRef). */
  private forget(value: unknown): void {
    if (!this.owns(value)) this.numbers.delete(value);
  }

  /** Whether `value` is numbered in its own fields by this LiveRefs (see NumberedRef). */
  private owns(value: unknown): value is NumberedRef {
    return value instanceof NumberedRef && value.refOwner === this.id;
  }

  /** The reference that number `n` stands for (null for 0). */
  value(n: number): unknown {
    if (n < 0) return (n << 1) >> 1; // an i31 (see above)
    return this.values[n];
  }

  /** How many references have numbers now. */
  get size(): number {
    return this.count;
  }

  /**
   * Forgets the numbers that no word of `stacks` holds, so that what they stood for can be collected
   * while a long call runs (a program allocating GC objects in a loop); they are given out again. The
   * stacks must be every place numbers are kept during a call: the value stacks of the store's
   * executions. Conservative: any word equal to a number keeps it, whatever the word is.
   */
  sweep(stacks: Iterable<Int32Array>): void {
    const values = this.values;
    const len = values.length;
    if (this.held.length < len) this.held = new Uint8Array(Math.max(len, 2 * this.held.length));
    // marks: FREE_MARK for the numbers free already, HELD_MARK for the others a stack holds, else 0 (so
    // that no value is compared with FREE: `===` on values of any kind is a call in V8's optimized code)
    const held = this.held;
    held.fill(0, 0, len);
    for (let k = 0; k < this.freeCount; k++) held[this.free[k]!] = FREE_MARK;
    let scanned = 0;
    for (const words of stacks) {
      scanned += words.length;
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        if (w > 0 && w < len && held[w] === 0) held[w] = HELD_MARK;
      }
    }
    // the free list anew: every number not held (those free already too); a new epoch, into which the
    // objects of the numbers held move
    if (this.free.length < len) this.free = new Int32Array(Math.max(len, 2 * this.free.length));
    const free = this.free;
    const mapped = this.numbers.size !== 0;
    const epoch = ++this.epoch;
    let freeCount = 0;
    for (let n = 1; n < len; n++) {
      const mark = held[n];
      if (mark === HELD_MARK) {
        const v = values[n];
        if (this.owns(v)) v.refEpoch = epoch;
      } else {
        if (mark === 0 && mapped) this.forget(values[n]);
        values[n] = FREE;
        free[freeCount++] = n;
      }
    }
    this.freeCount = freeCount;
    this.count = len - 1 - freeCount;
    this.sweepAt = this.count + Math.max(MIN_SWEEP_INTERVAL, this.count, (len + scanned) >> 3);
  }

  /** Forgets every number given out. */
  clear(): void {
    if (this.values.length === 1) return;
    // (a new id past 2^30 epochs, where they would stop being V8's small integers: the objects numbered
    // before are then numbered in the Map, as another store's are; a sweep's epochs, which cannot reach
    // 2^53 in one call, stay exact numbers until then)
    if (this.epoch >= MAX_EPOCH) {
      this.id = nextLiveRefsId++;
      this.epoch = 0;
    }
    this.epoch++;
    this.values = [null];
    this.numbers.clear();
    this.count = 0;
    this.freeCount = 0;
    this.sweepAt = MIN_SWEEP_INTERVAL;
  }
}
