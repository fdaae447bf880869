/** Options that differ between versions of the text format. */
export interface EncodeOptions {
  /**
   * Reject `offset=` values and limits of 2^32 and above for 32-bit memories and tables as malformed
   * ("i32 constant out of range"), as the WebAssembly 2.0 text format does. By default (3.0) they are
   * read as u64 and left to validation.
   */
  strict32?: boolean;
}
