// The `earthfile` command-line tool: the language service for CI and other editors.
// Subcommands live in one table; each takes its arguments and an output sink and returns an exit
// code, so tests can run them without spawning a process.

import { readFileSync } from 'node:fs';
import { LineIndex } from './parser/lineIndex';
import { formatAstJson, toAstJson } from './parser/astJson';
import { parse } from './parser/parse';
import { lintCommand } from './lint/lintCommand';

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

const astCommand: Subcommand = {
  name: 'ast',
  summary: 'print the syntax tree of an Earthfile as JSON (like `earthly debug ast`)',
  usage: [
    'Usage: earthfile ast [--source-map] [--form earthbuild|earthly] <file>',
    '',
    'Prints the tree in the shape of `earthly debug ast`, with keys sorted and indented.',
    'Syntax errors go to stderr as `file:line:column: message`, and the exit code is 1.',
    '',
    'Options:',
    '  --source-map      add a sourceLocation to every node',
    '  --form <form>     earthbuild (default: an argument-less command has no "args")',
    '                    or earthly ("args": [] and "recipe": null, as earthly v0.8 prints)',
    '  -h, --help        show this help',
  ].join('\n'),
  run(args, io) {
    let sourceMap = false;
    let form: 'earthbuild' | 'earthly' = 'earthbuild';
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--source-map') sourceMap = true;
      else if (a === '--form' || a.startsWith('--form=')) {
        const v = a === '--form' ? args[++i] : a.slice('--form='.length);
        if (v !== 'earthbuild' && v !== 'earthly') {
          io.err(`earthfile ast: --form must be earthbuild or earthly, not ${JSON.stringify(v ?? '')}\n`);
          return 2;
        }
        form = v;
      } else if (a === '-h' || a === '--help') {
        io.out(`${this.usage}\n`);
        return 0;
      } else if (a.startsWith('-') && a !== '-') {
        io.err(`earthfile ast: unknown option ${a}\n${this.usage}\n`);
        return 2;
      } else files.push(a);
    }
    if (files.length !== 1) {
      io.err(`earthfile ast: expected exactly one file\n${this.usage}\n`);
      return 2;
    }
    const file = files[0];
    let text: string;
    try {
      text = readFileSync(file === '-' ? 0 : file, 'utf8');
    } catch (e) {
      io.err(`earthfile ast: cannot read ${file}: ${(e as Error).message}\n`);
      return 2;
    }
    const { tree, errors } = parse(text);
    if (errors.length > 0) {
      const lines = new LineIndex(text);
      for (const e of errors) {
        const p = lines.positionAt(e.range.start);
        io.err(`${file}:${p.line + 1}:${p.character + 1}: ${e.message}\n`);
      }
      return 1;
    }
    io.out(formatAstJson(toAstJson(tree, { form, ...(sourceMap && { sourceMap: { file } }) })));
    return 0;
  },
};

/** Every subcommand, in the order `--help` lists them. */
export const SUBCOMMANDS: Subcommand[] = [astCommand, lintCommand];

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
      process.stderr.write(`earthfile: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
