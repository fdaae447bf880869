// The wasi_snapshot_preview1 functions: each one's Wasm signature and implementation, in one table.

import type { WasiContext } from "./context.js";
import type { GuestMemory } from "./guest-memory.js";
import type { Io } from "./io.js";
import * as env from "./syscalls/environment.js";
import * as fd from "./syscalls/fd.js";
import * as path from "./syscalls/path.js";
import { poll_oneoff } from "./syscalls/poll.js";
import { fd_read_stream, fd_write_stream, type FastPath } from "./syscalls/streams.js";

/** An implementation: the context, the caller's memory and the Wasm arguments (i32 as numbers, i64 as
 * bigints); returns an errno, or throws `WasiError` (its errno is returned) or `WasiExit`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WasiFunction = (ctx: WasiContext, m: GuestMemory, ...args: any[]) => number;

/** An implementation that uses file systems or stdin: a generator, run by io.ts's `runSync` or `runAsync`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WasiIoFunction = (ctx: WasiContext, m: GuestMemory, ...args: any[]) => Io<number>;

/** Marks an implementation as a `WasiIoFunction`. */
export const IO = true;

/** A plain function, or a `WasiIoFunction` (with a synchronous path tried first for its hottest case). */
export type FunctionEntry =
  | readonly [params: string, fn: WasiFunction]
  | readonly [params: string, fn: WasiIoFunction, io: typeof IO, fast?: FastPath];

/** Parameters, one letter each: `i` i32, `I` i64. Every function returns an i32 errno, except proc_exit. */
export const FUNCTIONS: Readonly<Record<string, FunctionEntry>> = {
  args_get: ["ii", env.args_get],
  args_sizes_get: ["ii", env.args_sizes_get],
  environ_get: ["ii", env.environ_get],
  environ_sizes_get: ["ii", env.environ_sizes_get],
  clock_res_get: ["ii", env.clock_res_get],
  clock_time_get: ["iIi", env.clock_time_get],
  fd_advise: ["iIIi", fd.fd_advise],
  fd_allocate: ["iII", fd.fd_allocate, IO],
  fd_close: ["i", fd.fd_close, IO],
  fd_datasync: ["i", fd.fd_datasync, IO],
  fd_fdstat_get: ["ii", fd.fd_fdstat_get],
  fd_fdstat_set_flags: ["ii", fd.fd_fdstat_set_flags],
  fd_fdstat_set_rights: ["iII", fd.fd_fdstat_set_rights],
  fd_filestat_get: ["ii", fd.fd_filestat_get, IO],
  fd_filestat_set_size: ["iI", fd.fd_filestat_set_size, IO],
  fd_filestat_set_times: ["iIIi", fd.fd_filestat_set_times, IO],
  fd_pread: ["iiiIi", fd.fd_pread, IO],
  fd_prestat_get: ["ii", fd.fd_prestat_get],
  fd_prestat_dir_name: ["iii", fd.fd_prestat_dir_name],
  fd_pwrite: ["iiiIi", fd.fd_pwrite, IO],
  fd_read: ["iiii", fd.fd_read, IO, fd_read_stream],
  fd_readdir: ["iiiIi", fd.fd_readdir, IO],
  fd_renumber: ["ii", fd.fd_renumber, IO],
  fd_seek: ["iIii", fd.fd_seek, IO],
  fd_sync: ["i", fd.fd_sync, IO],
  fd_tell: ["ii", fd.fd_tell],
  fd_write: ["iiii", fd.fd_write, IO, fd_write_stream],
  path_create_directory: ["iii", path.path_create_directory, IO],
  path_filestat_get: ["iiiii", path.path_filestat_get, IO],
  path_filestat_set_times: ["iiiiIIi", path.path_filestat_set_times, IO],
  path_link: ["iiiiiii", path.path_link, IO],
  path_open: ["iiiiiIIii", path.path_open, IO],
  path_readlink: ["iiiiii", path.path_readlink, IO],
  path_remove_directory: ["iii", path.path_remove_directory, IO],
  path_rename: ["iiiiii", path.path_rename, IO],
  path_symlink: ["iiiii", path.path_symlink, IO],
  path_unlink_file: ["iii", path.path_unlink_file, IO],
  poll_oneoff: ["iiii", poll_oneoff, IO],
  proc_exit: ["i", env.proc_exit],
  proc_raise: ["i", env.proc_raise],
  sched_yield: ["", env.sched_yield],
  random_get: ["ii", env.random_get],
  sock_accept: ["iii", env.sock_accept],
  sock_recv: ["iiiiii", env.sock_recv],
  sock_send: ["iiiii", env.sock_send],
  sock_shutdown: ["ii", env.sock_shutdown],
};
