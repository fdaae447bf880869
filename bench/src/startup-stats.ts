// wasmi-ts only: how fast its executor decodes, validates, compiles (both, as an engine does) and
// translates each module (MB/s of Wasm code), and how large the translated register bytecode is next to
// the Wasm code section. Measured in a child process: the first run is cold (as at time to first call),
// then the median of the later runs.
import {
  CompiledModule, DEFAULT_CONFIG, compileModule, decodeModule, translateAll, validateModule,
} from "@wasmi-ts/executor";
import { TypeRegistry } from "@wasmi-ts/store";
import { median } from "./measure.js";

export interface PhaseTimes {
  /** The first run in the process (V8 has not optimized the executor yet). */
  firstMs: number;
  /** Median of the later runs (per module: a small module is processed many times per run). */
  medianMs: number;
  /** Megabytes (10^6 bytes) of code section per second, from the median. */
  mbPerS: number;
}

export interface StartupStats {
  module: string;
  moduleBytes: number;
  /** Size of the code section's content: the function bodies with their local declarations. */
  codeBytes: number;
  functions: number;
  /** `decodeModule` alone (it reads every body too). */
  decode: PhaseTimes;
  /** `validateModule` of the decoded module. */
  validate: PhaseTimes;
  /** `compileModule` as an engine does it (the decoder leaves the bodies to the validator), lazy translation. */
  compile: PhaseTimes;
  /** Translation of every function (`translateAll`), after decoding and validation. */
  translate: PhaseTimes;
  /** Sum over functions of the translated code (`CompiledFunc.code`: words of 32 bits, 4 bytes each). */
  bytecodeBytes: number;
  /** Sum over functions of their constant areas (`CompiledFunc.consts`). */
  constBytes: number;
  /** bytecodeBytes / codeBytes. */
  bytecodePerCodeByte: number;
}

const CODE_SECTION = 10;

/** The size of section `id`'s content, or 0 when the module has none. */
export function sectionSize(bytes: Uint8Array, id: number): number {
  let pos = 8;
  const uleb = () => {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[pos++]!;
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
    }
  };
  while (pos < bytes.length) {
    const sectionId = bytes[pos++]!;
    const size = uleb();
    if (sectionId === id) return size;
    pos += size;
  }
  return 0;
}

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}

function phase(samples: number[], codeBytes: number): PhaseTimes {
  const later = samples.length > 1 ? samples.slice(1) : samples;
  const medianMs = median(later);
  return { firstMs: samples[0]!, medianMs, mbPerS: codeBytes / 1e6 / (medianMs / 1000) };
}

/** Small modules are processed this many times per timed run, so that a run takes a measurable time. */
function batchSize(codeBytes: number): number {
  return Math.max(1, Math.min(1000, Math.ceil(200_000 / Math.max(1, codeBytes))));
}

/**
 * Decodes, validates and translates `bytes` at least twice and up to `runs` times within `budgetMs`;
 * each timed run processes the module `batchSize` times (the first run: once, cold).
 */
export function startupStats(name: string, bytes: Uint8Array, runs: number, budgetMs: number): StartupStats {
  const codeBytes = sectionSize(bytes, CODE_SECTION);
  const config = DEFAULT_CONFIG;
  const decodeMs: number[] = [];
  const validateMs: number[] = [];
  const compileMs: number[] = [];
  const translateMs: number[] = [];
  let last: CompiledModule | undefined;
  const start = performance.now();
  for (let i = 0; i < Math.max(2, runs); i++) {
    if (i >= 2 && performance.now() - start > budgetMs) break;
    const batch = i === 0 ? 1 : batchSize(codeBytes);
    // compileModule first: its first run is the cold one, as at time to first call.
    const [, c] = timed(() => {
      for (let k = 0; k < batch; k++) compileModule(bytes, new TypeRegistry(), config);
    });
    const [irs, d] = timed(() => Array.from({ length: batch }, () => decodeModule(bytes, config.features)));
    const [, v] = timed(() => irs.forEach((ir) => validateModule(ir, config.features)));
    const modules = irs.map((ir) => new CompiledModule(ir, new TypeRegistry(), config));
    const [, t] = timed(() => modules.forEach((m) => translateAll(m)));
    compileMs.push(c / batch);
    decodeMs.push(d / batch);
    validateMs.push(v / batch);
    translateMs.push(t / batch);
    last = modules[0];
  }
  let bytecodeBytes = 0;
  let constBytes = 0;
  for (const func of last!.code) {
    bytecodeBytes += func!.code.length * 4;
    constBytes += func!.consts.byteLength;
  }
  return {
    module: name,
    moduleBytes: bytes.length,
    codeBytes,
    functions: last!.code.length,
    decode: phase(decodeMs, codeBytes),
    validate: phase(validateMs, codeBytes),
    compile: phase(compileMs, codeBytes),
    translate: phase(translateMs, codeBytes),
    bytecodeBytes,
    constBytes,
    bytecodePerCodeByte: bytecodeBytes / codeBytes,
  };
}
