// The fuzz smoke test of `pnpm test` (`pnpm test:fuzz`): a fixed seed, a few hundred binaryen-generated
// modules compared with V8 and a few thousand mutants; one to two minutes on two cores next to the other
// tests (the budget is three). Fails on any disagreement not in known-failures.txt, and on a listed case
// that passes. Failing inputs are saved to tests/fuzz/failures/.

import { availableParallelism } from "node:os";
import { wasmOptVersion } from "./binaryen.js";
import { runCampaign } from "./campaign.js";
import { readKnownFailures } from "./known-failures.js";
import { DEFAULT_FAILURES_DIR, reportRun, saveFailure } from "./report.js";

const SEED = 1;
const MODULES = 400;
const MUTANTS_PER_MODULE = 12;
const WORKERS = Math.min(2, availableParallelism());

const version = wasmOptVersion();
if (version === null) {
  console.error("fuzz: wasm-opt not found; install binaryen (apt-get install binaryen), as .ci/run does");
  process.exit(1);
}
console.log(`fuzz smoke: seed ${SEED}, ${MODULES} modules with ${MUTANTS_PER_MODULE} mutants each, ${WORKERS} workers, ${version}`);
const start = performance.now();
const result = await runCampaign({
  seed: SEED,
  modules: MODULES,
  mutantsPerModule: MUTANTS_PER_MODULE,
  workers: WORKERS,
  onFailure: (failure) => void saveFailure(DEFAULT_FAILURES_DIR, failure),
});
process.exitCode = reportRun(result, readKnownFailures(), (performance.now() - start) / 1000);
