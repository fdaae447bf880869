// Command-line syntax of `wasmi-ts`.

export const USAGE = `usage: wasmi-ts [--fuel N] [--timeout MS] FILE.wasm|FILE.wat [--invoke NAME [ARGS...]]

Runs a WebAssembly module (binary .wasm or text .wat) with wasmi-ts.

  --invoke NAME [ARGS...]  call the exported function NAME with ARGS (parsed by its parameter types:
                           integers in decimal or 0x hex, floats as JS numbers, nan, inf, -inf,
                           v128 as 0x and 32 hex digits, references only as null) and print its
                           results, one per line
                           (without --invoke, the module is instantiated and \`_start\` runs if exported)
  --fuel N                 run with N units of fuel (1 per Wasm instruction, bulk operations by
                           size); running out is a trap ("all fuel consumed")
  --timeout MS             stop the module after MS milliseconds of wall-clock time (instantiation
                           and the call); a trap ("deadline exceeded")
  --help, -h               print this help
  --version, -V            print the version

exit codes: 0 success, 1 the module is malformed, invalid or cannot be instantiated,
            2 usage error (missing file, unknown export, bad arguments), 3 trap`;

export type Command =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "run"; file: string; invoke: string | undefined; args: string[]; fuel: bigint | undefined; timeoutMs: number | undefined };

export class UsageError extends Error {
  override name = "UsageError";
}

export function parseArgs(argv: readonly string[]): Command {
  let file: string | undefined;
  let invoke: string | undefined;
  let fuel: bigint | undefined;
  let timeoutMs: number | undefined;
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (invoke !== undefined) {
      // Everything after the function name is an argument of the call (negative numbers included).
      args.push(arg);
    } else if (arg === "--help" || arg === "-h") {
      return { kind: "help" };
    } else if (arg === "--version" || arg === "-V") {
      return { kind: "version" };
    } else if (arg === "--invoke") {
      const name = argv[++i];
      if (name === undefined) throw new UsageError("--invoke needs a function name");
      invoke = name;
    } else if (arg === "--fuel" || arg.startsWith("--fuel=")) {
      const value = arg === "--fuel" ? argv[++i] : arg.slice("--fuel=".length);
      if (value === undefined || !/^\d+$/.test(value)) throw new UsageError("--fuel needs a non-negative integer");
      fuel = BigInt(value);
    } else if (arg === "--timeout" || arg.startsWith("--timeout=")) {
      const value = arg === "--timeout" ? argv[++i] : arg.slice("--timeout=".length);
      if (value === undefined || !/^\d+$/.test(value)) throw new UsageError("--timeout needs a non-negative integer (milliseconds)");
      timeoutMs = Number(value);
    } else if (arg.startsWith("--invoke=")) {
      invoke = arg.slice("--invoke=".length);
    } else if (arg.startsWith("-") && arg !== "-") {
      throw new UsageError(`unknown option ${arg}`);
    } else if (file === undefined) {
      file = arg;
    } else {
      throw new UsageError(`unexpected argument ${arg} (arguments of the call go after --invoke NAME)`);
    }
  }
  if (file === undefined) throw new UsageError("no module file given");
  return { kind: "run", file, invoke, args, fuel, timeoutMs };
}
