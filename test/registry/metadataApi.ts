// ACR's metadata API (`/acr/v1/...`, plus the legacy `/v2/_acr/...` deletes) over distribution's storage:
// catalog, repository, tag and manifest properties with ACR's JSON shapes, paging, ordering, scopes and
// changeable attributes. Listings are cached until something writes (a push through the front, a delete
// here, or seeding), because paging through 10,000 repositories re-reads the list for every page.
import { RequestError, sendChallenge, sendEmpty, sendJson } from './acrErrors';
import { readBody } from './requestBodies';
import { ChangeableAttributes, disallowed, manifestKey, parseAttributesPatch, repositoryKey, tagKey } from './changeableAttributes';
import type { Faults } from './faults';
import type { RequestContext, Route } from './front';
import { readManifestInfo, type ManifestInfo } from './manifestInfo';
import { paginate } from './paging';
import type { StorageLayout, TagEntry } from './storageLayout';
import type { TokenService } from './tokenService';

const REPOSITORY_NAME = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG_NAME = /^\w[\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

type Target = 'repository' | 'tags' | 'tag' | 'manifests' | 'manifest';

interface Parsed {
  readonly name: string;
  readonly target: Target;
  readonly reference?: string;
}

/** RFC 3339 with 7 fractional digits, as ACR writes times. */
export function acrTime(ns: bigint): string {
  const iso = new Date(Number(ns / 1000000n)).toISOString();
  return `${iso.slice(0, 19)}.${(ns % 1000000000n).toString().padStart(9, '0').slice(0, 7)}Z`;
}

export function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new RequestError(400, 'NAME_INVALID', 'invalid repository name');
  }
}

/** `{name}[/_tags[/{tag}]|/_manifests[/{digest}]]`, with `%2F` and `%3A` decoded and every part checked. */
function parsePath(raw: string): Parsed {
  const match = /^(.+?)(?:\/(_tags|_manifests)(?:\/([^/]+))?)?$/.exec(decoded(raw));
  const name = match?.[1] ?? '';
  if (name.length > 256 || !REPOSITORY_NAME.test(name)) throw new RequestError(400, 'NAME_INVALID', 'invalid repository name', { name: name.slice(0, 300) });
  const [kind, reference] = [match?.[2], match?.[3]];
  if (kind === '_tags' && reference !== undefined && !TAG_NAME.test(reference)) throw new RequestError(400, 'TAG_INVALID', 'invalid tag name', { name, tag: reference.slice(0, 300) });
  if (kind === '_manifests' && reference !== undefined && !DIGEST.test(reference)) throw new RequestError(400, 'DIGEST_INVALID', 'invalid digest', { name, digest: reference.slice(0, 300) });
  const target: Target = kind === '_tags' ? (reference ? 'tag' : 'tags') : kind === '_manifests' ? (reference ? 'manifest' : 'manifests') : 'repository';
  return { name, target, reference };
}

export class MetadataApi {
  readonly attributes = new ChangeableAttributes();
  private catalog: string[] | undefined;
  private readonly tagCache = new Map<string, TagEntry[]>();
  /** Manifests are content-addressed, so their details never change. */
  private readonly manifestCache = new Map<string, ManifestInfo>();

  constructor(
    private readonly loginServer: string,
    private readonly tokens: TokenService,
    private readonly storage: StorageLayout,
    private readonly faults: Faults,
  ) {}

  /** Forget cached listings after a write. */
  invalidate(): void {
    this.catalog = undefined;
    this.tagCache.clear();
  }

  private repositories(): string[] {
    this.catalog ??= this.storage.repositories();
    return this.catalog;
  }

  private tags(name: string): TagEntry[] {
    let tags = this.tagCache.get(name);
    if (!tags) {
      tags = this.storage.tags(name);
      this.tagCache.set(name, tags);
    }
    return tags;
  }

  private manifestInfo(digest: string): ManifestInfo {
    let info = this.manifestCache.get(digest);
    if (!info) {
      const bytes = this.storage.readBlob(digest);
      if (!bytes) throw new RequestError(404, 'MANIFEST_UNKNOWN', 'manifest unknown', { digest });
      info = readManifestInfo(bytes, (d) => this.storage.readBlob(d));
      this.manifestCache.set(digest, info);
    }
    return info;
  }

  /** Answers with the challenge unless the request's credentials allow `action`. */
  private allowed(ctx: RequestContext, type: string, name: string, action: string): boolean {
    const verdict = this.tokens.authorize(ctx.req.headers.authorization, type, name, action);
    if (verdict === 'allowed') return true;
    sendChallenge(ctx.res, { realm: this.tokens.realm, service: this.loginServer, scope: `${type}:${name}:${action}`, insufficientScope: verdict === 'insufficient' });
    return false;
  }

  private requireRepository(name: string): void {
    if (!this.storage.exists(name)) throw new RequestError(404, 'NAME_UNKNOWN', 'repository name not known to registry', { name });
  }

  /** ACR answers TAG_UNKNOWN for a tag of a missing repository too. */
  private requireTag(name: string, tag: string): TagEntry {
    const entry = this.storage.tag(name, tag);
    if (!entry) throw new RequestError(404, 'TAG_UNKNOWN', 'the specified tag does not exist', { name, tag });
    return entry;
  }

  private requireManifest(name: string, digest: string): bigint {
    this.requireRepository(name);
    const revision = this.storage.revision(name, digest);
    if (!revision) throw new RequestError(404, 'MANIFEST_UNKNOWN', 'manifest unknown', { name, digest });
    return revision.created;
  }

  private latest(...times: bigint[]): bigint {
    return times.reduce((a, b) => (a > b ? a : b), 0n);
  }

  private repositoryProperties(name: string): Record<string, unknown> {
    const revisions = this.storage.revisions(name);
    const tags = this.tags(name);
    const created = revisions.reduce((min, r) => (r.created < min ? r.created : min), revisions[0]?.created ?? BigInt(Date.now()) * 1000000n);
    const updated = this.latest(created, ...revisions.map((r) => r.created), ...tags.map((t) => t.updated));
    return {
      registry: this.loginServer, imageName: name, createdTime: acrTime(created), lastUpdateTime: acrTime(updated),
      manifestCount: revisions.length, tagCount: tags.length, changeableAttributes: this.attributes.get(repositoryKey(name)),
    };
  }

  private tagItem(name: string, tag: TagEntry): Record<string, unknown> & { key: string; updated: bigint } {
    return {
      key: tag.name, updated: tag.updated, name: tag.name, digest: tag.digest, createdTime: acrTime(tag.created), lastUpdateTime: acrTime(tag.updated),
      signed: false, changeableAttributes: this.attributes.get(tagKey(name, tag.name)),
    };
  }

  /** `pushed` is when the manifest arrived; the image config's own `created` wins where it has one. */
  private manifestItem(name: string, digest: string, pushed: bigint, tags: readonly string[]): Record<string, unknown> & { key: string; updated: bigint } {
    const info = this.manifestInfo(digest);
    const configured = info.created ? Date.parse(info.created) : Number.NaN;
    const created = Number.isNaN(configured) ? pushed : BigInt(configured) * 1000000n;
    return {
      key: digest, updated: pushed, digest, imageSize: info.imageSize, createdTime: acrTime(created), lastUpdateTime: acrTime(pushed),
      ...(info.architecture ? { architecture: info.architecture } : {}), ...(info.os ? { os: info.os } : {}),
      mediaType: info.mediaType, ...(info.references ? { references: info.references } : {}),
      tags, changeableAttributes: this.attributes.get(manifestKey(name, digest)),
    };
  }

  private listed<T extends { key: string }>(items: T[], keyOf: (item: T) => string): T[] {
    return items.filter((item) => this.attributes.get(keyOf(item)).listEnabled);
  }

  private sendPage<T extends { key: string; updated: bigint }>(ctx: RequestContext, items: readonly T[], wrap: (page: Record<string, unknown>[]) => unknown): void {
    const { page, headers } = paginate(items, ctx.url, this.faults.takeLoopingLink(ctx.url.pathname));
    sendJson(ctx.res, 200, wrap(page.map(({ key: _key, updated: _updated, ...rest }) => rest)), headers);
  }

  private catalogRoute(ctx: RequestContext): void {
    if (!this.allowed(ctx, 'registry', 'catalog', '*')) return;
    const names = this.repositories().filter((n) => this.attributes.get(repositoryKey(n)).listEnabled).map((n) => ({ key: n, updated: 0n }));
    const { page, headers } = paginate(names, ctx.url, this.faults.takeLoopingLink(ctx.url.pathname));
    sendJson(ctx.res, 200, { repositories: page.map((p) => p.key) }, headers);
  }

  private async patch(ctx: RequestContext, key: string): Promise<void> {
    this.attributes.update(key, parseAttributesPatch(await readBody(ctx.req)));
  }

  private deleteTag(name: string, tag: string): void {
    this.requireTag(name, tag);
    if (!this.attributes.deletable(repositoryKey(name)) || !this.attributes.deletable(tagKey(name, tag))) throw disallowed();
    this.storage.deleteTag(name, tag);
    this.invalidate();
  }

  private deleteRepository(name: string): Record<string, unknown> {
    this.requireRepository(name);
    const tags = this.tags(name);
    const revisions = this.storage.revisions(name);
    const locked = !this.attributes.deletable(repositoryKey(name)) || tags.some((t) => !this.attributes.deletable(tagKey(name, t.name))) ||
      revisions.some((r) => !this.attributes.deletable(manifestKey(name, r.digest)));
    if (locked) throw disallowed();
    this.storage.deleteRepository(name);
    this.attributes.forget(name);
    this.invalidate();
    return { manifestsDeleted: revisions.map((r) => r.digest), tagsDeleted: tags.map((t) => t.name) };
  }

  /** Whether `DELETE /v2/{name}/manifests/{digest}` may go through to distribution. */
  guardManifestDelete(name: string, digest: string): void {
    if (!this.attributes.deletable(repositoryKey(name)) || !this.attributes.deletable(manifestKey(name, digest))) throw disallowed();
    if (this.tags(name).some((t) => t.digest === digest && !this.attributes.deletable(tagKey(name, t.name)))) throw disallowed();
  }

  /** Method and target -> required action and what to do; the table is the API. */
  private readonly operations: Record<string, { action: string; run: (ctx: RequestContext, p: Parsed) => void | Promise<void> }> = {
    'GET repository': { action: 'metadata_read', run: (ctx, { name }) => (this.requireRepository(name), sendJson(ctx.res, 200, this.repositoryProperties(name))) },
    'PATCH repository': {
      action: 'metadata_write',
      run: async (ctx, { name }) => (this.requireRepository(name), await this.patch(ctx, repositoryKey(name)), sendJson(ctx.res, 200, this.repositoryProperties(name))),
    },
    'DELETE repository': { action: 'delete', run: (ctx, { name }) => sendJson(ctx.res, 202, this.deleteRepository(name)) },
    'GET tags': {
      action: 'metadata_read',
      run: (ctx, { name }) => {
        this.requireRepository(name);
        const digest = ctx.url.searchParams.get('digest');
        const tags = this.tags(name).filter((t) => !digest || t.digest === digest).map((t) => this.tagItem(name, t));
        const visible = this.listed(tags, (t) => tagKey(name, t.key));
        this.sendPage(ctx, visible, (page) => ({ registry: this.loginServer, imageName: name, tags: page }));
      },
    },
    'GET tag': {
      action: 'metadata_read',
      run: (ctx, { name, reference }) => sendJson(ctx.res, 200, { registry: this.loginServer, imageName: name, tag: this.withoutPaging(this.tagItem(name, this.requireTag(name, reference!))) }),
    },
    'PATCH tag': {
      action: 'metadata_write',
      run: async (ctx, { name, reference }) => {
        this.requireTag(name, reference!);
        await this.patch(ctx, tagKey(name, reference!));
        sendJson(ctx.res, 200, { registry: this.loginServer, imageName: name, tag: this.withoutPaging(this.tagItem(name, this.requireTag(name, reference!))) });
      },
    },
    'DELETE tag': { action: 'delete', run: (ctx, { name, reference }) => (this.deleteTag(name, reference!), sendEmpty(ctx.res, 202)) },
    'GET manifests': {
      action: 'metadata_read',
      run: (ctx, { name }) => {
        this.requireRepository(name);
        const tagsOf = new Map<string, string[]>();
        for (const t of this.tags(name)) tagsOf.set(t.digest, [...(tagsOf.get(t.digest) ?? []), t.name]);
        const items = this.storage.revisions(name).map((r) => this.manifestItem(name, r.digest, r.created, (tagsOf.get(r.digest) ?? []).sort()));
        const visible = this.listed(items, (m) => manifestKey(name, m.key));
        this.sendPage(ctx, visible, (page) => ({ registry: this.loginServer, imageName: name, manifests: page }));
      },
    },
    'GET manifest': { action: 'metadata_read', run: (ctx, p) => this.sendManifest(ctx, p) },
    'PATCH manifest': {
      action: 'metadata_write',
      run: async (ctx, p) => {
        this.requireManifest(p.name, p.reference!);
        await this.patch(ctx, manifestKey(p.name, p.reference!));
        this.sendManifest(ctx, p);
      },
    },
  };

  private withoutPaging(item: Record<string, unknown>): Record<string, unknown> {
    const { key: _key, updated: _updated, ...rest } = item;
    return rest;
  }

  private sendManifest(ctx: RequestContext, { name, reference }: Parsed): void {
    const created = this.requireManifest(name, reference!);
    const tags = this.tags(name).filter((t) => t.digest === reference).map((t) => t.name).sort();
    sendJson(ctx.res, 200, { registry: this.loginServer, imageName: name, manifest: this.withoutPaging(this.manifestItem(name, reference!, created, tags)) });
  }

  private async acrRoute(ctx: RequestContext): Promise<void> {
    const parsed = parsePath(ctx.params[0]!);
    const operation = this.operations[`${ctx.req.method} ${parsed.target}`];
    if (!operation) throw new RequestError(405, 'UNSUPPORTED', `method ${ctx.req.method} is not supported here`);
    if (!this.allowed(ctx, 'repository', parsed.name, operation.action)) return;
    await operation.run(ctx, parsed);
  }

  /** vscode-containers' untag and delete-repository calls. */
  private legacyRoute(ctx: RequestContext): void {
    const raw = decoded(ctx.params[0]!);
    const match = /^(.+)\/(?:tags\/([^/]+)|repository)$/.exec(raw);
    const { name } = parsePath(match?.[1] ?? '');
    if (match?.[2] !== undefined) parsePath(`${name}/_tags/${match[2]}`);
    if (!this.allowed(ctx, 'repository', name, 'delete')) return;
    if (match?.[2] !== undefined) {
      this.deleteTag(name, match[2]);
      sendEmpty(ctx.res, 202);
    } else sendJson(ctx.res, 202, this.deleteRepository(name));
  }

  get routes(): Route[] {
    return [
      { methods: ['GET'], path: /^\/acr\/v1\/_catalog$/, handle: (ctx) => this.catalogRoute(ctx) },
      { methods: ['GET', 'PATCH', 'DELETE'], path: /^\/acr\/v1\/(.+)$/, handle: (ctx) => this.acrRoute(ctx) },
      { methods: ['DELETE'], path: /^\/v2\/_acr\/(.+)$/, handle: (ctx) => this.legacyRoute(ctx) },
    ];
  }
}
