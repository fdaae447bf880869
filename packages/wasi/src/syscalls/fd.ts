// fd_*: what a guest does with an open descriptor. Those that use a file or stream are generators run by
// ../io.ts (one body for synchronous and asynchronous backends); the others are plain functions.

import { Errno, Fdflags, Filetype, Fstflags, Rights, Whence } from "../constants.js";
import type { WasiContext } from "../context.js";
import type { Descriptor } from "../descriptors.js";
import { WasiError } from "../errors.js";
import type { AnyFileHandle, DirEntry, FileStat } from "../fs/types.js";
import type { GuestMemory } from "../guest-memory.js";
import type { Io } from "../io.js";
import { encodeUtf8 } from "@wasmi-ts/store";

const MAX_OFFSET = 2n ** 63n - 1n;

/** The open file or stream behind `d` (BADF for a directory, which has none). */
function handleOf(d: Descriptor): AnyFileHandle {
  if (d.handle === null) throw new WasiError(Errno.BADF, "a directory has no file contents");
  return d.handle;
}

/** The stat of what `d` is. */
function* statOf(d: Descriptor): Io<FileStat> {
  return (yield d.handle !== null ? d.handle.stat() : d.fs!.lstat(d.path)) as FileStat;
}

/** Writes a `filestat` at `ptr`. */
export function writeFilestat(m: GuestMemory, ptr: number, s: FileStat): void {
  m.check(ptr, 64);
  m.setU64(ptr, s.dev);
  m.setU64(ptr + 8, s.ino);
  m.setU8(ptr + 16, s.filetype);
  m.setU64(ptr + 24, s.nlink);
  m.setU64(ptr + 32, s.size);
  m.setU64(ptr + 40, s.atim);
  m.setU64(ptr + 48, s.mtim);
  m.setU64(ptr + 56, s.ctim);
}

/** The access and modification times that `*_set_times` asks for (null: leave), from its flags. */
export function timesOf(ctx: WasiContext, atim: bigint, mtim: bigint, flags: number): [bigint | null, bigint | null] {
  if ((flags & ~0xf) !== 0) throw new WasiError(Errno.INVAL, "unknown fstflags");
  if ((flags & Fstflags.ATIM) !== 0 && (flags & Fstflags.ATIM_NOW) !== 0) throw new WasiError(Errno.INVAL, "ATIM and ATIM_NOW together");
  if ((flags & Fstflags.MTIM) !== 0 && (flags & Fstflags.MTIM_NOW) !== 0) throw new WasiError(Errno.INVAL, "MTIM and MTIM_NOW together");
  const now = (flags & (Fstflags.ATIM_NOW | Fstflags.MTIM_NOW)) !== 0 ? ctx.clocks.realtime() : 0n;
  const a = (flags & Fstflags.ATIM) !== 0 ? atim : (flags & Fstflags.ATIM_NOW) !== 0 ? now : null;
  const mt = (flags & Fstflags.MTIM) !== 0 ? mtim : (flags & Fstflags.MTIM_NOW) !== 0 ? now : null;
  return [a, mt];
}

export function fd_advise(ctx: WasiContext, _m: GuestMemory, fd: number, _offset: bigint, _len: bigint, advice: number): number {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_ADVISE);
  if (advice < 0 || advice > 5) return Errno.INVAL;
  if (d.isDirectory) return Errno.BADF;
  return Errno.SUCCESS; // advice only: nothing to do
}

export function* fd_allocate(ctx: WasiContext, _m: GuestMemory, fd: number, offset: bigint, len: bigint): Io<number> {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_ALLOCATE);
  const h = handleOf(d);
  const end = BigInt.asUintN(64, offset) + BigInt.asUintN(64, len);
  if (end > MAX_OFFSET) return Errno.FBIG;
  if (((yield h.stat()) as FileStat).size < end) yield h.setSize(end);
  return Errno.SUCCESS;
}

export function* fd_close(ctx: WasiContext, _m: GuestMemory, fd: number): Io<number> {
  const d = ctx.fds.remove(fd);
  if (d.handle !== null) yield d.handle.close();
  return Errno.SUCCESS;
}

export function* fd_datasync(ctx: WasiContext, _m: GuestMemory, fd: number): Io<number> {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_DATASYNC);
  if (d.handle !== null) yield d.handle.sync();
  return Errno.SUCCESS;
}

export function* fd_sync(ctx: WasiContext, _m: GuestMemory, fd: number): Io<number> {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_SYNC);
  if (d.handle !== null) yield d.handle.sync();
  return Errno.SUCCESS;
}

export function fd_fdstat_get(ctx: WasiContext, m: GuestMemory, fd: number, ptr: number): number {
  const d = ctx.fds.get(fd);
  m.check(ptr, 24);
  m.setU8(ptr, d.filetype);
  m.setU8(ptr + 1, 0);
  m.setU16(ptr + 2, d.fdflags);
  m.setU32(ptr + 4, 0);
  m.setU64(ptr + 8, BigInt(d.rightsBase));
  m.setU64(ptr + 16, BigInt(d.rightsInheriting));
  return Errno.SUCCESS;
}

export function fd_fdstat_set_flags(ctx: WasiContext, _m: GuestMemory, fd: number, flags: number): number {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_FDSTAT_SET_FLAGS);
  if ((flags & ~0x1f) !== 0) return Errno.INVAL;
  d.fdflags = flags;
  return Errno.SUCCESS;
}

export function fd_fdstat_set_rights(ctx: WasiContext, _m: GuestMemory, fd: number, base: bigint, inheriting: bigint): number {
  const d = ctx.fds.get(fd);
  const b = Number(BigInt.asUintN(64, base) & 0x3fff_ffffn);
  const i = Number(BigInt.asUintN(64, inheriting) & 0x3fff_ffffn);
  // rights can only be dropped
  if (BigInt.asUintN(64, base) >> 30n !== 0n || BigInt.asUintN(64, inheriting) >> 30n !== 0n) return Errno.NOTCAPABLE;
  if ((b & ~d.rightsBase) !== 0 || (i & ~d.rightsInheriting) !== 0) return Errno.NOTCAPABLE;
  d.rightsBase = b;
  d.rightsInheriting = i;
  return Errno.SUCCESS;
}

export function* fd_filestat_get(ctx: WasiContext, m: GuestMemory, fd: number, ptr: number): Io<number> {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_FILESTAT_GET);
  writeFilestat(m, ptr, yield* statOf(d));
  return Errno.SUCCESS;
}

export function* fd_filestat_set_size(ctx: WasiContext, _m: GuestMemory, fd: number, size: bigint): Io<number> {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_FILESTAT_SET_SIZE);
  const s = BigInt.asUintN(64, size);
  if (s > MAX_OFFSET) return Errno.FBIG;
  yield handleOf(d).setSize(s);
  return Errno.SUCCESS;
}

export function* fd_filestat_set_times(ctx: WasiContext, _m: GuestMemory, fd: number, atim: bigint, mtim: bigint, flags: number): Io<number> {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_FILESTAT_SET_TIMES);
  const [a, mt] = timesOf(ctx, atim, mtim, flags);
  yield d.handle !== null ? d.handle.setTimes(a, mt) : d.fs!.setTimes(d.path, a, mt);
  return Errno.SUCCESS;
}

/**
 * Reads from `position` into the buffers of `ranges` (see `GuestMemory.ranges`) until one is not filled;
 * returns the bytes read. A synchronous backend reads straight into guest memory; an async one into a
 * buffer of its own, copied into guest memory (as it is after the wait) once it is filled.
 */
function* readInto(d: Descriptor, h: AnyFileHandle, m: GuestMemory, ranges: number[], position: bigint): Io<number> {
  let total = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    const ptr = ranges[i]!;
    const len = ranges[i + 1]!;
    if (len === 0) continue;
    const buffer = d.async ? new Uint8Array(len) : m.u8.subarray(ptr, ptr + len);
    const n = (yield h.read(buffer, position + BigInt(total))) as number;
    if (d.async) m.u8.set(buffer.subarray(0, n), ptr);
    total += n;
    if (n < len) break;
  }
  return total;
}

/** The data of `ranges` for an async backend: copies, taken before anything waits (null otherwise: views
 * of guest memory are lent to a synchronous backend, which is done with them when it returns). */
function copiesFor(d: Descriptor, m: GuestMemory, ranges: number[]): Uint8Array[] | null {
  if (!d.async) return null;
  const copies: Uint8Array[] = [];
  for (let i = 0; i < ranges.length; i += 2) copies.push(m.u8.slice(ranges[i]!, ranges[i]! + ranges[i + 1]!));
  return copies;
}

/** Writes the buffers of `ranges` (or their `copies`) at `position`; returns the bytes written. */
function* writeFrom(h: AnyFileHandle, m: GuestMemory, ranges: number[], copies: Uint8Array[] | null, position: bigint): Io<number> {
  let total = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    const ptr = ranges[i]!;
    const len = ranges[i + 1]!;
    if (len === 0) continue;
    const data = copies !== null ? copies[i >> 1]! : m.u8.subarray(ptr, ptr + len);
    total += (yield h.write(data, position + BigInt(total))) as number;
  }
  return total;
}

function isStream(d: Descriptor): boolean {
  return d.filetype === Filetype.CHARACTER_DEVICE;
}

export function* fd_pread(ctx: WasiContext, m: GuestMemory, fd: number, iovs: number, count: number, offset: bigint, nread: number): Io<number> {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_READ | Rights.FD_SEEK);
  if (d.isDirectory) return Errno.ISDIR;
  if (isStream(d)) return Errno.SPIPE;
  const o = BigInt.asUintN(64, offset);
  if (o > MAX_OFFSET) return Errno.INVAL;
  const n = yield* readInto(d, handleOf(d), m, m.ranges(iovs, count), o);
  m.setU32(nread, n);
  return Errno.SUCCESS;
}

export function* fd_pwrite(ctx: WasiContext, m: GuestMemory, fd: number, iovs: number, count: number, offset: bigint, nwritten: number): Io<number> {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_WRITE | Rights.FD_SEEK);
  if (d.isDirectory) return Errno.ISDIR;
  if (isStream(d)) return Errno.SPIPE;
  const o = BigInt.asUintN(64, offset);
  if (o > MAX_OFFSET) return Errno.INVAL;
  const h = handleOf(d);
  const ranges = m.ranges(iovs, count);
  const n = yield* writeFrom(h, m, ranges, copiesFor(d, m, ranges), o);
  m.setU32(nwritten, n);
  return Errno.SUCCESS;
}

export function* fd_read(ctx: WasiContext, m: GuestMemory, fd: number, iovs: number, count: number, nread: number): Io<number> {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_READ);
  if (d.isDirectory) return Errno.ISDIR;
  const h = handleOf(d);
  const n = yield* readInto(d, h, m, m.ranges(iovs, count), d.position);
  if (!isStream(d)) d.position += BigInt(n);
  m.setU32(nread, n);
  return Errno.SUCCESS;
}

export function* fd_write(ctx: WasiContext, m: GuestMemory, fd: number, iovs: number, count: number, nwritten: number): Io<number> {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_WRITE);
  if (d.isDirectory) return Errno.ISDIR;
  const h = handleOf(d);
  const ranges = m.ranges(iovs, count);
  const copies = copiesFor(d, m, ranges);
  if (!isStream(d) && (d.fdflags & Fdflags.APPEND) !== 0) d.position = ((yield h.stat()) as FileStat).size;
  const n = yield* writeFrom(h, m, ranges, copies, d.position);
  if (!isStream(d)) d.position += BigInt(n);
  m.setU32(nwritten, n);
  return Errno.SUCCESS;
}

export function* fd_seek(ctx: WasiContext, m: GuestMemory, fd: number, offset: bigint, whence: number, newOffset: number): Io<number> {
  const d = ctx.fds.get(fd);
  d.require(offset === 0n && whence === Whence.CUR ? Rights.FD_TELL : Rights.FD_SEEK);
  if (d.isDirectory) return Errno.BADF;
  if (isStream(d)) return Errno.SPIPE;
  let base: bigint;
  switch (whence) {
    case Whence.SET: base = 0n; break;
    case Whence.CUR: base = d.position; break;
    case Whence.END: base = ((yield handleOf(d).stat()) as FileStat).size; break;
    default: return Errno.INVAL;
  }
  const next = base + offset;
  if (next < 0n || next > MAX_OFFSET) return Errno.INVAL;
  d.position = next;
  m.setU64(newOffset, next);
  return Errno.SUCCESS;
}

export function fd_tell(ctx: WasiContext, m: GuestMemory, fd: number, ptr: number): number {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_TELL);
  if (d.isDirectory) return Errno.BADF;
  if (isStream(d)) return Errno.SPIPE;
  m.setU64(ptr, d.position);
  return Errno.SUCCESS;
}

export function* fd_renumber(ctx: WasiContext, _m: GuestMemory, from: number, to: number): Io<number> {
  const replaced = ctx.fds.renumber(from, to);
  if (replaced?.handle) yield replaced.handle.close();
  return Errno.SUCCESS;
}

export function fd_prestat_get(ctx: WasiContext, m: GuestMemory, fd: number, ptr: number): number {
  const d = ctx.fds.get(fd);
  if (d.preopenName === null) return Errno.BADF;
  m.check(ptr, 8);
  m.setU32(ptr, 0); // tag: a directory
  m.setU32(ptr + 4, encodeUtf8(d.preopenName).length);
  return Errno.SUCCESS;
}

export function fd_prestat_dir_name(ctx: WasiContext, m: GuestMemory, fd: number, path: number, len: number): number {
  const d = ctx.fds.get(fd);
  if (d.preopenName === null) return Errno.BADF;
  const name = encodeUtf8(d.preopenName);
  if ((len >>> 0) < name.length) return Errno.NAMETOOLONG;
  m.bytes(path, name.length).set(name);
  return Errno.SUCCESS;
}

/** One entry of a directory listing, as fd_readdir writes it. */
interface Listed {
  name: Uint8Array;
  ino: bigint;
  filetype: Filetype;
}

export function* fd_readdir(ctx: WasiContext, m: GuestMemory, fd: number, buf: number, len: number, cookie: bigint, bufused: number): Io<number> {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_READDIR);
  if (!d.isDirectory) return Errno.NOTDIR;
  const fs = d.fs!;
  // a listing is read at cookie 0 and kept for the later cookies of the same pass
  if (cookie === 0n || d.listing === null) {
    const self = (yield fs.lstat(d.path)) as FileStat;
    const parentPath = d.path.includes("/") ? d.path.slice(0, d.path.lastIndexOf("/")) : "";
    const parent = d.path === "" ? self : (yield fs.lstat(parentPath)) as FileStat;
    const listed = (yield fs.readdir(d.path)) as DirEntry[];
    const entries: Listed[] = [
      { name: encodeUtf8("."), ino: self.ino, filetype: Filetype.DIRECTORY },
      { name: encodeUtf8(".."), ino: parent.ino, filetype: Filetype.DIRECTORY },
      ...listed.map((e) => ({ name: encodeUtf8(e.name), ino: e.ino, filetype: e.filetype })),
    ];
    d.listing = entries;
  }
  // written only now that nothing waits any more (guest memory as it is now)
  const entries = d.listing as Listed[];
  const size = len >>> 0;
  const out = m.bytes(buf, size);
  const header = new DataView(new ArrayBuffer(24));
  let used = 0;
  const from = BigInt.asUintN(64, cookie);
  for (let i = from > BigInt(entries.length) ? entries.length : Number(from); i < entries.length && used < size; i++) {
    const e = entries[i]!;
    header.setBigUint64(0, BigInt(i + 1), true); // d_next: the cookie of the entry after this one
    header.setBigUint64(8, e.ino, true);
    header.setUint32(16, e.name.length, true);
    header.setUint8(20, e.filetype);
    const record = new Uint8Array(24 + e.name.length);
    record.set(new Uint8Array(header.buffer));
    record.set(e.name, 24);
    const n = Math.min(record.length, size - used); // the last record may be cut: the guest asks again
    out.set(record.subarray(0, n), used);
    used += n;
  }
  m.setU32(bufused, used);
  return Errno.SUCCESS;
}
