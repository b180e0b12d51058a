// What every subcommand of the `earthfile` tool is: a name, its help, and a run over its arguments
// that writes to an output sink and returns an exit code, so tests can run it without a process.

/** Where a subcommand writes, and reads standard input (`-`) from. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
  /** Standard input as text; the process's own when absent (tests give theirs). */
  readStdin?(): string;
}

export interface Subcommand {
  readonly name: string;
  /** One line for the overview. */
  readonly summary: string;
  /** The full help text of the subcommand. */
  readonly usage: string;
  run(args: readonly string[], io: CliOutput): number | Promise<number>;
}

/** The value of `--name v` or `--name=v` at `args[i]`, and how many words it took. */
export function optionValue(args: readonly string[], i: number, name: string): { value?: string; used: number } | undefined {
  const a = args[i];
  if (a === name) return { value: args[i + 1], used: 2 };
  if (a.startsWith(`${name}=`)) return { value: a.slice(name.length + 1), used: 1 };
  return undefined;
}
