// ACR's changeable attributes of repositories, tags and manifests, which distribution has no place
// for: kept here, keyed by `name`, `name:tag` or `name@digest`. Locks are enforced on delete. Changing
// them is no update: an item's lastUpdateTime stays, so locking does not reorder newest-first listings.
import { RequestError } from './acrErrors';

export interface Attributes {
  readonly deleteEnabled: boolean;
  readonly writeEnabled: boolean;
  readonly readEnabled: boolean;
  readonly listEnabled: boolean;
}

const FIELDS = ['deleteEnabled', 'writeEnabled', 'readEnabled', 'listEnabled'] as const;
const UNLOCKED: Attributes = { deleteEnabled: true, writeEnabled: true, readEnabled: true, listEnabled: true };

export const repositoryKey = (name: string): string => name;
export const tagKey = (name: string, tag: string): string => `${name}:${tag}`;
export const manifestKey = (name: string, digest: string): string => `${name}@${digest}`;

/** Validates a PATCH body: an object whose known fields are booleans. */
export function parseAttributesPatch(body: Buffer): Partial<Attributes> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new RequestError(400, 'UNSUPPORTED', 'the request body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new RequestError(400, 'UNSUPPORTED', 'expected a JSON object');
  const patch: Record<string, boolean> = {};
  for (const field of FIELDS) {
    const v = (value as Record<string, unknown>)[field];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') throw new RequestError(400, 'UNSUPPORTED', `${field} must be true or false`);
    patch[field] = v;
  }
  return patch;
}

export class ChangeableAttributes {
  private readonly values = new Map<string, Attributes>();

  get(key: string): Attributes {
    return this.values.get(key) ?? UNLOCKED;
  }

  update(key: string, patch: Partial<Attributes>): void {
    this.values.set(key, { ...this.get(key), ...patch });
  }

  /** Write-locked items are delete-locked too, as in ACR. */
  deletable(key: string): boolean {
    const a = this.get(key);
    return a.deleteEnabled && a.writeEnabled;
  }

  forget(prefix: string): void {
    for (const key of this.values.keys()) if (key === prefix || key.startsWith(`${prefix}:`) || key.startsWith(`${prefix}@`)) this.values.delete(key);
  }
}

export const disallowed = (): RequestError =>
  new RequestError(405, 'REGISTRY_DISALLOWED_OPERATION', 'The operation is disallowed on this registry, repository or image. View troubleshooting steps at https://aka.ms/acr/faq/#why-does-my-pull-or-push-request-fail-with-disallowed-operation', {});
