import { DecodeError, ValidationError } from "@wasmi-ts/executor";

/** Why compilation failed: "malformed" (not a module binary) or "invalid" (does not type-check). */
export type CompileErrorKind = "malformed" | "invalid";

/** A module that cannot be compiled, like `WebAssembly.CompileError`. */
export class CompileError extends Error {
  override name = "CompileError";

  constructor(
    readonly kind: CompileErrorKind,
    /** The spec's wording of the failure (for `assert_malformed` / `assert_invalid`). */
    readonly reason: string,
    /** Byte offset of the failure in the binary, or -1 when unknown. */
    readonly offset: number,
    options?: { cause?: unknown },
  ) {
    super(offset >= 0 ? `${kind} module: ${reason} (at byte offset ${offset})` : `${kind} module: ${reason}`, options);
  }

  /** Wraps the executor's decode and validation errors; rethrows anything else. */
  static from(error: unknown): CompileError {
    if (error instanceof CompileError) return error;
    if (error instanceof DecodeError) return new CompileError("malformed", error.reason, error.offset, { cause: error });
    if (error instanceof ValidationError) return new CompileError("invalid", error.reason, error.offset, { cause: error });
    throw error;
  }
}

/**
 * What a call (or an instantiation running a start function) throws for `error`. With lazy validation
 * (`Config.lazyValidation`), a function body is validated at its first call: a malformed or invalid one is
 * reported as the CompileError (kind, reason, offset) that compiling the module eagerly would have thrown.
 * Anything else (traps, host exceptions) is returned unchanged.
 */
export function compileErrorOfCall(error: unknown): unknown {
  return error instanceof DecodeError || error instanceof ValidationError ? CompileError.from(error) : error;
}
