// Azure Resource Manager's discovery reads with an ARM token from @azure/identity: first as raw requests
// shaped as the SDKs send them (GET with `api-version`, `Accept: application/json`, a bearer token, every
// `nextLink` followed verbatim), then through the explorer's reader, which uses the SDKs themselves
// (@azure/arm-resources-subscriptions and @azure/arm-containerregistry).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { armReader } from '../../../client/src/acr/azure/armRegistries';
import { discoverRegistries } from '../../../client/src/acr/registry/armDiscovery';
import type { ArmRegistry } from '../armResources';
import { clientSecretCredential, servicePrincipal } from '../azureClients';
import { form, httpsRequest, type HttpsReply } from '../httpsRequest';
import { startRegistry, type Registry } from '../registry';
import { ACR_AUDIENCE, DEFAULT_LIFETIMES } from '../tokenService';

const SUBSCRIPTIONS_API = '2022-12-01';
const REGISTRIES_API = '2023-07-01';

let registry: Registry;
let armToken: string;

before(async () => {
  registry = await startRegistry();
  armToken = (await clientSecretCredential(registry).getToken('https://management.azure.com/.default')).token;
});

after(async () => {
  await registry?.stop();
});

/** `token` '' sends no Authorization header. */
function armGet(url: string, token = armToken): Promise<HttpsReply> {
  const headers = { Accept: 'application/json', 'x-ms-client-request-id': randomUUID(), ...(token ? { Authorization: `Bearer ${token}` } : {}) };
  return httpsRequest(url.startsWith('https://') ? url : `${registry.endpoint}${url}`, registry.caPem, { headers });
}

/** Every page of a listing, as the SDKs' `byPage()` walks it. */
async function pages<T>(path: string): Promise<T[][]> {
  const all: T[][] = [];
  for (let url: string | undefined = path; url; ) {
    const reply = await armGet(url);
    assert.equal(reply.status, 200, reply.body.toString('utf8'));
    const { value, nextLink } = reply.json<{ value: T[]; nextLink?: string }>();
    all.push(value);
    url = nextLink;
  }
  return all;
}

const errorCode = (reply: HttpsReply): string => reply.json<{ error: { code: string } }>().error.code;
const registriesPath = (subscriptionId: string): string => `/subscriptions/${subscriptionId}/providers/Microsoft.ContainerRegistry/registries?api-version=${REGISTRIES_API}`;
const registryPath = (r: ArmRegistry): string => `/subscriptions/${r.subscriptionId}/resourceGroups/${r.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${r.name}?api-version=${REGISTRIES_API}`;

test('subscriptions of the token\'s tenant come two to a page, in ARM\'s shape', async () => {
  const listed = await pages<Record<string, unknown>>(`/subscriptions?api-version=${SUBSCRIPTIONS_API}`);
  assert.deepEqual(listed.map((page) => page.length), [2, 1]);
  const firstPage = (await armGet(`/subscriptions?api-version=${SUBSCRIPTIONS_API}`)).json<{ nextLink: string }>();
  assert.ok(firstPage.nextLink.startsWith(`${registry.endpoint}/subscriptions?api-version=${SUBSCRIPTIONS_API}&`), 'an absolute nextLink keeps the api-version');
  const [first] = listed[0]!;
  const expected = registry.arm.subscriptions[0]!;
  assert.equal(first!.id, `/subscriptions/${expected.subscriptionId}`);
  assert.deepEqual([first!.subscriptionId, first!.tenantId, first!.displayName, first!.state], [expected.subscriptionId, registry.directory.tenants[0], 'Contoso Production', 'Enabled']);
});

test('registries of a subscription page with nextLink; this registry is among them with its login server', async () => {
  const production = registry.arm.subscriptions[0]!.subscriptionId;
  const listed = await pages<{ id: string; name: string; type: string; location: string; sku: { name: string }; properties: Record<string, unknown> }>(registriesPath(production));
  assert.deepEqual(listed.map((page) => page.length), [2, 1]);
  const own = listed.flat().find((r) => r.properties.loginServer === registry.loginServer)!;
  assert.equal(own.name, registry.directory.admin!.username);
  assert.equal(own.type, 'Microsoft.ContainerRegistry/registries');
  assert.match(own.id, new RegExp(`^/subscriptions/${production}/resourceGroups/platform/providers/Microsoft.ContainerRegistry/registries/${own.name}$`));
  assert.equal(own.sku.name, 'Basic');
  assert.deepEqual([own.properties.adminUserEnabled, own.properties.provisioningState], [true, 'Succeeded']);
  assert.match(String(own.properties.creationDate), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
  const empty = await pages(registriesPath(registry.arm.subscriptions[2]!.subscriptionId));
  assert.deepEqual(empty, [[]]);
});

test('one registry by its id; a missing registry, resource group or subscription is ARM\'s 404', async () => {
  const own = registry.arm.registries.find((r) => r.loginServer === registry.loginServer)!;
  const reply = await armGet(registryPath(own));
  assert.equal(reply.status, 200);
  assert.equal(reply.json<{ properties: { loginServer: string } }>().properties.loginServer, registry.loginServer);
  assert.equal((await armGet(registryPath({ ...own, name: own.name.toUpperCase(), resourceGroup: 'PLATFORM' }))).status, 200, 'ARM names ignore case');
  const cases: [ArmRegistry, string][] = [
    [{ ...own, name: 'nosuchregistry' }, 'ResourceNotFound'],
    [{ ...own, resourceGroup: 'no-such-group' }, 'ResourceGroupNotFound'],
    [{ ...own, subscriptionId: randomUUID() }, 'SubscriptionNotFound'],
  ];
  for (const [missing, code] of cases) {
    const refused = await armGet(registryPath(missing));
    assert.equal(refused.status, 404);
    assert.equal(errorCode(refused), code);
  }
});

test('only an Entra ID token for ARM is accepted; others get ARM\'s 401 codes', async () => {
  const acrAudience = (await clientSecretCredential(registry).getToken(`${ACR_AUDIENCE}/.default`)).token;
  const acrToken = registry.tokens.issueAccessToken({ subject: 'test', grants: { '*': ['*'] } }, []);
  const sp = servicePrincipal(registry);
  registry.lifetimes.entraAccessToken = 0;
  const expired = await httpsRequest(`${registry.endpoint}/${sp.tenantId}/oauth2/v2.0/token`, registry.caPem, form({
    grant_type: 'client_credentials', client_id: sp.clientId, client_secret: sp.secret, scope: 'https://management.azure.com/.default',
  }));
  registry.lifetimes.entraAccessToken = DEFAULT_LIFETIMES.entraAccessToken;
  const path = `/subscriptions?api-version=${SUBSCRIPTIONS_API}`;
  const cases: [string, string][] = [
    ['', 'AuthenticationFailed'], [acrAudience, 'InvalidAuthenticationTokenAudience'], [acrToken, 'InvalidAuthenticationToken'],
    [expired.json<{ access_token: string }>().access_token, 'ExpiredAuthenticationToken'],
  ];
  for (const [token, code] of cases) {
    const refused = await armGet(path, token);
    assert.equal(refused.status, 401);
    assert.equal(errorCode(refused), code);
    assert.match(String(refused.headers['www-authenticate']), /^Bearer authorization_uri=/);
  }
  const missingVersion = await armGet('/subscriptions');
  assert.deepEqual([missingVersion.status, errorCode(missingVersion)], [400, 'MissingApiVersionParameter']);
});

test('subscriptions, registries and page size change from code and through the control endpoint', async () => {
  const saved = { ...registry.arm };
  try {
    registry.arm.pageSize = 10;
    assert.deepEqual((await pages(registriesPath(registry.arm.subscriptions[0]!.subscriptionId))).map((page) => page.length), [3]);
    const [subscriptionId, foreign] = [randomUUID(), randomUUID()];
    const patch = {
      subscriptions: [
        { subscriptionId, tenantId: registry.directory.tenants[0], displayName: 'Other', state: 'Enabled' },
        { subscriptionId: foreign, tenantId: randomUUID(), displayName: 'Another tenant\'s', state: 'Enabled' },
      ],
      registries: [{ subscriptionId, resourceGroup: 'rg', name: 'other', location: 'westus', sku: 'Standard', loginServer: 'other.azurecr.io', adminUserEnabled: false, creationDate: '2025-01-01T00:00:00.0000000Z' }],
      pageSize: 1,
    };
    const control = (body: unknown) => httpsRequest(`${registry.endpoint}/_emulator/arm`, registry.caPem, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal((await control(patch)).status, 200);
    const names = (await pages<{ name: string }>(registriesPath(subscriptionId))).flat().map((r) => r.name);
    assert.deepEqual(names, ['other']);
    const subscriptions = (await pages<{ subscriptionId: string }>(`/subscriptions?api-version=${SUBSCRIPTIONS_API}`)).flat();
    assert.deepEqual(subscriptions.map((s) => s.subscriptionId), [subscriptionId], 'only the token\'s tenant');
    const wrongTenant = await armGet(registriesPath(foreign));
    assert.deepEqual([wrongTenant.status, errorCode(wrongTenant)], [401, 'InvalidAuthenticationTokenTenant']);
    assert.equal((await control({ registries: [{ name: 'incomplete' }] })).status, 400);
    assert.equal((await control({ pageSize: 0 })).status, 400);
  } finally {
    Object.assign(registry.arm, saved);
  }
});

test('the explorer\'s reader (the ARM SDKs) lists every subscription and registry across pages, grouped and sorted', async () => {
  const reader = armReader({ endpoint: registry.endpoint, audience: 'https://management.azure.com', credential: clientSecretCredential(registry), ca: registry.caPem });
  const [production, development, sandbox] = registry.arm.subscriptions;
  const found = await discoverRegistries([reader], undefined);
  assert.deepEqual(found.subscriptions.map((s) => s.displayName), ['Contoso Development', 'Contoso Production', 'Contoso Sandbox']);
  const namesIn = (subscriptionId: string): string[] => registry.arm.registries.filter((r) => r.subscriptionId === subscriptionId).map((r) => r.name).sort((a, b) => a.localeCompare(b));
  assert.deepEqual(
    found.groups.map((g) => [g.subscription.subscriptionId, g.registries?.map((r) => r.name)]),
    [development!, production!, sandbox!].map((s) => [s.subscriptionId, namesIn(s.subscriptionId)]),
    'by subscription name, each by registry name',
  );
  assert.equal(found.groups[1]!.registries!.length, 3, 'both pages of Contoso Production');
  const own = found.groups.flatMap((g) => g.registries ?? []).find((r) => r.loginServer === registry.loginServer)!;
  assert.equal(own.resourceGroup, 'platform');
  assert.match(own.resourceId, /^\/subscriptions\/[0-9a-f-]+\/resourceGroups\/platform\/providers\/Microsoft\.ContainerRegistry\/registries\//);
  const chosen = await discoverRegistries([reader], new Set([development!.subscriptionId]));
  assert.deepEqual(chosen.groups.map((g) => g.subscription.displayName), ['Contoso Development'], 'only the chosen subscriptions are listed');
  assert.equal(chosen.subscriptions.length, 3, 'the filter still offers every subscription');
});

test('the explorer\'s reader reports ARM\'s refusal of a token for another audience as that subscription list\'s error', async () => {
  const reader = armReader({ endpoint: registry.endpoint, audience: ACR_AUDIENCE, credential: clientSecretCredential(registry), ca: registry.caPem });
  const found = await discoverRegistries([reader], undefined);
  assert.deepEqual(found.groups, []);
  assert.equal(found.errors.length, 1);
  assert.match(String((found.errors[0] as Error).message), /\b401\b/);
});
