// The extension's sign-in client (client/src/acr/auth) against the local registry: the exchange falls
// back to the ACR audience when the registry refuses ARM tokens, the admin user gets a refresh token the
// way docker login does, and failures come back as the kind of problem they are.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { globalAgent } from 'node:https';
import { SignInError } from '../../../client/src/acr/auth/signInError';
import { exchangeForRefreshToken, probeRegistry, refreshTokenForPassword } from '../../../client/src/acr/auth/tokenExchange';
import { AZURE_CLOUDS } from '../../../client/src/acr/cloud/azureClouds';
import { decodeJwtClaims } from '../../../client/src/acr/tokens/jwtClaims';
import { clientSecretCredential } from '../azureClients';
import { startRegistry, type Registry } from '../registry';
import { ACR_AUDIENCE } from '../tokenService';

let registry: Registry;

before(async () => {
  // A registry with "authentication-as-ARM" disabled: only ACR-audience Entra tokens are exchanged.
  registry = await startRegistry({ armAudience: false });
  // The client uses Node's default agent, as in VS Code where NODE_EXTRA_CA_CERTS trusts the test CA.
  globalAgent.options.ca = registry.caPem;
});

after(async () => {
  await registry?.stop();
});

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
