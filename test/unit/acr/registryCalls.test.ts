import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RegistryCalls } from '../../../client/src/acr/registry/registryCalls';
import { RegistryError } from '../../../client/src/acr/registry/registryErrors';
import { RequestLimit } from '../../../client/src/acr/registry/requestLimit';
import { acrBody, FakeCredentials, FakeRegistryData, restError } from './fakeRegistryData';

const HOST = 'myreg.azurecr.io';
const REPOSITORIES = ['a', 'b', 'c'];
const unauthorized = () => restError(401, { body: acrBody('UNAUTHORIZED', 'authentication required') });
const kind = (expected: string) => (error: unknown) => error instanceof RegistryError && error.kind === expected;

/** `null`: no credentials at all (anonymous). */
function setUp(credentials: FakeCredentials | null = new FakeCredentials('refresh-token'), timeoutMs?: number) {
  const data = new FakeRegistryData([...REPOSITORIES]);
  const calls = new RegistryCalls({ loginServer: HOST, data, ...(credentials ? { credentials } : {}), ...(timeoutMs ? { timeoutMs } : {}) });
  return { data, calls, credentials };
}

test('the sign-in is checked for freshness before every call', async () => {
  const { calls, credentials } = setUp();
  await calls.listRepositories({ pageSize: 2 });
  await calls.untag('a', 'v1');
  assert.equal(credentials!.ensured, 2);
  assert.equal(credentials!.renewals, 0);
});

test('a 401 is retried once, silently, after renewing the token', async () => {
  const { data, calls, credentials } = setUp();
  data.failures.push(unauthorized());
  assert.deepEqual((await calls.listRepositories({ pageSize: 2 })).items, ['a', 'b']);
  assert.equal(credentials!.renewals, 1);
  assert.deepEqual(data.requests, ['listRepositories ', 'listRepositories ']);
});

test('a second 401 is not retried again: sign in', async () => {
  const { data, calls, credentials } = setUp();
  data.failures.push(unauthorized(), unauthorized());
  await assert.rejects(calls.listRepositories({ pageSize: 2 }), (error: unknown) => kind('unauthorized')(error) && (error as RegistryError).action === 'signIn');
  assert.equal(credentials!.renewals, 1);
  assert.equal(data.requests.length, 2);
});

test('a 401 without a sign-in says to sign in, and renews nothing', async () => {
  for (const credentials of [new FakeCredentials(undefined), null]) {
    const { data, calls } = setUp(credentials);
    data.failures.push(unauthorized());
    await assert.rejects(calls.listRepositories({ pageSize: 2 }), kind('notSignedIn'));
    assert.equal(credentials?.renewals ?? 0, 0);
    assert.equal(data.requests.length, 1);
  }
});

test('a missing permission (401 insufficient_scope) is not retried: renewing gives no role', async () => {
  const { data, calls, credentials } = setUp();
  data.failures.push(restError(401, { headers: { 'WWW-Authenticate': 'Bearer realm="r",service="s",scope="repository:a:delete",error="insufficient_scope"' } }));
  await assert.rejects(calls.deleteRepository('a'), kind('missingPermission'));
  assert.equal(credentials!.renewals, 0);
});

test('a sign-in that cannot be renewed fails the call before it is sent', async () => {
  const { data, calls, credentials } = setUp();
  credentials!.ensureFreshFailure = new Error('The credentials for myreg.azurecr.io have expired and could not be renewed: AADSTS7000222');
  await assert.rejects(calls.listRepositories({ pageSize: 2 }), (error: unknown) => kind('unauthorized')(error) && /AADSTS7000222/.test((error as Error).message));
  assert.deepEqual(data.requests, []);
});

test('every other failure arrives classified, never as an empty page', async () => {
  const { data, calls } = setUp();
  data.failures.push(restError(500, { body: acrBody('UNKNOWN', 'an internal error occurred') }));
  await assert.rejects(calls.listTags('a', { pageSize: 2 }), (error: unknown) => kind('serverError')(error) && /list the tags of a/.test((error as Error).message));
});

test('a call that outlives its time limit is a timeout; one its caller aborts is cancelled', async () => {
  const { data, calls } = setUp(new FakeCredentials('refresh-token'), 50);
  data.hold = new Promise(() => undefined);
  await assert.rejects(calls.listRepositories({ pageSize: 2 }), kind('timeout'));
  const controller = new AbortController();
  const listing = calls.listRepositories({ pageSize: 2, signal: controller.signal });
  controller.abort();
  await assert.rejects(listing, kind('cancelled'));
});

test('a next-page link back to the same page is a malformed answer, not an endless list', async () => {
  const { data, calls } = setUp();
  data.continuationOverride = (request) => request.continuation ?? 'loop';
  assert.equal((await calls.listRepositories({ pageSize: 1 })).continuation, 'loop');
  await assert.rejects(calls.listRepositories({ pageSize: 1, continuation: 'loop' }), kind('malformed'));
});

test('all lists of a registry share one limit of four requests in flight', async () => {
  const limit = new RequestLimit();
  const data = new FakeRegistryData([...REPOSITORIES], { a: [], b: [] });
  const [first, second] = [0, 1].map(() => new RegistryCalls({ loginServer: HOST, data, limit }));
  let release!: () => void;
  data.hold = new Promise((resolve) => (release = resolve));
  const pending = [
    ...Array.from({ length: 3 }, () => first!.listTags('a', { pageSize: 2 })),
    ...Array.from({ length: 3 }, () => second!.listTags('b', { pageSize: 2 })),
  ];
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(data.active, 4);
  data.hold = undefined;
  release();
  await Promise.all(pending);
  assert.equal(data.mostActive, 4);
  assert.equal(data.requests.length, 6);
});
