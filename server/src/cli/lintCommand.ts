// `earthfile lint`: validate Earthfiles without building them, in any CI.
import { optionValue, type CliOutput, type Subcommand } from './subcommand';
import { RULES } from '../analysis/checks';
import type { Flavor } from '../analysis/checks/finding';
import { diskHost } from '../diskHost';
import { createLanguageService } from '../service';
import { pathToUri } from '../uri';
import { DEFAULT_SETTINGS } from '../../../shared/src/settings';
import { findEarthfiles } from './findEarthfiles';
import { formatReport, lintProblem, type LintFormat, type LintProblem } from './lintReport';

declare const SERVER_VERSION: string;

const FORMATS: readonly LintFormat[] = ['human', 'json', 'sarif'];
const FLAVORS: readonly Flavor[] = ['earthly', 'earthbuild'];

const USAGE = [
  'Usage: earthfile lint [--format human|json|sarif] [--flavor earthly|earthbuild] [paths...]',
  '',
  'Checks Earthfiles with the rules of the language server, without building anything. Directories',
  'are searched for Earthfile, build.earth, *.earth and *.Earthfile (skipping node_modules and .git);',
  'with no path, the current directory. Exit code: 1 when an error is found, 2 on bad usage, else 0.',
  '',
  'Options:',
  '  --format <f>   human (default: path:line:col: severity code message), json, or sarif (SARIF 2.1.0)',
  '  --flavor <f>   earthly (default) or earthbuild, for the rules where the two differ',
  '  --rules        list every rule code with its default severity and stop',
  '  -h, --help     show this help',
].join('\n');

/** The problems of `files`, checked together so references between them resolve, each file read once. */
function lintFiles(files: readonly string[], flavor: Flavor): LintProblem[] {
  const service = createLanguageService(diskHost, { settings: { ...DEFAULT_SETTINGS, flavor } });
  return files.flatMap((file) => service.diagnostics(pathToUri(file)).map((d) => lintProblem(file, d)));
}

function listRules(io: CliOutput): number {
  const width = Math.max(...[...RULES.keys()].map((c) => c.length));
  for (const [code, rule] of RULES) io.out(`${code.padEnd(width)}  ${rule.severity.padEnd(11)}  ${rule.summary}\n`);
  return 0;
}

export const lintCommand: Subcommand = {
  name: 'lint',
  summary: 'check Earthfiles for what Earthly would reject at build time',
  usage: USAGE,
  run(args, io) {
    let format: LintFormat = 'human';
    let flavor: Flavor = 'earthly';
    const paths: string[] = [];
    for (let i = 0; i < args.length; ) {
      const a = args[i];
      const f = optionValue(args, i, '--format');
      const fl = optionValue(args, i, '--flavor');
      if (f) {
        if (!FORMATS.includes(f.value as LintFormat)) {
          io.err(`earthfile lint: --format must be one of ${FORMATS.join(', ')}\n`);
          return 2;
        }
        format = f.value as LintFormat;
        i += f.used;
      } else if (fl) {
        if (!FLAVORS.includes(fl.value as Flavor)) {
          io.err(`earthfile lint: --flavor must be one of ${FLAVORS.join(', ')}\n`);
          return 2;
        }
        flavor = fl.value as Flavor;
        i += fl.used;
      } else if (a === '--rules') {
        return listRules(io);
      } else if (a === '-h' || a === '--help') {
        io.out(`${USAGE}\n`);
        return 0;
      } else if (a.startsWith('-')) {
        io.err(`earthfile lint: unknown option ${a}\n${USAGE}\n`);
        return 2;
      } else {
        paths.push(a);
        i++;
      }
    }
    const { files, missing } = findEarthfiles(paths.length > 0 ? paths : ['.']);
    for (const path of missing) io.err(`earthfile lint: no such file or directory: ${path}\n`);
    if (missing.length > 0) return 2;
    const problems = lintFiles(files, flavor);
    io.out(formatReport(format, problems, process.cwd(), RULES, SERVER_VERSION));
    if (format === 'human') {
      const errors = problems.filter((p) => p.severity === 'error').length;
      io.err(`${files.length} Earthfile(s) checked: ${errors} error(s), ${problems.length - errors} other problem(s)\n`);
    }
    return problems.some((p) => p.severity === 'error') ? 1 : 0;
  },
};
