// Bulk seeding for paging and performance tests: 10,000 repositories and a repository with 5,000 tags,
// written straight into distribution's storage (pushing them would take minutes), and removed the same way. Every bulk repository
// holds the same image: its `_layers` and `_manifests/revisions` folders and its tag folders are
// symbolic links to one shared copy, which makes creating and removing them fast. Deleting a tag or a
// repository removes only links; deleting a bulk manifest through `/v2/` would remove it from all of them.
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../harness/processes';
import { buildImage } from './imageBuilder';
import type { Registry } from './registry';
import { layerLink, revisionLink, tagLinks, writeLinks } from './storageLayout';

export interface BulkOptions {
  /** `<prefix>/r00000` ... ; default 10,000. */
  readonly repositories?: number;
  /** Tags `t0000` ... on `<prefix>/many-tags`; default 5,000. */
  readonly tags?: number;
  readonly prefix?: string;
}

export interface BulkResult {
  readonly repositories: readonly string[];
  readonly manyTagsRepository: string;
  readonly digest: string;
}

const pad = (i: number, width: number): string => String(i).padStart(width, '0');

/** What bulk seeding writes to and tells. */
export type BulkTarget = Pick<Registry, 'storage' | 'metadata'>;

const sharedCopy = (registry: BulkTarget, prefix: string): string => join(registry.storage.v2, `bulk-shared-${prefix.replace(/\//g, '-')}`);

export function seedBulk(registry: BulkTarget, options: BulkOptions = {}): BulkResult {
  const { repositories = 10000, tags = 5000, prefix = 'bulk' } = options;
  const { storage } = registry;
  const image = buildImage({ format: 'oci', platform: { architecture: 'amd64', os: 'linux' }, created: new Date('2024-01-01T00:00:00Z'), files: { 'bulk.txt': 'bulk\n' } });
  for (const blob of image.blobs) storage.writeBlob(blob.digest, blob.bytes);
  storage.writeBlob(image.digest, image.bytes);

  // The shared copy is laid out like a repository but outside `repositories/`, so no catalog lists it.
  const shared = sharedCopy(registry, prefix);
  writeLinks([...image.blobs.map((b) => layerLink(shared, b.digest)), revisionLink(shared, image.digest), ...tagLinks(shared, 'shared', image.digest)]);
  const sharedTag = join(shared, '_manifests', 'tags', 'shared');

  const share = (name: string): string => {
    const dir = storage.repository(name);
    mkdirSync(join(dir, '_manifests', 'tags'), { recursive: true });
    symlinkSync(join(shared, '_layers'), join(dir, '_layers'));
    symlinkSync(join(shared, '_manifests', 'revisions'), join(dir, '_manifests', 'revisions'));
    return join(dir, '_manifests', 'tags');
  };
  const names = Array.from({ length: repositories }, (_, i) => `${prefix}/r${pad(i, 5)}`);
  for (const name of names) symlinkSync(sharedTag, join(share(name), 'latest'));
  const manyTagsRepository = `${prefix}/many-tags`;
  const manyTags = share(manyTagsRepository);
  for (let i = 0; i < tags; i++) symlinkSync(sharedTag, join(manyTags, `t${pad(i, 4)}`));
  registry.metadata.invalidate();
  return { repositories: names, manyTagsRepository, digest: image.digest };
}

/** Removes what seedBulk wrote under `prefix` (every repository below it, and the shared copy). */
export async function removeBulk(registry: BulkTarget, prefix = 'bulk'): Promise<void> {
  // rm is many times faster than Node's recursive rmSync on 10,000 repositories.
  await run('rm', ['-rf', registry.storage.repository(prefix), sharedCopy(registry, prefix)]);
  registry.metadata.invalidate();
}
