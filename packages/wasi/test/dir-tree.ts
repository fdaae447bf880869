// What a program left in its directory, in a form two runs can be compared by: every entry's relative
// path, type, contents (files) or target (symbolic links), and times. Times inside the run's window are
// the host's own (creation, writes, UTIME_NOW, reads) and differ from run to run: they read "during the
// run"; any other time was set by the program and reads as seconds.microseconds.
import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { Filetype } from "../src/constants.js";
import type { MemoryFileSystem } from "../src/fs/memory.js";

export interface TreeEntry {
  /** Relative to the directory, "/"-separated; "." is the directory itself. */
  path: string;
  type: "file" | "directory" | "symlink" | "other";
  /** A file's contents (as text if short and UTF-8, else its size and sha256); a link's target. */
  content?: string;
  atime: string;
  mtime: string;
}

/** Nanoseconds since the epoch: from (before the run started) to (after it ended). */
export interface TimeWindow {
  from: bigint;
  to: bigint;
}

/** Opens a window now; `close()` ends it when called (each with a second of margin, for rounding). */
export function openWindow(): { close(): TimeWindow } {
  const from = BigInt(Date.now() - 1000) * 1_000_000n;
  return { close: () => ({ from, to: BigInt(Date.now() + 1000) * 1_000_000n }) };
}

function timeText(ns: bigint, window: TimeWindow): string {
  if (ns >= window.from && ns <= window.to) return "during the run";
  const sign = ns < 0n ? "-" : "";
  const abs = ns < 0n ? -ns : ns;
  return `${sign}${abs / 1_000_000_000n}.${String((abs % 1_000_000_000n) / 1000n).padStart(6, "0")}`;
}

function contentText(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString("utf8");
  if (bytes.length <= 256 && Buffer.from(text, "utf8").equals(bytes)) return JSON.stringify(text);
  return `${bytes.length} bytes, sha256 ${createHash("sha256").update(bytes).digest("hex")}`;
}

function byPath(a: TreeEntry, b: TreeEntry): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** The tree under host directory `root`. */
export function hostTree(root: string, window: TimeWindow): TreeEntry[] {
  const entries: TreeEntry[] = [];
  const visit = (relative: string): void => {
    const full = relative === "." ? root : join(root, relative);
    const stat = lstatSync(full, { bigint: true });
    const times = { atime: timeText(stat.atimeNs, window), mtime: timeText(stat.mtimeNs, window) };
    if (stat.isDirectory()) {
      entries.push({ path: relative, type: "directory", ...times });
      for (const name of readdirSync(full)) visit(relative === "." ? name : `${relative}/${name}`);
    } else if (stat.isFile()) {
      entries.push({ path: relative, type: "file", content: contentText(readFileSync(full)), ...times });
    } else if (stat.isSymbolicLink()) {
      entries.push({ path: relative, type: "symlink", content: readlinkSync(full), ...times });
    } else {
      entries.push({ path: relative, type: "other", ...times });
    }
  };
  visit(".");
  return entries.sort(byPath);
}

/** The tree of an in-memory file system, through the same `FileSystem` calls WASI uses. */
export function memoryTree(fs: MemoryFileSystem, window: TimeWindow): TreeEntry[] {
  const entries: TreeEntry[] = [];
  const visit = (path: string): void => {
    const stat = fs.lstat(path);
    const times = { atime: timeText(stat.atim, window), mtime: timeText(stat.mtim, window) };
    const relative = path === "" ? "." : path;
    if (stat.filetype === Filetype.DIRECTORY) {
      entries.push({ path: relative, type: "directory", ...times });
      for (const entry of fs.readdir(path)) visit(path === "" ? entry.name : `${path}/${entry.name}`);
    } else if (stat.filetype === Filetype.REGULAR_FILE) {
      entries.push({ path: relative, type: "file", content: contentText(fs.readFile(path)), ...times });
    } else if (stat.filetype === Filetype.SYMBOLIC_LINK) {
      entries.push({ path: relative, type: "symlink", content: fs.readlink(path), ...times });
    } else {
      entries.push({ path: relative, type: "other", ...times });
    }
  };
  visit("");
  return entries.sort(byPath);
}
