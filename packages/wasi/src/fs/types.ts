// The interface between WASI's file functions and a file system (a host directory on node:fs, an
// in-memory tree, ...). It is deliberately small and path-based, and it knows nothing of sandboxing:
// `path.ts` resolves the guest's paths (".", "..", symbolic links) inside the preopened directory and
// hands a backend only paths that stay inside it. Every operation is coarse-grained and takes and returns
// plain data, so that an asynchronous backend (`AsyncFileSystem`: fetch, a browser's FileSystemHandle,
// IndexedDB...) is the same interface with Promises.
//
// Errors: a backend throws `WasiError(errno)` for what the guest must see as an errno (no such file,
// not a directory, exists, ...), or an async one rejects with it. Anything else it throws is a host bug
// and traps the guest.

import type { Filetype } from "../constants.js";

/**
 * A path inside one file system: its components joined by "/", relative to the file system's root,
 * without empty, "." or ".." components; "" is the root itself. Every component but the last is a
 * directory that is not a symbolic link (the caller resolved them); the last may be anything.
 */
export type FsPath = string;

/** What WASI's `filestat` tells of a file. Times are nanoseconds since the Unix epoch. */
export interface FileStat {
  filetype: Filetype;
  dev: bigint;
  ino: bigint;
  nlink: bigint;
  size: bigint;
  atim: bigint;
  mtim: bigint;
  ctim: bigint;
}

/** An entry of a directory (never "." or ".."). */
export interface DirEntry {
  name: string;
  filetype: Filetype;
  ino: bigint;
}

/** How to open a file (not a directory: directories are used by path). */
export interface OpenOptions {
  read: boolean;
  write: boolean;
  /** Create the file if it does not exist (`O_CREAT`). */
  create: boolean;
  /** With `create`: fail with `EXIST` if it exists (`O_EXCL`). */
  exclusive: boolean;
  /** Truncate it to 0 bytes (`O_TRUNC`); only with `write`. */
  truncate: boolean;
}

/** An open file. Reads and writes name their position: the caller keeps the file offset. */
export interface FileHandle {
  /** Reads into `buffer` from `position`; returns the number of bytes read (0 at the end). */
  read(buffer: Uint8Array, position: bigint): number;
  /** Writes `data` at `position` (extending the file if needed); returns the number of bytes written. */
  write(data: Uint8Array, position: bigint): number;
  stat(): FileStat;
  /** Truncates or extends (with zeros) to `size` bytes. */
  setSize(size: bigint): void;
  /** Sets the access and modification times (null: leave as is). */
  setTimes(atim: bigint | null, mtim: bigint | null): void;
  /** Flushes to storage (fd_sync, fd_datasync); a no-op where there is none. */
  sync(): void;
  close(): void;
}

/** A file system that WASI can preopen as a directory. */
export interface FileSystem {
  /** The entry at `path` itself (a symbolic link is not followed). */
  lstat(path: FsPath): FileStat;
  /** The target of the symbolic link at `path` (`INVAL` if it is not one). */
  readlink(path: FsPath): string;
  /** Opens the file at `path` (`ISDIR` for a directory; the last component is not followed if it is a
   * symbolic link: `LOOP`). */
  open(path: FsPath, options: OpenOptions): FileHandle;
  /** The entries of the directory at `path`, in a stable order (`NOTDIR` if it is not one). */
  readdir(path: FsPath): DirEntry[];
  mkdir(path: FsPath): void;
  /** Removes an empty directory (`NOTEMPTY` otherwise, `NOTDIR` for a file). */
  rmdir(path: FsPath): void;
  /** Removes a file or a symbolic link (`ISDIR` for a directory). */
  unlink(path: FsPath): void;
  /** Renames, replacing `to` as POSIX rename(2) does. */
  rename(from: FsPath, to: FsPath): void;
  /** A hard link `to` of the file `from`. */
  link(from: FsPath, to: FsPath): void;
  /** A symbolic link at `path` whose target is `target` (stored as given). */
  symlink(target: string, path: FsPath): void;
  /** Sets the times of the entry at `path` itself (null: leave as is). */
  setTimes(path: FsPath, atim: bigint | null, mtim: bigint | null): void;
}

/** A value, or a Promise of it. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * An open file of an `AsyncFileSystem`: `FileHandle`'s methods, each of which may return a Promise (or
 * the value itself when it is at hand: the WASI call then goes on without waiting). The buffer given to
 * `read` and the data given to `write` are the handle's until its Promise settles: WASI lends copies,
 * never the guest's memory, which may move while the call waits.
 */
export interface AsyncFileHandle {
  read(buffer: Uint8Array, position: bigint): MaybePromise<number>;
  write(data: Uint8Array, position: bigint): MaybePromise<number>;
  stat(): MaybePromise<FileStat>;
  setSize(size: bigint): MaybePromise<void>;
  setTimes(atim: bigint | null, mtim: bigint | null): MaybePromise<void>;
  sync(): MaybePromise<void>;
  close(): MaybePromise<void>;
}

/**
 * A file system whose operations may wait: `FileSystem`'s methods, each of which may return a Promise
 * (rejected with `WasiError` for an errno). `async: true` tells it apart from a `FileSystem`: a `Wasi`
 * with one defines its file functions as async host functions, and runs with `wasi.startAsync`.
 */
export interface AsyncFileSystem {
  readonly async: true;
  lstat(path: FsPath): MaybePromise<FileStat>;
  readlink(path: FsPath): MaybePromise<string>;
  open(path: FsPath, options: OpenOptions): MaybePromise<AsyncFileHandle>;
  readdir(path: FsPath): MaybePromise<DirEntry[]>;
  mkdir(path: FsPath): MaybePromise<void>;
  rmdir(path: FsPath): MaybePromise<void>;
  unlink(path: FsPath): MaybePromise<void>;
  rename(from: FsPath, to: FsPath): MaybePromise<void>;
  link(from: FsPath, to: FsPath): MaybePromise<void>;
  symlink(target: string, path: FsPath): MaybePromise<void>;
  setTimes(path: FsPath, atim: bigint | null, mtim: bigint | null): MaybePromise<void>;
}

export type AnyFileSystem = FileSystem | AsyncFileSystem;
export type AnyFileHandle = FileHandle | AsyncFileHandle;

export function isAsyncFileSystem(fs: AnyFileSystem): fs is AsyncFileSystem {
  return (fs as Partial<AsyncFileSystem>).async === true;
}
