// The Entra ID stand-in's check of certificate client assertions, with assertions made here the way MSAL
// makes them (PS256 and `x5t#S256`; RS256 and `x5t` as older clients do) and each way one can be wrong.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { constants, createHash, createPrivateKey, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClientCertificate, type ClientCertificate } from '../certificates';
import { checkClientAssertion, type AssertionExpectations } from '../clientAssertion';

const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const AUDIENCE = 'https://127.0.0.1:1/tenant/oauth2/v2.0/token';
const NOW = 1_900_000_000;

let dir: string;
let registered: ClientCertificate;
let other: ClientCertificate;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'earthly-acr-assertion-'));
  [registered, other] = await Promise.all([createClientCertificate(dir, 'registered'), createClientCertificate(dir, 'other')]);
});

after(() => rmSync(dir, { recursive: true, force: true }));

const expectations = (): AssertionExpectations => ({ clientId: CLIENT_ID, audience: AUDIENCE, certificates: [registered.certificatePem], now: NOW });
const keyOf = (certificate: ClientCertificate): KeyObject => createPrivateKey(readFileSync(certificate.file, 'utf8'));
const thumbprint = (certificate: ClientCertificate, hash: string): string => createHash(hash).update(new X509Certificate(certificate.certificatePem).raw).digest('base64url');

interface Assertion {
  readonly alg?: 'PS256' | 'RS256';
  readonly named?: ClientCertificate;
  readonly signedBy?: ClientCertificate;
  readonly claims?: Record<string, unknown>;
}

function assertion({ alg = 'PS256', named = registered, signedBy = named, claims = {} }: Assertion = {}): string {
  const header = alg === 'PS256' ? { alg, typ: 'JWT', 'x5t#S256': thumbprint(named, 'sha256') } : { alg, typ: 'JWT', x5t: thumbprint(named, 'sha1') };
  const payload = { aud: AUDIENCE, iss: CLIENT_ID, sub: CLIENT_ID, nbf: NOW - 10, exp: NOW + 600, jti: 'a', ...claims };
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const padding = alg === 'PS256' ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : { padding: constants.RSA_PKCS1_PADDING };
  return `${input}.${sign('sha256', Buffer.from(input), { key: keyOf(signedBy), ...padding }).toString('base64url')}`;
}

const codeOf = (jwt: string): number | undefined => checkClientAssertion(jwt, expectations())?.aadsts;

test('assertions signed by the registered certificate pass, PS256 with x5t#S256 and RS256 with x5t', () => {
  assert.equal(checkClientAssertion(assertion(), expectations()), undefined);
  assert.equal(checkClientAssertion(assertion({ alg: 'RS256' }), expectations()), undefined);
});

test('an unregistered certificate, or a signature by another key, is refused with AADSTS700027', () => {
  assert.equal(codeOf(assertion({ named: other })), 700027);
  assert.equal(codeOf(assertion({ named: registered, signedBy: other })), 700027);
});

test('a wrong issuer or subject, audience, or time range is refused with its code', () => {
  assert.equal(codeOf(assertion({ claims: { iss: 'someone-else' } })), 700021);
  assert.equal(codeOf(assertion({ claims: { sub: 'someone-else' } })), 700021);
  assert.equal(codeOf(assertion({ claims: { aud: 'https://login.microsoftonline.com/tenant/oauth2/v2.0/token' } })), 50027);
  assert.equal(codeOf(assertion({ claims: { exp: NOW - 3600 } })), 700024);
  assert.equal(codeOf(assertion({ claims: { nbf: NOW + 3600 } })), 700024);
  assert.equal(codeOf(assertion({ claims: { exp: 'soon' } })), 700024);
});

test('malformed assertions and other algorithms are refused with AADSTS50027', () => {
  for (const bad of ['', 'a.b', 'not.a.jwt', `${Buffer.from('{"alg":"none"}').toString('base64url')}.e30.`]) assert.equal(codeOf(bad), 50027, bad);
  const hs256 = assertion().replace(/^[^.]+/, Buffer.from(JSON.stringify({ alg: 'HS256', 'x5t#S256': thumbprint(registered, 'sha256') })).toString('base64url'));
  assert.equal(codeOf(hs256), 50027);
});
