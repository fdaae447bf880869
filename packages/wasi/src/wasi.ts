import { Trap, ValType, type Caller, type Instance, type Linker } from "@wasmi-ts/host";
import { WasiContext, type WasiOptions } from "./context.js";
import { WasiError } from "./errors.js";
import { FUNCTIONS } from "./functions.js";
import { GuestMemory } from "./guest-memory.js";
import { WasiExit } from "./syscalls/environment.js";

/** The import module name of WASI preview 1. */
export const WASI_MODULE = "wasi_snapshot_preview1";

const NO_MEMORY = new GuestMemory(new Uint8Array(0), new DataView(new ArrayBuffer(0)));

/**
 * WASI preview 1 for one guest program: its arguments, environment, standard streams and preopened
 * directories (see `WasiOptions`). `defineIn(linker)` provides the `wasi_snapshot_preview1` imports;
 * `start(instance)` runs a command and returns its exit code.
 */
export class Wasi {
  private readonly ctx: WasiContext;

  constructor(options: WasiOptions = {}) {
    this.ctx = new WasiContext(options);
  }

  /** Defines every `wasi_snapshot_preview1` function in `linker`; returns the linker. */
  defineIn<T>(linker: Linker<T>): Linker<T> {
    const ctx = this.ctx;
    for (const [name, [params, fn]] of Object.entries(FUNCTIONS)) {
      const type = {
        params: [...params].map((p) => (p === "I" ? ValType.I64 : ValType.I32)),
        results: name === "proc_exit" ? [] : [ValType.I32],
      };
      linker.func(WASI_MODULE, name, type, (caller: Caller<T>, ...args: unknown[]) => {
        const memory = caller.getMemory("memory");
        const m = memory === undefined ? NO_MEMORY : new GuestMemory(memory.data, memory.view);
        try {
          return fn(ctx, m, ...args);
        } catch (e) {
          if (e instanceof WasiError) return e.errno;
          throw e;
        }
      });
    }
    return linker;
  }

  /**
   * Runs a WASI command: calls its `_start` export and returns the exit code: 0 when `_start` returns,
   * the code given to `proc_exit` otherwise. A trap, or an error thrown by a host function, propagates.
   * Descriptors still open are closed at the end.
   */
  start(instance: Instance): number {
    const start = instance.getFunc("_start");
    if (start === undefined) throw new TypeError("this module is not a WASI command: it has no _start export");
    try {
      start.call();
      return 0;
    } catch (e) {
      const exit = exitOf(e);
      if (exit !== undefined) return exit.code;
      throw e;
    } finally {
      this.ctx.closeAll();
    }
  }

  /** Initialises a WASI reactor: calls its `_initialize` export, if it has one. */
  initialize(instance: Instance): void {
    instance.getFunc("_initialize")?.call();
  }
}

/** The `WasiExit` behind `e` (proc_exit from a start function arrives wrapped in nothing, but a trap
 * raised while unwinding may carry it as its cause). */
function exitOf(e: unknown): WasiExit | undefined {
  if (e instanceof WasiExit) return e;
  if (e instanceof Trap && e.cause instanceof WasiExit) return e.cause;
  return undefined;
}
