// The `wasmi-ts` command: dispatch to a command, and turn failures into messages and exit codes.

import { readFileSync } from "node:fs";
import { parseArgs } from "./args.js";
import { CliError, ExitCode, UsageError } from "./errors.js";
import { helpText } from "./help.js";
import { type CliIO, nodeIO } from "./io.js";
import { runCommand } from "./run.js";
import { wastCommand } from "./wast/command.js";

export { ExitCode } from "./errors.js";
export { nodeIO, type CliIO } from "./io.js";

/** Runs the command with `argv` (without node and script); returns the exit code. */
export function main(argv: readonly string[], io: CliIO = nodeIO): number {
  try {
    const command = parseArgs(argv);
    switch (command.kind) {
      case "help":
        io.stdout(helpText(command.topic));
        return ExitCode.Ok;
      case "version":
        io.stdout(`wasmi-ts ${version()}`);
        return ExitCode.Ok;
      case "run":
        return runCommand(command, io);
      case "wast":
        return wastCommand(command, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}`);
      const topic = argv[0] === "run" || argv[0] === "wast" ? `${argv[0]} ` : "";
      io.stderr(`(wasmi-ts ${topic}--help shows the usage)`);
      return ExitCode.Usage;
    }
    if (error instanceof CliError) {
      for (const line of error.message.split("\n")) io.stderr(line);
      return error.exitCode;
    }
    io.stderr(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return ExitCode.ModuleError;
  }
}

function version(): string {
  // package.json is one folder up from both src/ and dist/.
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
