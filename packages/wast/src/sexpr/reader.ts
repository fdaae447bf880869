import { WastSyntaxError } from "../errors.js";
import { Lexer } from "../lex/lexer.js";
import type { Atom, List, SExpr } from "./types.js";

/**
 * Reads a whole text into its top-level S-expressions. Iterative (an explicit stack), so deep nesting
 * cannot overflow the call stack; unbalanced parentheses are `WastSyntaxError`s.
 */
export function readSExprs(text: string): SExpr[] {
  const lexer = new Lexer(text);
  const top: SExpr[] = [];
  const open: List[] = [];
  /** How many of the open lists are annotations (or inside one): there, anything goes. */
  let annotationDepth = 0;
  for (;;) {
    const token = lexer.next();
    const items = open.length === 0 ? top : open[open.length - 1]!.items;
    switch (token.kind) {
      case "eof":
        if (open.length > 0) throw new WastSyntaxError("unclosed parenthesis", open[open.length - 1]!.span);
        return top;
      case "lparen": {
        if (token.value === "(@" && annotationDepth === 0) throw new WastSyntaxError("empty annotation id", token.span);
        if (annotationDepth > 0) annotationDepth++;
        const list: List = { type: "list", items: [], span: token.span };
        items.push(list);
        open.push(list);
        break;
      }
      case "annotation": {
        const name: Atom = { type: "atom", kind: "annotation", value: token.value, span: token.span };
        const list: List = { type: "list", items: [name], span: token.span };
        items.push(list);
        open.push(list);
        annotationDepth++;
        break;
      }
      case "rparen":
        if (open.length === 0) throw new WastSyntaxError("unexpected )", token.span);
        open.pop();
        if (annotationDepth > 0) annotationDepth--;
        break;
      default: {
        const atom: Atom = { type: "atom", kind: token.kind, value: token.value, span: token.span };
        if (token.bytes !== undefined) atom.bytes = token.bytes;
        items.push(atom);
      }
    }
  }
}
