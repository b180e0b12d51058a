// Where the Registries view's rows come from: settings, sign-ins, Earthfiles and Azure, merged per login
// server, Azure's grouped by subscription; and each Azure registry's portal page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AzureRegistry, SubscriptionRegistries } from '../../../client/src/acr/registry/armDiscovery';
import { mergeRegistries, portalUrl, sourcesText } from '../../../client/src/acr/registry/registrySources';

const azure = (name: string, subscriptionId: string): AzureRegistry => ({
  name,
  loginServer: `${name}.azurecr.io`,
  subscriptionId,
  resourceGroup: 'rg',
  resourceId: `/subscriptions/${subscriptionId}/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/${name}`,
});
const group = (subscriptionId: string, displayName: string, registries?: AzureRegistry[], error?: unknown): SubscriptionRegistries => ({
  subscription: { subscriptionId, displayName },
  ...(registries ? { registries } : {}),
  ...(error !== undefined ? { error } : {}),
});

test('one row per login server, naming all its sources, sorted', () => {
  const listing = mergeRegistries({
    settings: ['zeta.azurecr.io', 'MyReg.azurecr.io', '127.0.0.1:5000'],
    signedIn: ['myreg.azurecr.io', 'other.azurecr.cn'],
    earthfile: ['myreg.azurecr.io', 'docker.io', 'ghcr.io', 'fromfile.azurecr.us', '127.0.0.1:5000'],
    azure: [],
  });
  assert.deepEqual(
    listing.registries.map((r) => `${r.loginServer}: ${sourcesText(r.sources)}`),
    ['127.0.0.1:5000: settings, Earthfile', 'fromfile.azurecr.us: Earthfile', 'myreg.azurecr.io: settings, signed in, Earthfile', 'other.azurecr.cn: signed in', 'zeta.azurecr.io: settings'],
  );
  assert.deepEqual(listing.subscriptions, []);
});

test('Azure registries are grouped by subscription, with the sources they share with other lists; a failed subscription keeps its error', () => {
  const failure = new Error('AuthorizationFailed');
  const listing = mergeRegistries({
    settings: ['prod.azurecr.io', 'other.azurecr.io'],
    signedIn: [],
    earthfile: ['dev.azurecr.io'],
    azure: [group('s1', 'Development', [azure('dev', 's1'), azure('tools', 's1')]), group('s3', 'Locked down', undefined, failure), group('s2', 'Production', [azure('prod', 's2')])],
  });
  assert.deepEqual(listing.registries.map((r) => r.loginServer), ['other.azurecr.io']);
  assert.deepEqual(
    listing.subscriptions.map((s) => [s.subscriptionName, s.registries.map((r) => `${r.loginServer}: ${sourcesText(r.sources)}`), s.error]),
    [
      ['Development', ['dev.azurecr.io: Earthfile, Azure', 'tools.azurecr.io: Azure'], undefined],
      ['Locked down', [], failure],
      ['Production', ['prod.azurecr.io: settings, Azure'], undefined],
    ],
  );
  assert.equal(listing.subscriptions[2]!.registries[0]!.azure?.resourceId, azure('prod', 's2').resourceId);
});

test('the portal page of an Azure registry: its resource when known, else the list of registries', () => {
  const prod = azure('prod', 's2');
  assert.equal(portalUrl('prod.azurecr.io', prod), `https://portal.azure.com/#resource${prod.resourceId}/overview`);
  assert.equal(portalUrl('prod.azurecr.cn'), 'https://portal.azure.cn/#browse/Microsoft.ContainerRegistry%2Fregistries');
  assert.equal(portalUrl('127.0.0.1:5000'), undefined);
  assert.equal(portalUrl('ghcr.io'), undefined);
});
