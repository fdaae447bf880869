// Resolution of the guest's paths: the sandbox. A path is always relative to a directory descriptor, and,
// as in capability-based systems (wasmtime, cap-std), it may not leave that directory: every path a WASI
// function receives is resolved here, component by component, before a file system sees it: "." is
// skipped, ".." goes up but never above the directory, and symbolic links are read and followed by this
// code (not by the host), so an absolute path, or a link whose target is absolute or climbs out, is
// refused with PERM instead of being followed. A file system only ever gets `FsPath`s inside the
// directory (see fs/types.ts).

import { Errno, Filetype } from "./constants.js";
import { WasiError } from "./errors.js";
import type { AnyFileSystem, FileStat, FsPath } from "./fs/types.js";
import type { Io } from "./io.js";

/** Symbolic links followed in one resolution before it fails with LOOP (Linux's limit is 40). */
const MAX_SYMLINKS = 40;

/** A resolved path: where it is, and whether the guest wrote it with a trailing slash (then the last
 * component must be a directory). */
export interface Resolved {
  path: FsPath;
  trailingSlash: boolean;
}

function join(parts: readonly string[]): FsPath {
  return parts.join("/");
}

/** The components of an `FsPath` ("" is the root: none). */
export function components(path: FsPath): string[] {
  return path === "" ? [] : path.split("/");
}

/**
 * Resolves `path` (as the guest wrote it) relative to directory `dir` of `fs`. Symbolic links in every
 * component but the last are followed; the last is followed too when `followLast` (or when the path ends
 * with a slash). Throws `WasiError`: NOENT for an empty path or a missing directory on the way, NOTDIR
 * when a component on the way is not a directory, PERM for an absolute path or one that would leave
 * `dir`, LOOP after too many links, INVAL for a NUL byte.
 */
export function* resolvePath(fs: AnyFileSystem, dir: FsPath, path: string, followLast: boolean): Io<Resolved> {
  if (path.length === 0) throw new WasiError(Errno.NOENT, "empty path");
  if (path.includes("\0")) throw new WasiError(Errno.INVAL, "path contains a NUL byte");
  if (path.startsWith("/")) throw new WasiError(Errno.PERM, `absolute path ${JSON.stringify(path)}`);
  const trailingSlash = path.endsWith("/");
  const resolved = components(dir);
  const floor = resolved.length; // ".." may not climb above `dir`
  // what is left to walk, last component at the end
  const pending = path.split("/").filter((c) => c !== "" && c !== ".").reverse();
  let links = 0;
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (name === "..") {
      if (resolved.length === floor) throw new WasiError(Errno.PERM, `path ${JSON.stringify(path)} leaves its directory`);
      resolved.pop();
      continue;
    }
    resolved.push(name);
    const last = pending.length === 0;
    if (last && !followLast && !trailingSlash) break;
    let stat: FileStat;
    try {
      stat = (yield fs.lstat(join(resolved))) as FileStat;
    } catch (e) {
      // a missing last component is for the caller to judge (it may be created)
      if (last && e instanceof WasiError && e.errno === Errno.NOENT) break;
      throw e;
    }
    if (stat.filetype === Filetype.SYMBOLIC_LINK) {
      if (++links > MAX_SYMLINKS) throw new WasiError(Errno.LOOP, `too many symbolic links in ${JSON.stringify(path)}`);
      const target = (yield fs.readlink(join(resolved))) as string;
      resolved.pop();
      if (target.startsWith("/")) {
        throw new WasiError(Errno.PERM, `symbolic link to the absolute path ${JSON.stringify(target)}`);
      }
      if (target.length === 0) throw new WasiError(Errno.NOENT, "symbolic link with an empty target");
      for (const c of target.split("/").filter((c) => c !== "" && c !== ".").reverse()) pending.push(c);
      continue;
    }
    if (!last && stat.filetype !== Filetype.DIRECTORY) throw new WasiError(Errno.NOTDIR, `${JSON.stringify(join(resolved))} is not a directory`);
  }
  return { path: join(resolved), trailingSlash };
}
