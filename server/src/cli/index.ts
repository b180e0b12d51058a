// The `earthfile` command-line tool: the language service for CI and other editors.
// Subcommands live in one table; each takes its arguments and an output sink and returns an exit
// code, so tests can run them without spawning a process.

import { errorText } from '../../../shared/src/errorMessage';
import { astCommand } from './astCommand';
import { fmtCommand } from './fmtCommand';
import { lintCommand } from './lintCommand';
import type { CliOutput, Subcommand } from './subcommand';

/** Every subcommand, in the order `--help` lists them. */
export const SUBCOMMANDS: Subcommand[] = [astCommand, fmtCommand, lintCommand];

function overview(): string {
  const width = Math.max(...SUBCOMMANDS.map((s) => s.name.length));
  return [
    'Usage: earthfile <command> [options]',
    '',
    'Commands:',
    ...SUBCOMMANDS.map((s) => `  ${s.name.padEnd(width)}  ${s.summary}`),
    '',
    'Run `earthfile <command> --help` for the options of a command.',
  ].join('\n');
}

/** Runs the tool with `argv` (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliOutput): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.out(`${overview()}\n`);
    return name === undefined ? 2 : 0;
  }
  const cmd = SUBCOMMANDS.find((s) => s.name === name);
  if (!cmd) {
    io.err(`earthfile: unknown command ${JSON.stringify(name)}\n${overview()}\n`);
    return 2;
  }
  return cmd.run(rest, io);
}

// Run only as the bundled entry point (dist/cli.js), not when a test bundle includes this module.
if (require.main === module && /(^|[\\/])cli\.js$/.test(__filename)) {
  const io: CliOutput = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`earthfile: ${errorText(e)}\n`);
      process.exitCode = 70;
    },
  );
}
