// Runs one test file in one mode in a child process (child.ts) and collects what it reports. A child that
// stops without reporting completion crashed; one still running `timeoutMs` + a grace period after it
// started is stuck (e.g. in a synchronous loop the harness timer cannot interrupt) and is killed: its
// finished tests keep their results, the rest count as timeouts (see compare.ts).

import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Readable } from "node:stream";
import { RESULTS_FD, type ChildMessage, type HarnessStatus, type Mode, type TestStatus } from "./protocol.js";
import { harnessPath, type SuiteFile } from "./suite.js";

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, "../..");

/** How long after `timeoutMs` a child may still take to report its timeouts before it is killed. */
const KILL_GRACE_MS = 15_000;

export interface TestResult {
  name: string;
  status: TestStatus;
  message: string | null;
}

export interface FileRun {
  file: SuiteFile;
  mode: Mode;
  /** The harness status; CRASH if the child stopped without completing, KILLED if it had to be killed. */
  status: HarnessStatus | "CRASH" | "KILLED";
  message: string | null;
  tests: TestResult[];
  ms: number;
}

export function runFile(file: SuiteFile, mode: Mode, timeoutMs: number): Promise<FileRun> {
  const started = Date.now();
  const args = ["--conditions=@wasmi-ts/source", "--import", "tsx", join(here, "child.ts")];
  const scripts = [harnessPath, ...file.scripts, file.path];
  const child = spawn(process.execPath, [...args, mode, String(timeoutMs), ...scripts], {
    cwd: packageRoot,
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });

  const tests: TestResult[] = [];
  let completion: { status: HarnessStatus; message: string | null } | null = null;
  createInterface({ input: child.stdio[RESULTS_FD] as Readable }).on("line", (line) => {
    const message = JSON.parse(line) as ChildMessage;
    if (message.type === "result") tests.push({ name: message.name, status: message.status, message: message.message });
    else completion = { status: message.status, message: message.message };
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  let killed = false;
  const killTimer = setTimeout(() => {
    killed = true;
    child.kill("SIGKILL");
  }, timeoutMs + KILL_GRACE_MS);

  return new Promise((resolve, reject) => {
    child.on("error", reject);
    // "close", not "exit": by then every line of fd 3 has been read.
    child.on("close", (code, signal) => {
      clearTimeout(killTimer);
      const ms = Date.now() - started;
      const done = completion as { status: HarnessStatus; message: string | null } | null;
      if (done) resolve({ file, mode, status: done.status, message: done.message, tests, ms });
      else if (killed) resolve({ file, mode, status: "KILLED", message: `killed after ${ms / 1000} s (stuck)`, tests, ms });
      else resolve({ file, mode, status: "CRASH", message: crashReason(code, signal, stderr), tests, ms });
    });
  });
}

function crashReason(code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
  const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
  // The error line ("TypeError: ...", "FATAL ERROR: ... heap out of memory"), else the last line.
  const lines = stderr.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("Node.js v"));
  const isError = (l: string) => !l.startsWith("at ") && /^[\w. ]*(Error|ERROR|Exception)\b/.test(l);
  const error = [...lines].reverse().find(isError) ?? lines.at(-1);
  return `child ${how}${error ? `: ${error}` : " without completing"}`;
}
