// ACR's anonymous pull, switched through the control endpoint: off, clients without credentials are
// challenged; on, the SDK without a credential lists and reads, skopeo pulls as docker does (a token GET
// without credentials), and nobody pushes, changes or deletes anonymously.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { containerRegistryClient } from '../azureClients';
import { form, httpsRequest } from '../httpsRequest';
import { decodeJwtClaims } from '../jwt';
import { writeOciLayout } from '../ociLayout';
import { startRegistry, type Registry } from '../registry';
import { buildSeedImage, DEMO_IMAGES, seedImages } from '../seed';
import { skopeoCopy } from '../skopeo';

let registry: Registry;
let work: string;
let noCredentials: string;

before(async () => {
  registry = await startRegistry();
  await seedImages(registry, DEMO_IMAGES.slice(0, 2));
  work = mkdtempSync(join(tmpdir(), 'earthly-acr-anonymous-'));
  noCredentials = join(work, 'config.json');
  writeFileSync(noCredentials, '{"auths":{}}');
});

after(async () => {
  await registry?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const switchAnonymousPull = (enabled: unknown) =>
  httpsRequest(`${registry.endpoint}/_emulator/anonymous-pull`, registry.caPem, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ enabled }) });
const refused = (error: { statusCode?: number }) => error.statusCode === 401;
const pull = (tag: string) => skopeoCopy(registry, `docker://${registry.loginServer}/hello-world:${tag}`, `oci:${join(work, 'pulled')}:${tag}`, noCredentials);

test('off, a client without credentials is challenged everywhere', async () => {
  const anonymous = containerRegistryClient(registry);
  await assert.rejects(anonymous.listRepositoryNames().next(), refused);
  await assert.rejects(anonymous.getArtifact('hello-world', 'v1').getTagProperties('v1'), refused);
  await assert.rejects(pull('v1'), /unauthorized|authentication required/i);
  const token = await httpsRequest(`${registry.endpoint}/oauth2/token`, registry.caPem, form({ grant_type: 'password', service: registry.loginServer, scope: 'repository:hello-world:pull', refresh_token: '' }));
  assert.equal(token.status, 401);
});

test('switched on, the SDK without a credential lists the catalog and tags and reads properties', async () => {
  assert.equal((await switchAnonymousPull('yes')).status, 400);
  assert.equal((await switchAnonymousPull(true)).status, 204);
  const anonymous = containerRegistryClient(registry);
  const repositories: string[] = [];
  for await (const name of anonymous.listRepositoryNames()) repositories.push(name);
  assert.deepEqual(repositories, ['hello-world']);
  const tags: string[] = [];
  for await (const tag of anonymous.getArtifact('hello-world', 'v1').listTagProperties()) tags.push(tag.name);
  assert.deepEqual(tags.sort(), ['latest', 'v1', 'v2']);
  assert.equal((await anonymous.getRepository('hello-world').getProperties()).tagCount, 3);
});

test('switched on, skopeo pulls without credentials but cannot push', async () => {
  await switchAnonymousPull(true);
  await pull('latest');
  const image = buildSeedImage({ ...DEMO_IMAGES[0]!, content: 'pushed anonymously' });
  writeOciLayout(join(work, 'push'), image, '1');
  await assert.rejects(skopeoCopy(registry, `oci:${join(work, 'push')}:1`, `docker://${registry.loginServer}/hello-world:pushed`, noCredentials), /denied|unauthorized|authentication required/i);
});

test('switched on, anonymous tokens grant catalog and pull only; changes and deletes are challenged', async () => {
  await switchAnonymousPull(true);
  const scopes = 'registry:catalog:* repository:hello-world:pull,push,delete,metadata_read,metadata_write';
  const token = await httpsRequest(`${registry.endpoint}/oauth2/token`, registry.caPem, form({ grant_type: 'password', service: registry.loginServer, scope: scopes, refresh_token: '' }));
  assert.deepEqual(decodeJwtClaims(token.json<{ access_token: string }>().access_token)?.access, [
    { type: 'registry', name: 'catalog', actions: ['*'] },
    { type: 'repository', name: 'hello-world', actions: ['pull', 'metadata_read'] },
  ]);
  const anonymous = containerRegistryClient(registry);
  await assert.rejects(anonymous.getArtifact('hello-world', 'v1').updateTagProperties('v1', { canDelete: false }), refused);
  await assert.rejects(anonymous.getArtifact('hello-world', 'v1').deleteTag('v1'), refused);
  await assert.rejects(anonymous.deleteRepository('hello-world'), refused);
});
