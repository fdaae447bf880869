// Command line of `pnpm bench [-- options]`.
import { parseArgs } from "node:util";
import type { Size } from "./manifest.js";
import { type RunnerName, RUNNERS } from "./runners/index.js";

export interface BenchOptions {
  size: Size;
  jitless: boolean;
  runners: RunnerName[];
  workloads: string[] | null;
  runs: number;
  /** Time per workload and runner for the timed calls (slow runners do fewer runs). */
  budgetMs: number;
  /** Time for the whole bench, shared among the runners by RUNNER_WEIGHTS. */
  deadlineMs: number;
  out: string | null;
}

/**
 * Shares of the bench's time per runner; time a runner leaves unused goes to the ones after it. wasmi-ts
 * and its variants measured with it have the sum of their shares (run-runner.ts).
 */
export const RUNNER_WEIGHTS: Record<RunnerName, number> = {
  native: 1, "wasmi-ts": 4, "wasmi-ts-fuel": 4, "wasmi-ts-deadline": 4, polywasm: 2, "wasm-interp": 2.5,
};

export const USAGE = `usage: pnpm bench [-- options]
  --quick            small sizes, for a smoke run
  --jitless          wasmi-ts vs polywasm under node --jitless (no native WebAssembly there);
                     uses the quick sizes unless --full is given
  --full             full sizes (the default without --jitless)
  --runners a,b      runners to use: ${Object.keys(RUNNERS).join(", ")}
                     (with wasmi-ts, its variants wasmi-ts-fuel and wasmi-ts-deadline and the baseline, native or
                     under --jitless polywasm, are measured interleaved with it)
  --only a,b         workloads to run (default: all)
  --runs N           timed calls per workload after the first call and preheat (default 7)
  --budget-ms N      time for the timed calls of one workload on one runner (default 9000, --jitless 6000,
                     --quick 1500)
  --time-limit-s N   time for the whole bench, shared among runners and workloads (default 1800, quick 90);
                     slow runners do fewer runs, or give a lower bound (">N ms")
  --out FILE         results file (default results/latest[-jitless][-quick].json; "-" for none)`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== "--"),
    options: {
      quick: { type: "boolean", default: false },
      full: { type: "boolean", default: false },
      jitless: { type: "boolean", default: false },
      runners: { type: "string" },
      only: { type: "string" },
      runs: { type: "string", default: "7" },
      "budget-ms": { type: "string" },
      "time-limit-s": { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const jitless = values.jitless === true;
  const size: Size = values.full ? "full" : values.quick || jitless ? "quick" : "full";
  const defaultRunners: RunnerName[] = jitless
    ? ["polywasm", "wasmi-ts", "wasmi-ts-fuel", "wasmi-ts-deadline"]
    : ["native", "wasmi-ts", "wasmi-ts-fuel", "wasmi-ts-deadline", "polywasm", "wasm-interp"];
  const runners = values.runners ? (values.runners.split(",") as RunnerName[]) : defaultRunners;
  for (const r of runners) if (!(r in RUNNERS)) throw new Error(`unknown runner "${r}"`);
  if (!(Number(values.runs) >= 1)) throw new Error("--runs must be at least 1");
  const suffix = `${jitless ? "-jitless" : ""}${values.quick ? "-quick" : ""}`;
  return {
    size,
    jitless,
    runners,
    workloads: values.only ? values.only.split(",") : null,
    runs: Number(values.runs),
    // --jitless has about the time of a full run: its calls are slow, but it runs only two runners.
    budgetMs: Number(values["budget-ms"] ?? (jitless ? 6000 : size === "full" ? 9000 : 1500)),
    // (on a machine half as fast as the one this was first set on, 1200 s left the packages' runs no time
    // after their first calls: their steady calls went unmeasured; a faster machine ends sooner)
    deadlineMs: values["time-limit-s"] ? Number(values["time-limit-s"]) * 1000 : size === "full" || jitless ? 1_800_000 : 90_000,
    out: values.out === "-" ? null : (values.out ?? `results/latest${suffix}.json`),
  };
}
