// A host directory as a WASI file system, over node:fs's synchronous calls.
//
// This backs a sandbox for hostile guests. The caller (`path.ts`) resolves ".", ".." and symbolic links
// in every component but the last and hands over only well-formed paths; this backend still checks each
// path (`#hostPath`) and never follows a symbolic link in the last component: `lstat`, `readlink`,
// `unlink`, `rename`, `symlink`, `setTimes` (lutimes) do not follow by nature, `open` uses O_NOFOLLOW,
// `readdir` (and `link`, off Linux) check with lstat first where the host call would follow.
//
// Races: node:fs has no *at() calls, so every operation goes by host path. When something other than
// the guest changes the tree concurrently (another process, another guest on the same directory), a
// component the caller checked may be swapped for a symbolic link between the check and the use. The
// guest alone, whose calls are synchronous, cannot race itself this way.

import * as fs from "node:fs";
import * as nodePath from "node:path";
import { Errno, Filetype } from "../constants.js";
import { WasiError } from "../errors.js";
import { errnoOfNodeError, toWasiError, withNodeErrors } from "./node-errors.js";
import { ExactTimes } from "./exact-times.js";
import type { DirEntry, FileHandle, FileStat, FileSystem, FsPath, OpenOptions } from "./types.js";

// Undefined on Windows: there `open` checks with lstat first (racy, see above).
const O_NOFOLLOW: number | undefined = fs.constants.O_NOFOLLOW;
const IS_WINDOWS = process.platform === "win32";
// Linux's link(2) does not follow a symbolic link `from`; macOS's and the BSDs' do (and libuv calls
// link(2)), which would hard-link a file outside the root into it.
const LINK_FOLLOWS_SYMLINKS = process.platform !== "linux";

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MAX_OFF_T = (1n << 63n) - 1n;
const NS_PER_S = 1_000_000_000n;

/** What both `fs.Stats` and `fs.Dirent` tell of a file's type. */
interface TypeTests {
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}

function filetypeOf(s: TypeTests): Filetype {
  if (s.isFile()) return Filetype.REGULAR_FILE;
  if (s.isDirectory()) return Filetype.DIRECTORY;
  if (s.isSymbolicLink()) return Filetype.SYMBOLIC_LINK;
  if (s.isCharacterDevice()) return Filetype.CHARACTER_DEVICE;
  if (s.isBlockDevice()) return Filetype.BLOCK_DEVICE;
  // The host does not say whether a socket is a stream or a datagram one; Unix sockets in a file
  // system are mostly streams.
  if (s.isSocket()) return Filetype.SOCKET_STREAM;
  return Filetype.UNKNOWN; // FIFOs: WASI has no type for them
}

function fileStatOf(s: fs.BigIntStats): FileStat {
  return {
    filetype: filetypeOf(s),
    dev: s.dev,
    ino: s.ino,
    nlink: s.nlink,
    size: s.size,
    atim: s.atimeNs,
    mtim: s.mtimeNs,
    ctim: s.ctimeNs,
  };
}

/**
 * Nanoseconds since the epoch as the seconds node:fs takes. Precision: a double holds today's dates to
 * ~0.24 µs, and libuv (Node 20) truncates to whole microseconds, so sub-microsecond digits are lost.
 * Splitting seconds and fraction keeps the rounding to the double's, not that of `Number(ns)` first.
 */
function secondsOf(ns: bigint): number {
  // Node replaces a negative time by "now"; WASI's timestamps are u64, so never negative.
  if (ns < 0n) throw new WasiError(Errno.INVAL, "negative timestamp");
  // the middle of its microsecond: libuv's truncation of the nearest double then gives that microsecond
  return Number(ns / NS_PER_S) + (Number((ns % NS_PER_S) / 1000n) * 1000 + 500) / 1e9;
}

/** node:fs's `(atime, mtime)` for a `setTimes`, `null` meaning the `current` one. */
function timesOf(atim: bigint | null, mtim: bigint | null, current: fs.BigIntStats): [number, number] {
  // Node has no UTIME_OMIT: re-set the time to keep to its current value (to the microsecond, see above).
  return [secondsOf(atim ?? current.atimeNs), secondsOf(mtim ?? current.mtimeNs)];
}

/** Whether the entry at `hostPath` is a symbolic link (false when there is none). */
function isSymlinkAt(hostPath: string): boolean {
  try {
    return fs.lstatSync(hostPath).isSymbolicLink();
  } catch (e) {
    if (errnoOfNodeError(e) === Errno.NOENT) return false;
    throw toWasiError(e);
  }
}

/** A host directory as a `FileSystem`: every `FsPath` is relative to it, and never leads out of it. */
export class NodeFileSystem implements FileSystem {
  /** The host directory, absolute and without symbolic links. */
  readonly root: string;
  /** `root` followed by the separator: what every host path below the root starts with. */
  readonly #prefix: string;
  /** Times set with more precision than node:fs keeps (see exact-times.ts). */
  readonly #times = new ExactTimes();

  constructor(hostDirectory: string) {
    let root: string;
    try {
      root = fs.realpathSync(hostDirectory);
    } catch (e) {
      throw new Error(`NodeFileSystem: ${JSON.stringify(hostDirectory)} is not an existing directory`, {
        cause: e,
      });
    }
    if (!fs.statSync(root).isDirectory()) {
      throw new Error(`NodeFileSystem: ${JSON.stringify(hostDirectory)} is not a directory`);
    }
    this.root = root;
    // A root of "/" (or "C:\") already ends with the separator.
    this.#prefix = root.endsWith(nodePath.sep) ? root : root + nodePath.sep;
  }

  /**
   * The host path of `path`. The caller only passes well-formed paths; anything else is an attempt
   * to escape (or a bug) and is `NOTCAPABLE`.
   */
  #hostPath(path: FsPath): string {
    if (path === "") return this.root;
    const malformed =
      path.includes("\0") ||
      path.startsWith("/") ||
      nodePath.isAbsolute(path) ||
      // On Windows "\" separates too, and ":" makes drive-relative paths ("C:x") and alternate data streams.
      (IS_WINDOWS && (path.includes("\\") || path.includes(":"))) ||
      path.split("/").some((c) => c === "" || c === "." || c === "..");
    if (malformed) throw new WasiError(Errno.NOTCAPABLE, "malformed path");
    const full = nodePath.join(this.root, path);
    // Belt and braces: the checks above already keep the join below the root.
    if (!full.startsWith(this.#prefix)) throw new WasiError(Errno.NOTCAPABLE, "path outside the root");
    return full;
  }

  /** The host path of `path` for rmdir and rename: never the root itself, which is in use as the
   * preopened directory (`BUSY`, as the in-memory file system). */
  #hostPathBelowRoot(path: FsPath): string {
    if (path === "") throw new WasiError(Errno.BUSY, "the root cannot be removed or replaced");
    return this.#hostPath(path);
  }

  lstat(path: FsPath): FileStat {
    const full = this.#hostPath(path);
    return this.#times.apply(fileStatOf(withNodeErrors(() => fs.lstatSync(full, { bigint: true }))));
  }

  readlink(path: FsPath): string {
    const full = this.#hostPath(path);
    // readlink(2) gives EINVAL for what is not a symbolic link.
    return withNodeErrors(() => fs.readlinkSync(full, "utf8"));
  }

  open(path: FsPath, options: OpenOptions): FileHandle {
    const full = this.#hostPath(path);
    if (options.truncate && !options.write) {
      // Per the contract; O_TRUNC on a read-only descriptor is unspecified by POSIX (Linux truncates).
      throw new WasiError(Errno.INVAL, "truncate without write");
    }
    const c = fs.constants;
    let flags = options.write ? (options.read ? c.O_RDWR : c.O_WRONLY) : c.O_RDONLY; // neither: for fstat
    if (options.create) {
      flags |= c.O_CREAT;
      // Without O_CREAT, O_EXCL is unspecified: only with it.
      if (options.exclusive) flags |= c.O_EXCL;
    }
    if (options.truncate) flags |= c.O_TRUNC;
    // O_NOFOLLOW: a symbolic link as the last component is ELOOP, also with O_CREAT (which would otherwise
    // create the link's target, wherever it points).
    if (O_NOFOLLOW !== undefined) flags |= O_NOFOLLOW;
    else if (isSymlinkAt(full)) throw new WasiError(Errno.LOOP, "symbolic link");
    const fd = withNodeErrors(() => fs.openSync(full, flags, 0o666));
    // Opening a directory read-only succeeds on POSIX; files only here.
    let isDirectory: boolean;
    try {
      isDirectory = fs.fstatSync(fd).isDirectory();
    } catch (e) {
      fs.closeSync(fd);
      throw toWasiError(e);
    }
    if (isDirectory) {
      fs.closeSync(fd);
      throw new WasiError(Errno.ISDIR);
    }
    return new NodeFileHandle(fd, this.#times);
  }

  readdir(path: FsPath): DirEntry[] {
    const full = this.#hostPath(path);
    // opendir(3) follows a symbolic link: check the last component first (NOTDIR for a link, as for a file).
    if (!withNodeErrors(() => fs.lstatSync(full).isDirectory())) throw new WasiError(Errno.NOTDIR);
    const dirents = withNodeErrors(() => fs.readdirSync(full, { withFileTypes: true, encoding: "utf8" }));
    const entries: DirEntry[] = [];
    for (const dirent of dirents) {
      let ino: bigint;
      try {
        ino = fs.lstatSync(nodePath.join(full, dirent.name), { bigint: true }).ino;
      } catch (e) {
        if (errnoOfNodeError(e) === Errno.NOENT) continue; // removed since the listing
        throw toWasiError(e);
      }
      entries.push({ name: dirent.name, filetype: filetypeOf(dirent), ino });
    }
    // The host's order is that of its directory structure: sort for a stable one (by UTF-16 code units).
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  mkdir(path: FsPath): void {
    const full = this.#hostPath(path);
    withNodeErrors(() => fs.mkdirSync(full));
  }

  rmdir(path: FsPath): void {
    const full = this.#hostPathBelowRoot(path);
    try {
      fs.rmdirSync(full);
    } catch (e) {
      // POSIX allows EEXIST for a directory that is not empty.
      if (errnoOfNodeError(e) === Errno.EXIST) throw new WasiError(Errno.NOTEMPTY);
      throw toWasiError(e);
    }
  }

  unlink(path: FsPath): void {
    // The root too: unlink(2) never removes a directory (ISDIR, below).
    const full = this.#hostPath(path);
    try {
      fs.unlinkSync(full);
    } catch (e) {
      // POSIX (and macOS) say EPERM for a directory, Linux EISDIR: the contract says ISDIR.
      if (errnoOfNodeError(e) === Errno.PERM && isDirectoryAt(full)) throw new WasiError(Errno.ISDIR);
      throw toWasiError(e);
    }
  }

  rename(from: FsPath, to: FsPath): void {
    const fromFull = this.#hostPathBelowRoot(from);
    const toFull = this.#hostPathBelowRoot(to);
    // rename(2) follows neither: it moves or replaces the entries themselves.
    withNodeErrors(() => fs.renameSync(fromFull, toFull));
  }

  /**
   * A hard link to the entry `from` itself (linkat(2) without AT_SYMLINK_FOLLOW). On Linux, Node's
   * linkSync does just that; where link(2) follows a symbolic link (macOS, BSDs), a symbolic link `from`
   * is refused with `NOTSUP` rather than followed. A caller that wants to follow resolves `from` first.
   */
  link(from: FsPath, to: FsPath): void {
    const fromFull = this.#hostPath(from);
    const toFull = this.#hostPath(to);
    if (LINK_FOLLOWS_SYMLINKS && isSymlinkAt(fromFull)) {
      throw new WasiError(Errno.NOTSUP, "hard link to a symbolic link");
    }
    withNodeErrors(() => fs.linkSync(fromFull, toFull));
  }

  /** The target is stored as given, never resolved: it is for the caller to interpret when followed. */
  symlink(target: string, path: FsPath): void {
    const full = this.#hostPath(path);
    // Node refuses it with a validation error, not an errno; the guest sees INVAL.
    if (target.includes("\0")) throw new WasiError(Errno.INVAL, "NUL in a symbolic link's target");
    withNodeErrors(() => fs.symlinkSync(target, full));
  }

  setTimes(path: FsPath, atim: bigint | null, mtim: bigint | null): void {
    const full = this.#hostPath(path);
    const current = () => withNodeErrors(() => fs.lstatSync(full, { bigint: true }));
    if (atim === null && mtim === null) {
      current(); // nothing to set, but the entry must exist
      return;
    }
    const before = current();
    const [atime, mtime] = timesOf(atim, mtim, before);
    // lutimes: the times of a symbolic link itself, never of its target.
    withNodeErrors(() => fs.lutimesSync(full, atime, mtime));
    this.#times.note(fileStatOf(before), fileStatOf(current()), atim, mtim);
  }
}

function isDirectoryAt(hostPath: string): boolean {
  try {
    return fs.lstatSync(hostPath).isDirectory();
  } catch {
    return false;
  }
}

/** An open host file. Every operation after `close` is `BADF` (the host may reuse the descriptor). */
class NodeFileHandle implements FileHandle {
  #fd: number | undefined;
  readonly #times: ExactTimes;

  constructor(fd: number, times: ExactTimes) {
    this.#fd = fd;
    this.#times = times;
  }

  #open(): number {
    if (this.#fd === undefined) throw new WasiError(Errno.BADF, "file closed");
    return this.#fd;
  }

  read(buffer: Uint8Array, position: bigint): number {
    const fd = this.#open();
    // pread(2) takes an off_t: beyond it, EINVAL. Node takes a bigint position, so no 2^53 limit here.
    if (position < 0n || position > MAX_OFF_T) throw new WasiError(Errno.INVAL, "position out of range");
    return withNodeErrors(() => fs.readSync(fd, buffer, 0, buffer.length, position));
  }

  write(data: Uint8Array, position: bigint): number {
    const fd = this.#open();
    if (position < 0n) throw new WasiError(Errno.INVAL, "negative position");
    // Node's write positions are numbers; no host file reaches 2^53 bytes anyway (EFBIG as pwrite(2)).
    if (position + BigInt(data.length) > MAX_SAFE) throw new WasiError(Errno.FBIG, "position too large");
    const start = Number(position);
    let written = 0;
    while (written < data.length) {
      let n: number;
      try {
        n = fs.writeSync(fd, data, written, data.length - written, start + written);
      } catch (e) {
        // A failure after a partial write is a short write, as write(2) reports it.
        if (written > 0 && errnoOfNodeError(e) !== undefined) break;
        throw toWasiError(e);
      }
      if (n === 0) break; // no progress: report the short write rather than spin
      written += n;
    }
    return written;
  }

  stat(): FileStat {
    const fd = this.#open();
    return this.#times.apply(fileStatOf(withNodeErrors(() => fs.fstatSync(fd, { bigint: true }))));
  }

  setSize(size: bigint): void {
    const fd = this.#open();
    if (size < 0n) throw new WasiError(Errno.INVAL, "negative size");
    if (size > MAX_SAFE) throw new WasiError(Errno.FBIG, "size too large");
    withNodeErrors(() => fs.ftruncateSync(fd, Number(size)));
  }

  setTimes(atim: bigint | null, mtim: bigint | null): void {
    const fd = this.#open();
    const current = () => withNodeErrors(() => fs.fstatSync(fd, { bigint: true }));
    if (atim === null && mtim === null) return;
    const before = current();
    const [atime, mtime] = timesOf(atim, mtim, before);
    withNodeErrors(() => fs.futimesSync(fd, atime, mtime));
    this.#times.note(fileStatOf(before), fileStatOf(current()), atim, mtim);
  }

  sync(): void {
    const fd = this.#open();
    withNodeErrors(() => fs.fsyncSync(fd));
  }

  close(): void {
    const fd = this.#open();
    // Closed even if close(2) fails: the descriptor is gone either way (POSIX leaves it unspecified,
    // Linux always releases it), and retrying could close one the host reused.
    this.#fd = undefined;
    withNodeErrors(() => fs.closeSync(fd));
  }
}
