import { ByteWriter } from "./writer.js";

/** An element segment, ready to encode in whichever of the eight binary forms fits. */
export interface ElemSegment {
  mode: "passive" | "declare" | "active";
  table: number;
  /** The offset expression (with `end`) of an active segment. */
  offset: Uint8Array;
  /** The element type when the items are expressions; undefined when they are function indices. */
  reftype?: number[];
  /** Function indices (LEB128) or expressions (with `end`). */
  items: Uint8Array[];
}

const FUNCREF = 0x70;

export function encodeElemSegment(s: ElemSegment): Uint8Array {
  const { reftype, items } = s;
  const funcref = reftype === undefined || (reftype.length === 1 && reftype[0] === FUNCREF);
  // (expressions stay expressions: in 3.0 a segment of function indices has type (ref func), not funcref)
  const exprs = reftype !== undefined;
  const kind = exprs ? reftype! : [0x00];
  const w = new ByteWriter();
  switch (s.mode) {
    case "passive":
      w.byte(exprs ? 5 : 1).bytes(kind);
      break;
    case "declare":
      w.byte(exprs ? 7 : 3).bytes(kind);
      break;
    case "active":
      if (s.table === 0 && funcref) w.byte(exprs ? 4 : 0).bytes(s.offset);
      else w.byte(exprs ? 6 : 2).u32(s.table).bytes(s.offset).bytes(kind);
      break;
  }
  w.u32(items.length);
  for (const i of items) w.bytes(i);
  return w.finish();
}
