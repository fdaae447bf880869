import { Cursor, fail } from "./cursor.js";
import { unsigned } from "./literals.js";
import { ByteWriter } from "./writer.js";

// Table and memory types: address type, limits, and for memories `shared` and custom page sizes.

export interface Limits {
  is64: boolean;
  min: bigint;
  max?: bigint;
}

/** `i32|i64? min max?` */
export function readLimits(c: Cursor, strict32: boolean): Limits {
  let is64 = false;
  if (c.takeKeyword("i64")) is64 = true;
  else c.takeKeyword("i32");
  const bits = is64 || !strict32 ? 64 : 32;
  const min = unsigned(c.next(), bits);
  const max = c.isAtom("num") ? unsigned(c.next(), bits) : undefined;
  return max === undefined ? { is64, min } : { is64, min, max };
}

/** True if the cursor is at a limits' minimum (possibly after an address type). */
export function atLimits(c: Cursor): boolean {
  const k = c.peekKeyword();
  return c.isAtom("num") || ((k === "i64" || k === "i32") && c.isAtom("num", 1));
}

export function writeLimits(w: ByteWriter, l: Limits, extraFlags = 0): void {
  w.byte((l.max !== undefined ? 1 : 0) | (l.is64 ? 4 : 0) | extraFlags);
  w.u64(l.min);
  if (l.max !== undefined) w.u64(l.max);
}

/** `(pagesize n)`: the log2 of a power-of-two page size. */
export function readPageSize(c: Cursor): number | undefined {
  const p = c.takeList("pagesize");
  if (p === undefined) return undefined;
  const pc = Cursor.of(p);
  const e = pc.next();
  pc.expectEnd();
  const size = unsigned(e, 64);
  if (size === 0n || (size & (size - 1n)) !== 0n) fail("invalid custom page size", e);
  let log = 0;
  while (1n << BigInt(log) < size) log++;
  return log;
}

/** A memory type after the address type and limits: `shared? (pagesize n)?`. */
export function memoryType(c: Cursor, strict32: boolean): { bytes: Uint8Array; is64: boolean } {
  const limits = readLimits(c, strict32);
  const shared = c.takeKeyword("shared");
  if (!shared) c.takeKeyword("unshared");
  const pageLog = readPageSize(c);
  const w = new ByteWriter();
  writeLimits(w, limits, (shared ? 2 : 0) | (pageLog !== undefined ? 8 : 0));
  if (pageLog !== undefined) w.u32(pageLog);
  return { bytes: w.finish(), is64: limits.is64 };
}
