import { WastAnnotationError } from "../errors.js";
import type { List, SExpr } from "../sexpr/types.js";

// `(@metadata.code.branch_hint "\00"|"\01")` before an `if` or `br_if` in a function body (the branch
// hinting proposal). The hints are checked as the spec interpreter checks them, with its messages, but
// not emitted: wasmi-ts's engine has no use for them, so no `metadata.code.branch_hint` section is written.

const HINT = "metadata.code.branch_hint";
const TARGETS = new Set(["if", "br_if"]);

function annotationName(e: SExpr): string | undefined {
  if (e.type !== "list") return undefined;
  const head = e.items[0];
  return head?.type === "atom" && head.kind === "annotation" ? head.value : undefined;
}

function keywordOf(e: SExpr): string | undefined {
  const k = e.type === "atom" ? e : e.items[0];
  return k?.type === "atom" && k.kind === "keyword" ? k.value : undefined;
}

function malformed(what: string, at: SExpr): never {
  throw new WastAnnotationError(`@${HINT} annotation: ${what}`, at.span);
}

/**
 * Checks the module's branch hints. Throws the malformed ones (bad value, outside a function, two on one
 * instruction, nothing to annotate); returns the first invalid one (on an instruction that is no branch),
 * which the caller throws once the module is otherwise well-formed, as the spec checks it after parsing.
 */
export function checkBranchHints(module: List): WastAnnotationError | undefined {
  let invalid: WastAnnotationError | undefined;
  const walk = (list: List, inFunction: boolean): void => {
    let pending: List | undefined;
    for (const e of list.items) {
      const name = annotationName(e);
      if (name === HINT) {
        const hint = e as List;
        if (!inFunction) malformed("not in a function", hint);
        checkValue(hint);
        if (pending !== undefined) malformed("duplicate annotation", hint);
        pending = hint;
        continue;
      }
      if (name !== undefined) continue;
      if (pending !== undefined) {
        const target = keywordOf(e);
        if (invalid === undefined && (target === undefined || !TARGETS.has(target))) {
          invalid = new WastAnnotationError(`@${HINT} annotation: invalid target`, pending.span, "invalid");
        }
        pending = undefined;
      }
      if (e.type === "list") walk(e, inFunction || isDefinedFunction(e, list === module));
    }
    if (pending !== undefined) malformed("invalid placement", pending);
  };
  walk(module, false);
  return invalid;
}

/** A `(func ...)` field of the module with a body (not an import). */
function isDefinedFunction(list: List, isField: boolean): boolean {
  return isField && keywordOf(list) === "func" && !list.items.some((e) => e.type === "list" && keywordOf(e) === "import");
}

/** The hint's strings, concatenated, must be the one byte 0 (unlikely) or 1 (likely). */
function checkValue(hint: List): void {
  const bytes: number[] = [];
  for (const e of hint.items.slice(1)) {
    if (e.type !== "atom" || e.kind !== "string") malformed("unexpected token", e);
    bytes.push(...(e.bytes ?? new TextEncoder().encode(e.value)));
  }
  if (bytes.length !== 1 || bytes[0]! > 1) malformed("invalid hint value", hint);
}
