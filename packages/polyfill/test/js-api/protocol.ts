// The messages a test-file child (child.ts) writes to its parent (run-file.ts): one JSON object per line
// on file descriptor 3, so whatever the tests print on stdout/stderr cannot get mixed in.

/** testharness.js's test statuses (`Test.statuses`), by name. */
export type TestStatus = "PASS" | "FAIL" | "TIMEOUT" | "NOTRUN" | "PRECONDITION_FAILED";

/** testharness.js's harness statuses (`TestsStatus.statuses`), by name. */
export type HarnessStatus = "OK" | "ERROR" | "TIMEOUT" | "PRECONDITION_FAILED";

/** Which `WebAssembly` the tests see: Node's own, or `@wasmi-ts/polyfill` installed over it. */
export type Mode = "native" | "polyfill";

export const MODES: readonly Mode[] = ["native", "polyfill"];

/** The file descriptor the child writes its messages to. */
export const RESULTS_FD = 3;

export type ChildMessage =
  /** One test finished (or never finished, sent at completion). */
  | { type: "result"; name: string; status: TestStatus; message: string | null }
  /** The harness completed; always the last message. */
  | { type: "complete"; status: HarnessStatus; message: string | null };
