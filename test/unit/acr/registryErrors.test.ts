import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyRegistryError, RegistryError, retryAfterSeconds, type FailureContext, type RegistryAction, type RegistryErrorKind } from '../../../client/src/acr/registry/registryErrors';
import { acrBody, restError } from './fakeRegistryData';

const HOST = 'myreg.azurecr.io';
const SIGNED_IN: FailureContext = { loginServer: HOST, operation: 'list the repositories', signedIn: true };
const ANONYMOUS: FailureContext = { ...SIGNED_IN, signedIn: false };
const CHALLENGE = `Bearer realm="https://${HOST}/oauth2/token",service="${HOST}",scope="repository:team/api:delete"`;
const nodeError = (code: string) => Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code });
const abort = () => Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });

interface Case {
  readonly name: string;
  readonly error: unknown;
  readonly context?: FailureContext;
  readonly kind: RegistryErrorKind;
  readonly action: RegistryAction;
  /** Found in the message: the registry's own words where it gave some. */
  readonly says?: RegExp;
}

// Each rule with its twin: the same answer in the other situation, classified otherwise.
const CASES: readonly Case[] = [
  { name: '401 without a sign-in', error: restError(401, { body: acrBody('UNAUTHORIZED', 'authentication required') }), context: ANONYMOUS, kind: 'notSignedIn', action: 'signIn', says: /Sign in to myreg/ },
  { name: '401 with a sign-in (after the renewal)', error: restError(401, { body: acrBody('UNAUTHORIZED', 'authentication required') }), kind: 'unauthorized', action: 'signIn', says: /authentication required/ },
  { name: '401 insufficient_scope', error: restError(401, { headers: { 'WWW-Authenticate': `${CHALLENGE},error="insufficient_scope"` } }), kind: 'missingPermission', action: 'signIn', says: /AcrDelete/ },
  { name: '401 with a plain challenge', error: restError(401, { headers: { 'WWW-Authenticate': CHALLENGE } }), kind: 'unauthorized', action: 'signIn' },
  { name: '403 DENIED (firewall)', error: restError(403, { body: acrBody('DENIED', "client with IP '1.2.3.4' is not allowed access") }), kind: 'forbidden', action: 'retry', says: /client with IP '1\.2\.3\.4'.*firewall/ },
  { name: '404 NAME_UNKNOWN', error: restError(404, { body: acrBody('NAME_UNKNOWN', 'repository name not known to registry') }), kind: 'notFound', action: 'retry', says: /NAME_UNKNOWN\): repository name not known/ },
  { name: '405 locked', error: restError(405, { body: acrBody('REGISTRY_DISALLOWED_OPERATION', 'The operation is disallowed') }), kind: 'locked', action: 'none', says: /locked.*disallowed/ },
  { name: '405 for another reason', error: restError(405, { body: acrBody('UNSUPPORTED', 'method not allowed') }), kind: 'unexpected', action: 'retry', says: /method not allowed/ },
  { name: '429 Retry-After', error: restError(429, { body: acrBody('TOOMANYREQUESTS', 'too many requests'), headers: { 'Retry-After': '7' } }), kind: 'throttled', action: 'retry', says: /Retry in 7 s/ },
  { name: '429 without Retry-After', error: restError(429), kind: 'throttled', action: 'retry', says: /in a moment/ },
  { name: '500', error: restError(500, { body: acrBody('UNKNOWN', 'an internal error occurred') }), kind: 'serverError', action: 'retry', says: /HTTP 500, UNKNOWN\): an internal error/ },
  { name: '503 without a body', error: restError(503), kind: 'serverError', action: 'retry', says: /HTTP 503/ },
  { name: 'connection refused', error: nodeError('ECONNREFUSED'), kind: 'network', action: 'retry', says: /ECONNREFUSED/ },
  { name: 'unknown host', error: nodeError('ENOTFOUND'), kind: 'unknownHost', action: 'openSettings', says: /DNS/ },
  { name: 'connection refused, as the SDK wraps it', error: restError(undefined, { code: 'ECONNRESET' }), kind: 'network', action: 'retry' },
  { name: 'an abort after the time limit', error: abort(), context: { ...SIGNED_IN, timedOutAfterMs: 30_000 }, kind: 'timeout', action: 'retry', says: /within 30 s/ },
  { name: 'an abort by the caller', error: abort(), kind: 'cancelled', action: 'none' },
  { name: 'broken JSON', error: restError(200, { code: 'PARSE_ERROR', body: '{"repositories":["a"' }), kind: 'malformed', action: 'retry', says: /not a registry response/ },
  { name: 'a digest that does not match', error: Object.assign(new Error('Digest of downloaded manifest does not match'), { name: 'DigestMismatchError' }), kind: 'malformed', action: 'retry' },
  { name: 'anything else', error: new TypeError('Cannot read properties of undefined'), kind: 'unexpected', action: 'retry', says: /Cannot read properties/ },
];

for (const c of CASES) {
  test(`classified: ${c.name} -> ${c.kind}`, () => {
    const classified = classifyRegistryError(c.error, c.context ?? SIGNED_IN);
    assert.ok(classified instanceof RegistryError);
    assert.equal(classified.kind, c.kind);
    assert.equal(classified.action, c.action);
    if (c.says) assert.match(classified.message, c.says);
  });
}

test('the details keep the status, the registry\'s code and message, and Retry-After', () => {
  const classified = classifyRegistryError(restError(429, { body: acrBody('TOOMANYREQUESTS', 'too many requests'), headers: { 'Retry-After': '7' } }), SIGNED_IN);
  assert.deepEqual(classified.details, { status: 429, code: 'TOOMANYREQUESTS', registryMessage: 'too many requests', retryAfterSeconds: 7 });
});

test('an error already classified passes through unchanged', () => {
  const classified = classifyRegistryError(restError(500), SIGNED_IN);
  assert.equal(classifyRegistryError(classified, ANONYMOUS), classified);
});

test('Retry-After is seconds or an HTTP date; anything else is no time', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  assert.equal(retryAfterSeconds('120', now), 120);
  assert.equal(retryAfterSeconds('Wed, 01 Jan 2025 00:01:30 GMT', now), 90);
  assert.equal(retryAfterSeconds('Tue, 31 Dec 2024 23:00:00 GMT', now), 0, 'a date in the past: now');
  assert.equal(retryAfterSeconds('soon', now), undefined);
  assert.equal(retryAfterSeconds(undefined, now), undefined);
});
