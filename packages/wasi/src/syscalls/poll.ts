// poll_oneoff: waits for clocks, and reports descriptors as ready. Files and the standard streams are
// always ready here (a read or write waits inside its own call, if at all), so a poll with any descriptor
// returns at once; a poll of clocks only sleeps until the first one is due: blocking the thread, or, in an
// asynchronous Wasi, on a timer that leaves the event loop free. A generator run by ../io.ts (it stats
// files): the subscriptions are read first, the events written last.

import { Errno, Eventtype, Filetype, Subclockflags } from "../constants.js";
import type { WasiContext } from "../context.js";
import { WasiError } from "../errors.js";
import type { FileStat } from "../fs/types.js";
import type { GuestMemory } from "../guest-memory.js";
import type { Io } from "../io.js";
import { clockTime } from "./environment.js";

const SUBSCRIPTION_SIZE = 48;
const EVENT_SIZE = 32;

interface Event {
  userdata: bigint;
  error: number;
  type: number;
  nbytes: bigint;
}

interface ClockWait {
  userdata: bigint;
  clock: number;
  deadline: bigint;
}

interface FdWait {
  userdata: bigint;
  type: number;
  fd: number;
}

/** Blocks the thread for about `ms` milliseconds (Atomics.wait where the host allows it, else a spin). */
function sleep(ms: number): void {
  if (ms <= 0) return;
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    return;
  } catch {
    // no SharedArrayBuffer, or a thread that may not block (a browser's main thread): spin
  }
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

/** A timer to wait for, where there is one (else null: block the thread). */
function delay(ms: number): Promise<void> | null {
  const g = globalThis as { setTimeout?: (f: () => void, ms: number) => unknown };
  return typeof g.setTimeout === "function" ? new Promise((resolve) => g.setTimeout!(resolve, ms)) : null;
}

export function* poll_oneoff(ctx: WasiContext, m: GuestMemory, input: number, output: number, count: number, nevents: number): Io<number> {
  const n = count >>> 0;
  if (n === 0) return Errno.INVAL;
  const inBase = m.check(input, n * SUBSCRIPTION_SIZE);
  const outBase = m.check(output, n * EVENT_SIZE);
  // events of clocks that failed and descriptors, in subscription order; clocks to wait for apart
  const subscribed: (Event | FdWait)[] = [];
  const clocks: ClockWait[] = [];
  for (let i = 0; i < n; i++) {
    const s = inBase + i * SUBSCRIPTION_SIZE;
    const userdata = m.u64(s);
    const type = m.u8At(s + 8);
    if (type === Eventtype.CLOCK) {
      const clock = m.u32(s + 16);
      const timeout = m.u64(s + 24);
      const absolute = (m.u16(s + 40) & Subclockflags.ABSTIME) !== 0;
      try {
        clocks.push({ userdata, clock, deadline: absolute ? timeout : clockTime(ctx, clock) + timeout });
      } catch (e) {
        if (!(e instanceof WasiError)) throw e;
        subscribed.push({ userdata, error: e.errno, type, nbytes: 0n });
      }
    } else if (type === Eventtype.FD_READ || type === Eventtype.FD_WRITE) {
      subscribed.push({ userdata, type, fd: m.u32(s + 16) });
    } else {
      return Errno.INVAL;
    }
  }
  const ready: Event[] = [];
  for (const sub of subscribed) {
    if (!("fd" in sub)) {
      ready.push(sub);
      continue;
    }
    const { userdata, type, fd } = sub;
    let error: number = Errno.SUCCESS;
    let nbytes = 0n;
    try {
      const d = ctx.fds.get(fd);
      if (type === Eventtype.FD_READ && d.handle !== null && d.filetype !== Filetype.CHARACTER_DEVICE) {
        const size = ((yield d.handle.stat()) as FileStat).size;
        nbytes = size > d.position ? size - d.position : 0n;
      }
    } catch (e) {
      if (!(e instanceof WasiError)) throw e;
      error = e.errno;
    }
    ready.push({ userdata, error, type, nbytes });
  }
  if (ready.length === 0) {
    // only clocks: sleep until the first is due
    let first = clocks[0]!;
    let firstLeft = first.deadline - clockTime(ctx, first.clock);
    for (const c of clocks) {
      const left = c.deadline - clockTime(ctx, c.clock);
      if (left < firstLeft) {
        first = c;
        firstLeft = left;
      }
    }
    for (let left = firstLeft; left > 0n; left = first.deadline - clockTime(ctx, first.clock)) {
      const ms = Math.min(Math.ceil(Number(left) / 1e6), 1000);
      const timer = ctx.async ? delay(ms) : null;
      if (timer !== null) yield timer;
      else sleep(ms);
    }
  }
  for (const c of clocks) {
    if (c.deadline <= clockTime(ctx, c.clock)) ready.push({ userdata: c.userdata, error: Errno.SUCCESS, type: Eventtype.CLOCK, nbytes: 0n });
  }
  ready.forEach((e, i) => {
    const o = outBase + i * EVENT_SIZE;
    m.bytes(o, EVENT_SIZE).fill(0);
    m.setU64(o, e.userdata);
    m.setU16(o + 8, e.error);
    m.setU8(o + 10, e.type);
    m.setU64(o + 16, e.nbytes);
  });
  m.setU32(nevents, ready.length);
  return Errno.SUCCESS;
}
