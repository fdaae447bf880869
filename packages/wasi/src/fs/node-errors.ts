// Node's system errors (`err.code` "ENOENT", ...) as WASI errnos, for the node:fs backend.

import { Errno } from "../constants.js";
import { WasiError } from "../errors.js";

/** Node's error codes (the host's errno names, as libuv reports them) and the WASI errno of each. */
const ERRNO_OF_CODE: ReadonlyMap<string, Errno> = new Map<string, Errno>([
  ["E2BIG", Errno.TOOBIG],
  ["EACCES", Errno.ACCES],
  ["EADDRINUSE", Errno.ADDRINUSE],
  ["EADDRNOTAVAIL", Errno.ADDRNOTAVAIL],
  ["EAFNOSUPPORT", Errno.AFNOSUPPORT],
  ["EAGAIN", Errno.AGAIN],
  ["EWOULDBLOCK", Errno.AGAIN],
  ["EALREADY", Errno.ALREADY],
  ["EBADF", Errno.BADF],
  ["EBADMSG", Errno.BADMSG],
  ["EBUSY", Errno.BUSY],
  ["ECANCELED", Errno.CANCELED],
  ["ECHILD", Errno.CHILD],
  ["ECONNABORTED", Errno.CONNABORTED],
  ["ECONNREFUSED", Errno.CONNREFUSED],
  ["ECONNRESET", Errno.CONNRESET],
  ["EDEADLK", Errno.DEADLK],
  ["EDESTADDRREQ", Errno.DESTADDRREQ],
  ["EDOM", Errno.DOM],
  ["EDQUOT", Errno.DQUOT],
  ["EEXIST", Errno.EXIST],
  ["EFAULT", Errno.FAULT],
  ["EFBIG", Errno.FBIG],
  ["EHOSTUNREACH", Errno.HOSTUNREACH],
  ["EIDRM", Errno.IDRM],
  ["EILSEQ", Errno.ILSEQ],
  ["EINPROGRESS", Errno.INPROGRESS],
  ["EINTR", Errno.INTR],
  ["EINVAL", Errno.INVAL],
  ["EIO", Errno.IO],
  ["EISCONN", Errno.ISCONN],
  ["EISDIR", Errno.ISDIR],
  ["ELOOP", Errno.LOOP],
  ["EMFILE", Errno.MFILE],
  ["EMLINK", Errno.MLINK],
  ["EMSGSIZE", Errno.MSGSIZE],
  ["EMULTIHOP", Errno.MULTIHOP],
  ["ENAMETOOLONG", Errno.NAMETOOLONG],
  ["ENETDOWN", Errno.NETDOWN],
  ["ENETRESET", Errno.NETRESET],
  ["ENETUNREACH", Errno.NETUNREACH],
  ["ENFILE", Errno.NFILE],
  ["ENOBUFS", Errno.NOBUFS],
  ["ENODEV", Errno.NODEV],
  ["ENOENT", Errno.NOENT],
  ["ENOEXEC", Errno.NOEXEC],
  ["ENOLCK", Errno.NOLCK],
  ["ENOLINK", Errno.NOLINK],
  ["ENOMEM", Errno.NOMEM],
  ["ENOMSG", Errno.NOMSG],
  ["ENOPROTOOPT", Errno.NOPROTOOPT],
  ["ENOSPC", Errno.NOSPC],
  ["ENOSYS", Errno.NOSYS],
  ["ENOTCONN", Errno.NOTCONN],
  ["ENOTDIR", Errno.NOTDIR],
  ["ENOTEMPTY", Errno.NOTEMPTY],
  ["ENOTRECOVERABLE", Errno.NOTRECOVERABLE],
  ["ENOTSOCK", Errno.NOTSOCK],
  ["ENOTSUP", Errno.NOTSUP],
  ["EOPNOTSUPP", Errno.NOTSUP],
  ["ENOTTY", Errno.NOTTY],
  ["ENXIO", Errno.NXIO],
  ["EOVERFLOW", Errno.OVERFLOW],
  ["EOWNERDEAD", Errno.OWNERDEAD],
  ["EPERM", Errno.PERM],
  ["EPIPE", Errno.PIPE],
  ["EPROTO", Errno.PROTO],
  ["EPROTONOSUPPORT", Errno.PROTONOSUPPORT],
  ["EPROTOTYPE", Errno.PROTOTYPE],
  ["ERANGE", Errno.RANGE],
  ["EROFS", Errno.ROFS],
  ["ESPIPE", Errno.SPIPE],
  ["ESRCH", Errno.SRCH],
  ["ESTALE", Errno.STALE],
  ["ETIMEDOUT", Errno.TIMEDOUT],
  ["ETXTBSY", Errno.TXTBSY],
  ["EXDEV", Errno.XDEV],
]);

/** A system error of node:fs: it has the host's errno name as `code` and the failed call as `syscall`.
 * Node's argument-validation errors (`ERR_INVALID_ARG_TYPE`, ...) have no `syscall`: those are bugs. */
function isSystemError(e: unknown): e is Error & { code: string; syscall: string } {
  if (typeof e !== "object" || e === null) return false;
  const { code, syscall } = e as { code?: unknown; syscall?: unknown };
  return typeof code === "string" && typeof syscall === "string";
}

/**
 * The WASI errno of a node:fs system error (`IO` for a code without one), or undefined when `e` is not
 * a system error (then it is a bug of the host and must propagate).
 */
export function errnoOfNodeError(e: unknown): Errno | undefined {
  if (!isSystemError(e)) return undefined;
  return ERRNO_OF_CODE.get(e.code) ?? Errno.IO;
}

/**
 * Runs `fn` (node:fs calls) and rethrows its system errors as `WasiError`s; anything else propagates.
 * The message names the code and the call, not the host path (the host's layout is not the guest's
 * business); the original error is kept as `cause`.
 */
export function withNodeErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw toWasiError(e);
  }
}

/** `e` as a `WasiError` if it is a node:fs system error, else `e` itself (to be rethrown). */
export function toWasiError(e: unknown): unknown {
  const errno = errnoOfNodeError(e);
  if (errno === undefined || !isSystemError(e)) return e;
  const error = new WasiError(errno, `${e.code} (${e.syscall})`);
  error.cause = e;
  return error;
}
