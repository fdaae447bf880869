// fd_write and fd_read on a synchronous stream (stdout, stderr, stdin from bytes or a plain function):
// the calls most programs make most often (a line of output each), done without a generator, which costs
// about as much as the rest of the call (bench/fd-write.ts). For such a descriptor they do exactly what
// fd.ts's fd_write and fd_read do (a stream has no position, no append mode, and a synchronous one never
// waits); for any other they return undefined, and the call takes the general path.

import { Errno, Filetype, Rights } from "../constants.js";
import type { WasiContext } from "../context.js";
import type { Descriptor } from "../descriptors.js";
import type { GuestMemory } from "../guest-memory.js";

/** A call that is not for this path: the caller runs the general implementation. */
export type FastPath = (ctx: WasiContext, m: GuestMemory, ...args: number[]) => number | undefined;

function isSyncStream(d: Descriptor): boolean {
  return d.filetype === Filetype.CHARACTER_DEVICE && !d.async;
}

export function fd_write_stream(ctx: WasiContext, m: GuestMemory, fd: number, iovs: number, count: number, nwritten: number): number | undefined {
  const d = ctx.fds.get(fd);
  if (!isSyncStream(d)) return undefined;
  d.require(Rights.FD_WRITE);
  const h = d.handle!;
  const ranges = m.ranges(iovs, count);
  let n = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    const ptr = ranges[i]!;
    const len = ranges[i + 1]!;
    if (len === 0) continue;
    n += h.write(m.u8.subarray(ptr, ptr + len), BigInt(n)) as number; // a synchronous handle: a number
  }
  m.setU32(nwritten, n);
  return Errno.SUCCESS;
}

export function fd_read_stream(ctx: WasiContext, m: GuestMemory, fd: number, iovs: number, count: number, nread: number): number | undefined {
  const d = ctx.fds.get(fd);
  if (!isSyncStream(d)) return undefined;
  d.require(Rights.FD_READ);
  const h = d.handle!;
  const ranges = m.ranges(iovs, count);
  let n = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    const ptr = ranges[i]!;
    const len = ranges[i + 1]!;
    if (len === 0) continue;
    const got = h.read(m.u8.subarray(ptr, ptr + len), BigInt(n)) as number; // a synchronous handle: a number
    n += got;
    if (got < len) break;
  }
  m.setU32(nread, n);
  return Errno.SUCCESS;
}
