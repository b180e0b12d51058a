// The words and marks of the explorer's rows, without VS Code: a tag's description and tooltip, a list's
// filter and emptiness, an error row's action, and the context values that menus match (a base name and
// flags, e.g. `acr.tag locked`).
import type { TagInfo } from './dataSource';
import { lockOf } from './deleteConfirmation';
import { exactTime, formatPlatform, formatSize, relativeTime, shortDigest } from './displayFormat';
import { imageReference } from './imageReferences';
import type { RegistryAction, RegistryError } from './registryErrors';

/** `acr.tag locked`: menus match the base with `=~ /^acr\.tag\b/` and a flag with `=~ /\blocked\b/`. */
export function contextValue(base: string, flags: Readonly<Record<string, boolean>> = {}): string {
  return [base, ...Object.keys(flags).filter((flag) => flags[flag])].join(' ');
}

/** `0123456789ab · 1.23 MB · 3 hours ago`, and the platforms of a multi-platform image. */
export function tagDescription(tag: TagInfo, now: number): string {
  const parts = [shortDigest(tag.digest), ...(tag.imageSize !== undefined ? [formatSize(tag.imageSize)] : []), relativeTime(tag.createdAt, now)];
  if (tag.platforms && tag.platforms.length > 1) parts.push(tag.platforms.map(formatPlatform).join(', '));
  return parts.join(' · ');
}

const LOCK_WORDS: Record<'delete' | 'write', string> = {
  delete: 'Delete disabled: it cannot be untagged or deleted.',
  write: 'Locked (write disabled): it cannot be changed, untagged or deleted.',
};

/** Markdown: the reference, the digest, the size, the exact times, the platforms and any lock. */
export function tagTooltip(loginServer: string, repository: string, tag: TagInfo): string {
  const lock = lockOf(tag);
  return [
    `**${imageReference(loginServer, repository, tag.name)}**`,
    `Digest: \`${tag.digest}\``,
    ...(tag.imageSize !== undefined ? [`Size: ${formatSize(tag.imageSize)} (${tag.imageSize.toLocaleString('en')} bytes)`] : []),
    `Created: ${exactTime(tag.createdAt)}`,
    `Updated: ${exactTime(tag.updatedAt)}`,
    ...(tag.platforms && tag.platforms.length > 0 ? [`Platforms: ${tag.platforms.map(formatPlatform).join(', ')}`] : []),
    ...(lock ? [LOCK_WORDS[lock]] : []),
  ].join('\n\n');
}

/** What a row with a filter adds to its description. */
export const filterDescription = (text: string): string => (text ? `filter: "${text}"` : '');

/** Row descriptions are made of parts; empty ones are left out. */
export const joinDescription = (...parts: readonly string[]): string => parts.filter(Boolean).join(' · ');

/** What an empty list says instead of nothing. */
export function emptyListText(kind: 'repositories' | 'tags', filter: string): string {
  return filter ? `No ${kind} match "${filter}"` : kind === 'repositories' ? 'No repositories' : 'No tags';
}

/** The action an error row offers; a cancelled listing is simply tried again. */
export function errorRowAction(error: RegistryError): Exclude<RegistryAction, 'none'> | undefined {
  if (error.kind === 'cancelled') return 'retry';
  return error.action === 'none' ? undefined : error.action;
}

export const ACTION_TITLES: Readonly<Record<Exclude<RegistryAction, 'none'>, string>> = {
  signIn: 'Sign in',
  retry: 'Retry',
  openSettings: 'Open Settings',
};
