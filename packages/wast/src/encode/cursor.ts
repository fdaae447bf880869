import { WastSyntaxError, type Span } from "../errors.js";
import type { Atom, List, SExpr } from "../sexpr/types.js";

const utf8Decoder = new TextDecoder("utf-8", { fatal: true });

/** The keyword an S-expression list starts with, if any. */
export function headOf(e: SExpr | undefined): string | undefined {
  if (e === undefined || e.type !== "list") return undefined;
  const h = e.items[0];
  return h !== undefined && h.type === "atom" && h.kind === "keyword" ? h.value : undefined;
}

export function fail(reason: string, at: { span: Span }): never {
  throw new WastSyntaxError(reason, at.span);
}

/** Reads the items of one list (or a run of items) from left to right. */
export class Cursor {
  pos: number;
  constructor(
    readonly items: readonly SExpr[],
    /** Where to report running off the end. */
    readonly span: Span,
    start = 0,
  ) {
    this.pos = start;
  }

  static of(list: List, start = 1): Cursor {
    return new Cursor(list.items, list.span, start);
  }

  atEnd(): boolean {
    return this.pos >= this.items.length;
  }

  peek(k = 0): SExpr | undefined {
    return this.items[this.pos + k];
  }

  here(): { span: Span } {
    return this.peek() ?? { span: this.span };
  }

  next(): SExpr {
    const e = this.items[this.pos];
    if (e === undefined) throw new WastSyntaxError("unexpected end", this.span);
    this.pos++;
    return e;
  }

  /** The next item's keyword, if it is a keyword atom. */
  peekKeyword(k = 0): string | undefined {
    const e = this.peek(k);
    return e !== undefined && e.type === "atom" && e.kind === "keyword" ? e.value : undefined;
  }

  /** The keyword heading the next item, if it is a list. */
  peekHead(k = 0): string | undefined {
    return headOf(this.peek(k));
  }

  isAtom(kind: Atom["kind"], k = 0): boolean {
    const e = this.peek(k);
    return e !== undefined && e.type === "atom" && e.kind === kind;
  }

  takeKeyword(value: string): boolean {
    if (this.peekKeyword() !== value) return false;
    this.pos++;
    return true;
  }

  expectKeyword(value?: string): string {
    const e = this.next();
    if (e.type !== "atom" || e.kind !== "keyword" || (value !== undefined && e.value !== value)) {
      fail("unexpected token", e);
    }
    return e.value;
  }

  /** An optional `$id`. */
  takeId(): Atom | undefined {
    if (!this.isAtom("id")) return undefined;
    return this.next() as Atom;
  }

  takeList(head: string): List | undefined {
    if (this.peekHead() !== head) return undefined;
    return this.next() as List;
  }

  expectList(head?: string): List {
    const e = this.next();
    if (e.type !== "list" || (head !== undefined && headOf(e) !== head)) fail("unexpected token", e);
    return e;
  }

  expectAtom(kind: Atom["kind"]): Atom {
    const e = this.next();
    if (e.type !== "atom" || e.kind !== kind) fail("unexpected token", e);
    return e;
  }

  expectString(): Uint8Array {
    const a = this.expectAtom("string");
    return a.bytes ?? new TextEncoder().encode(a.value);
  }

  /** A string that must be valid UTF-8 (import, export and custom section names). */
  expectName(): Uint8Array {
    const at = this.here();
    const bytes = this.expectString();
    try {
      utf8Decoder.decode(bytes);
    } catch {
      fail("malformed UTF-8 encoding", at);
    }
    return bytes;
  }

  expectEnd(): void {
    if (!this.atEnd()) fail("unexpected token", this.peek()!);
  }
}
