import type { List } from "../sexpr/types.js";
import { annotatedName, customSections, stripAnnotations } from "./annotations.js";
import { checkAnnotationPlacement } from "./annotation-placement.js";
import { checkBranchHints } from "./branch-hints.js";
import { Cursor, fail, headOf } from "./cursor.js";
import { FieldEncoder } from "./fields.js";
import type { EncodeOptions } from "./options.js";
import { ModuleContext } from "./module-context.js";
import { ModuleOutput } from "./output.js";
import { assemble } from "./sections.js";

export type { EncodeOptions } from "./options.js";

/**
 * Encodes a `(module $id? field*)` S-expression (also `(module definition $id? ...)`) to the WebAssembly
 * binary format. Throws `WastSyntaxError` for malformed text (`WastAnnotationError` for malformed,
 * misplaced or invalid `@custom`/`@name`/branch hint annotations); does not validate the module.
 */
export function encodeModule(module: List, options: EncodeOptions = {}): Uint8Array {
  checkAnnotationPlacement(module);
  const invalidHint = checkBranchHints(module);
  const customs = customSections(module);
  const m = stripAnnotations(module);
  const c = Cursor.of(m, 0);
  c.expectKeyword("module");
  c.takeKeyword("definition");
  const out = new ModuleOutput();
  const id = c.takeId();
  c.takeKeyword("definition");
  out.moduleName = annotatedName(m) ?? id?.value;
  const fields: List[] = [];
  while (!c.atEnd()) {
    const f = c.next();
    if (f.type !== "list" || headOf(f) === undefined) fail("unexpected token", f);
    fields.push(f);
  }
  const ctx = new ModuleContext();
  const enc = new FieldEncoder(ctx, out, options);
  for (const f of fields) enc.declare(f);
  for (const f of fields) enc.defineTypes(f);
  for (const f of fields) enc.encode(f);
  const binary = assemble(ctx.groups, out, customs, ctx.usesDataIndex);
  if (invalidHint !== undefined) throw invalidHint;
  return binary;
}
