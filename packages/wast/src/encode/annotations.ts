import type { List, SExpr } from "../sexpr/types.js";
import { Cursor, fail } from "./cursor.js";

/** A `(@custom "name" (before|after section)? "bytes"*)` annotation: a custom section to emit. */
export interface CustomSection {
  name: Uint8Array;
  /** Where it goes: `before`/`after` a section name, or `first`/`last`. */
  place: "before" | "after";
  anchor: string;
  content: Uint8Array;
}

function isAnnotation(e: SExpr): boolean {
  return e.type === "list" && e.items[0]?.type === "atom" && e.items[0].kind === "annotation";
}

/** `(@name "...")` annotations, by the (annotation-free) list they were written in. */
const nameAnnotations = new WeakMap<List, string>();

/** The name a `(@name "...")` annotation gives the thing this list defines (module, function). */
export function annotatedName(list: List): string | undefined {
  return nameAnnotations.get(list);
}

/** Removes all annotations from the tree (they carry no meaning for the binary), noting `@name`s. */
export function stripAnnotations(list: List): List {
  const items: SExpr[] = [];
  let name: string | undefined;
  for (const e of list.items) {
    if (isAnnotation(e)) {
      const a = e as List;
      const s = a.items[1];
      if (a.items[0]!.type === "atom" && a.items[0].value === "name" && s?.type === "atom" && s.kind === "string") {
        name ??= s.value;
      }
      continue;
    }
    items.push(e.type === "list" ? stripAnnotations(e) : e);
  }
  const stripped: List = { type: "list", items, span: list.span };
  if (name !== undefined) nameAnnotations.set(stripped, name);
  return stripped;
}

const SECTIONS = new Set(["type", "import", "func", "table", "memory", "global", "export", "start", "elem", "code", "data", "datacount", "tag"]);

/** The `@custom` annotations directly inside the module. */
export function customSections(module: List): CustomSection[] {
  const out: CustomSection[] = [];
  for (const e of module.items) {
    if (e.type !== "list" || !isAnnotation(e) || e.items[0]!.type !== "atom" || e.items[0].value !== "custom") continue;
    const c = Cursor.of(e);
    const name = c.expectName();
    let place: CustomSection["place"] = "after";
    let anchor = "last";
    const p = c.peek();
    if (p?.type === "list") {
      const pc = Cursor.of(p, 0);
      place = pc.expectKeyword() as CustomSection["place"];
      anchor = pc.expectKeyword();
      pc.expectEnd();
      if ((place !== "before" && place !== "after") || (!SECTIONS.has(anchor) && anchor !== "first" && anchor !== "last")) {
        fail("malformed custom section placement", p);
      }
      c.next();
    }
    const parts: Uint8Array[] = [];
    while (!c.atEnd()) parts.push(c.expectString());
    const content = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      content.set(p, at);
      at += p.length;
    }
    out.push({ name, place, anchor, content });
  }
  return out;
}
