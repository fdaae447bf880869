import { Trap, ValType, type AsyncHostFunc, type Caller, type Instance, type Linker } from "@wasmi-ts/host";
import { WasiContext, type WasiOptions } from "./context.js";
import { WasiError } from "./errors.js";
import { FUNCTIONS } from "./functions.js";
import { GuestMemory, NO_MEMORY } from "./guest-memory.js";
import { isThenable, runAsync, runSync } from "./io.js";
import { WasiExit } from "./syscalls/environment.js";

/** The import module name of WASI preview 1. */
export const WASI_MODULE = "wasi_snapshot_preview1";

/**
 * WASI preview 1 for one guest program: its arguments, environment, standard streams and preopened
 * directories (see `WasiOptions`). `defineIn(linker)` provides the `wasi_snapshot_preview1` imports;
 * `start(instance)` runs a command and returns its exit code, or `startAsync(instance)` when the `Wasi`
 * is asynchronous (an `AsyncFileSystem`, async stdin, or `async: true`).
 */
export class Wasi {
  private readonly ctx: WasiContext;

  constructor(options: WasiOptions = {}) {
    this.ctx = new WasiContext(options);
  }

  /** Whether the file and stdin functions may wait for their backends (run with `startAsync`). */
  get async(): boolean {
    return this.ctx.async;
  }

  /**
   * Defines every `wasi_snapshot_preview1` function in `linker`; returns the linker. In an asynchronous
   * `Wasi`, those that use file systems or stdin are async host functions (`linker.funcAsync`): Wasm that
   * reaches them must run with `callAsync`.
   */
  defineIn<T>(linker: Linker<T>): Linker<T> {
    const ctx = this.ctx;
    for (const [name, entry] of Object.entries(FUNCTIONS)) {
      const type = {
        params: [...entry[0]].map((p) => (p === "I" ? ValType.I64 : ValType.I32)),
        results: name === "proc_exit" ? [] : [ValType.I32],
      };
      if (entry.length === 2) {
        const fn = entry[1];
        linker.func(WASI_MODULE, name, type, (caller: Caller<T>, ...args: unknown[]) => {
          try {
            return fn(ctx, guestMemory(caller), ...args);
          } catch (e) {
            return errnoOf(e);
          }
        });
      } else if (ctx.async) {
        const [, fn, , fast] = entry;
        const run = (caller: Caller<T>, ...args: unknown[]): number | Promise<number> => {
          const m = guestMemory(caller);
          try {
            const done = fast?.(ctx, m, ...(args as number[]));
            if (done !== undefined) return done;
            const result = runAsync(fn(ctx, m, ...args), m);
            return isThenable(result) ? result.then(undefined, errnoOf) : result;
          } catch (e) {
            return errnoOf(e);
          }
        };
        // a call that did not wait returns its errno as is: the host then goes on without suspending
        linker.funcAsync(WASI_MODULE, name, type, run as AsyncHostFunc<T>);
      } else {
        const [, fn, , fast] = entry;
        linker.func(WASI_MODULE, name, type, (caller: Caller<T>, ...args: unknown[]) => {
          const m = guestMemory(caller);
          try {
            return fast?.(ctx, m, ...(args as number[])) ?? runSync(fn(ctx, m, ...args));
          } catch (e) {
            return errnoOf(e);
          }
        });
      }
    }
    return linker;
  }

  /**
   * Runs a WASI command: calls its `_start` export and returns the exit code: 0 when `_start` returns,
   * the code given to `proc_exit` otherwise. A trap, or an error thrown by a host function, propagates.
   * Descriptors still open are closed at the end. An asynchronous `Wasi` needs `startAsync`.
   */
  start(instance: Instance): number {
    if (this.ctx.async) {
      throw new TypeError("this Wasi is asynchronous (an AsyncFileSystem, async stdin, or async: true): run it with `await wasi.startAsync(instance)`");
    }
    const start = startOf(instance);
    try {
      start.call();
      return 0;
    } catch (e) {
      return exitCodeOf(e);
    } finally {
      runSync(this.ctx.closeAll());
    }
  }

  /**
   * `start` for any `Wasi`, asynchronous or not: runs `_start` with `callAsync`, so that the program waits
   * for its file systems and stdin without blocking; resolves with the exit code.
   */
  async startAsync(instance: Instance): Promise<number> {
    const start = startOf(instance);
    try {
      await start.callAsync();
      return 0;
    } catch (e) {
      return exitCodeOf(e);
    } finally {
      await runAsync(this.ctx.closeAll(), NO_MEMORY);
    }
  }

  /** Initialises a WASI reactor: calls its `_initialize` export, if it has one. */
  initialize(instance: Instance): void {
    instance.getFunc("_initialize")?.call();
  }

  /** `initialize` with `callAsync` (for an asynchronous `Wasi`). */
  async initializeAsync(instance: Instance): Promise<void> {
    await instance.getFunc("_initialize")?.callAsync();
  }
}

/** The view of the calling instance's memory a WASI function reads and writes. */
function guestMemory<T>(caller: Caller<T>): GuestMemory {
  const memory = caller.getMemory("memory");
  return memory === undefined ? NO_MEMORY : new GuestMemory(memory);
}

/** What the guest sees of `e`: a WasiError's errno; anything else propagates (it traps the guest). */
function errnoOf(e: unknown): number {
  if (e instanceof WasiError) return e.errno;
  throw e;
}

function startOf(instance: Instance) {
  const start = instance.getFunc("_start");
  if (start === undefined) throw new TypeError("this module is not a WASI command: it has no _start export");
  return start;
}

/** The exit code that `e` (thrown by `_start`) stands for; rethrows what is not an exit. */
function exitCodeOf(e: unknown): number {
  const exit = exitOf(e);
  if (exit !== undefined) return exit.code;
  throw e;
}

/** The `WasiExit` behind `e` (proc_exit from a start function arrives wrapped in nothing, but a trap
 * raised while unwinding may carry it as its cause). */
function exitOf(e: unknown): WasiExit | undefined {
  if (e instanceof WasiExit) return e;
  if (e instanceof Trap && e.cause instanceof WasiExit) return e.cause;
  return undefined;
}
