import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CredentialError } from '../../client/src/acr/credentials/credentialError';
import { eraseWithHelper, getFromHelper, IDENTITY_TOKEN_USERNAME, storeWithHelper } from '../../client/src/acr/credentials/credentialHelper';
import { assertNoSecret, makeSandbox, refreshToken } from './sandbox';

const skip = process.platform === 'win32' ? 'the stand-in helpers are shell scripts' : false;
const HOST = 'myreg.azurecr.io';

test('store, get and erase speak the helper protocol with the secret only on stdin', { skip }, async () => {
  const box = makeSandbox();
  try {
    box.installHelper('keychain');
    const options = { env: box.host.env };
    const token = refreshToken();
    await storeWithHelper('keychain', { serverURL: HOST, username: IDENTITY_TOKEN_USERNAME, secret: token }, options);
    assert.deepEqual(await getFromHelper('keychain', HOST, options), { serverURL: HOST, username: '<token>', secret: token });
    await eraseWithHelper('keychain', HOST, options);
    assert.equal(await getFromHelper('keychain', HOST, options), undefined);
    await eraseWithHelper('keychain', HOST, options);
    assert.deepEqual(box.helperCalls('keychain'), [
      `store {"ServerURL":"${HOST}","Username":"<token>","Secret":"${token}"}`,
      `get ${HOST}`,
      `erase ${HOST}`,
      `get ${HOST}`,
      `erase ${HOST}`,
    ]);
  } finally {
    box.cleanUp();
  }
});

test('a helper missing from PATH is named in the error', { skip }, async () => {
  const box = makeSandbox();
  try {
    const error = await storeWithHelper('absent', { serverURL: HOST, username: '<token>', secret: 'x' }, { env: box.host.env }).catch((e: unknown) => e);
    assert.ok(error instanceof CredentialError && error.code === 'helperMissing');
    assert.equal(error.message, 'The credential helper docker-credential-absent was not found on PATH.');
  } finally {
    box.cleanUp();
  }
});

test('a helper name with a path in it is refused', async () => {
  const error = await getFromHelper('../../bin/sh', HOST).catch((e: unknown) => e);
  assert.ok(error instanceof CredentialError && error.code === 'helperMissing');
});

test('a failing helper is reported with its message, without the secret it echoed', { skip }, async () => {
  const box = makeSandbox();
  try {
    box.installHelper('echo', 'echoesRequest');
    const token = refreshToken();
    const error = await storeWithHelper('echo', { serverURL: HOST, username: '<token>', secret: token }, { env: box.host.env }).catch((e: unknown) => e);
    assert.ok(error instanceof CredentialError && error.code === 'helperFailed');
    assert.match(error.message, /^docker-credential-echo store failed: cannot store \{"ServerURL":"myreg.azurecr.io","Username":"<token>","Secret":"\*\*\*"\}$/);
    assertNoSecret(error, token);
  } finally {
    box.cleanUp();
  }
});

test('wincred failing with "stub received bad data" is explained as the size limit', { skip }, async () => {
  const box = makeSandbox();
  try {
    box.installHelper('wincred', 'stubReceivedBadData');
    const token = refreshToken();
    const error = await storeWithHelper('wincred', { serverURL: HOST, username: '<token>', secret: token }, { env: box.host.env }).catch((e: unknown) => e);
    assert.ok(error instanceof CredentialError && error.code === 'tokenTooLarge');
    assert.match(error.message, /Windows Credential Manager \(docker-credential-wincred\) cannot hold this registry's token: it is \d+ bytes and Windows allows at most 2560\./);
    assertNoSecret(error, token);
    assert.equal(box.helperCalls('wincred').length, 1);
  } finally {
    box.cleanUp();
  }
});

test('a token over 2560 bytes is not even offered to wincred', { skip }, async () => {
  const box = makeSandbox();
  try {
    box.installHelper('wincred');
    const token = refreshToken('x'.repeat(2600));
    const error = await storeWithHelper('wincred', { serverURL: HOST, username: '<token>', secret: token }, { env: box.host.env }).catch((e: unknown) => e);
    assert.ok(error instanceof CredentialError && error.code === 'tokenTooLarge');
    assertNoSecret(error, token);
    assert.deepEqual(box.helperCalls('wincred'), []);
  } finally {
    box.cleanUp();
  }
});

test('a helper that does not answer times out', { skip }, async () => {
  const box = makeSandbox();
  try {
    box.installHelper('stuck', 'hangs');
    const started = Date.now();
    const error = await storeWithHelper('stuck', { serverURL: HOST, username: '<token>', secret: 'x' }, { env: box.host.env, timeoutMs: 200 }).catch(
      (e: unknown) => e,
    );
    assert.ok(error instanceof CredentialError && error.code === 'helperTimeout');
    assert.ok(Date.now() - started < 3000);
  } finally {
    box.cleanUp();
  }
});
