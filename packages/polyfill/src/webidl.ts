// The shapes WebIDL gives the JS API's objects, which JS classes do not have by themselves: enumerable
// methods and accessors, a `Symbol.toStringTag` per prototype, lengths that count required arguments,
// and the argument conversions ([EnforceRange] integers, dictionaries).

/** Makes an interface object look as WebIDL says: methods and accessors of the prototype (and the
 * static methods) enumerable, the prototype's toStringTag, the constructor's length. */
export function webidlInterface(ctor: Function, tag: string, length: number, statics: readonly string[] = []): void {
  const proto = ctor.prototype as object;
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key === "constructor") continue;
    Object.defineProperty(proto, key, { enumerable: true });
  }
  for (const key of statics) Object.defineProperty(ctor, key, { enumerable: true });
  Object.defineProperty(proto, Symbol.toStringTag, { value: tag, writable: false, enumerable: false, configurable: true });
  Object.defineProperty(ctor, "length", { value: length });
}

/** Sets a function's `length` (WebIDL counts the required arguments only). */
export function withLength<F extends Function>(fn: F, length: number): F {
  Object.defineProperty(fn, "length", { value: length });
  return fn;
}

/** WebIDL `[EnforceRange] unsigned long` (or `unsigned long long` up to `max`): a TypeError unless finite,
 * then truncated and checked to be in [0, max]. */
export function enforceRange(value: unknown, what: string, max = 0xffff_ffff): number {
  const n = toNumber(value);
  if (!Number.isFinite(n)) throw new TypeError(`${what}: ${String(n)} is not a finite number`);
  const t = Math.trunc(n);
  if (t < 0 || t > max) throw new TypeError(`${what}: ${t} is outside [0, ${max}]`);
  return t;
}

/** ECMAScript ToNumber (throws TypeError for BigInt and Symbol, as `+value` does). */
export function toNumber(value: unknown): number {
  return +(value as number);
}

/** A dictionary argument: undefined and null are empty dictionaries; anything else must be an object. */
export function dictionary(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" && typeof value !== "function") throw new TypeError(`${what} must be an object`);
  return value as Record<string, unknown>;
}

/** A `BufferSource` argument: a private copy of its bytes, or TypeError. */
export function bufferSourceBytes(value: unknown, what: string): Uint8Array {
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice();
  if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
  if (Object.prototype.toString.call(value) === "[object ArrayBuffer]") return new Uint8Array((value as ArrayBuffer).slice(0));
  throw new TypeError(`${what}: expected an ArrayBuffer or a typed array (BufferSource)`);
}

/** The JS API's `AddressType` ("i32" or "i64", the memory64 and table64 proposals), default "i32". */
export type AddressType = "i32" | "i64";

export function addressType(value: unknown, what: string): AddressType {
  if (value === undefined) return "i32";
  const s = `${value}`;
  if (s !== "i32" && s !== "i64") throw new TypeError(`${what}: the address type must be "i32" or "i64", got "${s}"`);
  return s;
}

/** An `AddressValue` of `address` type: [EnforceRange] unsigned long for i32, a bigint in [0, 2^64) for i64. */
export function addressValue(value: unknown, address: AddressType, what: string): number {
  if (address === "i32") return enforceRange(value, what);
  const b = BigInt.asIntN(128, value as bigint); // ToBigInt: TypeError for numbers, undefined, symbols
  if (b < 0n || b >= 2n ** 64n) throw new TypeError(`${what}: ${b} is outside [0, 2^64)`);
  return Number(b);
}

/** The `initial` (required) and `maximum` members of a memory or table descriptor, read in that order. */
export function descriptorLimits(d: Record<string, unknown>, address: AddressType, what: string): { initial: number; maximum: number | null } {
  const initialValue = d.initial;
  if (initialValue === undefined) throw new TypeError(`${what}: the descriptor needs \`initial\``);
  const initial = addressValue(initialValue, address, `${what}: initial`);
  const maximumValue = d.maximum;
  const maximum = maximumValue === undefined ? null : addressValue(maximumValue, address, `${what}: maximum`);
  return { initial, maximum };
}

/** A size or index as the address type gives it to JS: a number for i32, a bigint for i64. */
export function fromAddress(value: number, address: AddressType): number | bigint {
  return address === "i64" ? BigInt(value) : value;
}
