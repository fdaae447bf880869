// fd_*: what a guest does with an open descriptor.

import { Errno, Fdflags, Filetype, Fstflags, Rights, Whence } from "../constants.js";
import type { WasiContext } from "../context.js";
import type { Descriptor } from "../descriptors.js";
import { WasiError } from "../errors.js";
import type { FileHandle, FileStat } from "../fs/types.js";
import type { GuestMemory } from "../guest-memory.js";
import { encodeUtf8 } from "@wasmi-ts/store";

const MAX_OFFSET = 2n ** 63n - 1n;

/** The open file or stream behind `d` (BADF for a directory, which has none). */
function handleOf(d: Descriptor): FileHandle {
  if (d.handle === null) throw new WasiError(Errno.BADF, "a directory has no file contents");
  return d.handle;
}

/** The stat of what `d` is. */
export function statOf(d: Descriptor): FileStat {
  return d.handle !== null ? d.handle.stat() : d.fs!.lstat(d.path);
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

export function fd_allocate(ctx: WasiContext, _m: GuestMemory, fd: number, offset: bigint, len: bigint): number {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_ALLOCATE);
  const h = handleOf(d);
  const end = BigInt.asUintN(64, offset) + BigInt.asUintN(64, len);
  if (end > MAX_OFFSET) return Errno.FBIG;
  if (h.stat().size < end) h.setSize(end);
  return Errno.SUCCESS;
}

export function fd_close(ctx: WasiContext, _m: GuestMemory, fd: number): number {
  ctx.fds.remove(fd).handle?.close();
  return Errno.SUCCESS;
}

export function fd_datasync(ctx: WasiContext, _m: GuestMemory, fd: number): number {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_DATASYNC);
  d.handle?.sync();
  return Errno.SUCCESS;
}

export function fd_sync(ctx: WasiContext, _m: GuestMemory, fd: number): number {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_SYNC);
  d.handle?.sync();
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

export function fd_filestat_get(ctx: WasiContext, m: GuestMemory, fd: number, ptr: number): number {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_FILESTAT_GET);
  writeFilestat(m, ptr, statOf(d));
  return Errno.SUCCESS;
}

export function fd_filestat_set_size(ctx: WasiContext, _m: GuestMemory, fd: number, size: bigint): number {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_FILESTAT_SET_SIZE);
  const s = BigInt.asUintN(64, size);
  if (s > MAX_OFFSET) return Errno.FBIG;
  handleOf(d).setSize(s);
  return Errno.SUCCESS;
}

export function fd_filestat_set_times(ctx: WasiContext, _m: GuestMemory, fd: number, atim: bigint, mtim: bigint, flags: number): number {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_FILESTAT_SET_TIMES);
  const [a, mt] = timesOf(ctx, atim, mtim, flags);
  if (d.handle !== null) d.handle.setTimes(a, mt);
  else d.fs!.setTimes(d.path, a, mt);
  return Errno.SUCCESS;
}

/** Reads into `buffers` from `position` until one is not filled; returns the bytes read. */
function readInto(h: FileHandle, buffers: Uint8Array[], position: bigint): number {
  let total = 0;
  for (const b of buffers) {
    if (b.length === 0) continue;
    const n = h.read(b, position + BigInt(total));
    total += n;
    if (n < b.length) break;
  }
  return total;
}

/** Writes `buffers` at `position`; returns the bytes written. */
function writeFrom(h: FileHandle, buffers: Uint8Array[], position: bigint): number {
  let total = 0;
  for (const b of buffers) {
    if (b.length === 0) continue;
    total += h.write(b, position + BigInt(total));
  }
  return total;
}

function isStream(d: Descriptor): boolean {
  return d.filetype === Filetype.CHARACTER_DEVICE;
}

export function fd_pread(ctx: WasiContext, m: GuestMemory, fd: number, iovs: number, count: number, offset: bigint, nread: number): number {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_READ | Rights.FD_SEEK);
  if (d.isDirectory) return Errno.ISDIR;
  if (isStream(d)) return Errno.SPIPE;
  const o = BigInt.asUintN(64, offset);
  if (o > MAX_OFFSET) return Errno.INVAL;
  m.setU32(nread, readInto(handleOf(d), m.iovecs(iovs, count), o));
  return Errno.SUCCESS;
}

export function fd_pwrite(ctx: WasiContext, m: GuestMemory, fd: number, iovs: number, count: number, offset: bigint, nwritten: number): number {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_WRITE | Rights.FD_SEEK);
  if (d.isDirectory) return Errno.ISDIR;
  if (isStream(d)) return Errno.SPIPE;
  const o = BigInt.asUintN(64, offset);
  if (o > MAX_OFFSET) return Errno.INVAL;
  m.setU32(nwritten, writeFrom(handleOf(d), m.iovecs(iovs, count), o));
  return Errno.SUCCESS;
}

export function fd_read(ctx: WasiContext, m: GuestMemory, fd: number, iovs: number, count: number, nread: number): number {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_READ);
  if (d.isDirectory) return Errno.ISDIR;
  const n = readInto(handleOf(d), m.iovecs(iovs, count), d.position);
  if (!isStream(d)) d.position += BigInt(n);
  m.setU32(nread, n);
  return Errno.SUCCESS;
}

export function fd_write(ctx: WasiContext, m: GuestMemory, fd: number, iovs: number, count: number, nwritten: number): number {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_WRITE);
  if (d.isDirectory) return Errno.ISDIR;
  const h = handleOf(d);
  if (!isStream(d) && (d.fdflags & Fdflags.APPEND) !== 0) d.position = h.stat().size;
  const n = writeFrom(h, m.iovecs(iovs, count), d.position);
  if (!isStream(d)) d.position += BigInt(n);
  m.setU32(nwritten, n);
  return Errno.SUCCESS;
}

export function fd_seek(ctx: WasiContext, m: GuestMemory, fd: number, offset: bigint, whence: number, newOffset: number): number {
  const d = ctx.fds.get(fd);
  d.require(offset === 0n && whence === Whence.CUR ? Rights.FD_TELL : Rights.FD_SEEK);
  if (d.isDirectory) return Errno.BADF;
  if (isStream(d)) return Errno.SPIPE;
  let base: bigint;
  switch (whence) {
    case Whence.SET: base = 0n; break;
    case Whence.CUR: base = d.position; break;
    case Whence.END: base = handleOf(d).stat().size; break;
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

export function fd_renumber(ctx: WasiContext, _m: GuestMemory, from: number, to: number): number {
  ctx.fds.renumber(from, to)?.handle?.close();
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

export function fd_readdir(ctx: WasiContext, m: GuestMemory, fd: number, buf: number, len: number, cookie: bigint, bufused: number): number {
  const d = ctx.fds.get(fd);
  d.require(Rights.FD_READDIR);
  if (!d.isDirectory) return Errno.NOTDIR;
  const fs = d.fs!;
  // a listing is read at cookie 0 and kept for the later cookies of the same pass
  if (cookie === 0n || d.listing === null) {
    const self = fs.lstat(d.path);
    const parentPath = d.path.includes("/") ? d.path.slice(0, d.path.lastIndexOf("/")) : "";
    const parent = d.path === "" ? self : fs.lstat(parentPath);
    const entries: Listed[] = [
      { name: encodeUtf8("."), ino: self.ino, filetype: Filetype.DIRECTORY },
      { name: encodeUtf8(".."), ino: parent.ino, filetype: Filetype.DIRECTORY },
      ...fs.readdir(d.path).map((e) => ({ name: encodeUtf8(e.name), ino: e.ino, filetype: e.filetype })),
    ];
    d.listing = entries;
  }
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
