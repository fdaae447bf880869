import type { Atom, List, SExpr } from "./types.js";

/** `e` is the keyword `word` (or any keyword when `word` is omitted). */
export function isKeyword(e: SExpr | undefined, word?: string): e is Atom {
  return e !== undefined && e.type === "atom" && e.kind === "keyword" && (word === undefined || e.value === word);
}

/** The keyword a list starts with (`module` for `(module ...)`), or undefined. */
export function headKeyword(e: SExpr | undefined): string | undefined {
  if (e === undefined || e.type !== "list") return undefined;
  const head = e.items[0];
  return head !== undefined && head.type === "atom" && head.kind === "keyword" ? head.value : undefined;
}

/** An annotation `(@name ...)`: a list whose first item is an annotation atom. */
export function isAnnotation(e: SExpr | undefined): e is List {
  return e !== undefined && e.type === "list" && e.items[0]?.type === "atom" && e.items[0].kind === "annotation";
}

/** The items without annotations (the same array when there are none). */
export function withoutAnnotations(items: SExpr[]): SExpr[] {
  return items.some(isAnnotation) ? items.filter((e) => !isAnnotation(e)) : items;
}

/** The expression with all annotations removed at any depth (the same object when there are none). */
export function stripAnnotations<T extends SExpr>(e: T): T {
  if (e.type !== "list") return e;
  let changed = false;
  const items: SExpr[] = [];
  for (const item of e.items) {
    if (isAnnotation(item)) {
      changed = true;
      continue;
    }
    const stripped = stripAnnotations(item);
    if (stripped !== item) changed = true;
    items.push(stripped);
  }
  return changed ? { ...e, items } : e;
}
