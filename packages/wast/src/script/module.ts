import { encodeModule, type EncodeOptions } from "../encode/index.js";
import { WastSyntaxError } from "../errors.js";
import { decodeUtf8Strict } from "../lex/utf8.js";
import { readSExprs } from "../sexpr/reader.js";
import { headKeyword, isAnnotation, isKeyword, withoutAnnotations } from "../sexpr/guards.js";
import type { List, SExpr } from "../sexpr/types.js";
import { concatStrings, isIdAtom } from "./syntax.js";
import type { ModuleSource, ScriptModule } from "./types.js";

// Script modules: `(module ...)` in its text, binary and quote forms, encoded to a binary on demand.

/**
 * Runs a reader over untrusted text, reporting absurdly deep nesting (a stack overflow in a recursive
 * step) as a syntax error rather than a crash.
 */
export function withStackGuard<T>(read: () => T, file?: string): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw new WastSyntaxError("nesting too deep", { line: 1, column: 1, offset: 0 }, file);
    }
    if (e instanceof WastSyntaxError && e.file === undefined && file !== undefined) {
      throw e.at(e.span, file);
    }
    throw e;
  }
}

/** The binary of a module source; throws `WastSyntaxError` for malformed text. */
function encodeSource(source: ModuleSource, options: EncodeOptions): Uint8Array {
  switch (source.kind) {
    case "binary":
      return source.bytes;
    case "text":
      return encodeModule(source.list, options);
    case "quote": {
      const text = decodeUtf8Strict(source.bytes);
      if (text === undefined) throw new WastSyntaxError("malformed UTF-8 encoding", { line: 1, column: 1, offset: 0 });
      return encodeModuleText(text, options);
    }
  }
}

/**
 * The binary of module text: one `(module ...)` (text, binary or quote form), or bare module fields
 * (the abbreviation for a module with those fields).
 */
export function encodeModuleText(text: string, options: EncodeOptions = {}): Uint8Array {
  const items = readSExprs(text);
  const first = items[0];
  if (items.length === 1 && first?.type === "list" && headKeyword(withoutOwnAnnotations(first)) === "module") {
    return readModule(first).binary(options);
  }
  return encodeModule(wrapFields(items, { line: 1, column: 1, offset: 0 }), options);
}

/** The list without the annotations among its own items (the same list when there are none). */
export function withoutOwnAnnotations(list: List): List {
  const items = withoutAnnotations(list.items);
  return items === list.items ? list : { ...list, items };
}

/** `(module field*)` for bare fields. */
export function wrapFields(items: SExpr[], span: List["span"]): List {
  return { type: "list", items: [{ type: "atom", kind: "keyword", value: "module", span }, ...items], span };
}

/**
 * A script module from its `(module ...)` list (whose head is the `module` keyword, possibly after
 * annotations). Annotations around the header (`module`, `definition`, `$id`, `binary`, `quote`) are
 * dropped; those among the fields are kept for the encoder.
 */
export function readModule(original: List, file?: string): ScriptModule {
  const list = withoutHeaderAnnotations(original);
  let i = 1;
  let id: string | undefined;
  let definition = false;
  // `(module definition $id? ...)`; also accept `(module $id definition ...)`.
  for (; i < 3; i++) {
    const e = list.items[i];
    if (isKeyword(e, "definition") && !definition) definition = true;
    else if (isIdAtom(e) && id === undefined) id = e.value;
    else break;
  }
  const form = list.items[i];
  let source: ModuleSource;
  const strings = (): Uint8Array => concatStrings(withoutAnnotations(list.items.slice(i + 1)), list);
  if (isKeyword(form, "binary")) source = { kind: "binary", bytes: strings() };
  else if (isKeyword(form, "quote")) source = { kind: "quote", bytes: strings() };
  // The encoder gets the list as written: it checks and reads the header's annotations (`@name`).
  else source = { kind: "text", list: original };
  // Encoded once per set of options (the default, or 2.0's strict32).
  const cached = new Map<boolean, Uint8Array>();
  return {
    id,
    definition,
    source,
    span: list.span,
    binary(options: EncodeOptions = {}): Uint8Array {
      const key = options.strict32 === true;
      const hit = cached.get(key);
      if (hit) return hit;
      const bytes = withStackGuard(() => {
        try {
          return encodeSource(source, options);
        } catch (e) {
          // Positions inside quoted text are relative to that text: report the module's position.
          if (source.kind === "quote" && e instanceof WastSyntaxError) throw e.at(list.span);
          throw e;
        }
      }, file);
      cached.set(key, bytes);
      return bytes;
    },
  };
}

/** The list with annotations before the first field removed. */
function withoutHeaderAnnotations(list: List): List {
  const items = list.items;
  let header = 0;
  let kept = 0;
  // Header: `module`, then optionally `definition`, `$id`, and `binary`/`quote`, with annotations between.
  while (header < items.length) {
    const e = items[header]!;
    if (isAnnotation(e)) {
      header++;
      continue;
    }
    const isHeaderItem =
      kept === 0 ||
      isKeyword(e, "definition") ||
      (isIdAtom(e) && kept <= 2) ||
      isKeyword(e, "binary") ||
      isKeyword(e, "quote");
    if (!isHeaderItem) break;
    kept++;
    header++;
    if (isKeyword(e, "binary") || isKeyword(e, "quote")) break;
  }
  const head = items.slice(0, header);
  if (!head.some(isAnnotation)) return list;
  return { ...list, items: [...head.filter((e) => !isAnnotation(e)), ...items.slice(header)] };
}

/** The binary of any script module (same as `module.binary()`). */
export function moduleBinary(module: ScriptModule): Uint8Array {
  return module.binary();
}
