// Runs one child process (child.ts) and returns its message; stops it when it overruns its planned time.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type ChildJob, type ChildMessage, MESSAGE_PREFIX } from "./protocol.js";

export type ChildOutcome = ({ message: ChildMessage } | { failure: "timeout" | string }) & {
  elapsedMs: number;
  /** With `traceDeopt`: how many times V8 deoptimized wasmi-ts's interpreter loop in the child. */
  loopDeopts?: number;
};

/** V8's --trace-deopt lines (not passed through), and those that deoptimize the interpreter loop (counted). */
const DEOPT_TRACE = /^\[(bailout|marking dependent code|deoptimiz)/;
const LOOP_DEOPT = /^\[(bailout \(kind: [^)]*\).*<JSFunction|marking dependent code .*<SharedFunctionInfo) runInterpreterLoop>?[ )]/;

/** Time for a child to start (node + tsx) and report, beyond its planned time, before it is stopped. */
export const GRACE_MS = 5_000;

/** Node's notice under --jitless that WebAssembly is off: expected, not news. */
const IGNORED_STDERR = /^Warning: disabling flag --expose_wasm due to conflicting flags$/;
const BENCH_DIR = fileURLToPath(new URL("..", import.meta.url));
const CHILD = fileURLToPath(new URL("./child.ts", import.meta.url));

/**
 * Runs the child; it is stopped at `job.planMs + GRACE_MS`, or at `hardEnd` (a performance.now() time) if sooner.
 * `env`: variables added to the child's environment. `traceDeopt`: count the deoptimizations of
 * wasmi-ts's interpreter loop (node --trace-deopt; its function is named `runInterpreterLoop` for this).
 * `execPath`: the Node that runs it (native-node.ts).
 */
export function spawnChild(
  job: ChildJob,
  nodeFlags: string[],
  hardEnd: number,
  env: Record<string, string> = {},
  traceDeopt = false,
  execPath = process.execPath,
): Promise<ChildOutcome> {
  const start = performance.now();
  // "@wasmi-ts/source" resolves workspace packages to their TypeScript sources (no build needed).
  const flags = traceDeopt ? [...nodeFlags, "--trace-deopt"] : nodeFlags;
  const args = [...flags, "--conditions=@wasmi-ts/source", "--import", "tsx", CHILD, JSON.stringify(job)];
  // In its own process group, so that stopping it also stops what it started (wasm-interp).
  const child = spawn(execPath, args, { cwd: BENCH_DIR, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.once("exit", stop);
  let message: ChildMessage | undefined;
  let timedOut = false;
  let loopDeopts = 0;
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
  }, Math.max(0, Math.min(job.planMs + GRACE_MS, hardEnd - start)));

  createInterface({ input: child.stdout }).on("line", (line) => {
    if (line.startsWith(MESSAGE_PREFIX)) message = JSON.parse(line.slice(MESSAGE_PREFIX.length)) as ChildMessage;
    else if (traceDeopt && DEOPT_TRACE.test(line)) loopDeopts += LOOP_DEOPT.test(line) ? 1 : 0;
    else console.log(`[${job.runner}] ${line}`);
  });
  createInterface({ input: child.stderr }).on("line", (line) => {
    if (!IGNORED_STDERR.test(line)) console.error(`[${job.runner}] ${line}`);
  });
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      process.off("exit", stop);
      const outcome = { elapsedMs: performance.now() - start, ...(traceDeopt ? { loopDeopts } : {}) };
      if (message) resolve({ message, ...outcome });
      else if (timedOut) resolve({ failure: "timeout", ...outcome });
      else resolve({ failure: `the ${job.runner} process exited (${signal ?? `code ${code}`}) without a result`, ...outcome });
    });
  });
}
