import type { Atom, List, SExpr } from "../sexpr/types.js";
import { type CustomSection, parseCustomAnnotation } from "./custom-annotation.js";

export type { CustomSection } from "./custom-annotation.js";

// Plain booleans, not type guards: a list that is not an annotation is still a list.
function isAnnotation(e: SExpr): boolean {
  return e.type === "list" && e.items[0]?.type === "atom" && e.items[0].kind === "annotation";
}

function isNamed(e: SExpr, name: string): boolean {
  return isAnnotation(e) && ((e as List).items[0] as Atom).value === name;
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
      const s = (e as List).items[1];
      if (isNamed(e, "name") && s?.type === "atom" && s.kind === "string") name ??= s.value;
      continue;
    }
    items.push(e.type === "list" ? stripAnnotations(e) : e);
  }
  const stripped: List = { type: "list", items, span: list.span };
  if (name !== undefined) nameAnnotations.set(stripped, name);
  return stripped;
}

/** The `@custom` annotations directly inside the module, in order. */
export function customSections(module: List): CustomSection[] {
  return module.items.filter((e) => isNamed(e, "custom")).map((e) => parseCustomAnnotation(e as List));
}
