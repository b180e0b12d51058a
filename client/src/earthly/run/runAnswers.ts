// What "Run…" asks (a target's ARGs, then flags) and how the answers become a task definition. The
// answers are remembered per target and offered again, so what workspaceState gives back is validated.
import type { ArgSummary } from '../../../../shared/src/protocol';
import type { EarthlyTaskFields } from './taskDefinition';

export interface RunAnswers {
  /** ARG name -> value typed; ARGs left empty keep their defaults and are not listed. */
  readonly args: Readonly<Record<string, string>>;
  readonly flags: readonly string[];
}

export const NO_ANSWERS: RunAnswers = { args: {}, flags: [] };

export interface ArgStep {
  readonly name: string;
  readonly prompt: string;
  readonly placeholder: string;
  /** The answer given last time, or empty. */
  readonly value: string;
  /** An empty answer is refused: the ARG is `--required` and has no default. */
  readonly mustAnswer: boolean;
}

/** One input step per ARG (each name once), `--required` ones first. */
export function argSteps(args: readonly ArgSummary[], remembered: RunAnswers): ArgStep[] {
  const seen = new Set<string>();
  const unique = args.filter((arg) => !seen.has(arg.name) && seen.add(arg.name));
  const ordered = [...unique.filter((a) => a.required), ...unique.filter((a) => !a.required)];
  return ordered.map((arg) => ({
    name: arg.name,
    prompt: `${arg.required ? 'Required ' : ''}${arg.global ? 'global ' : ''}ARG ${arg.name}${arg.defaultValue !== undefined ? ': leave empty to keep the default' : ''}`,
    placeholder: arg.defaultValue !== undefined ? `Default: ${arg.defaultValue}` : arg.required ? 'A value is required' : 'No default: leave empty to leave it unset',
    value: remembered.args[arg.name] ?? '',
    mustAnswer: arg.required && arg.defaultValue === undefined,
  }));
}

/** The message an input box shows for `value`, or undefined when it is acceptable. */
export function argValueProblem(step: ArgStep, value: string): string | undefined {
  return step.mustAnswer && value === '' ? `${step.name} is required (ARG --required) and has no default.` : undefined;
}

export interface FlagChoice {
  readonly label: string;
  readonly description: string;
  readonly picked: boolean;
  /** A flag that takes a value (`--platform=…`): asked for after the pick, offering the last one. */
  readonly value?: { readonly flag: string; readonly remembered: string; readonly placeholder: string };
}

interface CommonFlag {
  readonly flag: string;
  readonly description: string;
  readonly valuePlaceholder?: string;
}

const COMMON_FLAGS: readonly CommonFlag[] = [
  { flag: '--push', description: 'push images (SAVE IMAGE --push) and run RUN --push commands' },
  { flag: '--ci', description: 'CI mode: --no-output and --strict' },
  { flag: '--no-cache', description: 'ignore the build cache' },
  { flag: '-P', description: 'allow privileged commands (--allow-privileged)' },
  { flag: '--platform', description: 'build for another platform', valuePlaceholder: 'linux/amd64, linux/arm64, …' },
];

function commonFlagOf(given: string): CommonFlag | undefined {
  return COMMON_FLAGS.find((c) => (c.valuePlaceholder ? given.startsWith(`${c.flag}=`) : given === c.flag));
}

/** The multi-select items: the common flags, then other flags given last time; last time's are picked. */
export function flagChoices(remembered: readonly string[]): FlagChoice[] {
  const common = COMMON_FLAGS.map((c): FlagChoice => {
    const given = remembered.find((r) => commonFlagOf(r) === c);
    if (!c.valuePlaceholder) return { label: c.flag, description: c.description, picked: given !== undefined };
    return {
      label: `${c.flag}=…`,
      description: c.description,
      picked: given !== undefined,
      value: { flag: c.flag, remembered: given?.slice(c.flag.length + 1) ?? '', placeholder: c.valuePlaceholder },
    };
  });
  const others = remembered.filter((r) => !commonFlagOf(r)).map((flag): FlagChoice => ({ label: flag, description: OTHER_FLAG, picked: true }));
  return [...common, ...others];
}

export const OTHER_FLAG = 'other flag';

/**
 * Free text typed in the flags picker, as flags: words split as a POSIX shell splits them, so
 * `--secret-file "KEY=/a b"` is two words. Text that does not start with `-` is what the user typed
 * to filter the list, not flags.
 */
export function typedFlags(text: string): string[] {
  const words = shellWords(text);
  return words[0]?.startsWith('-') ? words : [];
}

/**
 * Words of `text` split at unquoted spaces, tabs and newlines (the shell's IFS): single quotes keep
 * everything literally, double quotes keep all but `\"`, `\\`, `\$` and `` \` `` escapes, a backslash
 * outside quotes keeps the next character. An unclosed quote runs to the end of the text (nothing is
 * run through a shell).
 */
function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) word += text[++i];
      else word += c;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word ??= '';
      if (c === '"' || c === "'") quote = c;
      else if (c === '\\' && i + 1 < text.length) word += text[++i];
      else word += c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

const SECRET_FLAGS: readonly string[] = ['--secret', '-s'];

/**
 * The names of secrets whose values `flags` would put on the command line (`--secret NAME=value`,
 * `-s NAME=value`, `--secret=NAME=value`), which would show them in the terminal and keep them with
 * the remembered answers. `--secret NAME` alone is fine: earthly reads the value from the environment.
 */
export function secretsWithValues(flags: readonly string[]): string[] {
  const nameIfValued = (given: string | undefined) => (given?.includes('=') ? given.slice(0, given.indexOf('=')) : undefined);
  return flags.flatMap((flag, i) => {
    const joined = SECRET_FLAGS.find((f) => flag.startsWith(`${f}=`));
    const name = SECRET_FLAGS.includes(flag) ? nameIfValued(flags[i + 1]) : joined ? nameIfValued(flag.slice(joined.length + 1)) : undefined;
    return name ? [name] : [];
  });
}

/** The flag a picked choice stands for, given the value asked for when it takes one. */
export function flagOf(choice: FlagChoice, value?: string): string {
  return choice.value ? `${choice.value.flag}=${value ?? ''}` : choice.label;
}

/** The task that runs `reference` with the answers: empty ARG answers are left out (their defaults apply). */
export function runDefinition(reference: string, answers: RunAnswers): EarthlyTaskFields {
  const args = Object.fromEntries(Object.entries(answers.args).filter(([, value]) => value !== ''));
  return {
    type: 'earthly',
    target: reference,
    ...(Object.keys(args).length > 0 ? { args } : {}),
    ...(answers.flags.length > 0 ? { flags: [...answers.flags] } : {}),
  };
}

/** Remembered answers as workspaceState gives them back; anything malformed is dropped. */
export function parseRunAnswers(raw: unknown): RunAnswers {
  if (typeof raw !== 'object' || raw === null) return NO_ANSWERS;
  const { args, flags } = raw as { args?: unknown; flags?: unknown };
  const argEntries = typeof args === 'object' && args !== null && !Array.isArray(args) ? Object.entries(args) : [];
  return {
    args: Object.fromEntries(argEntries.filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
    flags: Array.isArray(flags) ? flags.filter((f): f is string => typeof f === 'string') : [],
  };
}
