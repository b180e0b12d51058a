import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeError, redact } from '../../../client/src/acr/tokens/redact';
import { makeJwt } from './jwt';

const token = makeJwt({ exp: 4670422912, sub: 'user' });

test('JWTs are masked wherever they appear', () => {
  assert.equal(redact(`token ${token} expired`), 'token *** expired');
  assert.equal(redact('a sanitized.eyJleHAiOjg2NDAwMDAwMDAwMDB9.sanitized b'), 'a *** b');
  assert.equal(redact(`"${token}"`), '"***"');
});

test('secret-valued fields are masked in JSON and forms', () => {
  assert.equal(
    redact('{"auth":"MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwOg==", "identitytoken": "opaque-value", "email": "a@b"}'),
    '{"auth":"***", "identitytoken": "***", "email": "a@b"}',
  );
  assert.equal(redact('{"ServerURL":"r.io","Username":"<token>","Secret":"s3cr3t-value"}'), '{"ServerURL":"r.io","Username":"<token>","Secret":"***"}');
  assert.equal(
    redact('grant_type=refresh_token&service=r.io&refresh_token=abc.def&password=hunter22'),
    'grant_type=refresh_token&service=r.io&refresh_token=***&password=***',
  );
});

test('Authorization credentials are masked but challenges are kept', () => {
  assert.equal(redact('Authorization: Basic MDAwMDAwMDAtMDAwMC0wMDAw'), 'Authorization: Basic ***');
  assert.equal(redact('Authorization: Bearer abcdefghijklmnopqrstuvwxyz'), 'Authorization: Bearer ***');
  const challenge = 'WWW-Authenticate: Bearer realm="https://r.io/oauth2/token",service="r.io"';
  assert.equal(redact(challenge), challenge);
});

test('known secrets are masked and ordinary text is kept', () => {
  assert.equal(redact('the admin key is Zx9-opaque-key!', ['Zx9-opaque-key']), 'the admin key is ***!');
  assert.equal(redact('short ab', ['ab']), 'short ab');
  const plain = 'Cannot write /home/me/.docker/config.json: myreg.azurecr.io (EACCES)';
  assert.equal(redact(plain), plain);
});

test('error descriptions are redacted', () => {
  assert.equal(describeError(new Error(`bad ${token}`)), 'bad ***');
  assert.equal(describeError('plain', []), 'plain');
});
