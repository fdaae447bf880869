import type { WasmFeatures } from "../decode/features.js";
import { decodeModule } from "../decode/index.js";
import { DecodeError, ValidationError } from "../errors.js";
import type { ModuleIR } from "../module/ir.js";
import { Op } from "../module/opcodes.js";
import type { FuncValidator } from "./func-validator.js";

/**
 * The function bodies of a module whose compilation validated everything else (lazy validation): each
 * body is validated on demand, just before its first translation. The FuncValidator is the module's
 * one, set up once (declared function references, memory 0's address type) and reused for every body.
 */
export class DeferredBodies {
  /** Bodies found invalid or malformed, by defined function index: their error, thrown again on each call. */
  private readonly failures = new Map<number, DecodeError | ValidationError>();

  constructor(
    private readonly ir: ModuleIR,
    private readonly features: Readonly<WasmFeatures>,
    private readonly funcs: FuncValidator,
  ) {}

  /**
   * Validates the body of defined function `definedIndex`. Throws the DecodeError or ValidationError that
   * eager compilation reports for this body (when it is the module's only bad one), with its offset.
   */
  validate(definedIndex: number): void {
    const known = this.failures.get(definedIndex);
    if (known !== undefined) throw known;
    try {
      this.funcs.validateFuncs(definedIndex, definedIndex + 1);
    } catch (error) {
      if (!(error instanceof ValidationError || error instanceof DecodeError)) throw error;
      const reported = this.decodeErrorOf(definedIndex) ?? error;
      this.failures.set(definedIndex, reported);
      throw reported;
    }
  }

  /**
   * The decoder's error for body `definedIndex`, if it is malformed (malformed wins over invalid, and the
   * validator may have stopped earlier, at an invalid instruction). As in compileModule, the binary is
   * decoded fully, but with every other body blanked out so that only this one can be at fault.
   */
  private decodeErrorOf(definedIndex: number): DecodeError | null {
    try {
      decodeModule(withOnlyBody(this.ir, definedIndex), this.features);
      return null;
    } catch (error) {
      if (error instanceof DecodeError) return error;
      throw error;
    }
  }
}

/**
 * A copy of the module's binary in which the instructions of every function body but `definedIndex` are
 * `nop`s closed by `end`: the same length, so every offset (and every other section) is unchanged.
 */
function withOnlyBody(ir: ModuleIR, definedIndex: number): Uint8Array {
  const bytes = ir.bytes.slice();
  for (let i = 0; i < ir.codes.length; i++) {
    if (i === definedIndex) continue;
    const { start, end } = ir.codes[i]!;
    bytes.fill(Op.Nop, start, end - 1);
    bytes[end - 1] = Op.End;
  }
  return bytes;
}
