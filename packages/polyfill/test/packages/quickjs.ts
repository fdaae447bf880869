// Workload: quickjs-emscripten (the QuickJS engine compiled by Emscripten: a 500 KB module instantiated
// with WebAssembly.instantiate on an imported WebAssembly.Memory, with a function table and many JS
// imports), run by ../packages.test.ts in each mode: native, polyfill and --jitless. The guest evaluates a
// small program (loops, string operations, JSON, a sort) and calls a host function that itself calls back
// into the guest (Wasm -> JS -> Wasm -> JS). It prints the results as JSON, the same in every mode. Every
// handle is disposed: quickjs asserts on leaked objects when the context is disposed.
import { report } from "./setup.js";

const { getQuickJS } = await import("quickjs-emscripten"); // after setup.js: it sees the mode's WebAssembly

const QuickJS = await getQuickJS();
const vm = QuickJS.newContext();
const results: Record<string, unknown> = {};
const hostCalls: string[] = [];

/** Evaluates `code` in the guest and returns its result as a host value (a guest exception rethrown). */
function evaluate(code: string): unknown {
  const handle = vm.unwrapResult(vm.evalCode(code));
  try {
    return vm.dump(handle);
  } finally {
    handle.dispose();
  }
}

// a program: a sieve, string building and reversing, JSON round trips, a sort with a comparator
results.program = evaluate(`
  const sieve = (n) => { const composite = new Uint8Array(n + 1); const primes = [];
    for (let i = 2; i <= n; i++) { if (composite[i]) continue; primes.push(i); for (let j = i * i; j <= n; j += i) composite[j] = 1; }
    return primes; };
  const primes = sieve(20000);
  let text = "";
  for (let i = 0; i < 300; i++) text += String.fromCharCode(97 + (i * 7) % 26) + (i % 10);
  const words = text.match(/[a-z][0-9]/g).map((w) => w.toUpperCase()).sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
  const doc = { primes: primes.length, last: primes[primes.length - 1], words: words.slice(0, 5), nested: { pi: Math.PI, big: 2 ** 53, neg: -0.5e-7 } };
  const again = JSON.parse(JSON.stringify(doc));
  ({ json: JSON.stringify(again), reversed: text.split("").reverse().join("").slice(0, 40), hash: [...text].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7),
     float: (0.1 + 0.2).toFixed(17), exp: Math.exp(1).toString(), date: new Date(Date.UTC(2024, 1, 29)).toISOString() })
`);

// a host function that calls back into the guest: host.fold(n, f) = f(n - 1, f(n - 2, ... f(0, 0)))
const fold = vm.newFunction("fold", (nHandle, fHandle) => {
  const n = vm.getNumber(nHandle);
  hostCalls.push(`fold(${n})`);
  let acc = vm.newNumber(0);
  try {
    for (let i = 0; i < n; i++) {
      const index = vm.newNumber(i);
      const result = vm.callFunction(fHandle, vm.undefined, index, acc);
      index.dispose();
      const next = vm.unwrapResult(result); // a guest exception: thrown here, and back into the guest
      acc.dispose();
      acc = next;
    }
    return acc;
  } catch (e) {
    acc.dispose();
    throw e;
  }
});
const log = vm.newFunction("log", (...args) => {
  hostCalls.push(args.map((a) => vm.getString(a)).join(" "));
});
const host = vm.newObject();
vm.setProp(host, "fold", fold);
vm.setProp(host, "log", log);
vm.setProp(vm.global, "host", host);
host.dispose();
fold.dispose();
log.dispose();

// memory growth: 24 MB of typed arrays in the guest grow its 16 MB memory (Emscripten then renews its
// views of the buffer, which the growth detached), and values made after that still reach the host intact
results.growth = evaluate(`
  const arrays = [];
  for (let i = 0; i < 3; i++) { const a = new Uint8Array(8 << 20); a[i] = 1 + i; a[a.length - 1 - i] = 10 + i; arrays.push(a); }
  ({ lengths: arrays.map((a) => a.length).join(","), marks: arrays.map((a, i) => [a[i], a[a.length - 1 - i], a[i + 1]].join(" ")).join(",") })
`);

results.callbacks = evaluate(`
  let calls = 0;
  const sum = host.fold(200, (i, acc) => { calls++; return acc + i * i; });
  const joined = host.fold(20, (i, acc) => { host.log("step", String(i)); return (acc === 0 ? "" : acc) + String.fromCharCode(65 + i); });
  ({ sum, calls, joined })
`);
results.hostCalls = hostCalls;

// a guest exception thrown in a callback goes through the host function back into the guest, and out of
// evalCode as an error value
const failure = vm.evalCode(`host.fold(3, (i) => { if (i === 2) throw new RangeError("no " + i); return i; })`);
if (failure.error === undefined) throw new Error("expected the guest to throw");
results.guestError = vm.dump(failure.error);
failure.error.dispose();

vm.dispose(); // asserts (aborts) if any handle leaked
results.disposed = vm.alive === false;
report(results);
