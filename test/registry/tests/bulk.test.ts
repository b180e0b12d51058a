// Bulk seeding: 10,000 repositories and a repository with 5,000 tags, written into distribution's
// storage (also through the control routes); the SDK pages through them and skopeo pulls from what was written.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientSecretCredential, containerRegistryClient } from '../azureClients';
import { httpsRequest } from '../httpsRequest';
import { seedBulk, type BulkResult } from '../bulkSeed';
import { startRegistry, type Registry } from '../registry';
import { skopeoInspectRaw, writeDockerConfig } from '../skopeo';

let registry: Registry;
let bulk: BulkResult;
let work: string;

before(async () => {
  registry = await startRegistry();
  bulk = seedBulk(registry);
  work = mkdtempSync(join(tmpdir(), 'earthly-acr-bulk-'));
});

after(async () => {
  await registry?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('the SDK pages through 10,000 repositories', async () => {
  const client = containerRegistryClient(registry, clientSecretCredential(registry));
  let count = 0;
  let pages = 0;
  for await (const page of client.listRepositoryNames().byPage({ maxPageSize: 1000 })) {
    count += page.length;
    pages++;
  }
  assert.equal(count, 10001);
  assert.equal(pages, 11);
});

test('the SDK pages through 5,000 tags of one repository', async () => {
  const client = containerRegistryClient(registry, clientSecretCredential(registry));
  const names: string[] = [];
  for await (const page of client.getRepository(bulk.manyTagsRepository).listManifestProperties().byPage()) names.push(...page.flatMap((m) => m.tags));
  assert.equal(names.length, 5000);
  let tags = 0;
  for await (const page of client.getArtifact(bulk.manyTagsRepository, bulk.digest).listTagProperties().byPage({ maxPageSize: 1000 })) tags += page.length;
  assert.equal(tags, 5000);
});

test('distribution serves the written repositories and tags', async () => {
  const admin = registry.directory.admin!;
  const config = writeDockerConfig(join(work, 'config.json'), registry, admin);
  const last = bulk.repositories.at(-1)!;
  const manifest = await skopeoInspectRaw(registry, `docker://${registry.loginServer}/${last}:latest`, config);
  assert.equal(manifest.mediaType, 'application/vnd.oci.image.manifest.v1+json');
  const tagged = await skopeoInspectRaw(registry, `docker://${registry.loginServer}/${bulk.manyTagsRepository}:t4999`, config);
  assert.deepEqual(tagged, manifest);
});

test('tests in another process seed and remove bulk repositories through the control routes', async () => {
  const client = containerRegistryClient(registry, clientSecretCredential(registry));
  const control = (method: string, body: unknown) =>
    httpsRequest(`${registry.endpoint}/_emulator/bulk`, registry.caPem, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const names = async (): Promise<string[]> => {
    const all: string[] = [];
    for await (const name of client.listRepositoryNames()) all.push(name);
    return all.filter((name) => name.startsWith('more/'));
  };
  const seeded = await control('POST', { prefix: 'more', repositories: 3, tags: 2 });
  assert.equal(seeded.status, 200);
  assert.deepEqual(seeded.json(), { repositories: 3, manyTagsRepository: 'more/many-tags', digest: bulk.digest });
  assert.deepEqual(await names(), ['more/many-tags', 'more/r00000', 'more/r00001', 'more/r00002']);
  assert.equal((await control('DELETE', { prefix: 'more' })).status, 204);
  assert.deepEqual(await names(), []);
  assert.equal((await control('POST', { prefix: '../etc' })).status, 400);
  assert.equal((await control('POST', { repositories: -1 })).status, 400);
  await skopeoInspectRaw(registry, `docker://${registry.loginServer}/${bulk.manyTagsRepository}:t0001`, writeDockerConfig(join(work, 'config.json'), registry, registry.directory.admin!));
});
