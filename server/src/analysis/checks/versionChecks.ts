// The VERSION line (reference §6): its value, and the feature flags before it. A missing VERSION is a
// syntax check; a misplaced one is reported by the parser.
//
// Earthly parses the line with go-flags without `AllowBoolValues` (FEAT `Get`), so `--try=true` is an
// error as much as `--try=false`, and with `PassAfterNonOption` a flag after the number is an extra
// argument ("unexpected VERSION arguments").
import {
  FEATURES,
  featureByName,
  isAcceptedVersion,
  isDefaultAt,
  LATEST_VERSION,
  SUPPORTED_VERSIONS,
  unmetRequirements,
} from '../../language/features';
import type { ArgNode } from '../../parser';
import type { VersionInfo } from '../model';
import type { CheckContext, CheckGroup } from './check';
import { closest } from './closest';
import { removeWord } from './command/edits';
import type { Fix } from './finding';

const FEATURE_NAMES = FEATURES.map((f) => f.name);
const SUPPORTED = `${SUPPORTED_VERSIONS.slice(0, -1).join(', ')} and ${SUPPORTED_VERSIONS[SUPPORTED_VERSIONS.length - 1]}`;
const FALSE_VALUES = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

export const versionChecks: CheckGroup = {
  rules: {
    'E-invalid-version': { severity: 'error', summary: `A VERSION value other than ${SUPPORTED}.` },
    'E-version-arguments': { severity: 'error', summary: 'A feature flag after the VERSION number, or more than one number.' },
    'E-unknown-feature': { severity: 'error', summary: 'A VERSION feature flag that Earthly does not know.' },
    'E-feature-value': { severity: 'error', summary: 'A VERSION feature flag given a value (`--flag=false`); feature flags take none.' },
    'E-feature-requires': { severity: 'error', summary: 'A VERSION feature flag without another one it needs (`--arg-scope-and-set` needs `--shell-out-anywhere`).' },
    'H-redundant-feature': { severity: 'hint', summary: 'A VERSION feature flag that is already on by default at that VERSION.' },
  },
  check(context) {
    const version = context.model.version;
    if (!version) return;
    const words = version.command.rawArgs;
    const valueIndex = words.findIndex((w) => !w.text.startsWith('-'));
    words.forEach((word, i) => {
      if (word.text === '--') return;
      if (i > valueIndex && valueIndex >= 0) extraWord(context, version, words, i);
      else if (i !== valueIndex) featureFlag(context, version, words, i);
    });
    if (version.value !== undefined && version.valueRange && !isAcceptedVersion(version.value)) {
      context.report(
        'E-invalid-version',
        version.valueRange,
        `Earthfile version ${JSON.stringify(version.value)} is invalid: supported versions are ${SUPPORTED}.`,
        { fixes: [{ title: `Change to VERSION ${LATEST_VERSION}`, edits: [{ range: version.valueRange, newText: LATEST_VERSION }], preferred: true }] },
      );
    }
    requirements(context, version);
  },
};

/** A word after the version number: a misplaced feature flag, or a second number. */
function extraWord(context: CheckContext, version: VersionInfo, words: readonly ArgNode[], i: number): void {
  const word = words[i];
  const usage = 'should be VERSION [--feature-flag ...] <major>.<minor>';
  if (!word.text.startsWith('-') || !version.valueRange) {
    context.report('E-version-arguments', word.range, `unexpected VERSION argument ${JSON.stringify(word.text)}: ${usage}.`, {
      fixes: [{ title: `Remove "${word.text}"`, edits: [removeWord(words.map((w) => w.range), i)] }],
    });
    return;
  }
  const before = { start: version.valueRange.start, end: version.valueRange.start };
  context.report('E-version-arguments', word.range, `feature flag ${word.text} comes after the version number: ${usage}.`, {
    fixes: [
      {
        title: `Move ${word.text} before the version number`,
        edits: [removeWord(words.map((w) => w.range), i), { range: before, newText: `${word.text} ` }],
        preferred: true,
      },
    ],
  });
  featureFlag(context, version, words, i);
}

function featureFlag(context: CheckContext, version: VersionInfo, words: readonly ArgNode[], i: number): void {
  const word = words[i];
  const dashes = word.text.startsWith('--') ? 2 : 1;
  const eq = word.text.indexOf('=');
  const name = word.text.slice(dashes, eq < 0 ? undefined : eq);
  // Offsets inside the word match the text unless a line continuation sits in it.
  const exact = word.range.end - word.range.start === word.text.length;
  const nameRange = exact ? { start: word.range.start, end: word.range.start + (eq < 0 ? word.text.length : eq) } : word.range;
  const feature = dashes === 2 ? featureByName(name) : undefined;
  if (!feature) {
    const suggestion = closest(name, FEATURE_NAMES);
    context.report(
      'E-unknown-feature',
      nameRange,
      `unknown VERSION feature flag ${word.text.slice(0, dashes)}${name}${suggestion ? ` (did you mean --${suggestion}?)` : ''}.`,
      suggestion ? { fixes: [{ title: `Change to --${suggestion}`, edits: [{ range: nameRange, newText: `--${suggestion}` }], preferred: true }] } : {},
    );
    return;
  }
  if (eq >= 0) {
    const value = word.text.slice(eq + 1);
    const fix: Fix = FALSE_VALUES.has(value)
      ? { title: `Remove --${name}=${value}`, edits: [removeWord(words.map((w) => w.range), i)] }
      : { title: `Write --${name} without a value`, edits: [{ range: { start: nameRange.end, end: word.range.end }, newText: '' }] };
    context.report(
      'E-feature-value',
      exact ? { start: nameRange.end, end: word.range.end } : word.range,
      `bool flag --${name} cannot have an argument: a feature flag is switched on by naming it, and off by leaving it out.`,
      { fixes: [{ ...fix, preferred: true }] },
    );
  }
  if (version.value !== undefined && isAcceptedVersion(version.value) && isDefaultAt(name, version.value)) {
    context.report(
      'H-redundant-feature',
      word.range,
      `--${name} is enabled by default under VERSION ${version.value} and can be safely removed.`,
      { tag: 'unnecessary', fixes: [{ title: `Remove --${name}`, edits: [removeWord(words.map((w) => w.range), i)], preferred: true }] },
    );
  }
}

function requirements(context: CheckContext, version: VersionInfo): void {
  const at = version.valueRange;
  for (const { feature, requires } of unmetRequirements(context.model.features)) {
    const named = version.flags.find((f) => f.name === feature);
    const range = named?.range ?? at ?? version.command.keyword.range;
    context.report('E-feature-requires', range, `--${feature} requires --${requires}: add --${requires} to the VERSION line.`, {
      ...(at && { fixes: [{ title: `Add --${requires} to VERSION`, edits: [{ range: { start: at.start, end: at.start }, newText: `--${requires} ` }], preferred: true }] }),
    });
  }
}
