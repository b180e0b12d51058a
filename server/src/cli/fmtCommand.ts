// `earthfile fmt`: the formatter of the language server for CI and pre-commit hooks, in the manner of
// `gofmt -l`, `black --check` and `prettier --check`.
import { readFileSync } from 'node:fs';
import { formatText, indentUnit, type FormatOutcome } from '../features/format';
import { LineIndex } from '../text/lineIndex';
import { errorMessage } from '../../../shared/src/errorMessage';
import { isIndentSize, MAX_INDENT, type FormatIndent } from '../../../shared/src/settings';
import { writeFileAtomically } from './atomicWrite';
import { displayPath, findEarthfiles } from './findEarthfiles';
import { optionValue, type CliOutput, type Subcommand } from './subcommand';
import { unifiedDiff } from './unifiedDiff';

const USAGE = [
  'Usage: earthfile fmt [--check] [--diff] [--indent N|tab] [paths...]',
  '',
  'Formats Earthfiles in the layout of the language server (README: Formatting). Directories are',
  'searched as `earthfile lint` searches them; with no path, the current directory. `-` formats',
  'standard input to standard output.',
  '',
  'Without --check or --diff, each file that changes is rewritten in place (atomically, keeping its',
  'mode) and listed. A file with syntax errors is left as it is, with the errors on stderr.',
  '',
  'Options:',
  '  --check          write nothing; list the files that would change, and exit 1 if there are any',
  '  --diff           write nothing; print the changes as a unified diff',
  `  --indent <n>     spaces per level, 1 to ${MAX_INDENT} (default 4), or tab`,
  '  -h, --help       show this help',
  '',
  'Exit code: 1 when --check finds a file to change, or a file has syntax errors or cannot be read or',
  'written; 2 on bad usage; else 0.',
].join('\n');

const STDIN_LABEL = '<stdin>';

interface Options {
  readonly check: boolean;
  readonly diff: boolean;
  readonly unit: string;
}

/** The value of `--indent`: a number of spaces or `tab`. */
function parseIndent(value: string | undefined): FormatIndent | undefined {
  if (value === 'tab') return 'tab';
  const n = value !== undefined && /^\d+$/.test(value) ? Number(value) : NaN;
  return isIndentSize(n) ? n : undefined;
}

/** Tells why `outcome` left the file `name` as it is; false when it did not. */
function reportRefusal(name: string, text: string, outcome: FormatOutcome, io: CliOutput): boolean {
  if (outcome.kind === 'syntax-errors') {
    const lines = new LineIndex(text);
    for (const e of outcome.errors) {
      const p = lines.positionAt(e.range.start);
      io.err(`${name}:${p.line + 1}:${p.character + 1}: ${e.message}\n`);
    }
    io.err(`${name}: not formatted: it has syntax errors\n`);
    return true;
  }
  if (outcome.kind === 'refused') {
    io.err(`${name}: not formatted: ${outcome.reason}\n`);
    return true;
  }
  return false;
}

function formatStdin(options: Options, io: CliOutput): number {
  let text: string;
  try {
    text = io.readStdin ? io.readStdin() : readFileSync(0, 'utf8');
  } catch (e) {
    io.err(`earthfile fmt: cannot read standard input: ${errorMessage(e)}\n`);
    return 1;
  }
  const outcome = formatText(text, options.unit);
  if (outcome.kind !== 'formatted') {
    reportRefusal(STDIN_LABEL, text, outcome, io);
    return 1;
  }
  const changed = outcome.text !== text;
  if (options.diff) io.out(unifiedDiff(STDIN_LABEL, STDIN_LABEL, text, outcome.pieces));
  else if (options.check) {
    if (changed) io.out(`${STDIN_LABEL}\n`);
  } else io.out(outcome.text);
  return options.check && changed ? 1 : 0;
}

function formatFiles(paths: readonly string[], options: Options, io: CliOutput): number {
  const { files, missing } = findEarthfiles(paths.length > 0 ? paths : ['.']);
  for (const path of missing) io.err(`earthfile fmt: no such file or directory: ${path}\n`);
  if (missing.length > 0) return 2;
  const root = process.cwd();
  let failed = false;
  let changed = 0;
  for (const file of files) {
    const name = displayPath(file, root);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      io.err(`${name}: cannot read: ${errorMessage(e)}\n`);
      failed = true;
      continue;
    }
    const outcome = formatText(text, options.unit);
    if (reportRefusal(name, text, outcome, io)) {
      failed = true;
      continue;
    }
    if (outcome.kind !== 'formatted' || outcome.text === text) continue;
    changed++;
    if (options.diff) {
      io.out(unifiedDiff(`a/${name}`, `b/${name}`, text, outcome.pieces));
      continue;
    }
    if (!options.check) {
      try {
        writeFileAtomically(file, outcome.text);
      } catch (e) {
        io.err(`${name}: cannot write: ${errorMessage(e)}\n`);
        failed = true;
        continue;
      }
    }
    io.out(`${name}\n`);
  }
  const verb = options.check || options.diff ? 'would be reformatted' : 'reformatted';
  io.err(`${changed} of ${files.length} Earthfile(s) ${verb}\n`);
  return failed || (options.check && changed > 0) ? 1 : 0;
}

export const fmtCommand: Subcommand = {
  name: 'fmt',
  summary: 'format Earthfiles (--check for CI)',
  usage: USAGE,
  run(args, io) {
    let check = false;
    let diff = false;
    let indent: FormatIndent = 4;
    const paths: string[] = [];
    for (let i = 0; i < args.length; ) {
      const a = args[i];
      const ind = optionValue(args, i, '--indent');
      if (ind) {
        const value = parseIndent(ind.value);
        if (value === undefined) {
          io.err(`earthfile fmt: --indent must be a number from 1 to ${MAX_INDENT}, or tab\n`);
          return 2;
        }
        indent = value;
        i += ind.used;
        continue;
      }
      if (a === '--check') check = true;
      else if (a === '--diff') diff = true;
      else if (a === '-h' || a === '--help') {
        io.out(`${USAGE}\n`);
        return 0;
      } else if (a.startsWith('-') && a !== '-') {
        io.err(`earthfile fmt: unknown option ${a}\n${USAGE}\n`);
        return 2;
      } else paths.push(a);
      i++;
    }
    const options: Options = { check, diff, unit: indentUnit(indent) };
    if (!paths.includes('-')) return formatFiles(paths, options, io);
    if (paths.length > 1) {
      io.err('earthfile fmt: - (standard input) cannot be given with other paths\n');
      return 2;
    }
    return formatStdin(options, io);
  },
};
