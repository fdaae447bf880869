import { WastAnnotationError } from "../errors.js";
import type { List, SExpr } from "../sexpr/types.js";

// Where the custom annotations may be written (the annotations proposal; messages are the spec
// interpreter's): `@custom` only among the module's fields, `@name` only right after the keyword and
// `$id` of what it names, at most once for the module. Other annotations are ignored anywhere.

/** Lists a `(@name "...")` can name, after their keyword and optional `$id`. */
const NAMEABLE = new Set([
  "func",
  "param",
  "local",
  "type",
  "field",
  "table",
  "memory",
  "global",
  "elem",
  "data",
  "tag",
  "block",
  "loop",
  "if",
  "try_table",
]);

function annotationName(e: SExpr): string | undefined {
  if (e.type !== "list") return undefined;
  const head = e.items[0];
  return head?.type === "atom" && head.kind === "annotation" ? head.value : undefined;
}

/** True while the items so far are a list's head: its keyword(s) and `$id` (annotations aside). */
function inHead(items: SExpr[], index: number, keywords: Set<string>): boolean {
  let ids = 0;
  for (let i = 0; i < index; i++) {
    const e = items[i]!;
    if (annotationName(e) !== undefined) continue;
    if (e.type !== "atom") return false;
    if (e.kind === "id" && ids++ === 0) continue;
    if (e.kind === "keyword" && keywords.has(e.value)) continue;
    return false;
  }
  return true;
}

const MODULE_HEAD = new Set(["module", "definition"]);

/** Throws `WastAnnotationError` for a misplaced `@custom` or `@name` in a `(module ...)` list. */
export function checkAnnotationPlacement(module: List): void {
  let moduleNames = 0;
  module.items.forEach((e, i) => {
    const name = annotationName(e);
    if (name === "name") {
      if (!inHead(module.items, i, MODULE_HEAD)) throw new WastAnnotationError("misplaced @name annotation", e.span);
      if (++moduleNames > 1) throw new WastAnnotationError("@name annotation: multiple module names", e.span);
    } else if (name === undefined && e.type === "list") {
      checkInside(e);
    }
  });
}

/** A list below the module's: no `@custom`; `@name` only in the head of what it names. */
function checkInside(list: List): void {
  const head = list.items[0];
  const keyword = head?.type === "atom" && head.kind === "keyword" ? head.value : undefined;
  list.items.forEach((e, i) => {
    const name = annotationName(e);
    if (name === "custom") throw new WastAnnotationError("misplaced @custom annotation", e.span);
    if (name === "name" && !(keyword !== undefined && NAMEABLE.has(keyword) && inHead(list.items, i, new Set([keyword])))) {
      throw new WastAnnotationError("misplaced @name annotation", e.span);
    }
    if (name === undefined && e.type === "list") checkInside(e);
  });
}
