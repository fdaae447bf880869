// Encodes workloads/*.wat to .wasm with our own text-format package. The .wasm files are committed so
// that runners which only take binaries (wasm-interp) need nothing else.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseWat } from "@wasmi-ts/wast";

const dir = join(import.meta.dirname, "..", "workloads");
for (const name of readdirSync(dir).filter((n) => n.endsWith(".wat"))) {
  const out = name.replace(/\.wat$/, ".wasm");
  writeFileSync(join(dir, out), parseWat(readFileSync(join(dir, name), "utf8")));
  console.log(`built workloads/${out}`);
}
