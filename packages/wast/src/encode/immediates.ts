import type { SExpr } from "../sexpr/types.js";
import type { BodyContext } from "./body-context.js";
import { isIndex } from "./context.js";
import { Cursor, fail } from "./cursor.js";
import { f32Bits, f64Bits, intBits, signed, u32 } from "./literals.js";
import { memarg } from "./memarg.js";
import { laneIndex, shuffle, v128Const } from "./simd-immediates.js";
import type { OpInfo } from "./opcodes.js";
import type { EncodeOptions } from "./options.js";
import { heapType, refTypeOrUndefined, valType } from "./types.js";
import type { ByteWriter } from "./writer.js";

// The immediates of table-driven instructions, read from the text and written after the opcode.

/** An optional index: present if the next item is `$name` or a number. */
function optIndex(c: Cursor, resolve: (e: SExpr) => number): number | undefined {
  return isIndex(c.peek()) ? resolve(c.next()) : undefined;
}

/** Destination and source of a copy: both written, or neither (index 0). */
function indexPair(c: Cursor, resolve: (e: SExpr) => number): [number, number] {
  const dst = optIndex(c, resolve);
  if (dst === undefined) return [0, 0];
  if (!isIndex(c.peek())) fail("unexpected token", c.here());
  return [dst, resolve(c.next())];
}

/** A field of struct type `typeIndex`, by number or by its `$name`. */
function fieldIndex(e: SExpr, typeIndex: number, b: BodyContext): number {
  if (e.type === "atom" && e.kind === "id") {
    const def = b.module.typeDefs[typeIndex];
    if (def === undefined) fail("unknown field", e);
    return def.fieldNames.resolve(e);
  }
  return u32(e);
}

/** Writes a table-driven instruction: its opcode and its immediates, read from `c`. */
export function encodeOp(c: Cursor, op: OpInfo, b: BodyContext, w: ByteWriter, opts: EncodeOptions): void {
  // `select` and `ref.test`/`ref.cast` pick their opcode from their immediates.
  if (op.imm !== "select" && op.imm !== "ref_test") w.bytes(op.code);
  const m = b.module;
  switch (op.imm) {
    case "none":
    case "block":
      return;
    case "label":
      w.u32(b.label(c.next()));
      return;
    case "br_table": {
      const labels: number[] = [];
      while (isIndex(c.peek())) labels.push(b.label(c.next()));
      if (labels.length === 0) fail("unexpected token", c.here());
      w.u32(labels.length - 1);
      for (const l of labels) w.u32(l);
      return;
    }
    case "func":
      w.u32(m.funcs.resolve(c.next()));
      return;
    case "call_indirect": {
      const table = optIndex(c, (e) => m.tables.resolve(e)) ?? 0;
      const { index } = m.typeUse(c, false);
      w.u32(index).u32(table);
      return;
    }
    case "local":
      w.u32(b.local(c.next()));
      return;
    case "global":
      w.u32(m.globals.resolve(c.next()));
      return;
    case "table":
      w.u32(optIndex(c, (e) => m.tables.resolve(e)) ?? 0);
      return;
    case "memory":
      w.u32(optIndex(c, (e) => m.memories.resolve(e)) ?? 0);
      return;
    case "memarg":
      memarg(c, b, op.natural!, false, w, opts);
      return;
    case "memarg_lane":
      memarg(c, b, op.natural!, true, w, opts);
      laneIndex(c, w);
      return;
    case "i32":
      w.sleb(signed(intBits(c.next(), 32), 32));
      return;
    case "i64":
      w.sleb(signed(intBits(c.next(), 64), 64));
      return;
    case "f32":
      w.fixed(f32Bits(c.next()), 4);
      return;
    case "f64":
      w.fixed(f64Bits(c.next()), 8);
      return;
    case "v128":
      v128Const(c, w);
      return;
    case "lane":
      laneIndex(c, w);
      return;
    case "shuffle":
      shuffle(c, w);
      return;
    case "select": {
      const types: number[][] = [];
      let typed = false;
      while (c.peekHead() === "result") {
        typed = true;
        const r = Cursor.of(c.expectList());
        while (!r.atEnd()) types.push(valType(r.next(), m.types));
      }
      if (!typed) {
        w.bytes(op.code);
        return;
      }
      w.byte(0x1c).u32(types.length);
      for (const t of types) w.bytes(t);
      return;
    }
    case "heaptype":
      w.bytes(heapType(c.next(), m.types));
      return;
    case "type":
      w.u32(m.types.resolve(c.next()));
      return;
    case "type_field": {
      const t = m.types.resolve(c.next());
      w.u32(t).u32(fieldIndex(c.next(), t, b));
      return;
    }
    case "type_type":
      w.u32(m.types.resolve(c.next())).u32(m.types.resolve(c.next()));
      return;
    case "type_data":
      w.u32(m.types.resolve(c.next())).u32(m.datas.resolve(c.next()));
      return;
    case "type_elem":
      w.u32(m.types.resolve(c.next())).u32(m.elems.resolve(c.next()));
      return;
    case "type_count":
      w.u32(m.types.resolve(c.next())).u32(u32(c.next()));
      return;
    case "ref_test": {
      const e = c.next();
      const r = refTypeOrUndefined(e, m.types);
      if (r === undefined) fail("unexpected token", e);
      // The nullable form is the next sub-opcode.
      w.byte(op.code[0]!).u32(op.code[1]! + (r.nullable ? 1 : 0)).bytes(r.heap);
      return;
    }
    case "br_on_cast": {
      const label = b.label(c.next());
      const e1 = c.next();
      const r1 = refTypeOrUndefined(e1, m.types) ?? fail("unexpected token", e1);
      const e2 = c.next();
      const r2 = refTypeOrUndefined(e2, m.types) ?? fail("unexpected token", e2);
      w.byte((r1.nullable ? 1 : 0) | (r2.nullable ? 2 : 0)).u32(label).bytes(r1.heap).bytes(r2.heap);
      return;
    }
    case "tag":
      w.u32(m.tags.resolve(c.next()));
      return;
    case "table_table": {
      const [dst, src] = indexPair(c, (e) => m.tables.resolve(e));
      w.u32(dst).u32(src);
      return;
    }
    case "table_init": {
      const first = c.next();
      if (isIndex(c.peek())) w.u32(m.elems.resolve(c.next())).u32(m.tables.resolve(first));
      else w.u32(m.elems.resolve(first)).u32(0);
      return;
    }
    case "memory_memory": {
      const [dst, src] = indexPair(c, (e) => m.memories.resolve(e));
      w.u32(dst).u32(src);
      return;
    }
    case "memory_init": {
      m.usesDataIndex = true;
      const first = c.next();
      if (isIndex(c.peek())) w.u32(m.datas.resolve(c.next())).u32(m.memories.resolve(first));
      else w.u32(m.datas.resolve(first)).u32(0);
      return;
    }
    case "elem":
      w.u32(m.elems.resolve(c.next()));
      return;
    case "data":
      m.usesDataIndex = true;
      w.u32(m.datas.resolve(c.next()));
      return;
    case "fence":
      w.byte(0);
      return;
  }
}
