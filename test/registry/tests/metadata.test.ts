// The ACR metadata API through @azure/container-registry, against images pushed by the seeder: listing
// with paging and ordering, properties from the real manifests and configs, locks, and deletes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerRegistryClient } from '@azure/container-registry';
import { clientSecretCredential, containerRegistryClient } from '../azureClients';
import { httpsRequest } from '../httpsRequest';
import { startRegistry, type Registry } from '../registry';
import type { BuiltManifest } from '../imageBuilder';
import { buildSeedImage, DEMO_IMAGES, seedImages } from '../seed';

let registry: Registry;
let client: ContainerRegistryClient;

before(async () => {
  registry = await startRegistry();
  await seedImages(registry);
  client = containerRegistryClient(registry, clientSecretCredential(registry));
});

after(async () => {
  await registry?.stop();
});

async function collect<T>(pages: AsyncIterable<T[]>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let count = 0;
  for await (const page of pages) {
    items.push(...page);
    count++;
  }
  return { items, pages: count };
}

test('lists repositories page by page, following Link headers', async () => {
  const { items, pages } = await collect(client.listRepositoryNames().byPage({ maxPageSize: 2 }));
  assert.deepEqual(items, [...new Set(DEMO_IMAGES.map((i) => i.repository))].sort());
  assert.equal(pages, 2);
});

test('repository properties count manifests and tags', async () => {
  const properties = await client.getRepository('team/api').getProperties();
  assert.equal(properties.name, 'team/api');
  assert.equal(properties.tagCount, 3);
  assert.equal(properties.manifestCount, 2);
  assert.equal(properties.canDelete, true);
  assert.ok(properties.createdOn instanceof Date && properties.lastUpdatedOn >= properties.createdOn);
});

test('lists tags in both time orders and by page', async () => {
  const repository = client.getRepository('hello-world');
  const descending = await collect(repository.listManifestProperties({ order: 'LastUpdatedOnDescending' }).byPage({ maxPageSize: 1 }));
  assert.equal(descending.pages, 2);
  const artifact = client.getArtifact('hello-world', 'latest');
  // The SDK lists every tag of the artifact's repository (it sends no `digest`).
  const tags = await collect(artifact.listTagProperties({ order: 'LastUpdatedOnAscending' }).byPage({ maxPageSize: 1 }));
  assert.equal(tags.pages, 3);
  assert.equal(tags.items[0]!.name, 'v1', 'v1 was pushed first');
  const raw = await httpsRequest(`${registry.endpoint}/acr/v1/hello-world/_tags?orderby=timedesc&n=10`, registry.caPem, {
    headers: { Authorization: `Basic ${Buffer.from(`${registry.directory.admin!.username}:${registry.directory.admin!.password}`).toString('base64')}` },
  });
  const names = raw.json<{ tags: { name: string }[] }>().tags.map((t) => t.name);
  assert.equal(names.at(-1), 'v1');
});

test('locking a tag or a manifest keeps its lastUpdateTime and its place newest-first; pushing a tag moves it to the top', async () => {
  const artifact = client.getArtifact('hello-world', 'v1');
  const tagsNewestFirst = async () => (await collect(artifact.listTagProperties({ order: 'LastUpdatedOnDescending' }).byPage())).items;
  const manifestsNewestFirst = async () => (await collect(client.getRepository('hello-world').listManifestProperties({ order: 'LastUpdatedOnDescending' }).byPage())).items;
  const [tags, manifests] = [await tagsNewestFirst(), await manifestsNewestFirst()];
  assert.deepEqual(tags.map((t) => t.name), ['latest', 'v2', 'v1']);
  try {
    const lockedTag = await artifact.updateTagProperties('v1', { canWrite: false, canDelete: false });
    const lockedManifest = await artifact.updateManifestProperties({ canWrite: false, canDelete: false });
    assert.deepEqual(lockedTag.lastUpdatedOn, tags.at(-1)!.lastUpdatedOn);
    assert.deepEqual(lockedManifest.lastUpdatedOn, manifests.find((m) => m.digest === lockedManifest.digest)!.lastUpdatedOn);
    assert.deepEqual(await tagsNewestFirst(), tags.map((t) => (t.name === 'v1' ? { ...t, canWrite: false, canDelete: false } : t)));
    assert.deepEqual((await manifestsNewestFirst()).map((m) => m.digest), manifests.map((m) => m.digest));
  } finally {
    await artifact.updateTagProperties('v1', { canWrite: true, canDelete: true });
    await artifact.updateManifestProperties({ canWrite: true, canDelete: true });
  }

  await seedImages(registry, [{ ...DEMO_IMAGES[0]!, tags: ['v1-again'] }]);
  assert.deepEqual((await tagsNewestFirst()).map((t) => t.name), ['v1-again', 'latest', 'v2', 'v1']);
});

test('an index is as large as its platform images together; an image counts its config and layers', async () => {
  const index = buildSeedImage(DEMO_IMAGES.find((i) => i.repository === 'team/web')!);
  const sizeOf = (image: BuiltManifest): number => image.blobs.reduce((sum, blob) => sum + blob.bytes.length, 0);
  const { items } = await collect(client.getRepository('team/web').listManifestProperties().byPage());
  const sizes = new Map(items.map((m) => [m.digest, m.sizeInBytes]));
  assert.equal(sizes.get(index.digest), index.children.reduce((sum, image) => sum + sizeOf(image), 0));
  for (const image of index.children) assert.equal(sizes.get(image.digest), sizeOf(image));
});

test('manifest properties come from the real manifests and configs', async () => {
  const manifests = await collect(client.getRepository('team/web').listManifestProperties().byPage());
  const index = manifests.items.find((m) => m.tags.includes('latest'))!;
  assert.deepEqual(index.relatedArtifacts.map((r) => `${r.operatingSystem}/${r.architecture}`).sort(), ['linux/amd64', 'linux/arm64']);
  const arm = manifests.items.find((m) => m.architecture === 'arm64')!;
  assert.equal(arm.operatingSystem, 'linux');
  assert.ok(arm.sizeInBytes! > 0);
  const viaTag = await client.getArtifact('team/api', '1.0.0').getManifestProperties();
  assert.equal(viaTag.architecture, 'amd64');
  assert.equal(viaTag.createdOn.toISOString(), '2024-06-20T20:46:33.000Z', 'from the image config');
  assert.deepEqual(viaTag.tags, ['1.0.0']);
  const content = await httpsRequest(`${registry.endpoint}/acr/v1/team%2Fapi/_manifests/${encodeURIComponent(viaTag.digest)}`, registry.caPem, {
    headers: { Authorization: `Basic ${Buffer.from(`${registry.directory.admin!.username}:${registry.directory.admin!.password}`).toString('base64')}` },
  });
  assert.equal(content.json<{ manifest: { mediaType: string } }>().manifest.mediaType, 'application/vnd.docker.distribution.manifest.v2+json');
});

test('a tag locked against delete refuses deletion; unlocked, it is deleted', async () => {
  const artifact = client.getArtifact('team/api', '1.1.0');
  const locked = await artifact.updateTagProperties('1.1.0', { canDelete: false });
  assert.equal(locked.canDelete, false);
  await assert.rejects(artifact.deleteTag('1.1.0'), (error: { statusCode?: number; code?: string }) => error.statusCode === 405);
  await artifact.updateTagProperties('1.1.0', { canDelete: true });
  await artifact.deleteTag('1.1.0');
  const tags = await collect(client.getRepository('team/api').listManifestProperties().byPage());
  assert.ok(!tags.items.some((m) => m.tags.includes('1.1.0')));
});

test('manifest and repository properties can be changed, and repositories deleted', async () => {
  const artifact = client.getArtifact('library/alpine', '3.20');
  const updated = await artifact.updateManifestProperties({ canWrite: false });
  assert.equal(updated.canWrite, false);
  await assert.rejects(client.deleteRepository('library/alpine'), (error: { statusCode?: number }) => error.statusCode === 405);
  await artifact.updateManifestProperties({ canWrite: true });
  const repository = client.getRepository('library/alpine');
  assert.equal((await repository.updateProperties({ canList: true })).canList, true);
  await client.deleteRepository('library/alpine');
  const { items } = await collect(client.listRepositoryNames().byPage());
  assert.ok(!items.includes('library/alpine'));
});

test('the legacy untag route of vscode-containers deletes a tag', async () => {
  const token = registry.tokens.issueAccessToken({ subject: 'test', grants: { '*': ['*'] } }, [{ type: 'repository', name: 'hello-world', actions: ['delete'] }]);
  const reply = await httpsRequest(`${registry.endpoint}/v2/_acr/hello-world/tags/v1`, registry.caPem, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
  assert.equal(reply.status, 202);
  await assert.rejects(client.getArtifact('hello-world', 'v1').getTagProperties('v1'), (error: { statusCode?: number }) => error.statusCode === 404);
});
