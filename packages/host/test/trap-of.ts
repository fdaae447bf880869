import { Trap } from "@wasmi-ts/host";

/** The `Trap` that `run` throws; any other error is rethrown, and not throwing fails the test. */
export function trapOf(run: () => unknown): Trap {
  try {
    run();
  } catch (e) {
    if (e instanceof Trap) return e;
    throw e;
  }
  throw new Error("expected a trap");
}
