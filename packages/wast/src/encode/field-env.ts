import type { Atom, List } from "../sexpr/types.js";
import { annotatedName } from "./annotations.js";
import { BodyContext } from "./body-context.js";
import type { IndexSpace } from "./context.js";
import { Cursor, fail } from "./cursor.js";
import type { EncodeOptions } from "./options.js";
import { encodeExpr } from "./instructions.js";
import { memoryType, readLimits, writeLimits } from "./limits.js";
import type { ModuleContext } from "./module-context.js";
import type { ModuleOutput } from "./output.js";
import { globalType, refType } from "./types.js";
import { ByteWriter } from "./writer.js";

/** Binary external kinds (imports and exports). */
export const EXTERN_KINDS: Record<string, number> = { func: 0, table: 1, memory: 2, global: 3, tag: 4 };

/** The index space of an external kind (`func`, `table`, ...). */
export function spaceOf(ctx: ModuleContext, kind: string, at: List): IndexSpace {
  switch (kind) {
    case "func":
      return ctx.funcs;
    case "table":
      return ctx.tables;
    case "memory":
      return ctx.memories;
    case "global":
      return ctx.globals;
    case "tag":
      return ctx.tags;
  }
  fail("unexpected token", at);
}

/** Reads `(export "name")*` abbreviations. */
export function inlineExports(c: Cursor): Uint8Array[] {
  const names: Uint8Array[] = [];
  for (let e = c.takeList("export"); e !== undefined; e = c.takeList("export")) {
    const ec = Cursor.of(e);
    names.push(ec.expectName());
    ec.expectEnd();
  }
  return names;
}

/** What the encoders of module fields share: the module context, the output and the import counts. */
export class FieldEnv {
  /** How many imports of each kind have been encoded so far. */
  private readonly imported: Record<string, number> = { func: 0, table: 0, memory: 0, global: 0, tag: 0 };

  constructor(
    readonly ctx: ModuleContext,
    readonly out: ModuleOutput,
    readonly opts: EncodeOptions,
  ) {}

  get strict32(): boolean {
    return this.opts.strict32 ?? false;
  }

  /** Index the next import or definition of this kind gets (imports precede definitions). */
  indexOfNext(kind: string): number {
    const o = this.out;
    const defined = { func: o.funcs, table: o.tables, memory: o.memories, global: o.globals, tag: o.tags }[kind];
    return this.imported[kind]! + (defined?.length ?? 0);
  }

  exportAll(names: Uint8Array[], kind: string, index: number): void {
    for (const n of names) this.out.exports.push(new ByteWriter().name(n).byte(EXTERN_KINDS[kind]!).u32(index).finish());
  }

  /** Adds an import: `names` holds its module and field names; `c` is at its description (after the `$id`). */
  addImport(kind: string, names: ByteWriter, c: Cursor, index: number): void {
    names.byte(EXTERN_KINDS[kind]!);
    switch (kind) {
      case "func": {
        const { index: type, sig } = this.ctx.typeUse(c);
        this.nameParams(index, sig.paramNames);
        names.u32(type);
        break;
      }
      case "tag":
        names.byte(0).u32(this.ctx.typeUse(c).index);
        break;
      case "table": {
        const limits = readLimits(c, this.strict32);
        names.bytes(refType(c.next(), this.ctx.types));
        writeLimits(names, limits);
        break;
      }
      case "memory":
        names.bytes(memoryType(c, this.strict32).bytes);
        break;
      case "global":
        names.bytes(globalType(c.next(), this.ctx.types));
        break;
    }
    c.expectEnd();
    this.out.imports.push(names.finish());
    this.imported[kind]!++;
  }

  private nameParams(funcIndex: number, names: (Atom | undefined)[]): void {
    const locals = new Map<number, string>();
    names.forEach((n, i) => n && locals.set(i, n.value));
    if (locals.size > 0) this.out.localNames.set(funcIndex, locals);
  }

  /**
   * The common start of func/table/memory/global/tag fields: `$id? (export ...)* (import ...)?`.
   * Imports are completed here; definitions are left to the caller at `index`.
   */
  definitionHead(kind: string, c: Cursor, field: List): { index: number; imported: boolean } {
    const id = c.takeId();
    const name = annotatedName(field) ?? id?.value;
    const index = this.indexOfNext(kind);
    this.exportAll(inlineExports(c), kind, index);
    if (kind === "func" && name !== undefined) this.out.funcNames.set(index, name);
    const imp = c.takeList("import");
    if (imp === undefined) return { index, imported: false };
    const ic = Cursor.of(imp);
    const names = new ByteWriter().name(ic.expectName()).name(ic.expectName());
    ic.expectEnd();
    this.addImport(kind, names, c, index);
    return { index, imported: true };
  }

  /** A constant expression: the cursor's remaining instructions, then `end`. */
  constExpr(c: Cursor, w: ByteWriter): void {
    encodeExpr(c.items, c.span, new BodyContext(this.ctx, undefined), w, this.opts, c.pos);
  }
}
