import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwtClaims, renewalTime, tokenTimes } from '../../../client/src/acr/tokens/jwtClaims';
import { makeJwt } from './jwt';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

test('claims of an ACR refresh token are read without verifying it', () => {
  const token = makeJwt({ exp: 4670422912, iat: 4670411212, nbf: 4670411212, sub: 'user@example.com', aud: 'myreg.azurecr.io', tenant: 't', roles: [] });
  assert.deepEqual(decodeJwtClaims(token), { exp: 4670422912, iat: 4670411212, nbf: 4670411212, sub: 'user@example.com', aud: 'myreg.azurecr.io', tenant: 't' });
  assert.deepEqual(decodeJwtClaims('sanitized.eyJleHAiOjg2NDAwMDAwMDAwMDB9.sanitized'), { exp: 8640000000000 });
});

test('claims of the wrong type are left out', () => {
  assert.deepEqual(decodeJwtClaims(makeJwt({ exp: '123', iat: null, sub: 42 })), {});
});

test('garbage never throws', () => {
  const part = (text: string) => Buffer.from(text).toString('base64url');
  for (const input of ['', 'abc', 'a.b', 'a.b.c.d', '..', `x.${part('not json')}.y`, `x.${part('[1]')}.y`, `x.${part('null')}.y`, `x.${part('7')}.y`, 'x.%%%.y']) {
    assert.equal(decodeJwtClaims(input), undefined, input);
  }
});

test('token times are epoch milliseconds and need exp', () => {
  assert.deepEqual(tokenTimes(makeJwt({ exp: 200, iat: 100 })), { issuedAt: 100_000, expiresAt: 200_000 });
  assert.deepEqual(tokenTimes(makeJwt({ exp: 200 })), { expiresAt: 200_000 });
  assert.equal(tokenTimes(makeJwt({ iat: 100 })), undefined);
});

test('a three-hour token renews at 75% of its life', () => {
  const issued = 1_000 * HOUR;
  assert.equal(renewalTime(issued, issued + 3 * HOUR, issued), issued + 2.25 * HOUR);
});

test('a short token renews 15 minutes before it expires when that is sooner', () => {
  const issued = 1_000 * HOUR;
  assert.equal(renewalTime(issued, issued + 40 * MINUTE, issued), issued + 25 * MINUTE);
});

test('a token shorter than 30 minutes renews at half its life, so renewals never follow each other at once', () => {
  const issued = 1_000 * HOUR;
  assert.equal(renewalTime(issued, issued + 20 * MINUTE, issued), issued + 10 * MINUTE);
  assert.equal(renewalTime(issued, issued + 10 * MINUTE, issued), issued + 5 * MINUTE);
  assert.equal(renewalTime(issued, issued + 12_000, issued), issued + 6_000);
});

test('the renewal time is never in the past', () => {
  const issued = 1_000 * HOUR;
  const late = issued + 2.5 * HOUR;
  assert.equal(renewalTime(issued, issued + 3 * HOUR, late), late);
  assert.equal(renewalTime(issued, issued - HOUR, issued), issued);
});

test('without a usable issue time the life counts from now', () => {
  const now = 1_000 * HOUR;
  assert.equal(renewalTime(undefined, now + 2 * HOUR, now), now + 1.5 * HOUR);
  assert.equal(renewalTime(now + 5 * HOUR, now + 2 * HOUR, now), now + 1.5 * HOUR);
});
