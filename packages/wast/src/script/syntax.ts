import { type Span, WastSyntaxError } from "../errors.js";
import { NumberFormatError } from "../numbers/index.js";
import type { Atom, List, SExpr } from "../sexpr/types.js";

// Small readers over S-expressions shared by the script parser, all failing with positioned errors.

export function syntaxError(reason: string, at: SExpr | Span): WastSyntaxError {
  return new WastSyntaxError(reason, "type" in at ? at.span : at);
}

/** Runs a number parser on an atom, turning its errors into positioned syntax errors. */
export function parseNumber<T>(e: SExpr | undefined, parent: List, parse: (text: string) => T): T {
  if (e === undefined) throw syntaxError("missing constant", parent);
  if (e.type !== "atom" || (e.kind !== "num" && e.kind !== "keyword")) throw syntaxError("unexpected token", e);
  try {
    return parse(e.value);
  } catch (err) {
    if (err instanceof NumberFormatError) throw syntaxError(err.reason, e);
    throw err;
  }
}

/** A string atom's bytes. */
export function stringBytes(e: SExpr | undefined, parent: List): Uint8Array {
  if (e === undefined) throw syntaxError("missing string", parent);
  if (e.type !== "atom" || e.kind !== "string") throw syntaxError("unexpected token", e);
  return e.bytes ?? new Uint8Array();
}

/** A string atom's text (names of exports and registered modules). */
export function stringText(e: SExpr | undefined, parent: List): string {
  if (e === undefined) throw syntaxError("missing string", parent);
  if (e.type !== "atom" || e.kind !== "string") throw syntaxError("unexpected token", e);
  return e.value;
}

/** Concatenated bytes of the string atoms of `items` (module binary/quote). */
export function concatStrings(items: SExpr[], parent: List): Uint8Array {
  const parts = items.map((e) => stringBytes(e, parent));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function isIdAtom(e: SExpr | undefined): e is Atom {
  return e !== undefined && e.type === "atom" && e.kind === "id";
}

/** Fails unless `list` has exactly `count` items. */
export function expectLength(list: List, count: number): void {
  if (list.items.length > count) throw syntaxError("unexpected token", list.items[count]!);
  if (list.items.length < count) throw syntaxError("unexpected end of list", list);
}
