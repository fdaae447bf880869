import { isIndex } from "./context.js";
import { Cursor, fail, headOf } from "./cursor.js";
import { encodeElemSegment, type ElemSegment } from "./elem-segment.js";
import type { FieldEnv } from "./field-env.js";
import { refType, refTypeOrUndefined } from "./types.js";
import { ByteWriter } from "./writer.js";

// Element and data segments, and the element lists they share with inline table segments.

/** An offset: `(offset instr*)` or a single folded instruction. */
function offsetExpr(env: FieldEnv, c: Cursor): Uint8Array {
  const e = c.expectList();
  const w = new ByteWriter();
  if (headOf(e) === "offset") env.constExpr(Cursor.of(e), w);
  else env.constExpr(new Cursor([e], e.span), w);
  return w.finish();
}

/** Element expressions: `(item instr*)` or single folded instructions. */
export function elemExprs(env: FieldEnv, c: Cursor): Uint8Array[] {
  const items: Uint8Array[] = [];
  while (!c.atEnd()) {
    const e = c.expectList();
    const w = new ByteWriter();
    if (headOf(e) === "item") env.constExpr(Cursor.of(e), w);
    else env.constExpr(new Cursor([e], e.span), w);
    items.push(w.finish());
  }
  return items;
}

export function funcIndices(env: FieldEnv, c: Cursor): Uint8Array[] {
  const items: Uint8Array[] = [];
  while (!c.atEnd()) items.push(new ByteWriter().u32(env.ctx.funcs.resolve(c.next())).finish());
  return items;
}

/** `(elem $id? declare? ((table $t)? offset)? elemlist)`, also the legacy `(elem 0? offset $f*)`. */
export function encodeElem(env: FieldEnv, c: Cursor): void {
  c.takeId();
  const segment: ElemSegment = { mode: "passive", table: 0, offset: new Uint8Array(), items: [] };
  if (c.takeKeyword("declare")) segment.mode = "declare";
  else {
    const t = c.takeList("table");
    if (t !== undefined) {
      const tc = Cursor.of(t);
      segment.table = env.ctx.tables.resolve(tc.next());
      tc.expectEnd();
    } else if (isIndex(c.peek()) && c.peek(1)?.type === "list") {
      segment.table = env.ctx.tables.resolve(c.next());
    }
    const p = c.peek();
    if (t !== undefined || (p?.type === "list" && headOf(p) !== "ref" && headOf(p) !== "item")) {
      segment.mode = "active";
      segment.offset = offsetExpr(env, c);
    }
  }
  if (c.takeKeyword("func") || (segment.mode === "active" && (c.atEnd() || isIndex(c.peek())))) {
    segment.items = funcIndices(env, c);
  } else {
    const e = c.next();
    if (refTypeOrUndefined(e, env.ctx.types) === undefined) fail("unexpected token", e);
    segment.reftype = refType(e, env.ctx.types);
    segment.items = elemExprs(env, c);
  }
  env.out.elems.push(encodeElemSegment(segment));
}

/** `(data $id? ((memory $m)? offset)? "bytes"*)`, also the legacy `(data 0 offset ...)`. */
export function encodeData(env: FieldEnv, c: Cursor): void {
  c.takeId();
  const w = new ByteWriter();
  let memory: number | undefined;
  const m = c.takeList("memory");
  if (m !== undefined) {
    const mc = Cursor.of(m);
    memory = env.ctx.memories.resolve(mc.next());
    mc.expectEnd();
  } else if (isIndex(c.peek())) {
    memory = env.ctx.memories.resolve(c.next());
  }
  if (memory !== undefined || c.peek()?.type === "list") {
    if (memory === undefined || memory === 0) w.byte(0);
    else w.byte(2).u32(memory);
    w.bytes(offsetExpr(env, c));
  } else {
    w.byte(1);
  }
  w.name(dataStrings(c));
  env.out.datas.push(w.finish());
}

/** Concatenated string literals (data segment contents). */
export function dataStrings(c: Cursor): Uint8Array {
  const parts: Uint8Array[] = [];
  while (!c.atEnd()) parts.push(c.expectString());
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

