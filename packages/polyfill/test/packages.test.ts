// Real npm packages that ship Wasm (hash-wasm, brotli-wasm, quickjs-emscripten) must give the same outputs
// through the polyfill as with Node's own WebAssembly. Each workload script in ./packages runs in a fresh
// child process (so every mode starts from a clean global and a clean package cache) in three modes:
//   native   - Node's WebAssembly: the reference outputs
//   polyfill - install({ force: true }) over Node's WebAssembly
//   jitless  - `node --jitless`, where Node has no WebAssembly and "@wasmi-ts/polyfill/auto" installs it
// and the polyfill's outputs must equal native's exactly. The wall time of every run is printed.
// A last workload (lifetimes.ts) makes and drops 2,000 hash-wasm instances in each mode and checks that the
// heap comes back to where it started: the polyfill frees what the program dropped, as native does.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { MODE_VARIABLE, MODES, type Mode } from "./packages/modes.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

const SCRIPTS = { "hash-wasm": "hash-wasm.ts", "brotli-wasm": "brotli-wasm.ts", "quickjs-emscripten": "quickjs.ts" };
type PackageName = keyof typeof SCRIPTS;

/** The most a run may take. Measured on a 2-core VM (idle; about twice as long when busy): native 1 s,
 * polyfill 2-4 s, jitless 3-5 s except brotli-wasm 23 s. The whole file: 45-80 s. */
const TIMEOUT_MS: Record<Mode, number> = { native: 60_000, polyfill: 120_000, jitless: 240_000 };

interface Run {
  /** What the script printed: its results as JSON. */
  output: unknown;
  seconds: number;
}

/** Runs one workload script of ./packages in a child process in `mode`, with extra node `flags`; a crash,
 * a timeout or bad output is an Error with the child's stderr. */
function run(script: string, mode: Mode, flags: string[] = []): Promise<Run> {
  const args = [
    ...(mode === "jitless" ? ["--jitless"] : []),
    ...flags,
    "--conditions=@wasmi-ts/source", // workspace packages from their TypeScript sources
    "--import", "tsx",
    `test/packages/${script}`,
  ];
  const options = {
    cwd: packageDir,
    env: { ...process.env, [MODE_VARIABLE]: mode },
    timeout: TIMEOUT_MS[mode],
    killSignal: "SIGKILL" as const,
    maxBuffer: 16 * 1024 * 1024,
  };
  const start = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, options, (error, stdout, stderr) => {
      const seconds = (performance.now() - start) / 1000;
      const fail = (why: string): void => {
        const shownStderr = stderr.trim().split("\n").slice(-60).join("\n") || "(empty)";
        reject(new Error(`${script} (${mode}) ${why} after ${seconds.toFixed(1)} s\n` +
          `command: node ${args.join(" ")}  (cwd ${packageDir}, ${MODE_VARIABLE}=${mode})\n--- stderr ---\n${shownStderr}`));
      };
      if (error !== null) {
        const { code, signal, killed } = error as { code?: number | string; signal?: string; killed?: boolean };
        if (killed === true) fail(`timed out (limit ${TIMEOUT_MS[mode] / 1000} s)`);
        else fail(signal ? `was killed by ${signal}` : `exited with code ${code}`);
        return;
      }
      try {
        resolve({ output: JSON.parse(stdout) as unknown, seconds });
      } catch {
        fail(`printed no JSON on stdout:\n${stdout.slice(0, 2000)}`);
      }
    });
  });
}

const times: string[] = [];
afterAll(() => {
  if (times.length > 0) console.log(`npm packages, wall time per run (child process, with tsx start-up):\n${times.join("\n")}`);
});

describe("npm packages give the same outputs through the polyfill as with native WebAssembly", () => {
  for (const name of Object.keys(SCRIPTS) as PackageName[]) {
    describe(name, () => {
      let native: Promise<Run> | undefined; // the reference, run once (by the first test that needs it)
      const reference = (): Promise<Run> => (native ??= run(SCRIPTS[name], "native"));

      for (const mode of MODES) {
        it(mode, async () => {
          const ref = await reference().catch((e: Error) => {
            throw mode === "native" ? e : new Error(`the native reference run failed, so ${mode} has nothing to compare with: ${e.message.split("\n")[0]}`, { cause: e });
          });
          const result = mode === "native" ? ref : await run(SCRIPTS[name], mode);
          const line = `  ${name.padEnd(20)} ${mode.padEnd(9)} ${result.seconds.toFixed(1).padStart(6)} s` +
            (mode === "native" ? "" : ` (${(result.seconds / ref.seconds).toFixed(1)}x native)`);
          times.push(line);
          console.log(line.trim());
          expect(result.output).toStrictEqual(ref.output);
        });
      }
    });
  }
});

/** How far the heap may stay above where it started after 2,000 instances were made and dropped (MiB):
 * measured 1.1 for the polyfill, -0.2 to -0.3 natively and under --jitless; before the store let go of
 * its entities, 273. */
const HEAP_BOUND_MIB = 8;

describe("instances are freed: 2,000 hash-wasm hashers made and dropped leave the heap where it was", () => {
  for (const mode of MODES) {
    it(mode, async () => {
      const { output, seconds } = await run("lifetimes.ts", mode, ["--expose-gc"]);
      const { hashers, grewMiB } = output as { hashers: number; grewMiB: number };
      console.log(`lifetimes ${mode.padEnd(9)} ${seconds.toFixed(1).padStart(6)} s: the heap grew ${grewMiB} MiB over ${hashers} instances`);
      expect(hashers).toBe(2_000);
      expect(grewMiB).toBeLessThan(HEAP_BOUND_MIB);
    });
  }
});
