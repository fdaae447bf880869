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
 * A custom annotation (`@custom`, `@name`) the text format rejects: malformed or misplaced. Its own class
 * because the spec tests them apart (`assert_malformed_custom`) from the core text format's errors.
 */
export class WastAnnotationError extends WastSyntaxError {
  override name = "WastAnnotationError";

  override at(span: Span, file?: string): WastAnnotationError {
    return new WastAnnotationError(this.reason, span, file);
  }
}
