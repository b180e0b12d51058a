// distribution's filesystem storage layout, read for the ACR metadata API and written for bulk
// seeding and ACR's deletes. distribution keeps no cache of tags or manifest links, so what is
// written here is what it serves.
//   blobs/sha256/<2 hex>/<hex>/data                          content, shared by every repository
//   repositories/<name>/_layers/sha256/<hex>/link            blobs the repository may serve
//   repositories/<name>/_manifests/revisions/sha256/<hex>/link
//   repositories/<name>/_manifests/tags/<tag>/current/link   what the tag points at
//   repositories/<name>/_manifests/tags/<tag>/index/sha256/<hex>/link   every digest it pointed at
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, type BigIntStats } from 'node:fs';
import { join } from 'node:path';

export interface TagEntry {
  readonly name: string;
  readonly digest: string;
  /** Nanoseconds since the epoch. */
  readonly created: bigint;
  readonly updated: bigint;
}

const hexOf = (digest: string): string => digest.slice('sha256:'.length);

export interface Link {
  readonly dir: string;
  readonly digest: string;
}

/** The link that lets the repository in `repositoryDir` serve blob `digest` (a layer or config). */
export const layerLink = (repositoryDir: string, digest: string): Link => ({ dir: join(repositoryDir, '_layers', 'sha256', hexOf(digest)), digest });

export const revisionLink = (repositoryDir: string, digest: string): Link => ({ dir: join(repositoryDir, '_manifests', 'revisions', 'sha256', hexOf(digest)), digest });

export function tagLinks(repositoryDir: string, tag: string, digest: string): Link[] {
  const dir = join(repositoryDir, '_manifests', 'tags', tag);
  return [{ dir: join(dir, 'index', 'sha256', hexOf(digest)), digest }, { dir: join(dir, 'current'), digest }];
}

export function writeLinks(links: Iterable<Link>): void {
  for (const { dir, digest } of links) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'link'), digest);
  }
}

export interface RevisionEntry {
  readonly digest: string;
  readonly created: bigint;
}

function tryStat(path: string): BigIntStats | undefined {
  try {
    return statSync(path, { bigint: true });
  } catch {
    return undefined;
  }
}

function tryReaddir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

/** Birth time where the file system records it, else modification time. */
const createdOf = (stat: BigIntStats): bigint => (stat.birthtimeNs > 0n ? stat.birthtimeNs : stat.mtimeNs);

export class StorageLayout {
  readonly v2: string;

  constructor(readonly root: string) {
    this.v2 = join(root, 'docker', 'registry', 'v2');
  }

  repository(name: string): string {
    return join(this.v2, 'repositories', ...name.split('/'));
  }

  private tagDir(name: string, tag: string): string {
    return join(this.repository(name), '_manifests', 'tags', tag);
  }

  /** Repository names, sorted; a folder holding `_layers` is a repository, as distribution's catalog decides. */
  repositories(): string[] {
    const names: string[] = [];
    const walk = (dir: string, prefix: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (!entry.isDirectory() || entry.name.startsWith('_')) continue;
        const path = join(dir, entry.name);
        const name = prefix + entry.name;
        const children = readdirSync(path);
        if (children.includes('_layers')) names.push(name);
        if (children.some((c) => !c.startsWith('_'))) walk(path, `${name}/`);
      }
    };
    if (tryStat(join(this.v2, 'repositories'))) walk(join(this.v2, 'repositories'), '');
    return names.sort();
  }

  exists(name: string): boolean {
    return tryStat(join(this.repository(name), '_layers')) !== undefined;
  }

  tags(name: string): TagEntry[] {
    const tagsDir = join(this.repository(name), '_manifests', 'tags');
    return tryReaddir(tagsDir).flatMap((tag) => this.tag(name, tag) ?? []);
  }

  tag(name: string, tag: string): TagEntry | undefined {
    const dir = this.tagDir(name, tag);
    const link = join(dir, 'current', 'link');
    const [dirStat, linkStat] = [tryStat(dir), tryStat(link)];
    if (!dirStat || !linkStat) return undefined;
    return { name: tag, digest: readFileSync(link, 'utf8').trim(), created: createdOf(dirStat), updated: linkStat.mtimeNs };
  }

  revisions(name: string): RevisionEntry[] {
    const dir = join(this.repository(name), '_manifests', 'revisions', 'sha256');
    return tryReaddir(dir).flatMap((hex) => {
      const stat = tryStat(join(dir, hex, 'link'));
      return stat ? [{ digest: `sha256:${hex}`, created: createdOf(stat) }] : [];
    });
  }

  revision(name: string, digest: string): RevisionEntry | undefined {
    const stat = tryStat(join(this.repository(name), '_manifests', 'revisions', 'sha256', hexOf(digest), 'link'));
    return stat ? { digest, created: createdOf(stat) } : undefined;
  }

  readBlob(digest: string): Buffer | undefined {
    const hex = hexOf(digest);
    try {
      return readFileSync(join(this.v2, 'blobs', 'sha256', hex.slice(0, 2), hex, 'data'));
    } catch {
      return undefined;
    }
  }

  writeBlob(digest: string, bytes: Buffer): void {
    const hex = hexOf(digest);
    const dir = join(this.v2, 'blobs', 'sha256', hex.slice(0, 2), hex);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'data'), bytes);
  }

  deleteTag(name: string, tag: string): void {
    rmSync(this.tagDir(name, tag), { recursive: true, force: true });
  }

  deleteRevision(name: string, digest: string): void {
    rmSync(join(this.repository(name), '_manifests', 'revisions', 'sha256', hexOf(digest)), { recursive: true, force: true });
    for (const tag of this.tags(name).filter((t) => t.digest === digest)) this.deleteTag(name, tag.name);
  }

  /** Removes the repository but not nested ones (`team` keeps `team/api`). */
  deleteRepository(name: string): void {
    const dir = this.repository(name);
    for (const entry of tryReaddir(dir).filter((e) => e.startsWith('_'))) rmSync(join(dir, entry), { recursive: true, force: true });
  }
}
