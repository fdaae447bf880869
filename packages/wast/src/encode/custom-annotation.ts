import { WastAnnotationError } from "../errors.js";
import { decodeUtf8Strict } from "../lex/utf8.js";
import type { Atom, List, SExpr } from "../sexpr/types.js";

// `(@custom "name" (before|after section)? "bytes"*)`: a custom section written in the text, emitted
// where it says (the annotations proposal's custom annotation). Messages are the spec interpreter's.

/** A custom section to emit: `before`/`after` a section by its text name, or `first`/`last`. */
export interface CustomSection {
  name: Uint8Array;
  place: "before" | "after";
  anchor: string;
  content: Uint8Array;
}

/** The sections a custom section can be placed against (their text-format names), plus `first`/`last`. */
const ANCHORS = new Set([
  "first",
  "type",
  "import",
  "func",
  "table",
  "memory",
  "global",
  "export",
  "start",
  "elem",
  "code",
  "data",
  "datacount",
  "tag",
  "last",
]);

function fail(what: string, at: SExpr): never {
  throw new WastAnnotationError(`@custom annotation: ${what}`, at.span);
}

function isString(e: SExpr | undefined): e is Atom {
  return e?.type === "atom" && e.kind === "string";
}

function bytesOf(a: Atom): Uint8Array {
  return a.bytes ?? new TextEncoder().encode(a.value);
}

/** Reads one `(@custom ...)` annotation (the list including its `@custom` head). */
export function parseCustomAnnotation(annotation: List): CustomSection {
  const items = annotation.items;
  const nameAtom = items[1];
  if (!isString(nameAtom)) fail("missing section name", nameAtom ?? annotation);
  const name = bytesOf(nameAtom);
  if (decodeUtf8Strict(name) === undefined) fail("malformed UTF-8 encoding", nameAtom);
  let place: CustomSection["place"] = "after";
  let anchor = "last";
  let i = 2;
  const placement = items[i];
  if (placement?.type === "list") {
    [place, anchor] = parsePlacement(placement);
    i++;
  }
  const parts: Uint8Array[] = [];
  for (; i < items.length; i++) {
    const e = items[i]!;
    if (!isString(e)) fail("unexpected token", e);
    parts.push(bytesOf(e));
  }
  const content = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    content.set(p, at);
    at += p.length;
  }
  return { name, place, anchor, content };
}

/** `(before section)` or `(after section)`. */
function parsePlacement(list: List): [CustomSection["place"], string] {
  const [where, kind, ...rest] = list.items;
  if (where?.type !== "atom" || where.kind !== "keyword" || (where.value !== "before" && where.value !== "after")) {
    fail("malformed placement", list);
  }
  if (kind?.type !== "atom" || kind.kind !== "keyword" || !ANCHORS.has(kind.value)) fail("malformed section kind", kind ?? list);
  if (rest.length > 0) fail("malformed placement", rest[0]!);
  return [where.value, kind.value];
}
