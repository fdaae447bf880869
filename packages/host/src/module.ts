import { compileModule, decodeModule, validateModule, type CompiledModule } from "@wasmi-ts/executor";
import { CompileError } from "./compile-error.js";
import type { Engine } from "./engine.js";
import { exportTypes, importTypes, type ExportType, type ImportType } from "./extern-type.js";

/** A compiled module: decoded, validated and (unless translation is lazy) translated. Immutable. */
export class Module {
  /** The executor's compiled form. */
  readonly compiled: CompiledModule;

  /**
   * Compiles `bytes`; throws `CompileError` when they are malformed or invalid. With `Config.lazyValidation`,
   * function bodies are checked at their first call instead (see `Config`).
   */
  constructor(readonly engine: Engine, bytes: Uint8Array) {
    try {
      this.compiled = compileModule(bytes, engine.registry, engine.config);
    } catch (e) {
      throw CompileError.from(e);
    }
  }

  /** True when `bytes` are a valid module (decodes and validates, translating nothing). */
  static validate(engine: Engine, bytes: Uint8Array): boolean {
    void engine;
    try {
      validateModule(decodeModule(bytes));
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

  imports(): ImportType[] {
    return importTypes(this.compiled.ir);
  }

  exports(): ExportType[] {
    return exportTypes(this.compiled.ir);
  }
}
