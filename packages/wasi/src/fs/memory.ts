// An in-memory file system: directories, regular files and symbolic links held in plain JS objects, for
// browsers, embedded engines (`node --jitless`, QuickJS) and tests. It needs no node: module, no Buffer and
// no TextEncoder/TextDecoder (the UTF-8 of @wasmi-ts/store has a codec of its own). The nodes and the
// handles of open files live in memory-nodes.ts; this file is the tree, its paths, and the helpers for
// embedders.
//
// Choices an embedder may want to know:
// - `readdir` lists entries sorted by name (UTF-16 code unit order), so listings are stable.
// - A directory's nlink is 2 + its subdirectories (the POSIX convention) and its size is 0; a symbolic
//   link's size is the UTF-8 length of its target.
// - Reads do not update atim (as on a `noatime` mount); writes, size changes and `open` with truncate
//   update mtim and ctim; link count changes, renames and setTimes update ctim.
// - The root ("") cannot be removed or renamed: rmdir and rename give BUSY, unlink gives ISDIR; mkdir,
//   symlink and link onto it give EXIST, link of it gives PERM (it is a directory).
// - A non-last path component that is missing gives NOENT; one that is a file or a symbolic link gives
//   NOTDIR (the caller resolves symbolic links; a backend never follows one). "." and ".." components
//   give INVAL; empty components (from "//" or a leading "/") are ignored.
// - A handle opened without `read` fails reads with BADF; without `write`, writes fail with BADF and
//   setSize with INVAL (what Linux's ftruncate returns on a read-only descriptor).
// - A write or size change that would make the sum of all file sizes exceed `maxBytes` fails with NOSPC
//   (nothing is written); creating a node beyond `maxNodes` fails with NOSPC; a size or end position of
//   2^53 or more fails with FBIG.
// - An unlinked file stays readable and writable through its open handles; its bytes count towards
//   `maxBytes` until the last handle is closed.
// - The embedder helpers (`readFile`, `readText`, `writeFile`, `toTree`) take "a/b/c" paths relative to
//   the root and do not follow symbolic links (`readFile` of one gives LOOP); `toTree` omits them, since a
//   MemoryTree has no form for them (`readlink` reads them).

import { decodeUtf8, encodeUtf8 } from "@wasmi-ts/store";
import { Errno } from "../constants.js";
import { WasiError } from "../errors.js";
import {
  DirNode, FileNode, filetypeOf, Inodes, MemoryFileHandle, setTimes, SymlinkNode, type Node,
} from "./memory-nodes.js";
import type { DirEntry, FileHandle, FileStat, FileSystem, FsPath, OpenOptions } from "./types.js";

/**
 * A directory's contents: a string is a file of its UTF-8 bytes, a Uint8Array a file of those bytes
 * (copied), an object a subdirectory. A name may contain "/" ("a/b": ...), which makes the directories on
 * the way.
 */
export type MemoryTree = { [name: string]: string | Uint8Array | MemoryTree };

export interface MemoryFileSystemOptions {
  /** The current time in nanoseconds since the Unix epoch (default: `Date.now()` in ns). */
  now?: () => bigint;
  /** The most bytes all files together may hold (default 1 GiB). */
  maxBytes?: number;
  /** The most files, directories and symbolic links, the root included (default 1,000,000). */
  maxNodes?: number;
  /** The device number of every entry (default: a number unique to this instance in this realm). */
  dev?: bigint;
}

const DEFAULT_MAX_BYTES = 2 ** 30;
const DEFAULT_MAX_NODES = 1_000_000;

// Distinct instances get distinct dev numbers, so that guests comparing (dev, ino) never confuse the
// entries of two in-memory file systems.
let lastDev = 0n;

/** Where a path leads: its parent directory, its last component, and the node there if any. */
interface Location {
  parent: DirNode;
  name: string;
  node: Node | undefined;
}

/** The components of `path`; see the header for "", "." and "..". */
function splitPath(path: string): string[] {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "") continue;
    if (part === "." || part === "..") throw new WasiError(Errno.INVAL, `unresolved path component ${part}`);
    parts.push(part);
  }
  return parts;
}

/** Whether `parts` lies strictly inside the directory `dir`. */
function isInside(parts: string[], dir: string[]): boolean {
  return parts.length > dir.length && dir.every((name, i) => parts[i] === name);
}

/** An in-memory `FileSystem`; see the header of this file for its choices. */
export class MemoryFileSystem implements FileSystem {
  private readonly inodes: Inodes;
  private readonly root: DirNode;

  constructor(files?: MemoryTree, options: MemoryFileSystemOptions = {}) {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
    if (!(maxBytes >= 0)) throw new RangeError(`maxBytes must be a number >= 0, not ${maxBytes}`);
    if (!(maxNodes >= 1)) throw new RangeError(`maxNodes must be a number >= 1, not ${maxNodes}`);
    const now = options.now ?? (() => BigInt(Date.now()) * 1_000_000n);
    this.inodes = new Inodes(now, options.dev ?? ++lastDev, maxBytes, maxNodes);
    this.root = this.inodes.newDir(now());
    if (files !== undefined) this.seed([], files);
  }

  /** The bytes all files hold together (what `maxBytes` bounds). */
  get usedBytes(): number {
    return this.inodes.usedBytes;
  }

  // --- FileSystem ---

  lstat(path: FsPath): FileStat {
    return this.inodes.stat(this.existing(path));
  }

  readlink(path: FsPath): string {
    const node = this.existing(path);
    if (!(node instanceof SymlinkNode)) throw new WasiError(Errno.INVAL, "not a symbolic link");
    return node.target;
  }

  open(path: FsPath, options: OpenOptions): FileHandle {
    const at = this.locate(splitPath(path));
    let file: FileNode;
    if (at === null || at.node !== undefined) {
      const node = at === null ? this.root : at.node!;
      if (options.create && options.exclusive) throw new WasiError(Errno.EXIST);
      if (node instanceof SymlinkNode) throw new WasiError(Errno.LOOP);
      if (node instanceof DirNode) throw new WasiError(Errno.ISDIR);
      file = node;
      if (options.truncate) {
        this.inodes.resize(file, 0);
        file.mtim = file.ctim = this.inodes.now();
      }
    } else {
      if (!options.create) throw new WasiError(Errno.NOENT);
      const now = this.inodes.now();
      file = this.inodes.newFile(now);
      this.attach(at.parent, at.name, file, now);
    }
    return new MemoryFileHandle(this.inodes, file, options.read, options.write);
  }

  readdir(path: FsPath): DirEntry[] {
    const dir = this.existing(path);
    if (!(dir instanceof DirNode)) throw new WasiError(Errno.NOTDIR);
    return dir.names().map((name) => {
      const node = dir.entries.get(name)!;
      return { name, filetype: filetypeOf(node), ino: node.ino };
    });
  }

  mkdir(path: FsPath): void {
    const at = this.locate(splitPath(path));
    if (at === null || at.node !== undefined) throw new WasiError(Errno.EXIST);
    const now = this.inodes.now();
    this.attach(at.parent, at.name, this.inodes.newDir(now), now);
  }

  rmdir(path: FsPath): void {
    const at = this.locate(splitPath(path));
    if (at === null) throw new WasiError(Errno.BUSY, "the root cannot be removed");
    const { parent, name, node } = at;
    if (node === undefined) throw new WasiError(Errno.NOENT);
    if (!(node instanceof DirNode)) throw new WasiError(Errno.NOTDIR);
    if (node.entries.size > 0) throw new WasiError(Errno.NOTEMPTY);
    this.detach(parent, name, node, this.inodes.now());
  }

  unlink(path: FsPath): void {
    const at = this.locate(splitPath(path));
    if (at === null) throw new WasiError(Errno.ISDIR);
    const { parent, name, node } = at;
    if (node === undefined) throw new WasiError(Errno.NOENT);
    if (node instanceof DirNode) throw new WasiError(Errno.ISDIR);
    this.detach(parent, name, node, this.inodes.now());
  }

  rename(from: FsPath, to: FsPath): void {
    const fromParts = splitPath(from);
    const toParts = splitPath(to);
    const src = this.locate(fromParts);
    const dst = this.locate(toParts);
    if (src === null || dst === null) throw new WasiError(Errno.BUSY, "the root cannot be renamed");
    const node = src.node;
    if (node === undefined) throw new WasiError(Errno.NOENT);
    const target = dst.node;
    // The same entry, or two hard links of one file: rename(2) does nothing.
    if (target === node) return;
    if (node instanceof DirNode) {
      if (isInside(toParts, fromParts)) throw new WasiError(Errno.INVAL, "moving a directory into itself");
      if (target !== undefined && !(target instanceof DirNode)) throw new WasiError(Errno.NOTDIR);
      if (target instanceof DirNode && target.entries.size > 0) throw new WasiError(Errno.NOTEMPTY);
    } else if (target instanceof DirNode) {
      throw new WasiError(Errno.ISDIR);
    }
    const now = this.inodes.now();
    if (target !== undefined) this.detach(dst.parent, dst.name, target, now);
    src.parent.remove(src.name);
    dst.parent.add(dst.name, node);
    node.ctim = now;
    touch(src.parent, now);
    touch(dst.parent, now);
  }

  link(from: FsPath, to: FsPath): void {
    const node = this.existing(from);
    if (node instanceof DirNode) throw new WasiError(Errno.PERM, "cannot hard-link a directory");
    const at = this.locate(splitPath(to));
    if (at === null || at.node !== undefined) throw new WasiError(Errno.EXIST);
    const now = this.inodes.now();
    this.attach(at.parent, at.name, node, now);
    node.ctim = now;
  }

  symlink(target: string, path: FsPath): void {
    const at = this.locate(splitPath(path));
    if (at === null || at.node !== undefined) throw new WasiError(Errno.EXIST);
    const now = this.inodes.now();
    this.attach(at.parent, at.name, this.inodes.newSymlink(now, target, encodeUtf8(target).length), now);
  }

  setTimes(path: FsPath, atim: bigint | null, mtim: bigint | null): void {
    setTimes(this.existing(path), atim, mtim, this.inodes.now());
  }

  // --- For embedders and tests: "a/b/c" paths relative to the root, symbolic links not followed ---

  /** A copy of the contents of the file at `path`. */
  readFile(path: string): Uint8Array {
    const file = this.fileAt(path);
    return file.data.slice(0, file.size);
  }

  /** The contents of the file at `path` as UTF-8 (invalid bytes become U+FFFD). */
  readText(path: string): string {
    const file = this.fileAt(path);
    return decodeUtf8(file.data.subarray(0, file.size));
  }

  /** Makes the file at `path` hold `data` (a string is written as UTF-8), creating missing directories. */
  writeFile(path: string, data: string | Uint8Array): void {
    this.writeAt(splitPath(path), typeof data === "string" ? encodeUtf8(data) : data);
  }

  /** The directory at `path` as a tree: files as copies of their bytes; symbolic links are omitted. */
  toTree(path = ""): MemoryTree {
    const dir = this.existing(path);
    if (!(dir instanceof DirNode)) throw new WasiError(Errno.NOTDIR);
    return treeOf(dir);
  }

  // --- Internals ---

  /** Where `parts` leads, or null for the root; NOENT/NOTDIR if a non-last component is not a directory. */
  private locate(parts: string[]): Location | null {
    if (parts.length === 0) return null;
    let dir = this.root;
    for (let i = 0; i < parts.length - 1; i++) {
      const next = dir.entries.get(parts[i]!);
      if (next === undefined) throw new WasiError(Errno.NOENT);
      if (!(next instanceof DirNode)) throw new WasiError(Errno.NOTDIR);
      dir = next;
    }
    const name = parts[parts.length - 1]!;
    return { parent: dir, name, node: dir.entries.get(name) };
  }

  /** The node at `path` (NOENT if there is none). */
  private existing(path: string): Node {
    const at = this.locate(splitPath(path));
    if (at === null) return this.root;
    if (at.node === undefined) throw new WasiError(Errno.NOENT);
    return at.node;
  }

  private fileAt(path: string): FileNode {
    const node = this.existing(path);
    if (node instanceof DirNode) throw new WasiError(Errno.ISDIR);
    if (node instanceof SymlinkNode) throw new WasiError(Errno.LOOP);
    return node;
  }

  /** Names `node` `name` in `parent`. */
  private attach(parent: DirNode, name: string, node: Node, now: bigint): void {
    parent.add(name, node);
    if (!(node instanceof DirNode)) node.nlink++;
    touch(parent, now);
  }

  /** Removes the entry `name` (naming `node`, an empty directory or anything else) from `parent`. */
  private detach(parent: DirNode, name: string, node: Node, now: bigint): void {
    parent.remove(name);
    touch(parent, now);
    if (node instanceof DirNode) {
      this.inodes.releaseDir();
    } else {
      node.nlink--;
      node.ctim = now;
      this.inodes.release(node);
    }
  }

  /** The directory `parts`, made with its missing ancestors (mkdir -p). */
  private makeDirs(parts: string[]): DirNode {
    let dir = this.root;
    for (const name of parts) {
      let next = dir.entries.get(name);
      if (next === undefined) {
        const now = this.inodes.now();
        next = this.inodes.newDir(now);
        this.attach(dir, name, next, now);
      }
      if (!(next instanceof DirNode)) throw new WasiError(Errno.NOTDIR);
      dir = next;
    }
    return dir;
  }

  private writeAt(parts: string[], bytes: Uint8Array): void {
    if (parts.length === 0) throw new WasiError(Errno.ISDIR);
    const dir = this.makeDirs(parts.slice(0, -1));
    const name = parts[parts.length - 1]!;
    const existing = dir.entries.get(name);
    const now = this.inodes.now();
    let file: FileNode;
    if (existing === undefined) {
      file = this.inodes.newFile(now);
      this.inodes.resize(file, bytes.length); // before attaching: a NOSPC leaves no empty file behind
      this.attach(dir, name, file, now);
    } else {
      if (existing instanceof DirNode) throw new WasiError(Errno.ISDIR);
      if (existing instanceof SymlinkNode) throw new WasiError(Errno.LOOP);
      file = existing; // rewritten in place, as fs.writeFile does: its hard links see the new contents
      this.inodes.resize(file, bytes.length);
    }
    file.data.set(bytes);
    file.mtim = file.ctim = now;
  }

  private seed(prefix: string[], tree: MemoryTree): void {
    for (const [key, value] of Object.entries(tree)) {
      const parts = prefix.concat(splitPath(key));
      if (typeof value === "string") this.writeAt(parts, encodeUtf8(value));
      else if (value instanceof Uint8Array) this.writeAt(parts, value);
      else if (typeof value === "object" && value !== null) {
        this.makeDirs(parts);
        this.seed(parts, value);
      } else throw new TypeError(`MemoryTree entry "${key}" is neither a string, a Uint8Array nor an object`);
    }
  }
}

function touch(dir: DirNode, now: bigint): void {
  dir.mtim = dir.ctim = now;
}

function treeOf(dir: DirNode): MemoryTree {
  const tree: MemoryTree = {};
  for (const name of dir.names()) {
    const node = dir.entries.get(name)!;
    let value: Uint8Array | MemoryTree;
    if (node instanceof FileNode) value = node.data.slice(0, node.size);
    else if (node instanceof DirNode) value = treeOf(node);
    else continue;
    // defineProperty: a guest's file named "__proto__" must be an entry, not the object's prototype.
    Object.defineProperty(tree, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return tree;
}

