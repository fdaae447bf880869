// The help texts of `wasmi-ts` and of each of its commands.

export const USAGE = `usage: wasmi-ts COMMAND [OPTIONS] ...
       wasmi-ts [OPTIONS] FILE.wasm|FILE.wat [ARGS...]   (the run command, its name left out)

wasmi-ts: a WebAssembly interpreter written in TypeScript.

commands:
  run   run a WebAssembly module (.wasm or .wat), with WASI (wasi_snapshot_preview1)
  wast  run WebAssembly spec test scripts (.wast)
  help  print this help, or a command's: wasmi-ts help run

options:
  --help, -h     print this help (wasmi-ts COMMAND --help: that command's)
  --version, -V  print the version`;

export const RUN_USAGE = `usage: wasmi-ts run [OPTIONS] [--] FILE.wasm|FILE.wat [ARGS...]

Runs a WebAssembly module (binary .wasm or text .wat) with WASI preview 1 (wasi_snapshot_preview1):
its _start export runs with ARGS as its arguments (argv[0] is FILE's base name), the process's
standard streams, the --env variables and the --dir directories. Options go before FILE: everything
after FILE is the guest's, "--" included; a "--" before FILE ends the options.

  --dir HOST[::GUEST]      give the guest the host directory HOST, which it sees at GUEST (default:
                           HOST as written); repeatable
  --env NAME=VALUE         set an environment variable of the guest (it sees no others); --env NAME
                           copies NAME from the host's environment, if set there; repeatable
  --invoke NAME            call the exported function NAME instead of _start, with ARGS parsed by its
                           parameter types (integers in decimal or 0x hex, floats as JS numbers, nan,
                           inf, -inf, v128 as 0x and 32 hex digits, references only as null), and
                           print its results, one per line
  --preload NAME=FILE      instantiate the module FILE (.wasm or .wat) first, with the same imports,
                           and let the modules after it import its exports from module NAME; repeatable
  --argv0 NAME             the guest's argv[0], instead of FILE's base name
  --fuel N                 run with N units of fuel (1 per Wasm instruction, bulk operations by
                           size); running out is a trap ("all fuel consumed")
  --timeout MS             stop after MS milliseconds of wall-clock time (instantiation and the
                           run); a trap ("deadline exceeded")
  --help, -h               print this help

Imports are resolved from WASI and the --preload modules; any other is an error naming it. A module
exporting _initialize (a WASI reactor) has it called before --invoke. Without --invoke and _start,
the module is only instantiated (its start function runs), and ARGS are refused.

Without the command name (wasmi-ts [OPTIONS] FILE ...), as in wasmi-ts 0.1, --invoke NAME, --fuel N
and --timeout MS may also directly follow FILE (a "--" there ends them): wasmi-ts FILE --invoke f 1.

exit codes: the guest's: its proc_exit code, 0 when _start returns (codes above 255 become 1);
            1 the module is malformed or invalid, or cannot be linked or instantiated;
            2 usage error (unknown option, missing file or directory, unknown export, bad arguments);
            3 trap, printed on stderr with its Wasm backtrace (wasmtime exits 3 on Windows, 134 on
              Unix). A guest may exit with 1, 2 or 3 itself: wasmi-ts then adds no message.`;

export const WAST_USAGE = `usage: wasmi-ts wast [--wasm2] FILE.wast...

Runs WebAssembly spec test scripts. Every command is a check; the failed ones print as
FILE:LINE: COMMAND: why, then the total: N passed, M failed.

Supported: module (text, binary and quote forms; module definition, module instance), register,
invoke, get, assert_return (nan:canonical, nan:arithmetic, v128 lanes, either, ref.null, ref.func,
ref.extern), assert_trap (of actions and of modules), assert_exhaustion, assert_invalid,
assert_malformed, assert_unlinkable, assert_uninstantiable. Modules may import "spectest": print
functions (they print to stdout, as wasmtime's do), global_i32/i64/f32/f64, table, memory.
Not supported, each a failed check: assert_exception, assert_malformed_custom,
assert_invalid_custom, GC references in expected results ((ref.any), (ref.struct), ...). Scripts
with threads (thread, wait) do not parse.

  --wasm2     run under WebAssembly 2.0's rules (its features, and its text format's 32-bit offsets
              and limits), as the 2.0 spec test suite expects; by default the current ones (3.0)
  --help, -h  print this help

exit codes: 0 every check passed, 1 a check failed or a script is malformed, 2 usage error`;

/** The help of `topic` (a command), or the general one. */
export function helpText(topic: "run" | "wast" | undefined): string {
  return topic === "run" ? RUN_USAGE : topic === "wast" ? WAST_USAGE : USAGE;
}
