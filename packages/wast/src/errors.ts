/** Where something is in a text: 1-based line and column, 0-based character offset. */
export interface Span {
  line: number;
  column: number;
  offset: number;
}

/** Malformed text (lexing, parsing or a module the text format cannot express), with its position. */
export class WastSyntaxError extends Error {
  override name = "WastSyntaxError";
  constructor(
    /** The problem, without position (e.g. "unknown operator", "unexpected token"). */
    readonly reason: string,
    readonly span: Span,
    /** The file the text came from, when known (scripts parsed with a file name). */
    readonly file?: string,
  ) {
    super(`${reason} at ${file === undefined ? "" : `${file}:`}${span.line}:${span.column}`);
  }

  /** The same error at another position (e.g. a quoted module's, or with its file): same class, same reason. */
  at(span: Span, file?: string): WastSyntaxError {
    return new WastSyntaxError(this.reason, span, file);
  }
}

/**
 * A custom annotation (`@custom`, `@name`, `@metadata.code.branch_hint`) the text format rejects. Its own
 * class because the spec tests these apart from the core text format's errors: `malformed` ones (bad syntax
 * or placement, `assert_malformed_custom`) and `invalid` ones (well-formed, but wrong for the module they
 * annotate, e.g. a branch hint on an instruction that is no branch: `assert_invalid_custom`).
 */
export class WastAnnotationError extends WastSyntaxError {
  override name = "WastAnnotationError";
  constructor(
    reason: string,
    span: Span,
    readonly kind: "malformed" | "invalid" = "malformed",
    file?: string,
  ) {
    super(reason, span, file);
  }

  override at(span: Span, file?: string): WastAnnotationError {
    return new WastAnnotationError(this.reason, span, this.kind, file);
  }
}
