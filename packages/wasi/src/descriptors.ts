// The guest's file descriptors: what each one is (an open file, a directory of a preopened file system,
// a standard stream), its rights, flags and offset, and the table that numbers them.

import { Errno, Filetype, Rights } from "./constants.js";
import { WasiError } from "./errors.js";
import { isAsyncFileSystem, type AnyFileHandle, type AnyFileSystem, type FsPath } from "./fs/types.js";

const R = Rights;

/** The rights that make sense on a regular file. */
export const FILE_RIGHTS = R.FD_DATASYNC | R.FD_READ | R.FD_SEEK | R.FD_FDSTAT_SET_FLAGS | R.FD_SYNC | R.FD_TELL |
  R.FD_WRITE | R.FD_ADVISE | R.FD_ALLOCATE | R.FD_FILESTAT_GET | R.FD_FILESTAT_SET_SIZE |
  R.FD_FILESTAT_SET_TIMES | R.POLL_FD_READWRITE;

/** The rights that make sense on a directory. */
export const DIRECTORY_RIGHTS = R.FD_FDSTAT_SET_FLAGS | R.FD_SYNC | R.FD_ADVISE | R.FD_DATASYNC |
  R.PATH_CREATE_DIRECTORY | R.PATH_CREATE_FILE | R.PATH_LINK_SOURCE | R.PATH_LINK_TARGET | R.PATH_OPEN |
  R.FD_READDIR | R.PATH_READLINK | R.PATH_RENAME_SOURCE | R.PATH_RENAME_TARGET | R.PATH_FILESTAT_GET |
  R.PATH_FILESTAT_SET_SIZE | R.PATH_FILESTAT_SET_TIMES | R.FD_FILESTAT_GET | R.FD_FILESTAT_SET_TIMES |
  R.PATH_SYMLINK | R.PATH_REMOVE_DIRECTORY | R.PATH_UNLINK_FILE;

/** The rights of a standard stream: no seeking or telling (so that `isatty` says yes for a terminal-like
 * character device, as wasi-libc decides it). */
export const STREAM_RIGHTS = R.FD_READ | R.FD_WRITE | R.FD_FDSTAT_SET_FLAGS | R.FD_SYNC | R.FD_DATASYNC |
  R.FD_FILESTAT_GET | R.POLL_FD_READWRITE;

/** An open file descriptor. One class for every kind, so that all descriptors share a shape. */
export class Descriptor {
  /** The file offset (files only). */
  position = 0n;
  /** fd_readdir: the directory's entries, read when it starts at cookie 0 and reused for later cookies. */
  listing: unknown = null;

  constructor(
    readonly filetype: Filetype,
    public rightsBase: number,
    public rightsInheriting: number,
    public fdflags: number,
    /** The file system the file or directory belongs to (null for a stream). */
    readonly fs: AnyFileSystem | null,
    /** Where in `fs` (directories are used by path). */
    readonly path: FsPath,
    /** Open files and streams: how to read and write them. */
    readonly handle: AnyFileHandle | null,
    /** Preopened directories: the name the guest sees (`fd_prestat_dir_name`). */
    readonly preopenName: string | null = null,
    /** Whether its backend may answer later (with a Promise): it then reads into and writes from buffers of
     * its own, never views of guest memory, which may move while the call waits. */
    readonly async: boolean = fs !== null && isAsyncFileSystem(fs),
  ) {}

  get isDirectory(): boolean {
    return this.filetype === Filetype.DIRECTORY;
  }

  /** Throws NOTCAPABLE unless the descriptor has every right of `rights`. */
  require(rights: number): void {
    if ((this.rightsBase & rights) !== rights) throw new WasiError(Errno.NOTCAPABLE, "the descriptor lacks a right this operation needs");
  }
}

/** The numbered descriptors of one guest. */
export class FdTable {
  private readonly entries: (Descriptor | undefined)[] = [];
  /** Most descriptors open at once (MFILE beyond), so a guest cannot exhaust the host's. */
  constructor(private readonly limit = 1024) {}

  get(fd: number): Descriptor {
    const d = this.entries[fd >>> 0];
    if (d === undefined) throw new WasiError(Errno.BADF, `bad file descriptor ${fd >>> 0}`);
    return d;
  }

  /** Adds `d` at the lowest free number. */
  add(d: Descriptor): number {
    let fd = this.entries.indexOf(undefined);
    if (fd < 0) fd = this.entries.length;
    if (fd >= this.limit) throw new WasiError(Errno.MFILE, `more than ${this.limit} open file descriptors`);
    this.entries[fd] = d;
    return fd;
  }

  /** Puts `d` at `fd` (the standard streams and preopens, at start). */
  set(fd: number, d: Descriptor): void {
    this.entries[fd] = d;
  }

  remove(fd: number): Descriptor {
    const d = this.get(fd);
    this.entries[fd >>> 0] = undefined;
    return d;
  }

  /** fd_renumber: `from` replaces `to` (which is closed); `from` is then free. */
  renumber(from: number, to: number): Descriptor | undefined {
    const d = this.get(from);
    const replaced = this.get(to);
    if (from >>> 0 === to >>> 0) return undefined;
    this.entries[to >>> 0] = d;
    this.entries[from >>> 0] = undefined;
    return replaced;
  }

  /** Every open descriptor (to close them at the end). */
  all(): Descriptor[] {
    return this.entries.filter((d): d is Descriptor => d !== undefined);
  }
}
