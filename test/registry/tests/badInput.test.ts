// Bad input gets ACR's (or Entra ID's) status and error envelope, never a crash, and the log never
// shows a token or secret.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { clientSecretCredential, exchangeForRefreshToken, servicePrincipal } from '../azureClients';
import { form, httpsRequest, type HttpsRequest } from '../httpsRequest';
import { startRegistry, type Registry } from '../registry';
import { seedImages } from '../seed';

let registry: Registry;
const logLines: string[] = [];
const secrets: string[] = [];
let admin: { Authorization: string };

before(async () => {
  registry = await startRegistry({ log: (line) => logLines.push(line) });
  await seedImages(registry);
  const { username, password } = registry.directory.admin!;
  secrets.push(password, servicePrincipal(registry).secret);
  admin = { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
});

after(async () => {
  await registry?.stop();
});

const call = (path: string, options: HttpsRequest = {}) => httpsRequest(`${registry.endpoint}${path}`, registry.caPem, options);
const errorOf = (body: Buffer): { code: string } => (JSON.parse(body.toString('utf8')) as { errors: { code: string }[] }).errors[0]!;

async function expectError(path: string, options: HttpsRequest, status: number, code: string): Promise<void> {
  const reply = await call(path, options);
  assert.equal(reply.status, status, `${options.method ?? 'GET'} ${path}`);
  assert.equal(errorOf(reply.body).code, code, `${options.method ?? 'GET'} ${path}`);
}

test('malformed token requests: wrong content type, unknown grant, missing service, bad scope', async () => {
  const service = registry.loginServer;
  await expectError('/oauth2/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"grant_type":"password"}' }, 400, 'UNSUPPORTED');
  await expectError('/oauth2/token', form({ grant_type: 'magic', service }), 400, 'UNSUPPORTED');
  await expectError('/oauth2/token', form({ grant_type: 'refresh_token', refresh_token: 'x' }), 400, 'UNSUPPORTED');
  await expectError('/oauth2/token', form({ grant_type: 'refresh_token', service, refresh_token: 'x', scope: 'repository:a' }), 400, 'UNSUPPORTED');
  await expectError('/oauth2/token', form({ grant_type: 'refresh_token', service, refresh_token: '%%%not-a-jwt' }), 401, 'UNAUTHORIZED');
  await expectError('/oauth2/exchange', form({ grant_type: 'password', service }), 400, 'UNSUPPORTED');
});

test('tokens with a bad signature, expired, or for another service are refused', async () => {
  const refreshToken = await exchangeForRefreshToken(registry, clientSecretCredential(registry));
  secrets.push(refreshToken);
  const [header, payload, signature] = refreshToken.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url')}.${signature}`;
  const grant = (token: string, service = registry.loginServer) => form({ grant_type: 'refresh_token', service, scope: 'registry:catalog:*', refresh_token: token });
  await expectError('/oauth2/token', grant(forged), 401, 'UNAUTHORIZED');
  await expectError('/oauth2/token', grant(refreshToken, 'other.azurecr.io'), 401, 'UNAUTHORIZED');
  const exchanged = await call('/oauth2/exchange', form({ grant_type: 'access_token', service: 'other.azurecr.io', access_token: forged }));
  assert.equal(exchanged.status, 401);

  registry.lifetimes.acrAccessToken = 0;
  const expired = (await call('/oauth2/token', grant(refreshToken))).json<{ access_token: string }>().access_token;
  registry.lifetimes.acrAccessToken = 4500;
  secrets.push(expired);
  const refused = await call('/acr/v1/_catalog', { headers: { Authorization: `Bearer ${expired}` } });
  assert.equal(refused.status, 401);
  assert.doesNotMatch(String(refused.headers['www-authenticate']), /insufficient_scope/);
});

test('path traversal and malformed names in the metadata API', async () => {
  const headers = admin;
  await expectError('/acr/v1/..%2F..%2Fetc%2Fpasswd', { headers }, 400, 'NAME_INVALID');
  // Literal dot segments are resolved before routing, as URLs are: this is the path /etc/_tags.
  await expectError('/acr/v1/team/../../etc/_tags', { headers }, 404, 'NOT_FOUND');
  await expectError('/acr/v1/team%2F..%2F..%2Fetc/_manifests', { headers }, 400, 'NAME_INVALID');
  await expectError('/acr/v1/%E0%A4%A/_tags', { headers }, 400, 'NAME_INVALID');
  await expectError('/acr/v1/team%2Fapi/_tags/..%2F..%2Fx', { headers }, 400, 'NAME_INVALID');
  await expectError('/acr/v1/team%2Fapi/_tags/-bad', { headers }, 400, 'TAG_INVALID');
  await expectError('/acr/v1/team%2Fapi/_manifests/sha256%3A..', { headers }, 400, 'DIGEST_INVALID');
  await expectError('/acr/v1/Team', { headers }, 400, 'NAME_INVALID');
  await expectError('/acr/v1/nothing-here', { headers }, 404, 'NAME_UNKNOWN');
  await expectError('/acr/v1/team%2Fapi/_tags/nope', { headers }, 404, 'TAG_UNKNOWN');
  await expectError(`/acr/v1/team%2Fapi/_manifests/sha256%3A${'0'.repeat(64)}`, { headers }, 404, 'MANIFEST_UNKNOWN');
  await expectError('/v2/..%2F..%2Fetc/tags/list', { headers }, 400, 'NAME_INVALID');
  await expectError('/v2/a%2F..%2F..%2Fb/manifests/latest', { headers }, 400, 'NAME_INVALID');
});

test('a tag of a missing repository is TAG_UNKNOWN on every tag endpoint; the repository\'s own endpoints say NAME_UNKNOWN', async () => {
  const patch = { method: 'PATCH', headers: { ...admin, 'Content-Type': 'application/json' }, body: '{"writeEnabled":false}' };
  for (const options of [{ headers: admin }, patch, { method: 'DELETE', headers: admin }]) {
    await expectError('/acr/v1/no-such%2Frepository/_tags/latest', options, 404, 'TAG_UNKNOWN');
    await expectError('/acr/v1/hello-world/_tags/no-such-tag', options, 404, 'TAG_UNKNOWN');
  }
  await expectError('/acr/v1/no-such%2Frepository', { headers: admin }, 404, 'NAME_UNKNOWN');
  await expectError('/acr/v1/no-such%2Frepository', patch, 404, 'NAME_UNKNOWN');
  await expectError('/acr/v1/no-such%2Frepository/_tags', { headers: admin }, 404, 'NAME_UNKNOWN');
  assert.equal((await call('/acr/v1/hello-world/_tags/latest', { headers: admin })).status, 200);
});

test('bad paging, bad PATCH bodies, oversized bodies, unknown routes and methods', async () => {
  const headers = admin;
  await expectError('/acr/v1/_catalog?n=-1', { headers }, 400, 'PAGINATION_NUMBER_INVALID');
  await expectError('/acr/v1/team%2Fapi/_tags?orderby=random', { headers }, 400, 'UNSUPPORTED');
  const patch = (body: string) => ({ method: 'PATCH', headers: { ...headers, 'Content-Type': 'application/json' }, body });
  await expectError('/acr/v1/team%2Fapi', patch('{not json'), 400, 'UNSUPPORTED');
  await expectError('/acr/v1/team%2Fapi', patch('{"deleteEnabled":"no"}'), 400, 'UNSUPPORTED');
  await expectError('/acr/v1/team%2Fapi', patch(`{"x":"${'a'.repeat(100 * 1024)}"}`), 413, 'SIZE_INVALID');
  await expectError('/oauth2/token', { ...form({ grant_type: 'password' }), body: `grant_type=password&x=${'a'.repeat(100 * 1024)}` }, 413, 'SIZE_INVALID');
  await expectError('/nowhere', {}, 404, 'NOT_FOUND');
  await expectError('/oauth2/exchange', { method: 'PUT' }, 405, 'UNSUPPORTED');
  await expectError('/acr/v1/team%2Fapi/_manifests', { method: 'DELETE', headers }, 405, 'UNSUPPORTED');
});

test('Entra ID errors: unknown tenant, unknown client, malformed form', async () => {
  const tenant = registry.directory.tenants[0]!;
  const unknownTenant = await call('/no-such-tenant/v2.0/.well-known/openid-configuration');
  assert.equal(unknownTenant.status, 400);
  assert.match(unknownTenant.json<{ error_description: string }>().error_description, /^AADSTS90002/);
  const unknownClient = await call(`/${tenant}/oauth2/v2.0/token`, form({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x', scope: 'a/.default' }));
  assert.equal(unknownClient.json<{ error: string }>().error, 'unauthorized_client');
  const malformed = await call(`/${tenant}/oauth2/v2.0/token`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hello' });
  assert.equal(malformed.status, 400);
  assert.equal(malformed.json<{ error: string }>().error, 'invalid_request');
});

test('the logs show requests but never a token or secret', () => {
  assert.ok(logLines.some((line) => line.startsWith('POST /oauth2/token')));
  const logs = [...logLines, readFileSync(registry.distributionLog, 'utf8')];
  for (const secret of secrets) assert.ok(!logs.some((text) => text.includes(secret)));
  assert.ok(!logs.some((text) => /eyJ[\w-]{10,}\./.test(text)), 'no JWT in the logs');
});
