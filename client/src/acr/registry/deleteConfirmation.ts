// What the explorer asks before it removes anything, and why it refuses: the confirmation names every tag
// that goes with an image (ACR deletes a manifest with all its tags), and a locked tag or image is refused
// with the lock that stops it, before the registry is asked.
import { adminUserName } from '../cloud/loginServer';
import type { TagInfo } from './dataSource';
import { shortDigest } from './displayFormat';

export interface Confirmation {
  readonly message: string;
  readonly detail: string;
  /** The button that goes ahead. */
  readonly action: string;
}

const quoted = (names: readonly string[]): string => names.map((name) => `"${name}"`).join(', ');

/** ACR names a registry by its login server's first label, as it names its admin user. */
const unlockCommand = (loginServer: string, image: string): string =>
  `az acr repository update --name ${adminUserName(loginServer) ?? loginServer} --image ${image} --delete-enabled true --write-enabled true`;

/** ACR refuses to delete an item whose delete or write is disabled (`az acr repository update`). */
export function lockOf(tag: TagInfo): 'delete' | 'write' | undefined {
  if (!tag.canDelete) return 'delete';
  if (!tag.canWrite) return 'write';
  return undefined;
}

const UNLOCK: Record<'delete' | 'write', string> = {
  delete: 'delete is disabled (delete-enabled: false)',
  write: 'it is locked (write-enabled: false)',
};

/** Why the tag cannot be removed, or undefined when nothing stops it. */
export function untagRefusal(loginServer: string, repository: string, tag: TagInfo): string | undefined {
  const lock = lockOf(tag);
  if (!lock) return undefined;
  const image = `${repository}:${tag.name}`;
  return `Cannot untag ${image}: ${UNLOCK[lock]}. Unlock it first: ${unlockCommand(loginServer, image)}`;
}

/** Why the image cannot be deleted: any of its tags locked stops it. */
export function deleteImageRefusal(loginServer: string, repository: string, sharing: readonly TagInfo[]): string | undefined {
  const locked = sharing.filter((tag) => lockOf(tag));
  if (locked.length === 0) return undefined;
  const image = `${repository}@${sharing[0]!.digest}`;
  return `Cannot delete ${repository}@${shortDigest(sharing[0]!.digest)}: ${UNLOCK[lockOf(locked[0]!)!]} for ${quoted(locked.map((t) => t.name))}. Unlock it first: ${unlockCommand(loginServer, image)}`;
}

/** `sharing`: every tag pointing at the tag's image, itself included. */
export function untagConfirmation(loginServer: string, repository: string, tag: string, sharing: readonly TagInfo[]): Confirmation {
  const others = sharing.map((t) => t.name).filter((name) => name !== tag);
  const digest = shortDigest(sharing[0]?.digest ?? '');
  return {
    message: `Remove the tag ${repository}:${tag} from ${loginServer}?`,
    detail:
      others.length > 0
        ? `The image ${digest} stays, tagged ${quoted(others)}.`
        : `It is the only tag of the image ${digest}: the image stays in the registry without a tag, pullable only by its digest.`,
    action: 'Untag',
  };
}

/** `sharing`: every tag pointing at the image. */
export function deleteImageConfirmation(loginServer: string, repository: string, digest: string, sharing: readonly TagInfo[]): Confirmation {
  const names = sharing.map((t) => t.name);
  return {
    message: `Delete the image ${repository}@${shortDigest(digest)} from ${loginServer}?`,
    detail: `${names.length === 1 ? `Its only tag ${quoted(names)} goes with it.` : `All ${names.length} tags pointing at it go with it: ${quoted(names)}.`} This cannot be undone.`,
    action: 'Delete Image',
  };
}

export function deleteRepositoryConfirmation(loginServer: string, repository: string): Confirmation {
  return {
    message: `Delete the repository ${repository} from ${loginServer}?`,
    detail: 'Every image and tag in it goes with it. This cannot be undone.',
    action: 'Delete Repository',
  };
}
