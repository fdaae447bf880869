// One test file of the WebAssembly JS API suite, in a fresh process (a fresh realm):
//
//   node --conditions=@wasmi-ts/source --import tsx child.ts <native|polyfill> <timeoutMs> <script>...
//
// The scripts are testharness.js, the file's META scripts, then the test file. In `polyfill` mode,
// `@wasmi-ts/polyfill` is installed as globalThis.WebAssembly first, so every WebAssembly object the tests
// see is ours, created in the realm of the tests' builtins. The scripts run as classic scripts in this
// realm, all in one synchronous step: testharness's shell environment (chosen as there is no `document`)
// considers the page loaded after the first microtask, so no DOM `load` event is awaited and every test
// is defined by then. Each result goes to the parent as a JSON line on fd 3 (protocol.ts).
//
// Like a browser or worker, uncaught exceptions and unhandled rejections (in the scripts' top level or
// later) reach testharness's "error"/"unhandledrejection" listeners, which make the harness status ERROR.
// Tests still pending after <timeoutMs>, or when nothing is left to run (their promises can never
// settle), are timed out through testharness's `timeout()`.

import { readFileSync, writeSync } from "node:fs";
import { runInThisContext } from "node:vm";
import { RESULTS_FD, type ChildMessage, type HarnessStatus, type Mode, type TestStatus } from "./protocol.js";

/** The parts of testharness.js's API that this file uses (all are globals once it has run). */
interface HarnessTest {
  name: string;
  status: number;
  message: string | null;
}
interface Harness {
  add_result_callback(callback: (test: HarnessTest) => void): void;
  add_completion_callback(callback: (tests: HarnessTest[], status: { status: number; message: string | null }) => void): void;
  timeout(): void;
}

const TEST_STATUSES: TestStatus[] = ["PASS", "FAIL", "TIMEOUT", "NOTRUN", "PRECONDITION_FAILED"];
const HARNESS_STATUSES: HarnessStatus[] = ["OK", "ERROR", "TIMEOUT", "PRECONDITION_FAILED"];

function send(message: ChildMessage): void {
  writeSync(RESULTS_FD, `${JSON.stringify(message)}\n`);
}

async function installPolyfill(): Promise<void> {
  // Not a static import: the runner (and its type check) must work while the package is being written.
  const specifier = "@wasmi-ts/polyfill";
  const polyfill = (await import(specifier)) as { install(options: { force: boolean }): void };
  const native: unknown = Reflect.get(globalThis, "WebAssembly");
  polyfill.install({ force: true });
  if (Reflect.get(globalThis, "WebAssembly") === native) throw new Error("install({ force: true }) left Node's WebAssembly in place");
}

/** Where testharness.js registers its "error" and "unhandledrejection" listeners. */
const globalEvents = new EventTarget();

function dispatchGlobalEvent(type: string, fields: object): void {
  globalEvents.dispatchEvent(Object.assign(new Event(type), fields));
}

function reportUncaught(error: unknown): void {
  dispatchGlobalEvent("error", { error, message: String(error), filename: "", lineno: 0, colno: 0 });
}

/** Gives the global the shape testharness.js expects of a shell or worker global. */
function prepareGlobal(): void {
  Object.assign(globalThis, {
    self: globalThis,
    addEventListener: globalEvents.addEventListener.bind(globalEvents),
    removeEventListener: globalEvents.removeEventListener.bind(globalEvents),
  });
  process.on("uncaughtException", reportUncaught);
  process.on("unhandledRejection", (reason) => dispatchGlobalEvent("unhandledrejection", { reason }));
}

function runScript(path: string): void {
  try {
    runInThisContext(readFileSync(path, "utf8"), { filename: path });
  } catch (error) {
    // A classic script's uncaught exception: report it as a browser would, and go on with the next one.
    reportUncaught(error);
  }
}

function reportResults(harness: Harness, timeoutMs: number): void {
  const reported = new Set<HarnessTest>();
  harness.add_result_callback((test) => {
    reported.add(test);
    send({ type: "result", name: test.name, status: TEST_STATUSES[test.status] ?? "FAIL", message: test.message });
  });
  let timedOut: string | null = null;
  const timeOut = (why: string) => {
    timedOut = why;
    harness.timeout();
  };
  const timer = setTimeout(() => timeOut(`timed out after ${timeoutMs / 1000} s`), timeoutMs).unref();
  process.on("beforeExit", () => timeOut("timed out: pending tests can never finish (nothing left to run)"));

  harness.add_completion_callback((tests, status) => {
    clearTimeout(timer);
    const harnessStatus = HARNESS_STATUSES[status.status] ?? "ERROR";
    for (const test of tests) {
      if (reported.has(test)) continue;
      // Tests the harness gave up on, at a timeout or an error, have no result of their own.
      const unfinished: TestStatus = harnessStatus === "TIMEOUT" ? "TIMEOUT" : "NOTRUN";
      send({ type: "result", name: test.name, status: unfinished, message: timedOut ?? status.message });
    }
    send({ type: "complete", status: harnessStatus, message: status.message ?? timedOut });
    process.exit(0);
  });
}

async function main(): Promise<void> {
  const [mode, timeout, harnessScript, ...scripts] = process.argv.slice(2) as [Mode, string, string, ...string[]];
  if (mode === "polyfill") await installPolyfill();
  else if (mode !== "native") throw new Error(`unknown mode ${mode}`);
  prepareGlobal();
  runInThisContext(readFileSync(harnessScript, "utf8"), { filename: harnessScript });
  reportResults(globalThis as unknown as Harness, Number(timeout));
  for (const script of scripts) runScript(script);
}

await main();
