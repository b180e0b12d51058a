// Text edits shared by the VERSION and command checks: removing a word or a line, and the two ways of
// switching a feature on (naming it on the VERSION line, or raising the VERSION).
import { featureByName, isAcceptedVersion, isDefaultAt, parseVersion } from '../../../language/features';
import { lineEnd, newlineEnd } from '../../../text/characters';
import type { Range } from '../../../parser';
import type { FileModel } from '../../model';
import type { Edit, Fix } from '../finding';
import { lineStart } from '../textLayout';

/** Removes `words[index]` with the blanks that separate it from its neighbour. */
export function removeWord(words: readonly Range[], index: number): Edit {
  const word = words[index];
  if (index + 1 < words.length) return { range: { start: word.start, end: words[index + 1].start }, newText: '' };
  const start = index > 0 ? words[index - 1].end : word.start;
  return { range: { start, end: word.end }, newText: '' };
}

/** Removes the whole line (or lines, for a continued command) that `range` sits on. */
export function removeLine(text: string, range: Range): Edit {
  return { range: { start: lineStart(text, range.start), end: newlineEnd(text, lineEnd(text, range.end)) }, newText: '' };
}

/** The VERSION value in force, when the file has a VERSION line whose value Earthly accepts. */
export function acceptedVersion(model: FileModel): string | undefined {
  const value = model.version?.value;
  return value !== undefined && isAcceptedVersion(value) ? value : undefined;
}

/**
 * How to switch `feature` on: name it on the VERSION line and, when a later VERSION makes it the
 * default, raise the VERSION instead.
 */
export function enableFeatureFixes(model: FileModel, feature: string): Fix[] {
  const version = model.version;
  if (!version?.valueRange || version.value === undefined) return [];
  const fixes: Fix[] = [
    {
      title: `Add --${feature} to VERSION`,
      edits: [{ range: { start: version.valueRange.start, end: version.valueRange.start }, newText: `--${feature} ` }],
    },
  ];
  const defaultAt = featureByName(feature)?.defaultAt;
  if (defaultAt && isAcceptedVersion(defaultAt) && !isDefaultAt(feature, version.value)) {
    fixes.push({ title: `Change to VERSION ${defaultAt}`, edits: [{ range: version.valueRange, newText: defaultAt }] });
  }
  return fixes;
}

/** How to switch `feature` on, for messages: by name, or by the VERSION that makes it the default. */
export function featureOrigin(feature: string): string {
  const defaultAt = featureByName(feature)?.defaultAt;
  if (defaultAt === undefined || parseVersion(defaultAt) === undefined) return `VERSION --${feature} <version>; it is not on by default in any VERSION`;
  return `VERSION --${feature} <version>, or VERSION ${defaultAt} where it is on by default`;
}
