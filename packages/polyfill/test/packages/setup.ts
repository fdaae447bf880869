// The first import of every workload script in this folder: it puts the WebAssembly that the mode in
// WASMI_TS_PACKAGES_MODE asks for on globalThis, and checks that it is really that one, so that a script
// cannot silently run on the wrong engine. The scripts then import their npm package dynamically (after
// this module has run), so the package sees this WebAssembly even if it captures the global at load time.
//   native:   Node's own WebAssembly (the reference outputs)
//   polyfill: install({ force: true }) replaces Node's WebAssembly with the polyfill
//   jitless:  `node --jitless` has no WebAssembly; "@wasmi-ts/polyfill/auto" installs the polyfill
import "@wasmi-ts/polyfill/auto"; // installs only where WebAssembly is missing: in this set-up, only under --jitless
import { WebAssembly as polyfill, install } from "@wasmi-ts/polyfill";
import { MODES, MODE_VARIABLE } from "./modes.js";

const mode = process.env[MODE_VARIABLE];
const jitless = process.execArgv.includes("--jitless");
if (mode === "polyfill") install({ force: true });

const current = (globalThis as { WebAssembly?: unknown }).WebAssembly;
const problem =
  mode === "native" ? (jitless || current === undefined || current === polyfill ? "Node's own WebAssembly is not there" : undefined)
  : mode === "polyfill" ? (jitless || current !== polyfill ? "the polyfill was not installed over Node's WebAssembly" : undefined)
  : mode === "jitless" ? (!jitless || current !== polyfill ? "not under --jitless with the polyfill installed by /auto" : undefined)
  : `${MODE_VARIABLE} must be one of ${MODES.join(", ")}, not ${JSON.stringify(mode)}`;
if (problem !== undefined) throw new Error(`packages/setup.ts (mode ${mode}): ${problem}`);

/** Prints a workload's results: one JSON document on stdout, compared across modes by the runner. */
export function report(results: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(results, null, 1)}\n`);
}

/** `n` deterministic pseudo-random bytes (xorshift32 from `seed`): the same inputs in every mode. */
export function pseudoRandomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** Lowercase hex of bytes. */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}
