// The text format, through @wasmi-ts/wast.
import { WastSyntaxError } from "@wasmi-ts/wast";

export { parseWat } from "@wasmi-ts/wast";

/** The position and reason of a text error, if it is one. */
export function textError(error: unknown): { line: number; column: number; reason: string } | undefined {
  return error instanceof WastSyntaxError
    ? { line: error.span.line, column: error.span.column, reason: error.reason }
    : undefined;
}
