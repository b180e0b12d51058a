// The extension's sign-in client (client/src/acr/auth) against the local registry: the exchange falls
// back to the ACR audience when the registry refuses ARM tokens, the admin user gets a refresh token the
// way docker login does, the Azure CLI method runs `az` (the stand-in in test/fixtures/bin), the
// certificate method signs with a PEM file, and failures come back as the kind of problem they are.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { globalAgent } from 'node:https';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { AZURE_CLI_MISSING } from '../../../client/src/acr/auth/azureCliLocation';
import { acquireRefreshToken } from '../../../client/src/acr/auth/signInMethods';
import type { SignInTarget } from '../../../client/src/acr/auth/signInTarget';
import { REPO_ROOT } from '../../harness/paths';
import type { AcrTestEnvironment } from '../../integration/acrTestEnvironment';
import { createClientCertificate } from '../certificates';
import { SignInError } from '../../../client/src/acr/auth/signInError';
import { exchangeForRefreshToken, probeRegistry, refreshTokenForPassword } from '../../../client/src/acr/auth/tokenExchange';
import { AZURE_CLOUDS } from '../../../client/src/acr/cloud/azureClouds';
import { decodeJwtClaims } from '../../../client/src/acr/tokens/jwtClaims';
import { clientSecretCredential, servicePrincipal } from '../azureClients';
import { startRegistry, type Registry } from '../registry';
import { ACR_AUDIENCE } from '../tokenService';

let registry: Registry;
let scratch: string;

before(async () => {
  // A registry with "authentication-as-ARM" disabled: only ACR-audience Entra tokens are exchanged.
  registry = await startRegistry({ armAudience: false });
  // The client uses Node's default agent, as in VS Code where NODE_EXTRA_CA_CERTS trusts the test CA.
  globalAgent.options.ca = registry.caPem;
  scratch = mkdtempSync(join(tmpdir(), 'earthly-acr-sign-in-'));
});

after(async () => {
  await registry?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function target(): SignInTarget {
  return {
    loginServer: registry.loginServer, authorityHost: registry.endpoint, disableInstanceDiscovery: true,
    audiences: [AZURE_CLOUDS.public.armAudience, AZURE_CLOUDS.public.acrAudience],
  };
}

const kindOf = (kind: string) => (error: unknown) => error instanceof SignInError && error.kind === kind;

test('the exchange retries with the ACR audience when the registry refuses the ARM token', async () => {
  const credential = clientSecretCredential(registry);
  const asked: string[] = [];
  const result = await exchangeForRefreshToken({
    loginServer: registry.loginServer,
    tenantId: registry.directory.tenants[0],
    audiences: [AZURE_CLOUDS.public.armAudience, AZURE_CLOUDS.public.acrAudience],
    entraToken: async (audience) => {
      asked.push(audience);
      return (await credential.getToken(`${audience}/.default`)).token;
    },
  });
  assert.deepEqual(asked, [AZURE_CLOUDS.public.armAudience, ACR_AUDIENCE]);
  assert.equal(result.audience, ACR_AUDIENCE);
  assert.equal(decodeJwtClaims(result.refreshToken)?.aud, registry.loginServer);
});

test('a refused token on the last audience says to check the tenant and the AcrPull role', async () => {
  const credential = clientSecretCredential(registry);
  await assert.rejects(
    exchangeForRefreshToken({
      loginServer: registry.loginServer,
      audiences: [AZURE_CLOUDS.public.armAudience],
      entraToken: async (audience) => (await credential.getToken(`${audience}/.default`)).token,
    }),
    (error: unknown) => kindOf('unauthorized')(error) && /AcrPull/.test((error as Error).message),
  );
});

test('the admin user gets a refresh token, and a wrong password is refused', async () => {
  const { username, password } = registry.directory.admin!;
  const token = await refreshTokenForPassword(registry.loginServer, username, password);
  assert.equal(decodeJwtClaims(token)?.sub, username);
  await assert.rejects(refreshTokenForPassword(registry.loginServer, username, 'wrong-password'), (error: unknown) => {
    assert.ok(kindOf('unauthorized')(error));
    assert.ok(!(error as Error).message.includes('wrong-password'));
    return true;
  });
});

test('the probe tells a firewall and an unreachable registry apart', async () => {
  await probeRegistry(registry.loginServer);
  registry.faults.add({ kind: 'firewall', count: 1, pathPrefix: '/v2/' });
  await assert.rejects(probeRegistry(registry.loginServer), kindOf('firewall'));
  await assert.rejects(probeRegistry('127.0.0.1:1'), kindOf('network'));
});

test('the Azure CLI method asks az for each audience in the tenant given; the refresh token is the signed-in identity\'s', async () => {
  const sp = servicePrincipal(registry);
  const azureCliLog = join(scratch, 'az-calls.log');
  const env: Partial<AcrTestEnvironment> = {
    endpoint: registry.endpoint, certDir: registry.certDir, tenantId: sp.tenantId, azureCliLog,
    servicePrincipal: { clientId: sp.clientId, clientSecret: sp.secret, certificateFile: registry.clientCertificateFile },
  };
  const saved = { path: process.env.PATH, acr: process.env.EARTHLY_TEST_ACR };
  process.env.PATH = `${join(REPO_ROOT, 'test', 'fixtures', 'bin')}${delimiter}${saved.path ?? ''}`;
  process.env.EARTHLY_TEST_ACR = JSON.stringify(env);
  try {
    const { refreshToken, audience } = await acquireRefreshToken(target(), { method: 'azureCli', tenantId: sp.tenantId }, undefined);
    assert.equal(decodeJwtClaims(refreshToken)?.sub, sp.objectId);
    assert.equal(audience, ACR_AUDIENCE);
    const calls = readFileSync(azureCliLog, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as string[]);
    const expected = (resource: string) => ['account', 'get-access-token', '--output', 'json', '--resource', resource, '--tenant', sp.tenantId];
    // This registry refuses ARM tokens: az is asked again for the ACR audience.
    assert.deepEqual(calls, [expected(AZURE_CLOUDS.public.armAudience), expected(ACR_AUDIENCE)]);
    await assert.rejects(acquireRefreshToken(target(), { method: 'azureCli', tenantId: 'no-such-tenant' }, undefined), kindOf('wrongTenant'));
    process.env.PATH = saved.path?.split(delimiter).filter((dir) => !dir.includes(join('test', 'fixtures', 'bin'))).join(delimiter);
    await assert.rejects(acquireRefreshToken(target(), { method: 'azureCli' }, undefined), (error: unknown) => kindOf('interactionRequired')(error) && (error as Error).message === AZURE_CLI_MISSING);
  } finally {
    process.env.PATH = saved.path;
    if (saved.acr === undefined) delete process.env.EARTHLY_TEST_ACR;
    else process.env.EARTHLY_TEST_ACR = saved.acr;
  }
});

// Signing in with a certificate reaches Entra ID through the Azure SDK's own HTTPS agent, which trusts only
// NODE_EXTRA_CA_CERTS: the integration suite (where it is set) signs in; this checks the file first.
test('the certificate method refuses a file it cannot use, naming the file and never its contents', async () => {
  const sp = servicePrincipal(registry);
  const parameters = (certificatePath: string) => ({ method: 'servicePrincipalCertificate' as const, tenantId: sp.tenantId, clientId: sp.clientId, certificatePath });
  const pem = readFileSync(registry.clientCertificateFile, 'utf8');
  const keyBlock = /-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----\n?/;
  const certificateOnly = join(scratch, 'certificate-only.pem');
  writeFileSync(certificateOnly, pem.replace(keyBlock, ''));
  const otherKey = readFileSync((await createClientCertificate(scratch, 'other')).file, 'utf8').match(keyBlock)![0];
  const mismatched = join(scratch, 'mismatched.pem');
  writeFileSync(mismatched, pem.replace(keyBlock, otherKey));
  const cases: [string, RegExp][] = [
    [join(scratch, 'missing.pem'), /cannot be read \(ENOENT\)/],
    [certificateOnly, /holds no PEM private key/],
    [mismatched, /not the certificate's/],
  ];
  for (const [file, message] of cases) {
    await assert.rejects(acquireRefreshToken(target(), parameters(file), undefined), (error: unknown) => {
      assert.ok(kindOf('badClientCredentials')(error), String(error));
      assert.match((error as Error).message, message);
      assert.ok((error as Error).message.includes(file));
      for (const line of [pem.split('\n')[1]!, otherKey.split('\n')[1]!]) assert.ok(!(error as Error).message.includes(line), 'nothing from inside the file');
      return true;
    });
  }
});
