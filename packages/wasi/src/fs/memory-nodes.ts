// The storage of MemoryFileSystem (memory.ts): its nodes (directories, regular files, symbolic links), the
// accounting of inode numbers, nodes and bytes against its bounds, and the handles of open files. Nothing
// here knows of paths; embedders use memory.ts, not this file.

import { Errno, Filetype } from "../constants.js";
import { WasiError } from "../errors.js";
import type { FileHandle, FileStat } from "./types.js";

const EMPTY = new Uint8Array(0);

export abstract class BaseNode {
  atim: bigint;
  mtim: bigint;
  ctim: bigint;

  constructor(readonly ino: bigint, now: bigint) {
    this.atim = this.mtim = this.ctim = now;
  }
}

export class FileNode extends BaseNode {
  /** The bytes, of which the first `size` are the file; the rest is spare capacity and always zero. */
  data: Uint8Array = EMPTY;
  size = 0;
  /** Hard links: directory entries naming this node. */
  nlink = 0;
  /** Open handles: the node lives while it has links or handles. */
  opens = 0;
}

export class SymlinkNode extends BaseNode {
  nlink = 0;
  readonly size: number;

  /** `size` is the UTF-8 length of `target`. */
  constructor(ino: bigint, now: bigint, readonly target: string, size: number) {
    super(ino, now);
    this.size = size;
  }
}

export class DirNode extends BaseNode {
  readonly entries = new Map<string, Node>();
  subdirs = 0;
  private sorted: string[] | null = null;

  add(name: string, node: Node): void {
    this.entries.set(name, node);
    this.sorted = null;
    if (node instanceof DirNode) this.subdirs++;
  }

  remove(name: string): void {
    const node = this.entries.get(name);
    this.entries.delete(name);
    this.sorted = null;
    if (node instanceof DirNode) this.subdirs--;
  }

  /** The names sorted, cached until the next change (readdir is called once per batch of entries). */
  names(): string[] {
    return (this.sorted ??= [...this.entries.keys()].sort());
  }
}

export type Node = FileNode | DirNode | SymlinkNode;

/** Inode numbers, times, and the accounting of nodes and bytes, shared by the file system and its handles. */
export class Inodes {
  private lastIno = 0n;
  nodes = 0;
  usedBytes = 0;

  constructor(
    readonly now: () => bigint,
    readonly dev: bigint,
    private readonly maxBytes: number,
    private readonly maxNodes: number,
  ) {}

  private nextIno(): bigint {
    if (this.nodes >= this.maxNodes) throw new WasiError(Errno.NOSPC, "too many files");
    this.nodes++;
    return ++this.lastIno;
  }

  newFile(now: bigint): FileNode {
    return new FileNode(this.nextIno(), now);
  }

  newDir(now: bigint): DirNode {
    return new DirNode(this.nextIno(), now);
  }

  newSymlink(now: bigint, target: string, size: number): SymlinkNode {
    return new SymlinkNode(this.nextIno(), now, target, size);
  }

  /** Frees a file or symbolic link once nothing names or holds it. */
  release(node: FileNode | SymlinkNode): void {
    if (node.nlink > 0) return;
    if (node instanceof FileNode) {
      if (node.opens > 0) return;
      this.usedBytes -= node.size;
      node.data = EMPTY;
      node.size = 0;
    }
    this.nodes--;
  }

  /** An empty directory was removed. */
  releaseDir(): void {
    this.nodes--;
  }

  /** Truncates or zero-extends `file` to `size` bytes (a safe integer). */
  resize(file: FileNode, size: number): void {
    const old = file.size;
    if (size === old) return;
    if (size > old) {
      if (size - old > this.maxBytes - this.usedBytes) throw new WasiError(Errno.NOSPC, "file system full");
      // Capacity grows geometrically so that a run of small appends costs amortized O(1) per byte.
      if (size > file.data.length) {
        const capacity = Math.min(Math.max(size, file.data.length * 2, 64), Math.max(size, this.maxBytes));
        const data = allocate(capacity, size);
        data.set(file.data.subarray(0, old));
        file.data = data;
      }
    } else if (size < file.data.length / 4) {
      // Give most of the memory back after a large truncation.
      const data = size === 0 ? EMPTY : allocate(size, size);
      data.set(file.data.subarray(0, size));
      file.data = data;
    } else {
      file.data.fill(0, size, old); // keeps the spare capacity zero, so a later extension reads zeros
    }
    this.usedBytes += size - old;
    file.size = size;
  }

  stat(node: Node): FileStat {
    const dir = node instanceof DirNode;
    return {
      filetype: filetypeOf(node),
      dev: this.dev,
      ino: node.ino,
      nlink: BigInt(dir ? 2 + node.subdirs : node.nlink),
      size: BigInt(dir ? 0 : node.size),
      atim: node.atim,
      mtim: node.mtim,
      ctim: node.ctim,
    };
  }
}

export function filetypeOf(node: Node): Filetype {
  if (node instanceof FileNode) return Filetype.REGULAR_FILE;
  return node instanceof DirNode ? Filetype.DIRECTORY : Filetype.SYMBOLIC_LINK;
}

/** A zeroed array of `capacity` bytes, or of `needed` if the engine refuses that many; else NOSPC. */
function allocate(capacity: number, needed: number): Uint8Array {
  try {
    return new Uint8Array(capacity);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
  }
  try {
    if (needed < capacity) return new Uint8Array(needed);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
  }
  throw new WasiError(Errno.NOSPC, "out of memory for file contents");
}

/** A file offset or size as a number: INVAL if negative, FBIG from 2^53 on. */
function toSafe(value: bigint): number {
  if (value < 0n) throw new WasiError(Errno.INVAL);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new WasiError(Errno.FBIG);
  return Number(value);
}

export class MemoryFileHandle implements FileHandle {
  private file: FileNode | null;

  constructor(
    private readonly inodes: Inodes,
    file: FileNode,
    private readonly readable: boolean,
    private readonly writable: boolean,
  ) {
    this.file = file;
    file.opens++;
  }

  private open(): FileNode {
    if (this.file === null) throw new WasiError(Errno.BADF, "file handle is closed");
    return this.file;
  }

  read(buffer: Uint8Array, position: bigint): number {
    const file = this.open();
    if (!this.readable) throw new WasiError(Errno.BADF, "not open for reading");
    if (position < 0n) throw new WasiError(Errno.INVAL);
    if (position >= BigInt(file.size)) return 0;
    const start = Number(position);
    const n = Math.min(buffer.length, file.size - start);
    buffer.set(file.data.subarray(start, start + n));
    return n;
  }

  write(data: Uint8Array, position: bigint): number {
    const file = this.open();
    if (!this.writable) throw new WasiError(Errno.BADF, "not open for writing");
    const start = toSafe(position);
    if (data.length === 0) return 0;
    const end = start + data.length;
    if (end > Number.MAX_SAFE_INTEGER) throw new WasiError(Errno.FBIG);
    if (end > file.size) this.inodes.resize(file, end); // a gap past the end reads as zeros
    file.data.set(data, start);
    file.mtim = file.ctim = this.inodes.now();
    return data.length;
  }

  stat(): FileStat {
    return this.inodes.stat(this.open());
  }

  setSize(size: bigint): void {
    const file = this.open();
    if (!this.writable) throw new WasiError(Errno.INVAL, "not open for writing");
    this.inodes.resize(file, toSafe(size));
    file.mtim = file.ctim = this.inodes.now();
  }

  setTimes(atim: bigint | null, mtim: bigint | null): void {
    setTimes(this.open(), atim, mtim, this.inodes.now());
  }

  sync(): void {
    this.open();
  }

  close(): void {
    const file = this.open();
    this.file = null;
    file.opens--;
    this.inodes.release(file);
  }
}

export function setTimes(node: Node, atim: bigint | null, mtim: bigint | null, now: bigint): void {
  if (atim !== null) node.atim = atim;
  if (mtim !== null) node.mtim = mtim;
  node.ctim = now;
}
