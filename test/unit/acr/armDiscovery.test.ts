import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discoverRegistries, resourceGroupOf, type ArmReader, type AzureRegistry, type AzureSubscription } from '../../../client/src/acr/registry/armDiscovery';

const subscription = (subscriptionId: string, displayName: string): AzureSubscription => ({ subscriptionId, displayName });
const registry = (subscriptionId: string, name: string): AzureRegistry => ({
  name, loginServer: `${name}.azurecr.io`, subscriptionId, resourceGroup: 'rg', resourceId: `/subscriptions/${subscriptionId}/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/${name}`,
});

/** A sign-in that sees `subscriptions`, each with the registries `registries` names (an Error: that listing fails). */
function reader(subscriptions: AzureSubscription[] | Error, registries: Record<string, string[] | Error>, log: string[] = []): ArmReader {
  return {
    async subscriptions() {
      if (subscriptions instanceof Error) throw subscriptions;
      return subscriptions;
    },
    async registries(id) {
      log.push(id);
      const names = registries[id];
      if (names instanceof Error) throw names;
      return (names ?? []).map((name) => registry(id, name));
    },
  };
}

test('subscriptions of every sign-in merge by id; each is listed once, by the first sign-in that sees it', async () => {
  const firstLog: string[] = [];
  const secondLog: string[] = [];
  const found = await discoverRegistries(
    [
      reader([subscription('s1', 'Production'), subscription('s2', 'Development')], { s1: ['zeta', 'alpha'], s2: ['dev'] }, firstLog),
      reader([subscription('s2', 'Development'), subscription('s3', 'Another tenant')], { s3: ['other'] }, secondLog),
    ],
    undefined,
  );
  assert.deepEqual(found.subscriptions.map((s) => s.displayName), ['Another tenant', 'Development', 'Production']);
  assert.deepEqual(found.groups.map((g) => [g.subscription.displayName, g.registries?.map((r) => r.name)]), [
    ['Another tenant', ['other']],
    ['Development', ['dev']],
    ['Production', ['alpha', 'zeta']],
  ]);
  assert.deepEqual([firstLog.sort(), secondLog], [['s1', 's2'], ['s3']]);
  assert.deepEqual(found.errors, []);
});

test('a sign-in that cannot list subscriptions and a subscription that cannot list registries keep their errors; the rest is listed', async () => {
  const refused = new Error('401 InvalidAuthenticationToken');
  const throttled = new Error('429 Too Many Requests');
  const found = await discoverRegistries([reader(refused, {}), reader([subscription('s1', 'Production'), subscription('s2', 'Busy')], { s1: ['prod'], s2: throttled })], undefined);
  assert.deepEqual(found.errors, [refused]);
  assert.deepEqual(found.groups.map((g) => [g.subscription.displayName, g.registries?.map((r) => r.name), g.error]), [
    ['Busy', undefined, throttled],
    ['Production', ['prod'], undefined],
  ]);
});

test('only the chosen subscriptions are listed, at most four at a time; every subscription stays on offer', async () => {
  let running = 0;
  let most = 0;
  const subscriptions = Array.from({ length: 10 }, (_, i) => subscription(`s${i}`, `Subscription ${i}`));
  const slow: ArmReader = {
    subscriptions: async () => subscriptions,
    async registries(id) {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return [registry(id, `r${id}`)];
    },
  };
  const all = await discoverRegistries([slow], undefined);
  assert.equal(all.groups.length, 10);
  assert.equal(most, 4);
  const chosen = await discoverRegistries([slow], new Set(['s3', 's7', 'missing']));
  assert.deepEqual(chosen.groups.map((g) => g.subscription.subscriptionId), ['s3', 's7']);
  assert.equal(chosen.subscriptions.length, 10);
});

test('an aborted discovery rejects and never starts the queued listings', async () => {
  const controller = new AbortController();
  const listed: string[] = [];
  const subscriptions = Array.from({ length: 8 }, (_, i) => subscription(`s${i}`, `S${i}`));
  const found = discoverRegistries(
    [
      {
        subscriptions: async () => subscriptions,
        async registries(id) {
          listed.push(id);
          controller.abort();
          return [];
        },
      },
    ],
    undefined,
    controller.signal,
  );
  await assert.rejects(found, { name: 'AbortError' });
  assert.equal(listed.length, 4, 'the four already running finish; the queued four never start');
});

test('the resource group comes from the resource id, whatever its case', () => {
  assert.equal(resourceGroupOf('/subscriptions/1/resourceGroups/platform/providers/Microsoft.ContainerRegistry/registries/r'), 'platform');
  assert.equal(resourceGroupOf('/subscriptions/1/resourcegroups/Mixed-Case/providers/x'), 'Mixed-Case');
  assert.equal(resourceGroupOf('not an id'), '');
});
