import type { List } from "../sexpr/types.js";
import { annotatedName } from "./annotations.js";
import { Cursor, fail, headOf } from "./cursor.js";
import { FieldEnv, inlineExports, spaceOf } from "./field-env.js";
import { encodeFunc } from "./func-field.js";
import type { EncodeOptions } from "./options.js";
import type { ModuleContext } from "./module-context.js";
import type { ModuleOutput } from "./output.js";
import { encodeData, encodeElem } from "./segment-fields.js";
import { encodeGlobal, encodeMemory, encodeTable, encodeTag } from "./storage-fields.js";
import { typeDef } from "./typedefs.js";
import { ByteWriter } from "./writer.js";

// Module fields: declared in a first pass (indices and names), types defined in a second, everything
// else encoded in a third pass in text order.

function hasKeyword(list: List, word: string): boolean {
  return list.items.some((e) => e.type === "atom" && e.kind === "keyword" && e.value === word);
}

export class FieldEncoder {
  /** The kind of the first definition, after which imports are malformed. */
  private firstDefinition: string | undefined;
  private readonly env: FieldEnv;

  constructor(
    private readonly ctx: ModuleContext,
    private readonly out: ModuleOutput,
    opts: EncodeOptions,
  ) {
    this.env = new FieldEnv(ctx, out, opts);
  }

  // ---- Pass 1: index spaces.

  private noteImport(at: List): void {
    if (this.firstDefinition !== undefined) fail(`import after ${this.firstDefinition}`, at);
  }

  declare(f: List): void {
    const c = Cursor.of(f);
    const head = headOf(f);
    switch (head) {
      case "type":
        this.ctx.types.add(c.takeId());
        return;
      case "rec":
        while (!c.atEnd()) this.ctx.types.add(Cursor.of(c.expectList("type")).takeId());
        return;
      case "import": {
        c.expectString();
        c.expectString();
        const desc = c.expectList();
        this.noteImport(f);
        spaceOf(this.ctx, headOf(desc) ?? "", desc).add(Cursor.of(desc).takeId());
        if (headOf(desc) === "memory") this.ctx.memory64.push(hasKeyword(desc, "i64"));
        return;
      }
      case "func":
      case "table":
      case "memory":
      case "global":
      case "tag": {
        const id = c.takeId();
        inlineExports(c);
        if (c.peekHead() === "import") this.noteImport(f);
        else this.firstDefinition ??= head === "func" ? "function" : head;
        spaceOf(this.ctx, head, f).add(id);
        // Inline segments take the next index of their space.
        if (head === "table" && f.items.some((e) => headOf(e) === "elem")) this.ctx.elems.add();
        if (head === "memory" && f.items.some((e) => headOf(e) === "data")) this.ctx.datas.add();
        if (head === "memory") this.ctx.memory64.push(hasKeyword(f, "i64"));
        return;
      }
      case "elem":
        this.ctx.elems.add(c.takeId());
        return;
      case "data":
        this.ctx.datas.add(c.takeId());
        return;
      case "export":
      case "start":
        return;
    }
    fail("unexpected token", f);
  }

  // ---- Pass 2: type definitions (every type name is known by now).

  defineTypes(f: List): void {
    const head = headOf(f);
    if (head === "type") this.ctx.addGroup({ defs: [typeDef(f, this.ctx.types)], rec: false });
    if (head === "rec") {
      const defs = f.items.slice(1).map((t) => typeDef(t as List, this.ctx.types));
      this.ctx.addGroup({ defs, rec: true });
    }
  }

  // ---- Pass 3: everything else, in text order.

  encode(f: List): void {
    const c = Cursor.of(f);
    switch (headOf(f)) {
      case "import":
        return this.importField(c);
      case "func":
        return encodeFunc(this.env, c, f);
      case "table":
        return encodeTable(this.env, c, f);
      case "memory":
        return encodeMemory(this.env, c, f);
      case "global":
        return encodeGlobal(this.env, c, f);
      case "tag":
        return encodeTag(this.env, c, f);
      case "export":
        return this.exportField(c);
      case "start":
        return this.start(c, f);
      case "elem":
        return encodeElem(this.env, c);
      case "data":
        return encodeData(this.env, c);
    }
  }

  /** `(import "module" "name" (kind $id? ...))` */
  private importField(c: Cursor): void {
    const names = new ByteWriter().name(c.expectName()).name(c.expectName());
    const desc = c.expectList();
    c.expectEnd();
    const kind = headOf(desc)!;
    const dc = Cursor.of(desc);
    const id = dc.takeId();
    const index = this.env.indexOfNext(kind);
    const name = annotatedName(desc) ?? id?.value;
    if (kind === "func" && name !== undefined) this.out.funcNames.set(index, name);
    this.env.addImport(kind, names, dc, index);
  }

  /** `(export "name" (kind index))` */
  private exportField(c: Cursor): void {
    const name = c.expectName();
    const desc = c.expectList();
    c.expectEnd();
    const kind = headOf(desc)!;
    const dc = Cursor.of(desc);
    const index = spaceOf(this.ctx, kind, desc).resolve(dc.next());
    dc.expectEnd();
    this.env.exportAll([name], kind, index);
  }

  private start(c: Cursor, f: List): void {
    if (this.out.start !== undefined) fail("multiple start sections", f);
    this.out.start = this.ctx.funcs.resolve(c.next());
    c.expectEnd();
  }
}
