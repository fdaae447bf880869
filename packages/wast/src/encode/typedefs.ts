import type { List } from "../sexpr/types.js";
import { IndexSpace, isIndex } from "./context.js";
import { Cursor, fail, headOf } from "./cursor.js";
import { encodeSig, fieldType, funcSig, type FuncSig, type TypeBytes } from "./types.js";
import { ByteWriter } from "./writer.js";

/** One entry of the type index space. */
export interface TypeDef {
  /** The binary `subtype` (or bare composite type). */
  bytes: TypeBytes;
  /** Set when the composite type is a function type. */
  sig?: FuncSig;
  /** `$name`s of struct fields. */
  fieldNames: IndexSpace;
  /** A final function type without supertypes (alone in its group, checked by the caller): what implicit type uses may reuse. */
  plainFunc: boolean;
}

/** A rec group (or a single type written without `rec`). */
export interface TypeGroup {
  defs: TypeDef[];
  rec: boolean;
}

function compType(list: List, types: IndexSpace, def: TypeDef): TypeBytes {
  const c = Cursor.of(list);
  switch (headOf(list)) {
    case "func": {
      const sig = funcSig(c, types);
      c.expectEnd();
      def.sig = sig;
      return encodeSig(sig.params, sig.results);
    }
    case "struct": {
      const fields: TypeBytes[] = [];
      while (!c.atEnd()) {
        const f = Cursor.of(c.expectList("field"));
        const id = f.takeId();
        if (id !== undefined) {
          def.fieldNames.bind(id, fields.length);
          fields.push(fieldType(f.next(), types));
          f.expectEnd();
        } else {
          while (!f.atEnd()) fields.push(fieldType(f.next(), types));
        }
      }
      const w = new ByteWriter().byte(0x5f).u32(fields.length);
      for (const f of fields) w.bytes(f);
      return Array.from(w.finish());
    }
    case "array": {
      let e = c.next();
      if (headOf(e) === "field") {
        const f = Cursor.of(e as List);
        f.takeId();
        e = f.next();
        f.expectEnd();
      }
      c.expectEnd();
      return [0x5e, ...fieldType(e, types)];
    }
    default:
      fail("unexpected token", list);
  }
}

/** The body of `(type $id? ...)`: a composite type or `(sub final? $super* comptype)`. */
export function typeDef(list: List, types: IndexSpace): TypeDef {
  const c = Cursor.of(list);
  c.takeId();
  const def: TypeDef = { bytes: [], fieldNames: new IndexSpace("field"), plainFunc: false };
  const body = c.expectList();
  c.expectEnd();
  if (headOf(body) !== "sub") {
    def.bytes = compType(body, types, def);
    def.plainFunc = def.sig !== undefined;
    return def;
  }
  const s = Cursor.of(body);
  const final = s.takeKeyword("final");
  const supers: number[] = [];
  while (isIndex(s.peek())) supers.push(types.resolve(s.next()));
  const comp = compType(s.expectList(), types, def);
  s.expectEnd();
  def.plainFunc = final && supers.length === 0 && def.sig !== undefined;
  // `(sub final comptype)` is what a bare composite type means: use the short form.
  if (final && supers.length === 0) {
    def.bytes = comp;
    return def;
  }
  const w = new ByteWriter().byte(final ? 0x4f : 0x50).u32(supers.length);
  for (const t of supers) w.u32(t);
  def.bytes = [...w.finish(), ...comp];
  return def;
}

export function encodeTypeSection(groups: TypeGroup[]): ByteWriter {
  const w = new ByteWriter().u32(groups.length);
  for (const g of groups) {
    if (g.rec) w.byte(0x4e).u32(g.defs.length);
    for (const d of g.defs) w.bytes(d.bytes);
  }
  return w;
}
