import type { SExpr } from "../sexpr/types.js";
import type { Cursor } from "./cursor.js";
import { fail } from "./cursor.js";
import { f32Bits, f64Bits, intBits, u32 } from "./literals.js";
import type { ByteWriter } from "./writer.js";

// SIMD immediates: lane indices, shuffles and `v128.const` in its six lane shapes.

export function laneIndex(c: Cursor, w: ByteWriter): void {
  const e = c.next();
  const n = u32(e);
  if (n > 255) fail("constant out of range", e);
  w.byte(n);
}

const SHAPES: Record<string, { lanes: number; bytes: number; float: boolean }> = {
  i8x16: { lanes: 16, bytes: 1, float: false },
  i16x8: { lanes: 8, bytes: 2, float: false },
  i32x4: { lanes: 4, bytes: 4, float: false },
  i64x2: { lanes: 2, bytes: 8, float: false },
  f32x4: { lanes: 4, bytes: 4, float: true },
  f64x2: { lanes: 2, bytes: 8, float: true },
};

function isLaneLiteral(e: SExpr | undefined, float: boolean): boolean {
  if (e === undefined || e.type !== "atom") return false;
  if (e.kind === "num") return true;
  return float && e.kind === "keyword" && /^[+-]?(nan|inf)/.test(e.value);
}

export function v128Const(c: Cursor, w: ByteWriter): void {
  const shapeAtom = c.next();
  const shape = shapeAtom.type === "atom" ? SHAPES[shapeAtom.value] : undefined;
  if (shape === undefined) fail("unexpected token", shapeAtom);
  for (let i = 0; i < shape.lanes; i++) {
    if (!isLaneLiteral(c.peek(), shape.float)) fail("wrong number of lane literals", c.here());
    const e = c.next();
    const bits = shape.float
      ? shape.bytes === 4
        ? f32Bits(e)
        : f64Bits(e)
      : intBits(e, (shape.bytes * 8) as 8 | 16 | 32 | 64);
    w.fixed(bits, shape.bytes);
  }
  if (isLaneLiteral(c.peek(), shape.float)) fail("wrong number of lane literals", c.here());
}


/** `i8x16.shuffle`: exactly 16 lane indices. */
export function shuffle(c: Cursor, w: ByteWriter): void {
  for (let i = 0; i < 16; i++) {
    if (!c.isAtom("num")) fail("invalid lane length", c.here());
    laneIndex(c, w);
  }
  if (c.isAtom("num")) fail("invalid lane length", c.here());
}
