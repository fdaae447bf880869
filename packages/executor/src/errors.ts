/** A malformed binary: the bytes are not a WebAssembly module. Like `WebAssembly.CompileError`. */
export class DecodeError extends Error {
  override name = "DecodeError";
  constructor(
    message: string,
    /** Byte offset in the binary where decoding failed. */
    readonly offset: number,
  ) {
    super(`${message} (at byte offset ${offset})`);
    this.reason = message;
  }
  /** The message without the offset (the spec's wording, for `assert_malformed`). */
  readonly reason: string;
}

/** A well-formed module that does not type-check. Like `WebAssembly.CompileError`. */
export class ValidationError extends Error {
  override name = "ValidationError";
  constructor(
    message: string,
    /** Byte offset of the offending instruction or section, when known. */
    readonly offset: number,
  ) {
    super(offset >= 0 ? `${message} (at byte offset ${offset})` : message);
    this.reason = message;
  }
  readonly reason: string;
}

/** Imports do not match what the module needs. Like `WebAssembly.LinkError`. */
export class LinkError extends Error {
  override name = "LinkError";
}
