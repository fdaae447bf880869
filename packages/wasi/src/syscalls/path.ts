// path_*: what a guest does with paths, always relative to a directory descriptor and resolved inside its
// preopened file system by ../path.ts (the sandbox). Each is a generator run by ../io.ts: every file system
// call is yielded, and guest memory is written only after the last one.

import { Errno, Fdflags, Filetype, Lookupflags, Oflags, Rights } from "../constants.js";
import type { WasiContext } from "../context.js";
import { Descriptor, DIRECTORY_RIGHTS, FILE_RIGHTS } from "../descriptors.js";
import { WasiError } from "../errors.js";
import type { AnyFileHandle, FileStat } from "../fs/types.js";
import type { GuestMemory } from "../guest-memory.js";
import type { Io } from "../io.js";
import { resolvePath, type Resolved } from "../path.js";
import { timesOf, writeFilestat } from "./fd.js";
import { encodeUtf8 } from "@wasmi-ts/store";

/** The directory descriptor `fd`, which must have `rights`. */
function directory(ctx: WasiContext, fd: number, rights: number): Descriptor {
  const d = ctx.fds.get(fd);
  if (!d.isDirectory) throw new WasiError(Errno.NOTDIR, `descriptor ${fd} is not a directory`);
  d.require(rights);
  return d;
}

/** Resolves the guest's path at `ptr` relative to `dir`. */
function resolve(m: GuestMemory, dir: Descriptor, ptr: number, len: number, follow: boolean): Io<Resolved> {
  return resolvePath(dir.fs!, dir.path, m.string(ptr, len), follow);
}

function* lstat(dir: Descriptor, path: string): Io<FileStat> {
  return (yield dir.fs!.lstat(path)) as FileStat;
}

/** The entry at `path`, or null if there is none. */
function* lstatOrNull(dir: Descriptor, path: string): Io<FileStat | null> {
  try {
    return (yield dir.fs!.lstat(path)) as FileStat;
  } catch (e) {
    if (e instanceof WasiError && e.errno === Errno.NOENT) return null;
    throw e;
  }
}

/** A path written with a trailing slash names a directory: NOTDIR for anything else that exists. */
function checkTrailingSlash(r: Resolved, stat: FileStat | null): void {
  if (r.trailingSlash && stat !== null && stat.filetype !== Filetype.DIRECTORY) {
    throw new WasiError(Errno.NOTDIR, `${JSON.stringify(r.path)} is not a directory`);
  }
}

export function* path_create_directory(ctx: WasiContext, m: GuestMemory, fd: number, path: number, len: number): Io<number> {
  const dir = directory(ctx, fd, Rights.PATH_CREATE_DIRECTORY);
  const r = yield* resolve(m, dir, path, len, false);
  if (r.path === dir.path && r.path === "") return Errno.EXIST;
  yield dir.fs!.mkdir(r.path);
  return Errno.SUCCESS;
}

export function* path_filestat_get(ctx: WasiContext, m: GuestMemory, fd: number, flags: number, path: number, len: number, buf: number): Io<number> {
  const dir = directory(ctx, fd, Rights.PATH_FILESTAT_GET);
  const r = yield* resolve(m, dir, path, len, (flags & Lookupflags.SYMLINK_FOLLOW) !== 0);
  const stat = yield* lstat(dir, r.path);
  checkTrailingSlash(r, stat);
  writeFilestat(m, buf, stat);
  return Errno.SUCCESS;
}

export function* path_filestat_set_times(
  ctx: WasiContext, m: GuestMemory, fd: number, flags: number, path: number, len: number, atim: bigint, mtim: bigint, fstflags: number,
): Io<number> {
  const dir = directory(ctx, fd, Rights.PATH_FILESTAT_SET_TIMES);
  const [a, mt] = timesOf(ctx, atim, mtim, fstflags);
  const r = yield* resolve(m, dir, path, len, (flags & Lookupflags.SYMLINK_FOLLOW) !== 0);
  checkTrailingSlash(r, yield* lstat(dir, r.path));
  yield dir.fs!.setTimes(r.path, a, mt);
  return Errno.SUCCESS;
}

export function* path_link(
  ctx: WasiContext, m: GuestMemory, oldFd: number, oldFlags: number, oldPath: number, oldLen: number,
  newFd: number, newPath: number, newLen: number,
): Io<number> {
  const from = directory(ctx, oldFd, Rights.PATH_LINK_SOURCE);
  const to = directory(ctx, newFd, Rights.PATH_LINK_TARGET);
  if (from.fs !== to.fs) return Errno.XDEV;
  const source = yield* resolve(m, from, oldPath, oldLen, (oldFlags & Lookupflags.SYMLINK_FOLLOW) !== 0);
  const target = yield* resolve(m, to, newPath, newLen, false);
  const stat = yield* lstat(from, source.path);
  if (stat.filetype === Filetype.DIRECTORY) return Errno.PERM;
  checkTrailingSlash(source, stat);
  if (target.trailingSlash) return (yield* lstatOrNull(to, target.path)) !== null ? Errno.EXIST : Errno.NOENT;
  yield from.fs!.link(source.path, target.path);
  return Errno.SUCCESS;
}

/** The rights that allow writing: a file opened with any of them is opened for writing. */
const WRITE_RIGHTS = Rights.FD_WRITE | Rights.FD_ALLOCATE | Rights.FD_FILESTAT_SET_SIZE | Rights.FD_DATASYNC;

export function* path_open(
  ctx: WasiContext, m: GuestMemory, fd: number, dirflags: number, path: number, len: number, oflags: number,
  rightsBase: bigint, rightsInheriting: bigint, fdflags: number, opened: number,
): Io<number> {
  const dir = directory(ctx, fd, Rights.PATH_OPEN);
  if ((oflags & ~0xf) !== 0 || (fdflags & ~0x1f) !== 0) return Errno.INVAL;
  const create = (oflags & Oflags.CREAT) !== 0;
  const exclusive = (oflags & Oflags.EXCL) !== 0;
  const truncate = (oflags & Oflags.TRUNC) !== 0;
  const mustBeDirectory = (oflags & Oflags.DIRECTORY) !== 0;
  if (create) dir.require(Rights.PATH_CREATE_FILE);
  if (truncate) dir.require(Rights.PATH_FILESTAT_SET_SIZE);
  // the new descriptor's rights: what was asked, within what the directory passes on
  const base = Number(BigInt.asUintN(64, rightsBase) & 0x3fff_ffffn) & dir.rightsInheriting;
  const inheriting = Number(BigInt.asUintN(64, rightsInheriting) & 0x3fff_ffffn) & dir.rightsInheriting;

  const r = yield* resolve(m, dir, path, len, (dirflags & Lookupflags.SYMLINK_FOLLOW) !== 0);
  const fs = dir.fs!;
  const stat = yield* lstatOrNull(dir, r.path);
  if (stat !== null && create && exclusive) return Errno.EXIST;
  if (stat?.filetype === Filetype.SYMBOLIC_LINK) return mustBeDirectory ? Errno.NOTDIR : Errno.LOOP;
  if (stat?.filetype === Filetype.DIRECTORY) {
    if (truncate || (base & (Rights.FD_WRITE | Rights.FD_ALLOCATE | Rights.FD_FILESTAT_SET_SIZE)) !== 0) return Errno.ISDIR;
    const d = new Descriptor(Filetype.DIRECTORY, base & DIRECTORY_RIGHTS, inheriting, fdflags, fs, r.path, null);
    m.setU32(opened, ctx.fds.add(d));
    return Errno.SUCCESS;
  }
  if (mustBeDirectory) return stat === null ? (create ? Errno.INVAL : Errno.NOENT) : Errno.NOTDIR;
  checkTrailingSlash(r, stat);
  if (stat === null && !create) return Errno.NOENT;
  if (stat === null && r.trailingSlash) return Errno.ISDIR; // "name/" cannot be created as a file
  const write = (base & WRITE_RIGHTS) !== 0 || (fdflags & Fdflags.APPEND) !== 0;
  const options = { read: (base & Rights.FD_READ) !== 0, write: write || truncate, create, exclusive, truncate };
  const handle = (yield fs.open(r.path, options)) as AnyFileHandle;
  const filetype = stat?.filetype ?? Filetype.REGULAR_FILE;
  const d = new Descriptor(filetype, base & FILE_RIGHTS, inheriting, fdflags, fs, r.path, handle);
  try {
    m.setU32(opened, ctx.fds.add(d));
  } catch (e) {
    yield handle.close();
    throw e;
  }
  return Errno.SUCCESS;
}

export function* path_readlink(ctx: WasiContext, m: GuestMemory, fd: number, path: number, len: number, buf: number, bufLen: number, used: number): Io<number> {
  const dir = directory(ctx, fd, Rights.PATH_READLINK);
  const r = yield* resolve(m, dir, path, len, false);
  const stat = yield* lstat(dir, r.path);
  checkTrailingSlash(r, stat);
  const target = encodeUtf8((yield dir.fs!.readlink(r.path)) as string);
  const n = Math.min(target.length, bufLen >>> 0);
  m.bytes(buf, n).set(target.subarray(0, n));
  m.setU32(used, n);
  return Errno.SUCCESS;
}

export function* path_remove_directory(ctx: WasiContext, m: GuestMemory, fd: number, path: number, len: number): Io<number> {
  const dir = directory(ctx, fd, Rights.PATH_REMOVE_DIRECTORY);
  const r = yield* resolve(m, dir, path, len, false);
  if (r.path === "") return Errno.BUSY; // the preopened directory itself
  yield dir.fs!.rmdir(r.path);
  return Errno.SUCCESS;
}

export function* path_rename(
  ctx: WasiContext, m: GuestMemory, fd: number, oldPath: number, oldLen: number, newFd: number, newPath: number, newLen: number,
): Io<number> {
  const from = directory(ctx, fd, Rights.PATH_RENAME_SOURCE);
  const to = directory(ctx, newFd, Rights.PATH_RENAME_TARGET);
  if (from.fs !== to.fs) return Errno.XDEV;
  const source = yield* resolve(m, from, oldPath, oldLen, false);
  const target = yield* resolve(m, to, newPath, newLen, false);
  const stat = yield* lstat(from, source.path);
  if (stat.filetype !== Filetype.DIRECTORY && (source.trailingSlash || target.trailingSlash)) return Errno.NOTDIR;
  if (source.path === "" || target.path === "") return Errno.BUSY;
  yield from.fs!.rename(source.path, target.path);
  return Errno.SUCCESS;
}

export function* path_symlink(ctx: WasiContext, m: GuestMemory, oldPath: number, oldLen: number, fd: number, newPath: number, newLen: number): Io<number> {
  const dir = directory(ctx, fd, Rights.PATH_SYMLINK);
  const target = m.string(oldPath, oldLen);
  // an absolute target could never be followed inside the sandbox: refused, as wasmtime does
  if (target.startsWith("/")) return Errno.PERM;
  const r = yield* resolve(m, dir, newPath, newLen, false);
  const existing = yield* lstatOrNull(dir, r.path);
  if (existing !== null) return Errno.EXIST;
  if (r.trailingSlash) return Errno.NOENT;
  yield dir.fs!.symlink(target, r.path);
  return Errno.SUCCESS;
}

export function* path_unlink_file(ctx: WasiContext, m: GuestMemory, fd: number, path: number, len: number): Io<number> {
  const dir = directory(ctx, fd, Rights.PATH_UNLINK_FILE);
  const r = yield* resolve(m, dir, path, len, false);
  const stat = yield* lstat(dir, r.path);
  if (stat.filetype === Filetype.DIRECTORY) return Errno.ISDIR;
  if (r.trailingSlash) return Errno.NOTDIR;
  yield dir.fs!.unlink(r.path);
  return Errno.SUCCESS;
}
