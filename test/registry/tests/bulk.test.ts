// Bulk seeding: 10,000 repositories and a repository with 5,000 tags, written into distribution's
// storage; the SDK pages through them and skopeo pulls from what was written.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientSecretCredential, containerRegistryClient } from '../azureClients';
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
