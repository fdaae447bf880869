import type { SExpr } from "../sexpr/types.js";
import type { IndexSpace } from "./context.js";
import { fail } from "./cursor.js";
import { u32 } from "./literals.js";
import type { ModuleContext } from "./module-context.js";

/** What instructions of one expression see: the module, the locals and the enclosing labels. */
export class BodyContext {
  /** Label names from outermost to innermost (undefined for unnamed blocks). */
  readonly labels: (string | undefined)[] = [];

  constructor(
    readonly module: ModuleContext,
    /** Undefined in constant expressions, which have no locals. */
    readonly locals: IndexSpace | undefined,
  ) {}

  /** A `$label` (innermost binding wins) or a relative depth. */
  label(e: SExpr): number {
    if (e.type === "atom" && e.kind === "id") {
      const i = this.labels.lastIndexOf(e.value);
      if (i < 0) fail("unknown label", e);
      return this.labels.length - 1 - i;
    }
    return u32(e);
  }

  local(e: SExpr): number {
    if (this.locals === undefined) {
      if (e.type === "atom" && e.kind === "id") fail("unknown local", e);
      return u32(e);
    }
    return this.locals.resolve(e);
  }
}
