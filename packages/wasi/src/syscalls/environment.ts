// args_*, environ_*, clock_*, random_get, sched_yield, proc_*: what a guest asks of its environment.

import { Clockid, Errno } from "../constants.js";
import type { WasiContext } from "../context.js";
import { WasiError } from "../errors.js";
import type { GuestMemory } from "../guest-memory.js";

/** Thrown by proc_exit: unwinds the guest; `Wasi.start` turns it into the exit code. */
export class WasiExit extends Error {
  override name = "WasiExit";

  constructor(readonly code: number) {
    super(`the WASI program exited with code ${code}`);
  }
}

function writeStrings(m: GuestMemory, strings: readonly Uint8Array[], pointers: number, buffer: number): number {
  let at = buffer >>> 0;
  const base = pointers >>> 0;
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i]!;
    m.setU32(base + 4 * i, at);
    m.bytes(at, s.length).set(s);
    at += s.length;
  }
  return Errno.SUCCESS;
}

function writeSizes(m: GuestMemory, strings: readonly Uint8Array[], count: number, size: number): number {
  m.setU32(count, strings.length);
  m.setU32(size, strings.reduce((n, s) => n + s.length, 0));
  return Errno.SUCCESS;
}

export function args_get(ctx: WasiContext, m: GuestMemory, argv: number, buffer: number): number {
  return writeStrings(m, ctx.args, argv, buffer);
}

export function args_sizes_get(ctx: WasiContext, m: GuestMemory, count: number, size: number): number {
  return writeSizes(m, ctx.args, count, size);
}

export function environ_get(ctx: WasiContext, m: GuestMemory, environ: number, buffer: number): number {
  return writeStrings(m, ctx.env, environ, buffer);
}

export function environ_sizes_get(ctx: WasiContext, m: GuestMemory, count: number, size: number): number {
  return writeSizes(m, ctx.env, count, size);
}

/** The time of clock `id` in nanoseconds. The CPU-time clocks are not measurable here: NOTSUP. */
export function clockTime(ctx: WasiContext, id: number): bigint {
  switch (id) {
    case Clockid.REALTIME: return ctx.clocks.realtime();
    case Clockid.MONOTONIC: return ctx.clocks.monotonic();
    case Clockid.PROCESS_CPUTIME_ID:
    case Clockid.THREAD_CPUTIME_ID:
      throw new WasiError(Errno.NOTSUP, "CPU-time clocks are not available");
    default:
      throw new WasiError(Errno.INVAL, `unknown clock ${id}`);
  }
}

export function clock_res_get(ctx: WasiContext, m: GuestMemory, id: number, resolution: number): number {
  clockTime(ctx, id); // the same errors
  m.setU64(resolution, 1_000n); // 1 us: what performance.now() and Date give at best
  return Errno.SUCCESS;
}

export function clock_time_get(ctx: WasiContext, m: GuestMemory, id: number, _precision: bigint, time: number): number {
  m.setU64(time, clockTime(ctx, id));
  return Errno.SUCCESS;
}

export function random_get(ctx: WasiContext, m: GuestMemory, buffer: number, length: number): number {
  ctx.random(m.bytes(buffer, length));
  return Errno.SUCCESS;
}

export function sched_yield(): number {
  return Errno.SUCCESS;
}

export function proc_exit(_ctx: WasiContext, _m: GuestMemory, code: number): never {
  throw new WasiExit(code >>> 0);
}

export function proc_raise(): number {
  return Errno.NOTSUP;
}

/** The sock_* functions: no descriptor of ours is a socket. */
function notSocket(ctx: WasiContext, fd: number): number {
  ctx.fds.get(fd); // BADF first
  return Errno.NOTSOCK;
}

export function sock_accept(ctx: WasiContext, _m: GuestMemory, fd: number): number {
  return notSocket(ctx, fd);
}

export function sock_recv(ctx: WasiContext, _m: GuestMemory, fd: number): number {
  return notSocket(ctx, fd);
}

export function sock_send(ctx: WasiContext, _m: GuestMemory, fd: number): number {
  return notSocket(ctx, fd);
}

export function sock_shutdown(ctx: WasiContext, _m: GuestMemory, fd: number): number {
  return notSocket(ctx, fd);
}
