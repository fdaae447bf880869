import { compileModule, decodeModule, validateModule, type CompiledModule } from "@wasmi-ts/executor";
import { CompileError } from "./compile-error.js";
import type { Engine } from "./engine.js";
import { exportTypes, importTypes, type ExportType, type ImportType } from "./extern-type.js";

/** A compiled module: decoded, validated and (unless translation is lazy) translated. Immutable. */
export class Module {
  /** The executor's compiled form. */
  readonly compiled: CompiledModule;

  /**
   * Compiles `bytes` (a `Uint8Array`, another `ArrayBufferView` or an `ArrayBuffer`); throws `CompileError`
   * when they are malformed or invalid. The module keeps its own copy: changing `bytes` afterwards changes
   * nothing. With `Config.lazyValidation`, function bodies are checked at their first call instead (see `Config`).
   */
  constructor(readonly engine: Engine, bytes: BufferSource) {
    const copy = copyBytes(bytes, "new Module");
    try {
      this.compiled = compileModule(copy, engine.registry, engine.config);
    } catch (e) {
      throw CompileError.from(e);
    }
  }

  /** True when `bytes` are a valid module for `engine` (with its features), translating nothing. */
  static validate(engine: Engine, bytes: BufferSource): boolean {
    const copy = copyBytes(bytes, "Module.validate");
    const { features } = engine.config;
    try {
      validateModule(decodeModule(copy, features), features);
      return true;
    } catch (e) {
      CompileError.from(e); // rethrows errors that are not about the module
      return false;
    }
  }

  /** The module's name from its "name" section, if any. */
  get name(): string | null {
    return this.compiled.ir.moduleName;
  }

  /** Copies of the contents of the custom sections named `name`, in module order. */
  customSections(name: string): Uint8Array[] {
    return this.compiled.ir.customs.filter((c) => c.name === name).map((c) => c.bytes.slice());
  }

  imports(): ImportType[] {
    return importTypes(this.compiled.ir);
  }

  exports(): ExportType[] {
    return exportTypes(this.compiled.ir);
  }
}

/** What the JS API calls a `BufferSource`: the bytes of a module. */
export type BufferSource = ArrayBufferView | ArrayBuffer;

/** A private copy of `bytes`, so that the caller may reuse its buffer (and a hostile caller cannot change
 * code that was validated). */
function copyBytes(bytes: BufferSource, what: string): Uint8Array {
  if (ArrayBuffer.isView(bytes)) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength).slice();
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes.slice(0));
  throw new TypeError(`${what}: expected the module's bytes as a Uint8Array, ArrayBufferView or ArrayBuffer, got ${bytes === null ? "null" : typeof bytes}`);
}
