// A read-only file system served over HTTP: an example of an `AsyncFileSystem`, for guests in a browser
// that read files a server has (data, a sysroot, a game's assets). The tree is known from an index (a
// JSON object: a file's size, or a directory's entries), given or fetched on first use; a file's bytes are
// fetched, whole, when the guest opens it, and then read from memory. Anything that would change the tree
// is ROFS.
//
// Errors: a path missing from the index is NOENT; a file the server answers 404 for, NOENT; another
// failed answer or a fetch that rejects (no network), IO. An index that is not of the expected shape is a
// host error (it traps the guest); a failed index fetch is IO, and is tried again on the next call.

import { decodeUtf8 } from "@wasmi-ts/store";
import { Errno, Filetype } from "../constants.js";
import { WasiError } from "../errors.js";
import type { AsyncFileHandle, AsyncFileSystem, DirEntry, FileStat, FsPath, OpenOptions } from "./types.js";

/** What `FetchFileSystem` needs of a response. */
export interface FetchResponse {
  readonly ok: boolean;
  readonly status: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** What `FetchFileSystem` needs of `fetch`: a GET of a URL. */
export type Fetch = (url: string) => Promise<FetchResponse>;

/** The tree served, from its root: a file's size in bytes, or a directory's entries. */
export type FetchIndex = { [name: string]: number | FetchIndex };

export interface FetchFileSystemOptions {
  /** How to fetch (default: the global `fetch`). */
  fetch?: Fetch;
  /** The tree, or the URL of its JSON relative to the base URL (default "index.json"). */
  index?: FetchIndex | string;
  /** The modification (and access, change) time of every entry, in ns since the epoch (default 0). */
  mtime?: bigint;
}

interface FileNode {
  ino: bigint;
  size: number;
}

interface DirNode {
  ino: bigint;
  entries: Map<string, FileNode | DirNode>;
}

type Node = FileNode | DirNode;

function isDir(node: Node): node is DirNode {
  return "entries" in node;
}

let lastDev = 0n;

/** An `AsyncFileSystem` of the files under `baseUrl`; see the header of this file. */
export class FetchFileSystem implements AsyncFileSystem {
  readonly async = true;
  private readonly base: string;
  private readonly fetch: Fetch;
  private readonly dev = ++lastDev;
  private readonly mtime: bigint;
  private readonly indexUrl: string;
  private root: Promise<DirNode> | null = null;

  /** `baseUrl`: a string, or anything whose `String()` is the URL (a `URL` object); the declared type
   * names no DOM type, so that programs compiled without the DOM library can use this package. */
  constructor(baseUrl: string | { href: string }, options: FetchFileSystemOptions = {}) {
    const base = typeof baseUrl === "string" ? baseUrl : baseUrl.href;
    this.base = base.endsWith("/") ? base : `${base}/`;
    const fetch = options.fetch ?? (globalThis as { fetch?: Fetch }).fetch;
    if (fetch === undefined) throw new TypeError("FetchFileSystem: no global fetch here: pass the option `fetch`");
    this.fetch = fetch;
    this.mtime = options.mtime ?? 0n;
    this.indexUrl = typeof options.index === "string" ? options.index : "index.json";
    // a given index is checked now; a fetched one on first use
    if (typeof options.index === "object") this.root = Promise.resolve(buildTree(options.index));
  }

  async lstat(path: FsPath): Promise<FileStat> {
    return this.stat(await this.find(path));
  }

  async readlink(path: FsPath): Promise<string> {
    await this.find(path);
    throw new WasiError(Errno.INVAL, "not a symbolic link");
  }

  async open(path: FsPath, options: OpenOptions): Promise<AsyncFileHandle> {
    const node = await this.find(path).catch((e: unknown) => {
      if (options.create && e instanceof WasiError && e.errno === Errno.NOENT) throw new WasiError(Errno.ROFS);
      throw e;
    });
    if (options.create && options.exclusive) throw new WasiError(Errno.EXIST);
    if (isDir(node)) throw new WasiError(Errno.ISDIR);
    if (options.write || options.truncate) throw new WasiError(Errno.ROFS);
    const bytes = await this.get(path, true);
    return new FetchedFile(bytes, { ...this.stat(node), size: BigInt(bytes.length) });
  }

  async readdir(path: FsPath): Promise<DirEntry[]> {
    const node = await this.find(path);
    if (!isDir(node)) throw new WasiError(Errno.NOTDIR);
    return [...node.entries.keys()].sort().map((name) => {
      const entry = node.entries.get(name)!;
      return { name, ino: entry.ino, filetype: isDir(entry) ? Filetype.DIRECTORY : Filetype.REGULAR_FILE };
    });
  }

  async mkdir(path: FsPath): Promise<void> {
    const exists = await this.find(path).then(() => true, () => false);
    throw new WasiError(exists ? Errno.EXIST : Errno.ROFS);
  }

  async rmdir(): Promise<void> {
    throw new WasiError(Errno.ROFS);
  }

  async unlink(): Promise<void> {
    throw new WasiError(Errno.ROFS);
  }

  async rename(): Promise<void> {
    throw new WasiError(Errno.ROFS);
  }

  async link(): Promise<void> {
    throw new WasiError(Errno.ROFS);
  }

  async symlink(): Promise<void> {
    throw new WasiError(Errno.ROFS);
  }

  async setTimes(): Promise<void> {
    throw new WasiError(Errno.ROFS);
  }

  private stat(node: Node): FileStat {
    const dir = isDir(node);
    return {
      filetype: dir ? Filetype.DIRECTORY : Filetype.REGULAR_FILE, dev: this.dev, ino: node.ino, nlink: 1n,
      size: dir ? 0n : BigInt(node.size), atim: this.mtime, mtim: this.mtime, ctim: this.mtime,
    };
  }

  /** The node at `path` (NOENT if the index has none, NOTDIR through a file). */
  private async find(path: FsPath): Promise<Node> {
    let node: Node = await this.tree();
    for (const name of path.split("/").filter((c) => c !== "")) {
      if (!isDir(node)) throw new WasiError(Errno.NOTDIR);
      const next = node.entries.get(name);
      if (next === undefined) throw new WasiError(Errno.NOENT);
      node = next;
    }
    return node;
  }

  /** The index, fetched once (again after a failure). */
  private tree(): Promise<DirNode> {
    if (this.root === null) {
      this.root = this.get(this.indexUrl, false).then((bytes) => buildTree(parseIndex(bytes)));
      this.root.catch(() => {
        this.root = null;
      });
    }
    return this.root;
  }

  /** The bytes at `path` under the base URL (its components URL-encoded if `encode`). */
  private async get(path: string, encode: boolean): Promise<Uint8Array> {
    const url = this.base + (encode ? path.split("/").map(encodeURIComponent).join("/") : path);
    let response: FetchResponse;
    try {
      response = await this.fetch(url);
    } catch (e) {
      throw new WasiError(Errno.IO, `fetch ${url}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!response.ok) throw new WasiError(response.status === 404 ? Errno.NOENT : Errno.IO, `fetch ${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
}

function parseIndex(bytes: Uint8Array): unknown {
  return JSON.parse(decodeUtf8(bytes));
}

/** The nodes of `index`, numbered (inodes) in the order they are met. */
function buildTree(index: unknown): DirNode {
  let ino = 0n;
  const dir = (entries: unknown, where: string): DirNode => {
    if (typeof entries !== "object" || entries === null || Array.isArray(entries)) {
      throw new TypeError(`FetchFileSystem index: ${where} must be an object of entries`);
    }
    const node: DirNode = { ino: ++ino, entries: new Map() };
    for (const [name, value] of Object.entries(entries)) {
      if (name === "" || name === "." || name === ".." || name.includes("/")) throw new TypeError(`FetchFileSystem index: bad name ${JSON.stringify(name)}`);
      if (typeof value === "number") {
        if (!Number.isSafeInteger(value) || value < 0) throw new TypeError(`FetchFileSystem index: bad size of ${where}${name}`);
        node.entries.set(name, { ino: ++ino, size: value });
      } else {
        node.entries.set(name, dir(value, `${where}${name}/`));
      }
    }
    return node;
  };
  return dir(index, "/");
}

/** An open file: its bytes, fetched whole. */
class FetchedFile implements AsyncFileHandle {
  constructor(private bytes: Uint8Array, private readonly info: FileStat) {}

  read(buffer: Uint8Array, position: bigint): number {
    if (position >= BigInt(this.bytes.length)) return 0;
    const from = Number(position);
    const n = Math.min(buffer.length, this.bytes.length - from);
    buffer.set(this.bytes.subarray(from, from + n));
    return n;
  }

  write(): number {
    throw new WasiError(Errno.BADF, "a file of a read-only file system");
  }

  stat(): FileStat {
    return { ...this.info };
  }

  setSize(): void {
    throw new WasiError(Errno.INVAL, "a file of a read-only file system");
  }

  setTimes(): void {
    throw new WasiError(Errno.ROFS);
  }

  sync(): void {}

  close(): void {
    this.bytes = new Uint8Array(0);
  }
}
