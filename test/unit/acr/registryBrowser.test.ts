import { test } from 'node:test';
import assert from 'node:assert/strict';
import { folderNode, RegistryBrowser, tagsNode } from '../../../client/src/acr/registry/registryBrowser';
import { RegistryCalls } from '../../../client/src/acr/registry/registryCalls';
import { RegistryError } from '../../../client/src/acr/registry/registryErrors';
import { FakeRegistryData, restError, tagInfo } from './fakeRegistryData';

const REPOSITORIES = ['alpha', 'beta/one', 'beta/two', 'gamma', 'team', 'team/api', 'team/web', 'zeta'];
const digest = (c: string) => `sha256:${c.repeat(64)}`;

function setUp(data = new FakeRegistryData([...REPOSITORIES]), pageSize = 2) {
  const changed: string[][] = [];
  const browser = new RegistryBrowser(new RegistryCalls({ loginServer: 'myreg.azurecr.io', data }), { pageSize, onFoldersChanged: (paths) => changed.push([...paths].sort()) });
  return { data, browser, changed };
}

const labels = (browser: RegistryBrowser, path = '') => browser.folderChildren(path).map((e) => e.label);

test('the catalog is read a page at a time and folded into folders as pages arrive', async () => {
  const { data, browser, changed } = setUp();
  await browser.loadFolder('');
  assert.deepEqual(labels(browser), ['alpha', 'beta']);
  assert.deepEqual(labels(browser, 'beta'), ['one']);
  assert.deepEqual(changed, [['', 'beta']]);
  assert.equal(browser.folderHasMore(''), true);
  assert.equal(browser.folderHasMore('beta'), true, 'the catalog has not gone past beta/ yet');
  await browser.loadFolder('');
  assert.deepEqual(labels(browser, 'beta'), ['one', 'two']);
  assert.equal(browser.folderHasMore('beta'), false, 'gamma came after beta/two');
  assert.deepEqual(changed.slice(1), [['', 'beta']]);
  assert.deepEqual(data.requests, ['listRepositories ', 'listRepositories 2']);
});

test('expanding a folder loads until something of it arrives, and stops once the catalog has passed it', async () => {
  const { data, browser } = setUp();
  await browser.loadFolder('team');
  assert.deepEqual(labels(browser, 'team'), ['api']);
  assert.equal(data.requests.length, 3);
  assert.equal(browser.folderHasMore('team'), true);
  await browser.loadFolder('team');
  assert.deepEqual(labels(browser, 'team'), ['api', 'web']);
  assert.equal(browser.folderHasMore('team'), false, 'zeta came after team/web');
  assert.equal(browser.folderHasMore(''), false, 'and the catalog ended');
});

test('a folder\'s filter shows the repositories it matches and the subfolders holding one, and loads until one arrives', async () => {
  const { browser } = setUp();
  browser.setFilter(folderNode(''), 'w');
  await browser.loadFolder('');
  assert.deepEqual(labels(browser), ['beta'], 'beta/two matches; alpha does not');
  browser.setFilter(folderNode(''), '^te');
  await browser.loadFolder('');
  assert.deepEqual(labels(browser), ['team']);
  browser.setFilter(folderNode('team'), 'web');
  assert.deepEqual(labels(browser, 'team'), []);
  await browser.loadFolder('team');
  assert.deepEqual(labels(browser, 'team'), ['web']);
  browser.setFilter(folderNode(''), '');
  assert.deepEqual(labels(browser), ['alpha', 'beta', 'gamma', 'team', 'zeta']);
});

test('tags come a page at a time, newest first as listed, filtered per repository', async () => {
  const tags = ['latest', 'v3', 'v2', 'v1', 'old'].map((name, i) => tagInfo(name, digest(String(i)), 1000 - i));
  const { browser } = setUp(new FakeRegistryData(['app'], { app: tags }));
  await browser.loadTags('app');
  assert.deepEqual(browser.tags('app').map((t) => t.name), ['latest', 'v3']);
  browser.setFilter(tagsNode('app'), '^v1');
  assert.deepEqual(browser.tags('app'), []);
  await browser.loadTags('app');
  assert.deepEqual(browser.tags('app').map((t) => t.name), ['v1']);
  assert.equal(browser.tagsHaveMore('app'), true);
  browser.setFilter(tagsNode('app'), '');
  assert.deepEqual(browser.tags('app').map((t) => t.name), ['latest', 'v3', 'v2', 'v1']);
});

test('the tags sharing a digest are found whatever the filter, and Refresh on a repository reads its first page again', async () => {
  const tags = { app: [tagInfo('latest', digest('1'), 3), tagInfo('v2', digest('1'), 3), tagInfo('v1', digest('2'), 1)] };
  const { data, browser } = setUp(new FakeRegistryData(['app'], tags), 10);
  await browser.loadTags('app');
  browser.setFilter(tagsNode('app'), 'v1');
  assert.deepEqual(browser.tagsOf('app', digest('1')).map((t) => t.name), ['latest', 'v2']);
  data.tags.app = [tagInfo('v3', digest('3'), 4), ...tags.app];
  browser.refreshTags('app');
  assert.deepEqual(browser.tags('app'), []);
  assert.equal(browser.tagsHaveMore('app'), true);
  browser.setFilter(tagsNode('app'), '');
  await browser.loadTags('app');
  assert.deepEqual(browser.tags('app').map((t) => t.name), ['v3', 'latest', 'v2', 'v1']);
  assert.deepEqual(data.requests, ['listTags app ', 'listTags app ']);
});

test('a failed page stays visible as the error of its list, with what was loaded before', async () => {
  const { data, browser } = setUp();
  await browser.loadFolder('');
  data.failures.push(restError(503));
  await assert.rejects(browser.loadFolder(''), (error: unknown) => error instanceof RegistryError && error.kind === 'serverError');
  assert.ok(browser.repositoriesError instanceof RegistryError);
  assert.deepEqual(labels(browser), ['alpha', 'beta']);
  await browser.loadFolder('');
  assert.equal(browser.repositoriesError, undefined);
});

test('untag, delete manifest and delete repository update what is shown', async () => {
  const tags = { app: [tagInfo('latest', digest('1'), 3), tagInfo('v2', digest('1'), 3), tagInfo('v1', digest('2'), 1)] };
  const { data, browser, changed } = setUp(new FakeRegistryData(['app', 'team/api'], tags), 10);
  await browser.loadFolder('');
  await browser.loadTags('app');
  await browser.untag('app', 'v1');
  assert.deepEqual(browser.tags('app').map((t) => t.name), ['latest', 'v2']);
  await browser.deleteManifest('app', digest('1'));
  assert.deepEqual(browser.tags('app'), []);
  changed.length = 0;
  await browser.deleteRepository('team/api');
  assert.deepEqual(labels(browser), ['app']);
  assert.deepEqual(changed, [['']], 'the folder team went with its last repository');
  assert.deepEqual(data.requests.slice(-3), ['untag app v1', `deleteManifest app ${digest('1')}`, 'deleteRepository team/api']);
});

test('a failed delete changes nothing that is shown', async () => {
  const { data, browser } = setUp(new FakeRegistryData(['app'], { app: [tagInfo('v1')] }));
  await browser.loadTags('app');
  data.failures.push(restError(405, { body: '{"errors":[{"code":"REGISTRY_DISALLOWED_OPERATION","message":"locked"}]}' }));
  await assert.rejects(browser.untag('app', 'v1'), (error: unknown) => error instanceof RegistryError && error.kind === 'locked');
  assert.deepEqual(browser.tags('app').map((t) => t.name), ['v1']);
});

test('Inspect reads an index, each platform\'s manifest and each image\'s config', async () => {
  const index = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      { digest: digest('a'), platform: { os: 'linux', architecture: 'amd64' } },
      { digest: digest('b'), platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
    ],
  });
  const image = (config: string, size = 30, mediaType = 'application/vnd.oci.image.config.v1+json') =>
    JSON.stringify({ schemaVersion: 2, config: { mediaType, digest: digest(config), size }, layers: [] });
  const manifests = {
    latest: { digest: digest('i'), mediaType: 'application/vnd.oci.image.index.v1+json', content: index },
    [digest('a')]: { digest: digest('a'), mediaType: 'application/vnd.oci.image.manifest.v1+json', content: image('d') },
    [digest('b')]: { digest: digest('b'), mediaType: 'application/vnd.oci.image.manifest.v1+json', content: image('e') },
    helm: { digest: digest('f'), mediaType: 'application/vnd.oci.image.manifest.v1+json', content: image('0', 30, 'application/vnd.cncf.helm.config.v1.tar') },
    huge: { digest: digest('1'), mediaType: 'application/vnd.oci.image.manifest.v1+json', content: image('2', 5_000_000) },
    broken: { digest: digest('c'), mediaType: 'application/vnd.oci.image.manifest.v1+json', content: '{"layers":' },
  };
  const blobs = { [digest('d')]: '{"architecture":"amd64"}', [digest('e')]: '{"architecture":"arm64"}' };
  const data = new FakeRegistryData(['web'], {}, manifests, blobs);
  const { browser } = setUp(data);
  const inspection = await browser.inspect('web', 'latest');
  assert.equal(inspection.manifest.digest, digest('i'));
  assert.equal(inspection.config, undefined, 'an index has no config');
  assert.deepEqual(inspection.platforms.map((p) => [p.platform, p.manifest.digest, p.config]), [
    [{ os: 'linux', architecture: 'amd64' }, digest('a'), blobs[digest('d')]],
    [{ os: 'linux', architecture: 'arm64', variant: 'v8' }, digest('b'), blobs[digest('e')]],
  ]);
  const single = await browser.inspect('web', digest('a'));
  assert.deepEqual([single.platforms, single.config], [[], blobs[digest('d')]], 'an image has its config and no platform manifests');
  data.requests.length = 0;
  assert.equal((await browser.inspect('web', 'helm')).config, undefined, 'a config that is not JSON is not read');
  assert.equal((await browser.inspect('web', 'huge')).config, undefined, 'nor one too large for a document');
  assert.deepEqual(data.requests.filter((r) => r.startsWith('getBlob')), []);
  await assert.rejects(browser.inspect('web', 'broken'), (error: unknown) => error instanceof RegistryError && error.kind === 'malformed');
  await assert.rejects(browser.inspect('web', 'missing'), (error: unknown) => error instanceof RegistryError && error.kind === 'notFound');
});
