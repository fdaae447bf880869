import type { Atom, List, SExpr } from "../sexpr/types.js";
import type { BodyContext } from "./body-context.js";
import { Cursor, fail } from "./cursor.js";
import { encodeOp } from "./immediates.js";
import type { EncodeOptions } from "./options.js";
import { OPCODES } from "./opcodes.js";
import { ByteWriter } from "./writer.js";

// Instruction sequences in plain (`block ... end`) and folded (`(block ...)`) form.

/** Keywords that close or split a plain structured instruction. */
const DELIMITERS = new Set(["end", "else", "catch", "catch_all", "delegate"]);
const END = 0x0b;

export class InstrEncoder {
  constructor(
    readonly b: BodyContext,
    readonly w: ByteWriter,
    readonly opts: EncodeOptions,
  ) {}

  /** Encodes instructions until the cursor ends or reaches a delimiter keyword (returned, not consumed). */
  seq(c: Cursor): string | undefined {
    while (!c.atEnd()) {
      const e = c.peek()!;
      if (e.type === "list") {
        c.next();
        this.folded(e);
        continue;
      }
      if (e.kind !== "keyword") fail("unexpected token", e);
      if (DELIMITERS.has(e.value)) return e.value;
      c.next();
      this.plain(e, c);
    }
    return undefined;
  }

  /** A whole instruction sequence that must not contain stray delimiters. */
  body(c: Cursor): void {
    if (this.seq(c) !== undefined) fail("unexpected token", c.peek()!);
  }

  private opInfo(e: Atom) {
    const op = OPCODES.get(e.value);
    if (op === undefined) fail("unknown operator", e);
    return op;
  }

  private plain(e: Atom, c: Cursor): void {
    switch (e.value) {
      case "block":
      case "loop":
        return this.plainBlock(e, c);
      case "if":
        return this.plainIf(e, c);
      case "try_table":
        return this.plainTryTable(e, c);
      case "try":
        return this.plainTry(e, c);
    }
    encodeOp(c, this.opInfo(e), this.b, this.w, this.opts);
  }

  /** Opens a block: label, block type, opcode. */
  private open(code: number, c: Cursor): string | undefined {
    const label = c.takeId()?.value;
    const bt = this.b.module.blockType(c);
    this.w.byte(code).bytes(bt);
    return label;
  }

  /** `end $label?` of a plain block: the label, if repeated, must match. */
  private closeLabel(c: Cursor, label: string | undefined): void {
    const id = c.takeId();
    if (id !== undefined && id.value !== label) fail("mismatching label", id);
  }

  private expectDelimiter(c: Cursor, found: string | undefined, ...allowed: string[]): string {
    if (found === undefined || !allowed.includes(found)) fail(found === undefined ? "unexpected end" : "unexpected token", c.here());
    c.next();
    return found;
  }

  private plainBlock(e: Atom, c: Cursor): void {
    const label = this.open(e.value === "block" ? 0x02 : 0x03, c);
    this.b.labels.push(label);
    this.expectDelimiter(c, this.seq(c), "end");
    this.closeLabel(c, label);
    this.b.labels.pop();
    this.w.byte(END);
  }

  private plainIf(_e: Atom, c: Cursor): void {
    const label = this.open(0x04, c);
    this.b.labels.push(label);
    let d = this.expectDelimiter(c, this.seq(c), "else", "end");
    if (d === "else") {
      this.closeLabel(c, label);
      this.w.byte(0x05);
      d = this.expectDelimiter(c, this.seq(c), "end");
    }
    this.closeLabel(c, label);
    this.b.labels.pop();
    this.w.byte(END);
  }

  /** `try_table label? blocktype catch*`: catch labels are resolved outside the new block. */
  private openTryTable(c: Cursor): string | undefined {
    const label = c.takeId()?.value;
    const bt = this.b.module.blockType(c);
    const catches = new ByteWriter();
    let n = 0;
    for (;;) {
      const head = c.peekHead();
      const kind = head === "catch" ? 0 : head === "catch_ref" ? 1 : head === "catch_all" ? 2 : head === "catch_all_ref" ? 3 : -1;
      if (kind < 0) break;
      const k = Cursor.of(c.expectList());
      catches.byte(kind);
      if (kind < 2) catches.u32(this.b.module.tags.resolve(k.next()));
      catches.u32(this.b.label(k.next()));
      k.expectEnd();
      n++;
    }
    this.w.byte(0x1f).bytes(bt).u32(n).bytes(catches.finish());
    return label;
  }

  private plainTryTable(_e: Atom, c: Cursor): void {
    const label = this.openTryTable(c);
    this.b.labels.push(label);
    this.expectDelimiter(c, this.seq(c), "end");
    this.closeLabel(c, label);
    this.b.labels.pop();
    this.w.byte(END);
  }

  /** Legacy `try ... (catch $tag ...)* (catch_all ...)? end` or `try ... delegate $label`. */
  private plainTry(_e: Atom, c: Cursor): void {
    const label = this.open(0x06, c);
    this.b.labels.push(label);
    let d = this.expectDelimiter(c, this.seq(c), "catch", "catch_all", "end", "delegate");
    while (d === "catch" || d === "catch_all") {
      this.closeLabel(c, label);
      if (d === "catch") this.w.byte(0x07).u32(this.b.module.tags.resolve(c.next()));
      else this.w.byte(0x19);
      d = d === "catch_all"
        ? this.expectDelimiter(c, this.seq(c), "end")
        : this.expectDelimiter(c, this.seq(c), "catch", "catch_all", "end");
    }
    this.b.labels.pop();
    if (d === "delegate") {
      this.w.byte(0x18).u32(this.b.label(c.next()));
      return;
    }
    this.closeLabel(c, label);
    this.w.byte(END);
  }

  private folded(list: List): void {
    const head = list.items[0];
    if (head === undefined || head.type !== "atom" || head.kind !== "keyword") fail("unexpected token", head ?? list);
    if (DELIMITERS.has(head.value)) fail("unexpected token", head);
    const c = Cursor.of(list);
    switch (head.value) {
      case "block":
      case "loop": {
        const label = this.open(head.value === "block" ? 0x02 : 0x03, c);
        this.inBlock(label, () => this.body(c));
        return;
      }
      case "if":
        return this.foldedIf(c);
      case "try_table": {
        const label = this.openTryTable(c);
        this.inBlock(label, () => this.body(c));
        return;
      }
      case "try":
        return this.foldedTry(c);
    }
    // Operands (folded instructions) come first in the binary; immediates come first in the text.
    const op = new ByteWriter();
    encodeOp(c, this.opInfo(head), this.b, op, this.opts);
    while (!c.atEnd()) {
      const e = c.next();
      if (e.type !== "list") fail("unexpected token", e);
      this.folded(e);
    }
    this.w.bytes(op.finish());
  }

  private inBlock(label: string | undefined, f: () => void): void {
    this.b.labels.push(label);
    f();
    this.b.labels.pop();
    this.w.byte(END);
  }

  /** `(if label? blocktype cond* (then ...) (else ...)?)`: the condition is encoded before the `if`. */
  private foldedIf(c: Cursor): void {
    const label = c.takeId()?.value;
    const bt = this.b.module.blockType(c);
    while (!c.atEnd() && c.peekHead() !== "then") {
      const e = c.next();
      if (e.type !== "list") fail("unexpected token", e);
      this.folded(e);
    }
    this.w.byte(0x04).bytes(bt);
    const then = c.expectList("then");
    this.inBlock(label, () => {
      this.body(Cursor.of(then));
      const els = c.takeList("else");
      if (els !== undefined) {
        this.w.byte(0x05);
        this.body(Cursor.of(els));
      }
      c.expectEnd();
    });
  }

  /** `(try label? blocktype (do ...) (catch $tag ...)* (catch_all ...)?)` or `... (delegate $label))`. */
  private foldedTry(c: Cursor): void {
    const label = this.open(0x06, c);
    this.b.labels.push(label);
    const d = c.expectList("do");
    this.body(Cursor.of(d));
    let caught = false;
    for (;;) {
      const head = c.peekHead();
      if (head === "catch") {
        const k = Cursor.of(c.expectList());
        this.w.byte(0x07).u32(this.b.module.tags.resolve(k.next()));
        this.body(k);
      } else if (head === "catch_all") {
        const k = Cursor.of(c.expectList());
        this.w.byte(0x19);
        this.body(k);
        caught = true;
        break;
      } else break;
      caught = true;
    }
    this.b.labels.pop();
    const del = caught ? undefined : c.takeList("delegate");
    if (del !== undefined) {
      const k = Cursor.of(del);
      this.w.byte(0x18).u32(this.b.label(k.next()));
      k.expectEnd();
    } else {
      this.w.byte(END);
    }
    c.expectEnd();
  }
}

/** Encodes a constant or offset expression (instructions then `end`). */
export function encodeExpr(items: readonly SExpr[], span: List["span"], b: BodyContext, w: ByteWriter, opts: EncodeOptions, start = 0): void {
  new InstrEncoder(b, w, opts).body(new Cursor(items, span, start));
  w.byte(END);
}

