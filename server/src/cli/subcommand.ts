// What every subcommand of the `earthfile` tool is: a name, its help, and a run over its arguments
// that writes to an output sink and returns an exit code, so tests can run it without a process.

/** Where a subcommand writes. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

export interface Subcommand {
  readonly name: string;
  /** One line for the overview. */
  readonly summary: string;
  /** The full help text of the subcommand. */
  readonly usage: string;
  run(args: readonly string[], io: CliOutput): number | Promise<number>;
}
