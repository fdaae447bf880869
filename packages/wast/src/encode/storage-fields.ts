import type { List } from "../sexpr/types.js";
import { Cursor } from "./cursor.js";
import { encodeElemSegment } from "./elem-segment.js";
import type { FieldEnv } from "./field-env.js";
import { atLimits, memoryType, readLimits, readPageSize, writeLimits } from "./limits.js";
import { dataStrings, elemExprs, funcIndices } from "./segment-fields.js";
import { globalType, refType } from "./types.js";
import { ByteWriter } from "./writer.js";

// Tables, memories, globals and tags (with their import/export abbreviations and inline segments).

/** `i64?` or `i32?` before an abbreviated table or memory: whether addresses are 64-bit. */
function addressType(c: Cursor): boolean {
  if (c.takeKeyword("i64")) return true;
  c.takeKeyword("i32");
  return false;
}

/** `(table ... i64? min max? reftype expr?)` or `(table ... i64? reftype (elem ...))`. */
export function encodeTable(env: FieldEnv, c: Cursor, field: List): void {
  const { index, imported } = env.definitionHead("table", c, field);
  if (imported) return;
  const w = new ByteWriter();
  if (atLimits(c)) {
    const limits = readLimits(c, env.strict32);
    const rt = refType(c.next(), env.ctx.types);
    if (c.atEnd()) {
      writeLimits(w.bytes(rt), limits);
    } else {
      // A table with an initializer expression.
      writeLimits(w.byte(0x40).byte(0).bytes(rt), limits);
      env.constExpr(c, w);
    }
    env.out.tables.push(w.finish());
    return;
  }
  // The table is sized to its inline segment.
  const is64 = addressType(c);
  const rt = refType(c.next(), env.ctx.types);
  const ec = Cursor.of(c.expectList("elem"));
  c.expectEnd();
  const byIndex = ec.isAtom("id") || ec.isAtom("num") || ec.atEnd();
  // Function indices: the compact form for a funcref table (its type, (ref func), matches), else `ref.func`s
  // of the table's element type.
  const compact = byIndex && rt.length === 1 && rt[0] === 0x70;
  const items = byIndex
    ? funcIndices(env, ec).map((i) => (compact ? i : Uint8Array.of(0xd2, ...i, 0x0b)))
    : elemExprs(env, ec);
  const n = BigInt(items.length);
  writeLimits(w.bytes(rt), { is64, min: n, max: n });
  env.out.tables.push(w.finish());
  const offset = Uint8Array.of(is64 ? 0x42 : 0x41, 0, 0x0b);
  env.out.elems.push(encodeElemSegment({ mode: "active", table: index, offset, reftype: compact ? undefined : rt, items }));
}

/** `(memory ... i64? min max? shared? (pagesize n)?)` or `(memory ... i64? (pagesize n)? (data ...))`. */
export function encodeMemory(env: FieldEnv, c: Cursor, field: List): void {
  const { index, imported } = env.definitionHead("memory", c, field);
  if (imported) return;
  if (atLimits(c)) {
    env.out.memories.push(memoryType(c, env.strict32).bytes);
    c.expectEnd();
    return;
  }
  // The memory is sized to its inline segment.
  const is64 = addressType(c);
  const pageLog = readPageSize(c);
  const data = c.expectList("data");
  c.expectEnd();
  const bytes = dataStrings(Cursor.of(data));
  const pages = BigInt(Math.ceil(bytes.length / 2 ** (pageLog ?? 16)));
  const w = new ByteWriter();
  writeLimits(w, { is64, min: pages, max: pages }, pageLog !== undefined ? 8 : 0);
  if (pageLog !== undefined) w.u32(pageLog);
  env.out.memories.push(w.finish());
  const seg = new ByteWriter();
  if (index === 0) seg.byte(0);
  else seg.byte(2).u32(index);
  seg.bytes([is64 ? 0x42 : 0x41, 0, 0x0b]).name(bytes);
  env.out.datas.push(seg.finish());
}

/** `(global ... globaltype expr)` */
export function encodeGlobal(env: FieldEnv, c: Cursor, field: List): void {
  if (env.definitionHead("global", c, field).imported) return;
  const w = new ByteWriter().bytes(globalType(c.next(), env.ctx.types));
  env.constExpr(c, w);
  env.out.globals.push(w.finish());
}

/** `(tag ... typeuse)` */
export function encodeTag(env: FieldEnv, c: Cursor, field: List): void {
  if (env.definitionHead("tag", c, field).imported) return;
  const { index } = env.ctx.typeUse(c);
  c.expectEnd();
  env.out.tags.push(new ByteWriter().byte(0).u32(index).finish());
}
