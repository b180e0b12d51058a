// The token service with real clients: skopeo pushes as the admin user and pulls with an identity token
// from a docker config.json; docker login's Basic-auth GET; challenges as ACR words them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientSecretCredential, exchangeForRefreshToken, servicePrincipal } from '../azureClients';
import { form, httpsRequest } from '../httpsRequest';
import { writeOciLayout } from '../ociLayout';
import { startRegistry, type Registry } from '../registry';
import { buildSeedImage } from '../seed';
import { skopeoCopy, skopeoInspectRaw, writeDockerConfig } from '../skopeo';
import { EMPTY_GUID } from '../tokenService';

let registry: Registry;
let work: string;

before(async () => {
  registry = await startRegistry();
  work = mkdtempSync(join(tmpdir(), 'earthly-acr-tokens-'));
});

after(async () => {
  await registry?.stop();
  rmSync(work, { recursive: true, force: true });
});

const decode = (jwt: string): Record<string, unknown> => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
const lifetimeOf = (jwt: string): number => (decode(jwt).exp as number) - (decode(jwt).iat as number);

test('skopeo pushes with the admin user and pulls with an identitytoken from config.json', async () => {
  const admin = registry.directory.admin!;
  const image = buildSeedImage({ repository: 'pushed/app', tags: ['1'], format: 'oci', platforms: [{ architecture: 'amd64', os: 'linux' }, { architecture: 'arm64', os: 'linux' }], content: 'pushed' });
  writeOciLayout(join(work, 'source'), image, '1');
  const adminConfig = writeDockerConfig(join(work, 'admin.json'), registry, admin);
  await skopeoCopy(registry, `oci:${join(work, 'source')}:1`, `docker://${registry.loginServer}/pushed/app:1`, adminConfig);

  const refreshToken = await exchangeForRefreshToken(registry, clientSecretCredential(registry));
  const identityConfig = writeDockerConfig(join(work, 'identity.json'), registry, { identityToken: refreshToken });
  await skopeoCopy(registry, `docker://${registry.loginServer}/pushed/app:1`, `oci:${join(work, 'pulled')}:1`, identityConfig);
  const raw = await skopeoInspectRaw(registry, `docker://${registry.loginServer}/pushed/app:1`, identityConfig);
  assert.equal(raw.mediaType, 'application/vnd.oci.image.index.v1+json');
});

test('a pull-only repository-scoped token pulls but cannot push', async () => {
  const token = registry.directory.scopedTokens.find((t) => t.name === 'pull-only')!;
  const config = writeDockerConfig(join(work, 'pull-only.json'), registry, { username: token.name, password: token.password });
  const image = buildSeedImage({ repository: 'denied', tags: ['1'], format: 'docker', platforms: [{ architecture: 'amd64', os: 'linux' }], content: 'denied' });
  writeOciLayout(join(work, 'denied'), image, '1');
  await assert.rejects(skopeoCopy(registry, `oci:${join(work, 'denied')}:1`, `docker://${registry.loginServer}/denied/app:1`, config), /denied|unauthorized|authentication required/i);
});

test('refresh tokens from the exchange look like ACR\'s and buy access tokens for repeated or space-separated scopes', async () => {
  const refreshToken = await exchangeForRefreshToken(registry, clientSecretCredential(registry));
  const claims = decode(refreshToken);
  assert.equal(claims.aud, registry.loginServer);
  assert.equal(claims.grant_type, 'refresh_token');
  assert.equal(typeof claims.exp, 'number');
  const base = { grant_type: 'refresh_token', service: registry.loginServer, refresh_token: refreshToken };
  const spaced = await httpsRequest(`${registry.endpoint}/oauth2/token`, registry.caPem, form({ ...base, scope: 'registry:catalog:* repository:a/b:pull,push' }));
  assert.equal(spaced.status, 200);
  const reply = spaced.json<Record<string, string>>();
  assert.deepEqual(Object.keys(reply), ['access_token']);
  assert.deepEqual(decode(reply.access_token!).access, [
    { type: 'registry', name: 'catalog', actions: ['*'] },
    { type: 'repository', name: 'a/b', actions: ['pull', 'push'] },
  ]);
  const body = `${new URLSearchParams(base).toString()}&scope=registry%3Acatalog%3A*&scope=repository%3Ac%3Ametadata_read`;
  const repeated = await httpsRequest(`${registry.endpoint}/oauth2/token`, registry.caPem, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
  assert.equal((decode(repeated.json<{ access_token: string }>().access_token).access as unknown[]).length, 2);
});

test('refresh tokens live 3 h 15 min and carry exactly the claims of ACR\'s, access tokens 75 min', async () => {
  const sp = servicePrincipal(registry);
  const refreshToken = await exchangeForRefreshToken(registry, clientSecretCredential(registry));
  assert.equal(lifetimeOf(refreshToken), 11700);
  const claims = decode(refreshToken);
  assert.deepEqual(Object.keys(claims).sort(), ['appid', 'aud', 'exp', 'grant_type', 'iat', 'iss', 'jti', 'nbf', 'permissions', 'rid', 'roles', 'sub', 'tenant', 'version']);
  assert.deepEqual([claims.sub, claims.appid, claims.tenant, claims.iss], [sp.objectId, sp.clientId, sp.tenantId, 'Azure Container Registry']);
  const admin = registry.directory.admin!;
  const fields = { grant_type: 'password', service: registry.loginServer, scope: 'repository:team/api:pull', username: admin.username, password: admin.password, access_type: 'offline' };
  const reply = (await httpsRequest(`${registry.endpoint}/oauth2/token`, registry.caPem, form(fields))).json<Record<string, string>>();
  assert.equal(lifetimeOf(reply.access_token!), 4500);
  assert.equal(lifetimeOf(reply.refresh_token!), 11700);
});

test('the password grant (az CLI with the admin user) and offline access', async () => {
  const admin = registry.directory.admin!;
  const fields = { grant_type: 'password', service: registry.loginServer, scope: 'repository:team/api:pull', username: admin.username, password: admin.password };
  const online = await httpsRequest(`${registry.endpoint}/oauth2/token`, registry.caPem, form(fields));
  assert.deepEqual(Object.keys(online.json<object>()), ['access_token']);
  const offline = await httpsRequest(`${registry.endpoint}/oauth2/token`, registry.caPem, form({ ...fields, access_type: 'offline', client_id: 'docker' }));
  assert.deepEqual(Object.keys(offline.json<object>()).sort(), ['access_token', 'refresh_token']);
  const wrong = await httpsRequest(`${registry.endpoint}/oauth2/token`, registry.caPem, form({ ...fields, password: 'wrong' }));
  assert.equal(wrong.status, 401);
});

test('GET /oauth2/token with Basic auth returns a refresh_token for docker login', async () => {
  const refreshToken = await exchangeForRefreshToken(registry, clientSecretCredential(registry));
  const basic = Buffer.from(`${EMPTY_GUID}:${refreshToken}`).toString('base64');
  const query = new URLSearchParams({ account: EMPTY_GUID, client_id: 'docker', offline_token: 'true', service: registry.loginServer });
  const reply = await httpsRequest(`${registry.endpoint}/oauth2/token?${query}`, registry.caPem, { headers: { Authorization: `Basic ${basic}` } });
  assert.equal(reply.status, 200);
  const body = reply.json<Record<string, string>>();
  assert.ok(body.access_token && body.refresh_token);
  const admin = registry.directory.admin!;
  const asAdmin = await httpsRequest(`${registry.endpoint}/oauth2/token?service=${registry.loginServer}&scope=repository:x:pull`, registry.caPem, {
    headers: { Authorization: `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}` },
  });
  assert.equal(asAdmin.status, 200);
  const wrong = await httpsRequest(`${registry.endpoint}/oauth2/token?service=${registry.loginServer}`, registry.caPem, {
    headers: { Authorization: `Basic ${Buffer.from(`${admin.username}:wrong`).toString('base64')}` },
  });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.json<{ errors: { code: string }[] }>().errors[0]!.code, 'UNAUTHORIZED');
});

test('challenges carry realm, service and scope as ACR sends them', async () => {
  const realm = `https://${registry.loginServer}/oauth2/token`;
  const v2 = await httpsRequest(`${registry.endpoint}/v2/`, registry.caPem);
  assert.equal(v2.status, 401);
  assert.equal(v2.headers['www-authenticate'], `Bearer realm="${realm}",service="${registry.loginServer}"`);
  const catalog = await httpsRequest(`${registry.endpoint}/acr/v1/_catalog`, registry.caPem);
  assert.equal(catalog.status, 401);
  assert.equal(catalog.headers['www-authenticate'], `Bearer realm="${realm}",service="${registry.loginServer}",scope="registry:catalog:*"`);
  assert.deepEqual(catalog.json(), {
    errors: [{ code: 'UNAUTHORIZED', message: 'authentication required, visit https://aka.ms/acr/authorization for more information.', detail: [{ Type: 'registry', Name: 'catalog', Action: '*' }] }],
  });
  const token = registry.tokens.issueAccessToken({ subject: 'test', grants: { '*': ['*'] } }, [{ type: 'repository', name: 'other', actions: ['pull'] }]);
  const insufficient = await httpsRequest(`${registry.endpoint}/acr/v1/team%2Fapi/_tags`, registry.caPem, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(insufficient.headers['www-authenticate'], `Bearer realm="${realm}",service="${registry.loginServer}",scope="repository:team/api:metadata_read",error="insufficient_scope"`);
});
