// @wasmi-ts/cli: the `wasmi-ts` command, also usable in-process through `main`.
export { main, nodeIO, ExitCode, type CliIO } from "./main.js";
export { parseArgs, USAGE, UsageError, type Command, type HelpTopic } from "./args.js";
export { RUN_USAGE, WAST_USAGE } from "./help.js";
export type { EnvSetting, Preload, Preopen, RunOptions } from "./run-args.js";
export { parseValue, formatValue } from "./values.js";
