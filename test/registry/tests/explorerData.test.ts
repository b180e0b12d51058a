// The registry explorer's data layer (client/src/acr/registry/ over azure/registryData.ts) against the
// local registry: tags newest first with what the listing says of them, nested names as folders, lists
// that load a page at a time, failures classified, and deletes that change the registry, as skopeo and the
// unmodified SDK see it. The refresh tokens come from the extension's own sign-in code.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { globalAgent } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refreshTokenForPassword } from '../../../client/src/acr/auth/tokenExchange';
import { loadRegistryData } from '../../../client/src/acr/azure/azureBundle';
import type { RegistryCredentials } from '../../../client/src/acr/registry/dataSource';
import { RegistryBrowser } from '../../../client/src/acr/registry/registryBrowser';
import { RegistryCalls } from '../../../client/src/acr/registry/registryCalls';
import { RegistryError, type RegistryErrorKind } from '../../../client/src/acr/registry/registryErrors';
import { clientSecretCredential, containerRegistryClient } from '../azureClients';
import { seedBulk } from '../bulkSeed';
import { startRegistry, type Registry } from '../registry';
import { buildSeedImage, DEMO_IMAGES, seedImages } from '../seed';
import { skopeoInspectRaw, writeDockerConfig } from '../skopeo';

let registry: Registry;
let work: string;
const requests: string[] = [];

before(async () => {
  registry = await startRegistry({ log: (line) => requests.push(line) });
  await seedImages(registry);
  // The sign-in code uses Node's default agent, as in VS Code where NODE_EXTRA_CA_CERTS trusts the test CA.
  globalAgent.options.ca = registry.caPem;
  work = mkdtempSync(join(tmpdir(), 'earthly-acr-explorer-'));
});

afterEach(() => {
  registry.faults.clear();
  registry.directory.anonymousPull = false;
});

after(async () => {
  await registry?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A sign-in as the session provides it: a refresh token for the admin user or another identity (none: null), renewed on demand. */
class TestSignIn implements RegistryCredentials {
  renewals = 0;
  private token: string | undefined;

  constructor(private readonly identity: { username: string; password: string } | null = registry.directory.admin!) {}

  async ensureFresh(): Promise<void> {
    if (this.identity) this.token ??= await refreshTokenForPassword(registry.loginServer, this.identity.username, this.identity.password);
  }

  async renew(): Promise<void> {
    this.renewals++;
    this.token = undefined;
    await this.ensureFresh();
  }

  async refreshToken(): Promise<string | undefined> {
    return this.token;
  }
}

function explorer(signIn: TestSignIn | undefined = new TestSignIn(), pageSize = 2): RegistryBrowser {
  const data = loadRegistryData().createRegistryData({ loginServer: registry.loginServer, refreshToken: async () => signIn?.refreshToken(), ca: registry.caPem });
  return new RegistryBrowser(new RegistryCalls({ loginServer: registry.loginServer, data, ...(signIn ? { credentials: signIn } : {}) }), { pageSize });
}

const catalogRequests = (): number => requests.filter((line) => line === 'GET /acr/v1/_catalog 200').length;
const isKind = (kind: RegistryErrorKind) => (error: unknown) => error instanceof RegistryError && error.kind === kind;

/** Loads the folder to its end. */
async function loadAll(browser: RegistryBrowser, path = ''): Promise<void> {
  while (browser.folderHasMore(path)) await browser.loadFolder(path);
}

test('tags come newest first with their digest, size, times, locks and platforms', async () => {
  const browser = explorer(new TestSignIn(), 100);
  await browser.loadTags('hello-world');
  const tags = browser.tags('hello-world');
  const [v1, v2] = [DEMO_IMAGES[0]!, DEMO_IMAGES[1]!].map((image) => buildSeedImage(image).digest);
  assert.deepEqual(tags.map((t) => [t.name, t.digest]), [['latest', v2], ['v2', v2], ['v1', v1]]);
  for (const tag of tags) {
    assert.ok(tag.imageSize! > 0);
    assert.ok(tag.updatedAt >= tag.createdAt && tag.createdAt > 0);
    assert.deepEqual([tag.canDelete, tag.canWrite, tag.platforms], [true, true, [{ os: 'linux', architecture: 'amd64' }]]);
  }
  assert.ok(tags[0]!.updatedAt > tags[2]!.updatedAt);
  assert.equal(browser.tagsHaveMore('hello-world'), false);

  await browser.loadTags('team/web');
  const web = browser.tags('team/web');
  assert.deepEqual(web.map((t) => t.name).sort(), ['2024.06', 'latest'], 'the index\'s untagged platform images are no tags');
  assert.equal(web[0]!.digest, buildSeedImage(DEMO_IMAGES.find((i) => i.repository === 'team/web')!).digest);
  assert.deepEqual(web[0]!.platforms!.map((p) => `${p.os}/${p.architecture}`).sort(), ['linux/amd64', 'linux/arm64']);
});

test('nested names fold into folders, and the first page comes before the rest of the list', async () => {
  const browser = explorer();
  const before = catalogRequests();
  await browser.loadFolder('');
  assert.equal(catalogRequests() - before, 1, 'one page, not the whole catalog');
  assert.deepEqual(browser.folderChildren('').map((e) => e.label), ['hello-world', 'library']);
  assert.equal(browser.folderHasMore(''), true);
  await loadAll(browser);
  assert.deepEqual(browser.folderChildren('').map((e) => `${e.label}${e.isFolder ? '/' : ''}`), ['hello-world', 'library/', 'team/']);
  assert.deepEqual(browser.folderChildren('team').map((e) => e.path), ['team/api', 'team/web']);
  assert.equal(catalogRequests() - before, 2, 'four repositories, two to a page');
});

test('Inspect reads a multi-platform index and each platform\'s manifest', async () => {
  const index = buildSeedImage(DEMO_IMAGES.find((i) => i.repository === 'team/web')!);
  const inspection = await explorer().inspect('team/web', 'latest');
  assert.equal(inspection.manifest.digest, index.digest);
  assert.equal(inspection.manifest.mediaType, 'application/vnd.oci.image.index.v1+json');
  assert.deepEqual(inspection.platforms.map((p) => [p.platform?.architecture, p.manifest.digest]), [['amd64', index.children[0]!.digest], ['arm64', index.children[1]!.digest]]);
  assert.equal(JSON.parse(inspection.platforms[0]!.manifest.content).mediaType, 'application/vnd.oci.image.manifest.v1+json');
});

test('a 401 in the middle of a listing is retried once with a renewed token, and the listing goes on', async () => {
  const signIn = new TestSignIn();
  const browser = explorer(signIn, 1);
  await browser.loadFolder('');
  // Twice: the SDK answers the first 401 itself with a new access token, the second reaches the explorer.
  registry.faults.add({ kind: 'unauthorized', count: 2, pathPrefix: '/acr/v1/_catalog' });
  await browser.loadFolder('');
  assert.equal(signIn.renewals, 1);
  assert.deepEqual(browser.folderChildren('').map((e) => e.label), ['hello-world', 'library']);

  registry.tokens.revokeAll();
  await loadAll(browser);
  assert.equal(signIn.renewals, 2, 'a revoked refresh token is renewed too');
  assert.deepEqual(browser.folderChildren('team').map((e) => e.label), ['api', 'web']);
});

test('a 401 that outlasts the renewal asks to sign in again', async () => {
  const signIn = new TestSignIn();
  const browser = explorer(signIn);
  registry.faults.add({ kind: 'unauthorized', pathPrefix: '/acr/v1/_catalog' });
  await assert.rejects(browser.loadFolder(''), (error: unknown) => isKind('unauthorized')(error) && (error as RegistryError).action === 'signIn');
  assert.equal(signIn.renewals, 1);
  assert.ok(browser.repositoriesError instanceof RegistryError, 'the error stays on the list, which is not shown as empty');
});

test('without a sign-in: sign in, unless the registry allows anonymous pull', async () => {
  const anonymous = explorer(new TestSignIn(null));
  await assert.rejects(anonymous.loadFolder(''), (error: unknown) => isKind('notSignedIn')(error) && (error as RegistryError).action === 'signIn');
  registry.directory.anonymousPull = true;
  await anonymous.loadFolder('');
  assert.deepEqual(anonymous.folderChildren('').map((e) => e.label), ['hello-world', 'library']);
});

test('an identity without the delete role is told so, without a pointless renewal', async () => {
  const pullOnly = registry.directory.scopedTokens.find((t) => t.name === 'pull-only')!;
  const signIn = new TestSignIn({ username: pullOnly.name, password: pullOnly.password });
  await assert.rejects(explorer(signIn).deleteRepository('hello-world'), isKind('missingPermission'));
  assert.equal(signIn.renewals, 0);
});

test('403, 429 with Retry-After, 500 and malformed JSON arrive classified, with the registry\'s words', async () => {
  const cases: { fault: Parameters<Registry['faults']['add']>[0]; kind: RegistryErrorKind; says: RegExp }[] = [
    { fault: { kind: 'firewall', count: 1 }, kind: 'forbidden', says: /not allowed access/ },
    { fault: { kind: 'throttle', retryAfterSeconds: 3, count: 1 }, kind: 'throttled', says: /Retry in 3 s/ },
    { fault: { kind: 'serverError', count: 1 }, kind: 'serverError', says: /HTTP 500, UNKNOWN\): an internal error occurred/ },
    { fault: { kind: 'malformedJson', count: 1, pathPrefix: '/acr/v1/_catalog' }, kind: 'malformed', says: /not a registry response/ },
  ];
  for (const c of cases) {
    const browser = explorer();
    registry.faults.add({ pathPrefix: '/acr/v1/', ...c.fault });
    await assert.rejects(browser.loadFolder(''), (error: unknown) => {
      assert.ok(isKind(c.kind)(error), `${c.fault.kind}: ${String(error)}`);
      assert.match((error as Error).message, c.says);
      return true;
    });
    if (c.kind === 'throttled') assert.equal((browser.repositoriesError as RegistryError).details.retryAfterSeconds, 3);
    registry.faults.clear();
    await browser.loadFolder('');
    assert.equal(browser.repositoriesError, undefined, `${c.fault.kind}: Retry works`);
  }
});

test('a link back to the same page is reported instead of paging forever', async () => {
  const browser = explorer();
  await browser.loadFolder('');
  registry.faults.add({ kind: 'loopingLink', count: 1, pathPrefix: '/acr/v1/_catalog' });
  await assert.rejects(browser.loadFolder(''), isKind('malformed'));
});

test('untag, delete manifest and delete repository change the registry, as skopeo and the SDK see it', async () => {
  const config = writeDockerConfig(join(work, 'config.json'), registry, registry.directory.admin!);
  const inspect = (reference: string) => skopeoInspectRaw(registry, `docker://${registry.loginServer}/${reference}`, config);
  const sdk = containerRegistryClient(registry, clientSecretCredential(registry));
  const browser = explorer(new TestSignIn(), 100);

  await inspect('hello-world:v1');
  await browser.loadTags('hello-world');
  await browser.untag('hello-world', 'v1');
  await assert.rejects(inspect('hello-world:v1'));
  await inspect('hello-world:v2');
  assert.deepEqual(browser.tags('hello-world').map((t) => t.name), ['latest', 'v2']);

  const api = buildSeedImage(DEMO_IMAGES.find((i) => i.repository === 'team/api' && i.tags.includes('1.0.0'))!).digest;
  await browser.deleteManifest('team/api', api);
  await assert.rejects(sdk.getArtifact('team/api', api).getManifestProperties(), (error: { statusCode?: number }) => error.statusCode === 404);
  await assert.rejects(inspect('team/api:1.0.0'));
  await inspect('team/api:latest');

  await loadAll(browser);
  await browser.deleteRepository('library/alpine');
  const names: string[] = [];
  for await (const name of sdk.listRepositoryNames()) names.push(name);
  assert.ok(!names.includes('library/alpine'));
  assert.ok(names.includes('hello-world'));
  assert.deepEqual(browser.folderChildren('').map((e) => e.label), ['hello-world', 'team'], 'the emptied folder is gone');
});

test('10,000 repositories are read a page at a time, and a folder loads only as far as asked', async () => {
  const bulk = seedBulk(registry);
  const browser = explorer(new TestSignIn(), 100);
  const before = catalogRequests();
  const started = Date.now();
  await browser.loadFolder('');
  assert.equal(catalogRequests() - before, 1);
  assert.equal(browser.folders.repositoriesUnder('').length, 100);
  assert.deepEqual(browser.folderChildren('').map((e) => e.label), ['bulk']);
  for (let i = 0; i < 3; i++) await browser.loadFolder('bulk');
  assert.equal(browser.folders.repositoriesUnder('bulk').length, 400);
  assert.equal(catalogRequests() - before, 4);
  assert.equal(browser.folderHasMore('bulk'), true);
  assert.ok(Date.now() - started < 20_000, `four pages took ${Date.now() - started} ms`);

  // Tags are listed by manifest: all 5,000 tags of the bulk repository share one, so they come in one page.
  await browser.loadTags(bulk.manyTagsRepository);
  assert.equal(browser.tags(bulk.manyTagsRepository).length, 5000);
  assert.equal(browser.tagsHaveMore(bulk.manyTagsRepository), false);
});
