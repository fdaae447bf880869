import type { Atom, SExpr } from "../sexpr/types.js";
import type { BodyContext } from "./body-context.js";
import type { Cursor } from "./cursor.js";
import { fail } from "./cursor.js";
import type { EncodeOptions } from "./options.js";
import { unsigned } from "./literals.js";
import type { ByteWriter } from "./writer.js";

// Memory arguments: `memidx? offset=N? align=N?`, encoded as alignment flags, memory index, offset.

function keywordValue(e: SExpr | undefined, prefix: string): string | undefined {
  if (e === undefined || e.type !== "atom" || e.kind !== "keyword" || !e.value.startsWith(prefix)) return undefined;
  return e.value.slice(prefix.length);
}

/** The number after `offset=` / `align=`, positioned at the keyword. */
function attrValue(atom: Atom, text: string, bits: 32 | 64): bigint {
  return unsigned({ ...atom, kind: "num", value: text }, bits);
}

/** `lane` marks lane accesses, whose lane index follows (so a lone number is the lane, not a memory). */
export function memarg(c: Cursor, b: BodyContext, natural: number, lane: boolean, w: ByteWriter, opts: EncodeOptions): void {
  let mem = 0;
  const next = c.peek(1);
  const attrNext = keywordValue(next, "offset=") !== undefined || keywordValue(next, "align=") !== undefined;
  if (c.isAtom("id") || (c.isAtom("num") && (!lane || attrNext || c.isAtom("num", 1)))) {
    mem = b.module.memories.resolve(c.next());
  }
  let offset = 0n;
  let align = BigInt(natural);
  const off = keywordValue(c.peek(), "offset=");
  const offsetBits = opts.strict32 && !b.module.memory64[mem] ? 32 : 64;
  if (off !== undefined) offset = attrValue(c.next() as Atom, off, offsetBits);
  const al = keywordValue(c.peek(), "align=");
  if (al !== undefined) {
    const at = c.next() as Atom;
    align = attrValue(at, al, 64);
    if (align === 0n || (align & (align - 1n)) !== 0n) fail("alignment must be a power of two", at);
  }
  let log = 0;
  while (1n << BigInt(log) < align) log++;
  w.u32(mem !== 0 ? log | 0x40 : log);
  if (mem !== 0) w.u32(mem);
  w.u64(offset);
}

