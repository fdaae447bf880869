/**
 * A literal the text format rejects. Carries no position: callers that know the token turn it into a
 * `WastSyntaxError` (see `../errors.js`) with the token's span.
 */
export class NumberFormatError extends Error {
  override name = "NumberFormatError";
  constructor(
    /** "constant out of range" (well-formed but does not fit) or "unknown operator" (not a number). */
    readonly reason: "constant out of range" | "unknown operator",
    readonly text: string,
  ) {
    super(`${reason}: ${text}`);
  }
}

export const outOfRange = (text: string): NumberFormatError => new NumberFormatError("constant out of range", text);
export const notANumber = (text: string): NumberFormatError => new NumberFormatError("unknown operator", text);
