// The polyfill in a browser without WebAssembly: headless Chromium with --js-flags=--jitless (which removes
// `WebAssembly` from pages) loads dist/wasmi-ts-polyfill.global.js with a <script> tag, installs it, then
// runs real npm packages that ship Wasm (hash-wasm, brotli-wasm, quickjs-emscripten). Each workload below
// is one self-contained function of the package's API: the test runs it in the page on the polyfill and in
// Node on Node's own WebAssembly, and compares the results. Needs `apt-get install -y chromium` and the
// build (`npx tsup`, which the package's test task runs first).

import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { BrotliWasmType } from "brotli-wasm";
import * as hashWasm from "hash-wasm";
import { chromium, type Browser, type Page } from "playwright-core";
import * as quickjs from "quickjs-emscripten";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startStaticServer, type StaticServer } from "./browser/server.js";

const chromiumPath = "/usr/bin/chromium";
const path = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
const bundlePath = path("../dist/wasmi-ts-polyfill.global.js");

/** What test/browser/index.html defines in the page. */
interface PageGlobals {
  wasmBefore: string;
  wasmiTsPolyfill: { WebAssembly: object };
  installed: boolean;
  WebAssembly?: object;
  hashwasm: typeof hashWasm;
  QJS: typeof quickjs;
  brotli: Promise<BrotliWasmType>;
}

// ---- the workloads: self-contained (no outer references: they are sent to the page as source) ----

async function hashes(h: typeof hashWasm, inputs: number[][]): Promise<string[][]> {
  const out: string[][] = [];
  for (const input of inputs) {
    const data = Uint8Array.from(input);
    out.push([await h.sha256(data), await h.md5(data), await h.xxhash64(data), await h.blake3(data)]);
  }
  return out;
}

async function brotliRoundTrip(
  brotli: BrotliWasmType,
  [input, quality]: [number[], number],
): Promise<{ compressed: string; roundTrip: boolean }> {
  const data = Uint8Array.from(input);
  const compressed = brotli.compress(data, { quality });
  const back = brotli.decompress(compressed);
  return {
    compressed: Array.from(compressed, (b) => b.toString(16).padStart(2, "0")).join(""),
    roundTrip: back.length === data.length && back.every((b, i) => b === data[i]),
  };
}

async function quickjsRun(qjs: typeof quickjs, program: string): Promise<{ result: string; hostCalls: number }> {
  const vm = (await qjs.getQuickJS()).newContext();
  let hostCalls = 0;
  const hostAdd = vm.newFunction("hostAdd", (a, b) => {
    hostCalls++;
    return vm.newNumber(vm.getNumber(a) + vm.getNumber(b));
  });
  vm.setProp(vm.global, "hostAdd", hostAdd);
  hostAdd.dispose();
  const value = vm.unwrapResult(vm.evalCode(program));
  const result = vm.getString(value);
  value.dispose();
  vm.dispose();
  return { result, hostCalls };
}

// ---- inputs ----

const utf8 = (s: string): number[] => Array.from(new TextEncoder().encode(s));
const text = Array.from({ length: 60 }, (_, i) => `line ${i}: the quick fox jumps over ${(i * i) % 97} lazy dogs\n`)
  .join("");
let seed = 0x2545f491;
const noise = Array.from({ length: 8192 }, () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed & 0xff;
});
const hashInputs = [[], utf8("abc"), utf8(text), noise];
const program = `
  function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
  let sum = 0;
  for (let i = 1; i <= 100; i++) sum = hostAdd(sum, i);
  const words = "wasm in a browser that has no wasm".split(" ");
  JSON.stringify({ sum, fib: fib(16), words: words.reverse().join(" "), sorted: [5, 3, 9, 1].sort((a, b) => a - b) });
`;

// ---- the browser ----

let server: StaticServer | undefined;
let browser: Browser | undefined;
let page: Page;
/** The page's console messages, uncaught errors and failed requests: printed when a test fails. */
const pageLog: string[] = [];
const pageErrors: string[] = [];

/** `promise`, or a rejection naming `what` after `ms` milliseconds. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `workload(lib, arg)` in the page, `lib` being the page's global `name` (awaited). */
function inPage<L, A, R>(name: keyof PageGlobals, workload: (lib: L, arg: A) => Promise<R>, arg: A): Promise<R> {
  const call = `(${workload.toString()})(lib, ${JSON.stringify(arg)})`;
  const source = `Promise.resolve(globalThis.${name}).then((lib) => ${call})`;
  return within(90_000, `${workload.name} in the page`, page.evaluate(source) as Promise<R>);
}

/** `fn`'s result and how long it took, logged. */
async function timed<T>(what: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await fn();
  console.log(`${what}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return result;
}

describe("the polyfill in headless Chromium with --js-flags=--jitless", () => {
  beforeAll(async () => {
    if (!existsSync(chromiumPath)) {
      throw new Error(`${chromiumPath} is missing: run \`apt-get install -y chromium\` (as root), as .ci/run does`);
    }
    if (!existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run \`npx tsup\` in packages/polyfill`);
    server = await startStaticServer(path("browser/index.html"), {
      polyfill: path("../dist"),
      "hash-wasm": path("../node_modules/hash-wasm"),
      "brotli-wasm": path("../node_modules/brotli-wasm"),
      "quickjs-emscripten": path("../node_modules/quickjs-emscripten"),
    });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ["--no-sandbox", "--js-flags=--jitless"],
      timeout: 30_000,
    });
    page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    page.on("console", (m) => {
      pageLog.push(`console.${m.type()}: ${m.text()} (${m.location().url})`);
      if (m.type() === "error") pageErrors.push(m.text());
    });
    page.on("pageerror", (e) => {
      pageLog.push(`page error: ${e.stack ?? e.message}`);
      pageErrors.push(e.message);
    });
    page.on("requestfailed", (r) => pageLog.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
    await timed("page load (polyfill, hash-wasm, quickjs-emscripten, brotli-wasm scripts)", () =>
      page.goto(server!.origin + "/", { waitUntil: "load" }),
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 30_000);

  beforeEach(({ onTestFailed }) => {
    onTestFailed(() => {
      const lines = (list: string[]): string =>
        list.length === 0 ? "\n  (none)" : list.map((line) => `\n  ${line}`).join("");
      console.error(`the page's log:${lines(pageLog)}\nthe server's errors:${lines(server?.errors ?? [])}`);
    });
  });

  it("has no WebAssembly of its own, and the script installs the polyfill's", async () => {
    const state = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return {
        before: g.wasmBefore,
        installed: g.installed,
        polyfilled: g.WebAssembly !== undefined && g.WebAssembly === g.wasmiTsPolyfill.WebAssembly,
      };
    });
    expect(state).toEqual({ before: "undefined", installed: true, polyfilled: true });
  });

  it("hash-wasm: sha256, md5, xxhash64 and blake3 as on Node's WebAssembly", async () => {
    const inBrowser = await timed("hash-wasm in the page", () => inPage("hashwasm", hashes, hashInputs));
    const inNode = await hashes(hashWasm, hashInputs);
    expect(inNode[1]![0]).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"); // sha256("abc")
    expect(inBrowser).toEqual(inNode);
  }, 120_000);

  it("brotli-wasm (ESM web build, fetching its .wasm): the same compressed bytes as on Node, and back", async () => {
    const brotliNode = createRequire(import.meta.url)("brotli-wasm") as BrotliWasmType;
    for (const quality of [5, 11]) {
      const arg: [number[], number] = [utf8(text), quality];
      const inBrowser = await timed(`brotli-wasm quality ${quality} in the page`, () =>
        inPage("brotli", brotliRoundTrip, arg),
      );
      const inNode = await brotliRoundTrip(brotliNode, arg);
      expect(inNode.roundTrip).toBe(true);
      expect(inBrowser).toEqual(inNode);
    }
  }, 120_000);

  it("quickjs-emscripten (its browser build): evaluates a program calling a host function, as on Node", async () => {
    const inBrowser = await timed("quickjs-emscripten in the page", () => inPage("QJS", quickjsRun, program));
    const inNode = await quickjsRun(quickjs, program);
    expect(inNode).toEqual({
      result: `{"sum":5050,"fib":987,"words":"wasm no has that browser a in wasm","sorted":[1,3,5,9]}`,
      hostCalls: 100,
    });
    expect(inBrowser).toEqual(inNode);
  }, 120_000);

  it("reported no errors in the page", () => {
    expect(pageErrors).toEqual([]);
  });
});
