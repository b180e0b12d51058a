// The Entra ID stand-in with @azure/identity, unmodified: client secret, client certificate and device
// code sign-ins, and the exchange's checks of audience and tenant.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientCertificateCredential, clientSecretCredential, deviceCodeCredential, exchangeForRefreshToken, servicePrincipal } from '../azureClients';
import { createClientCertificate } from '../certificates';
import { AZURE_CLI_CLIENT_ID } from '../directory';
import { form, httpsRequest } from '../httpsRequest';
import { startRegistry, type Registry } from '../registry';

let registry: Registry;

before(async () => {
  registry = await startRegistry({ armAudience: false });
});

after(async () => {
  await registry?.stop();
});

const decode = (jwt: string): Record<string, unknown> => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

test('ClientSecretCredential gets a token with aud, tid, oid and exp', async () => {
  const sp = servicePrincipal(registry);
  const token = await clientSecretCredential(registry).getToken('https://containerregistry.azure.net/.default');
  const claims = decode(token.token);
  assert.equal(claims.aud, 'https://containerregistry.azure.net');
  assert.equal(claims.tid, sp.tenantId);
  assert.equal(claims.oid, sp.objectId);
  assert.equal(typeof claims.exp, 'number');
  assert.ok(token.expiresOnTimestamp > Date.now());
});

test('a wrong client secret is refused with Entra ID\'s error', async () => {
  const sp = servicePrincipal(registry);
  await assert.rejects(clientSecretCredential(registry, { ...sp, secret: 'wrong' }).getToken('https://containerregistry.azure.net/.default'), /AADSTS7000215/);
});

test('ClientCertificateCredential signs in with the registered certificate; the token is exchanged', async () => {
  const sp = servicePrincipal(registry);
  const credential = clientCertificateCredential(registry);
  const token = await credential.getToken('https://containerregistry.azure.net/.default');
  const claims = decode(token.token);
  assert.equal(claims.oid, sp.objectId);
  assert.equal(claims.appid, sp.clientId);
  assert.equal(decode(await exchangeForRefreshToken(registry, credential)).sub, sp.objectId);
});

test('a certificate not registered on the application is refused with AADSTS700027', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'earthly-acr-cert-'));
  try {
    const other = await createClientCertificate(dir, 'unregistered');
    await assert.rejects(clientCertificateCredential(registry, other.file).getToken('https://containerregistry.azure.net/.default'), /AADSTS700027/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('DeviceCodeCredential signs in once the code is approved', async () => {
  const prompts: string[] = [];
  const credential = deviceCodeCredential(registry, AZURE_CLI_CLIENT_ID, (info) => {
    prompts.push(info.message);
    void httpsRequest(`${registry.endpoint}/_emulator/devicecode/approve`, registry.caPem, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userCode: info.userCode }),
    });
  });
  const token = await credential.getToken('https://containerregistry.azure.net/.default');
  assert.match(prompts[0]!, /devicelogin/);
  const user = registry.directory.users[0]!;
  assert.equal(decode(token.token).oid, user.objectId);
  assert.equal(decode(token.token).upn, user.username);
  const refreshToken = await exchangeForRefreshToken(registry, credential);
  assert.equal(decode(refreshToken).sub, user.objectId);
});

test('the exchange refuses ARM tokens when authentication-as-ARM is off, and a wrong tenant, with an empty 401', async () => {
  const credential = clientSecretCredential(registry);
  await assert.rejects(exchangeForRefreshToken(registry, credential, 'https://management.azure.com/.default'), /exchange failed: 401/);
  const entra = await credential.getToken('https://containerregistry.azure.net/.default');
  const reply = await httpsRequest(`${registry.endpoint}/oauth2/exchange`, registry.caPem, form({ grant_type: 'access_token', service: registry.loginServer, access_token: entra.token, tenant: 'another-tenant' }));
  assert.equal(reply.status, 401);
  assert.equal(reply.body.length, 0);
});
