// One task of one runner in its own process: `node [--jitless] --import tsx src/child.ts '<ChildJob>'`.
import { WORKLOADS } from "./manifest.js";
import { measure, measureFirstCall, selfTest } from "./measure.js";
import { type ChildJob, type ChildMessage, MESSAGE_PREFIX } from "./protocol.js";
import { RUNNERS } from "./runners/index.js";

function send(message: ChildMessage): void {
  process.stdout.write(`${MESSAGE_PREFIX}${JSON.stringify(message)}\n`);
}

async function main(job: ChildJob): Promise<void> {
  const deadline = performance.now() + job.planMs;
  const runner = await RUNNERS[job.runner]();
  const reason = await runner.load();
  if (reason !== null) return send({ type: "unavailable", reason });
  const workload = WORKLOADS.find((w) => w.name === job.workload)!;
  switch (job.task) {
    case "check": {
      const failure = selfTest(runner);
      return send(failure === null ? { type: "available" } : { type: "unavailable", reason: `self-test failed: ${failure}` });
    }
    case "first-call":
      // The first call of this cold process: the runner's own code is not warmed up either.
      try {
        return send({ type: "first-call", workload: workload.name, ms: measureFirstCall(runner, workload) });
      } catch (error) {
        return send({ type: "first-call", workload: workload.name, error: error instanceof Error ? error.message : String(error) });
      }
    case "measure":
      return send({ type: "result", ...measure(runner, workload, job.size, { ...job, deadline }) });
  }
}

await main(JSON.parse(process.argv[2]!) as ChildJob);
