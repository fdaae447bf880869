// Command-line syntax of `wasmi-ts run` (and of `wasmi-ts FILE ...`, the same without the name).

import { UsageError } from "./errors.js";

/** `--dir HOST::GUEST`: the host directory and the path the guest sees it at. */
export interface Preopen {
  host: string;
  guest: string;
}

/** `--env NAME=VALUE`, or `--env NAME` (value undefined: the host's, if it has one). */
export interface EnvSetting {
  name: string;
  value: string | undefined;
}

/** `--preload NAME=FILE`. */
export interface Preload {
  name: string;
  file: string;
}

export interface RunOptions {
  file: string;
  /** Everything after the file: the guest's argv[1..], or the arguments of `--invoke`. */
  args: string[];
  invoke: string | undefined;
  fuel: bigint | undefined;
  timeoutMs: number | undefined;
  dirs: Preopen[];
  env: EnvSetting[];
  preloads: Preload[];
  argv0: string | undefined;
}

export type RunArgs = { kind: "run" } & RunOptions;

/** What `--help`/`--version` among the options ask for instead of a run. */
export type RunInfo = { kind: "help"; topic: "run" | undefined } | { kind: "version" };

/**
 * Parses `[OPTIONS] [--] FILE [ARGS...]`. `legacy` (no `run` word): as wasmi-ts 0.1 accepted,
 * `--invoke`, `--fuel` and `--timeout` may also directly follow FILE.
 */
export function parseRunArgs(argv: readonly string[], legacy: boolean): RunArgs | RunInfo {
  const options: Omit<RunOptions, "file"> = {
    args: [], invoke: undefined, fuel: undefined, timeoutMs: undefined, dirs: [], env: [], preloads: [], argv0: undefined,
  };
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      i++;
      break;
    }
    if (!arg.startsWith("-") || arg === "-") break;
    if (arg === "--help" || arg === "-h") return { kind: "help", topic: legacy ? undefined : "run" };
    if (arg === "--version" || arg === "-V") return { kind: "version" };
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const value = (): string => {
      const v = eq < 0 ? argv[++i] : arg.slice(eq + 1);
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (!applyOption(options, name, value)) throw new UsageError(`unknown option ${arg}`);
  }
  const file = argv[i];
  if (file === undefined) throw new UsageError("no module file given");
  let rest = argv.slice(i + 1);
  if (legacy) rest = takeTrailingOptions(options, rest);
  options.args.push(...rest);
  return { kind: "run", file, ...options };
}

/** Applies option `name` (taking its value from `value()`); false if there is no such option. */
function applyOption(options: Omit<RunOptions, "file">, name: string, value: () => string): boolean {
  switch (name) {
    case "--dir":
      options.dirs.push(parseDir(value()));
      return true;
    case "--env":
      options.env.push(parseEnv(value()));
      return true;
    case "--preload":
      options.preloads.push(parsePreload(value()));
      return true;
    case "--invoke":
      options.invoke = value();
      return true;
    case "--argv0":
      options.argv0 = value();
      return true;
    case "--fuel": {
      const v = value();
      if (!/^\d+$/.test(v)) throw new UsageError("--fuel needs a non-negative integer");
      options.fuel = BigInt(v);
      return true;
    }
    case "--timeout": {
      const v = value();
      if (!/^\d+$/.test(v)) throw new UsageError("--timeout needs a non-negative integer (milliseconds)");
      options.timeoutMs = Number(v);
      return true;
    }
    default:
      return false;
  }
}

/** wasmi-ts 0.1's `FILE [--fuel N] [--timeout MS] [--invoke NAME ARGS...]`; returns what is left. */
function takeTrailingOptions(options: Omit<RunOptions, "file">, rest: string[]): string[] {
  let i = 0;
  for (; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === "--") return rest.slice(i + 1);
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (name !== "--invoke" && name !== "--fuel" && name !== "--timeout") break;
    const value = (): string => {
      const v = eq < 0 ? rest[++i] : arg.slice(eq + 1);
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    applyOption(options, name, value);
    // Everything after the function's name is an argument of the call (negative numbers included).
    if (name === "--invoke") return rest.slice(i + 1);
  }
  return rest.slice(i);
}

function parseDir(text: string): Preopen {
  const at = text.indexOf("::");
  const host = at < 0 ? text : text.slice(0, at);
  const guest = at < 0 ? text : text.slice(at + 2);
  if (host === "" || guest === "") throw new UsageError(`--dir ${text}: expected HOST or HOST::GUEST`);
  return { host, guest };
}

function parseEnv(text: string): EnvSetting {
  const at = text.indexOf("=");
  const name = at < 0 ? text : text.slice(0, at);
  if (name === "") throw new UsageError(`--env ${text}: expected NAME=VALUE or NAME`);
  return { name, value: at < 0 ? undefined : text.slice(at + 1) };
}

function parsePreload(text: string): Preload {
  const at = text.indexOf("=");
  if (at <= 0 || at === text.length - 1) throw new UsageError(`--preload ${text}: expected NAME=FILE`);
  return { name: text.slice(0, at), file: text.slice(at + 1) };
}
