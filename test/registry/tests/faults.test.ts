// Fault injection, armed from code and through the control endpoint, seen by raw requests and the SDK.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clientSecretCredential, containerRegistryClient, exchangeForRefreshToken } from '../azureClients';
import { form, httpsRequest } from '../httpsRequest';
import { startRegistry, type Registry } from '../registry';
import { seedImages } from '../seed';
import { DEFAULT_LIFETIMES } from '../tokenService';

let registry: Registry;
let basic: { Authorization: string };

before(async () => {
  registry = await startRegistry();
  await seedImages(registry);
  const admin = registry.directory.admin!;
  basic = { Authorization: `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}` };
});

afterEach(() => registry.faults.clear());

after(async () => {
  await registry?.stop();
});

const get = (path: string, headers: Record<string, string> = basic) => httpsRequest(`${registry.endpoint}${path}`, registry.caPem, { headers });
const codeOf = (body: Buffer): string => (JSON.parse(body.toString('utf8')) as { errors: { code: string }[] }).errors[0]!.code;

test('429 with Retry-After, then normal service', async () => {
  registry.faults.add({ kind: 'throttle', retryAfterSeconds: 7, count: 1 });
  const throttled = await get('/acr/v1/_catalog');
  assert.equal(throttled.status, 429);
  assert.equal(throttled.headers['retry-after'], '7');
  assert.equal(codeOf(throttled.body), 'TOOMANYREQUESTS');
  assert.equal((await get('/acr/v1/_catalog')).status, 200);
});

test('500s on the next N requests of a path', async () => {
  registry.faults.add({ kind: 'serverError', count: 2, pathPrefix: '/acr/v1/team' });
  assert.equal((await get('/acr/v1/_catalog')).status, 200);
  assert.equal((await get('/acr/v1/team%2Fapi')).status, 500);
  assert.equal((await get('/acr/v1/team%2Fapi')).status, 500);
  assert.equal((await get('/acr/v1/team%2Fapi')).status, 200);
});

test('401 on the next N requests carries the route\'s real challenge', async () => {
  registry.faults.add({ kind: 'unauthorized', count: 1 });
  const refused = await get('/acr/v1/team%2Fapi/_tags');
  assert.equal(refused.status, 401);
  assert.match(String(refused.headers['www-authenticate']), /scope="repository:team\/api:metadata_read"/);
  assert.equal((await get('/acr/v1/team%2Fapi/_tags')).status, 200);
});

test('firewall mode answers 403 DENIED, also to the SDK', async () => {
  registry.faults.add({ kind: 'firewall' });
  const denied = await get('/v2/');
  assert.equal(denied.status, 403);
  assert.equal(codeOf(denied.body), 'DENIED');
  const client = containerRegistryClient(registry, clientSecretCredential(registry));
  await assert.rejects(client.listRepositoryNames().next(), (error: { statusCode?: number }) => error.statusCode === 403);
});

test('a connection reset mid-body and malformed JSON', async () => {
  registry.faults.add({ kind: 'resetMidBody', count: 1 });
  await assert.rejects(get('/acr/v1/_catalog'));
  registry.faults.add({ kind: 'malformedJson', count: 1 });
  const malformed = await get('/acr/v1/_catalog');
  assert.equal(malformed.status, 200);
  assert.throws(() => malformed.json());
});

test('a Link header that loops back to the same page', async () => {
  registry.faults.add({ kind: 'loopingLink', count: 1 });
  const page = await get('/acr/v1/_catalog?n=1');
  assert.equal(page.headers.link, '</acr/v1/_catalog?n=1>; rel="next"');
  assert.equal((await get('/acr/v1/_catalog?n=1')).headers.link, '</acr/v1/_catalog?last=hello-world&n=1&orderby=>; rel="next"');
});

test('slow responses still answer', async () => {
  registry.faults.add({ kind: 'slow', delayMs: 300, count: 1 });
  assert.equal((await get('/acr/v1/_catalog')).status, 200);
});

test('faults are armed and cleared through the control endpoint, which faults never touch', async () => {
  const control = (method: string, body?: unknown) =>
    httpsRequest(`${registry.endpoint}/_emulator/faults`, registry.caPem, { method, headers: { 'Content-Type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  assert.equal((await control('POST', { kind: 'firewall' })).status, 204);
  assert.equal((await get('/v2/')).status, 403);
  assert.equal((await control('POST', { kind: 'nonsense' })).status, 400);
  assert.equal((await control('DELETE')).status, 204);
  assert.equal((await get('/v2/')).status, 401);
});

test('refresh tokens expire after the configured lifetime, and revoked tokens stop working', async () => {
  const credential = clientSecretCredential(registry);
  const tokenRequest = (refreshToken: string) =>
    httpsRequest(`${registry.endpoint}/oauth2/token`, registry.caPem, form({ grant_type: 'refresh_token', service: registry.loginServer, scope: 'registry:catalog:*', refresh_token: refreshToken }));
  const lifetimes = (patch: Record<string, number>) =>
    httpsRequest(`${registry.endpoint}/_emulator/lifetimes`, registry.caPem, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(patch) });
  assert.equal((await lifetimes({ acrRefreshToken: 1 })).status, 200);
  const shortLived = await exchangeForRefreshToken(registry, credential);
  registry.lifetimes.acrRefreshToken = DEFAULT_LIFETIMES.acrRefreshToken;
  assert.equal((await lifetimes({ nonsense: 1 })).status, 400);
  await new Promise((resolve) => setTimeout(resolve, 2100));
  assert.equal((await tokenRequest(shortLived)).status, 401);

  const refreshToken = await exchangeForRefreshToken(registry, credential);
  const access = (await tokenRequest(refreshToken)).json<{ access_token: string }>().access_token;
  const bearer = { Authorization: `Bearer ${access}` };
  assert.equal((await get('/acr/v1/_catalog', bearer)).status, 200);
  assert.equal((await httpsRequest(`${registry.endpoint}/_emulator/revoke`, registry.caPem, { method: 'POST' })).status, 204);
  assert.equal((await tokenRequest(refreshToken)).status, 401);
  assert.equal((await get('/acr/v1/_catalog', bearer)).status, 401);
  assert.equal((await get('/v2/_catalog', bearer)).status, 401, 'revoked tokens do not reach distribution');
  assert.equal((await tokenRequest(await exchangeForRefreshToken(registry, credential))).status, 200);
});
