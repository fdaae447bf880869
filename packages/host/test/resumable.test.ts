// Resumable calls (callResumable) and async calls (callAsync, Func.wrapAsync, Linker.funcAsync): every
// kind of suspension and resumption, nesting, concurrency on one store, rejections, abandonment, fuel,
// and cooperative scheduling. The cases are in resumable-cases.ts (resumable-jitless.test.ts runs them
// again under node --jitless).
import { describe, it } from "vitest";
import { CASES } from "./resumable-cases.js";

for (const [group, cases] of Object.entries(CASES)) {
  describe(group, () => {
    for (const [name, run] of Object.entries(cases)) it(name, run);
  });
}
