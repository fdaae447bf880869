// How the command fails: exit codes, usage errors, and failures that carry their own message.

export const ExitCode = { Ok: 0, ModuleError: 1, Usage: 2, Trap: 3 } as const;

/** A mistake in the command line; `main` prints it with a pointer to the help. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A failure with its message (printed as is, line by line) and exit code. */
export class CliError extends Error {
  override name = "CliError";

  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}
