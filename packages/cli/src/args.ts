// Command-line syntax of `wasmi-ts`: a command (run, wast, help), or the run command without its name.

import { UsageError } from "./errors.js";
import { parseRunArgs, type RunArgs } from "./run-args.js";
import { parseWastArgs, type WastArgs } from "./wast-args.js";

export { UsageError } from "./errors.js";
export { USAGE } from "./help.js";

export type HelpTopic = "run" | "wast";

export type Command = { kind: "help"; topic: HelpTopic | undefined } | { kind: "version" } | RunArgs | WastArgs;

const TOPICS: readonly string[] = ["run", "wast"];

export function parseArgs(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  switch (first) {
    case undefined:
      throw new UsageError("no command or module file given");
    case "run":
      return parseRunArgs(rest, false);
    case "wast":
      return parseWastArgs(rest);
    case "help": {
      const topic = rest[0];
      if (topic !== undefined && !TOPICS.includes(topic)) throw new UsageError(`no command ${topic} (commands: run, wast)`);
      return { kind: "help", topic: topic as HelpTopic | undefined };
    }
    default:
      // As wasmtime does: a module file first means the run command.
      return parseRunArgs(argv, true);
  }
}
