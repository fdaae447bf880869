// One task of one runner in its own process: `node [--jitless] --import tsx src/child.ts '<ChildJob>'`.
import { COMPILE_CODE_BYTES, largeModuleBytes } from "./large-module.js";
import { LARGE_MODULE, loadWasm, WORKLOADS } from "./manifest.js";
import { measure, measureFirstCall, selfTest } from "./measure.js";
import { type ChildJob, type ChildMessage, MESSAGE_PREFIX } from "./protocol.js";
import { RUNNERS } from "./runners/index.js";

/** Time for the decode/validate/translate runs of one module (at least two runs each, up to STARTUP_RUNS). */
const STARTUP_BUDGET_MS = 1500;
const STARTUP_RUNS = 10;
/**
 * Pause between loading the runner and measuring its start-up: loading (tsx compiling TypeScript
 * sources) leaves V8's background compiler busy with the loader's own code, which would otherwise delay
 * the optimization of the runner's code; an application loads its libraries long before it compiles a
 * module. Then a garbage collection (the child runs with --expose-gc), so that the loader's garbage is
 * not collected, at the runner's expense, during the measurement.
 */
const SETTLE_MS = 300;

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  (globalThis as { gc?: () => void }).gc?.();
}

function send(message: ChildMessage): void {
  process.stdout.write(`${MESSAGE_PREFIX}${JSON.stringify(message)}\n`);
}

async function main(job: ChildJob): Promise<void> {
  const deadline = performance.now() + job.planMs;
  const runner = await RUNNERS[job.runner]();
  const reason = await runner.load();
  if (reason !== null) return send({ type: "unavailable", reason });
  const workload = [LARGE_MODULE, ...WORKLOADS].find((w) => w.name === job.workload)!;
  switch (job.task) {
    case "check": {
      const failure = selfTest(runner);
      return send(failure === null ? { type: "available" } : { type: "unavailable", reason: `self-test failed: ${failure}` });
    }
    case "first-call":
      // The first call of this cold process: the runner's own code is not warmed up either.
      loadWasm(workload);
      await settle();
      try {
        return send({ type: "first-call", workload: workload.name, ...(await measureFirstCall(runner, workload)) });
      } catch (error) {
        return send({ type: "first-call", workload: workload.name, error: error instanceof Error ? error.message : String(error) });
      }
    case "compile": {
      // A cold process compiles the generated 4 MiB module once (read from its cache file first).
      if (!runner.compile) return send({ type: "compile", error: "this runner cannot compile alone" });
      const bytes = largeModuleBytes(COMPILE_CODE_BYTES);
      await settle();
      try {
        const start = performance.now();
        runner.compile(bytes);
        return send({ type: "compile", ms: performance.now() - start });
      } catch (error) {
        return send({ type: "compile", error: error instanceof Error ? error.message : String(error) });
      }
    }
    case "measure":
      return send({ type: "result", ...(await measure(runner, workload, job.size, { ...job, deadline })) });
    case "startup": {
      // The large module first, while the executor is cold; then every workload's module.
      const { startupStats } = await import("./startup-stats.js");
      const modules = [];
      try {
        const inputs = [LARGE_MODULE, ...WORKLOADS].filter((w) => w.wasm !== undefined).map((w) => [w.name, loadWasm(w)] as const);
        await settle();
        for (const [name, bytes] of inputs) modules.push(startupStats(name, bytes, STARTUP_RUNS, STARTUP_BUDGET_MS));
        return send({ type: "startup", modules });
      } catch (error) {
        return send({ type: "startup", modules, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
}

await main(JSON.parse(process.argv[2]!) as ChildJob);
