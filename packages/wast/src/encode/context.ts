import type { Atom, SExpr } from "../sexpr/types.js";
import { fail } from "./cursor.js";
import { u32 } from "./literals.js";

/** One index space of a module (functions, types, ...) or a function (locals): names to indices. */
export class IndexSpace {
  readonly names = new Map<string, number>();
  count = 0;
  constructor(
    /** What the space holds, for messages ("func", "local", ...). */
    readonly kind: string,
  ) {}

  /** Allocates the next index, binding `id` to it if given. */
  add(id?: Atom): number {
    if (id !== undefined) this.bind(id, this.count);
    return this.count++;
  }

  bind(id: Atom, index: number): void {
    if (this.names.has(id.value)) fail(`duplicate ${this.kind}`, id);
    this.names.set(id.value, index);
  }

  /** A `$name` or numeric reference to this space. */
  resolve(e: SExpr): number {
    if (e.type === "atom" && e.kind === "id") {
      const i = this.names.get(e.value);
      if (i === undefined) fail(`unknown ${this.kind}`, e);
      return i;
    }
    if (e.type === "atom" && e.kind === "num") return u32(e);
    fail("unexpected token", e);
  }
}

/** True when the item can be a reference into an index space (`$name` or a number). */
export function isIndex(e: SExpr | undefined): boolean {
  return e !== undefined && e.type === "atom" && (e.kind === "id" || e.kind === "num");
}
