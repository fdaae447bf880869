// @wasmi-ts/cli: the `wasmi-ts` command, also usable in-process through `main`.
export { main, nodeIO, ExitCode, type CliIO } from "./main.js";
export { parseArgs, USAGE, UsageError, type Command } from "./args.js";
export { parseValue, formatValue } from "./values.js";
