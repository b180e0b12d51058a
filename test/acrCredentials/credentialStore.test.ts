import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CredentialError } from '../../client/src/acr/credentials/credentialError';
import { eraseRegistryCredential, readRegistryCredential, storeRegistryCredential } from '../../client/src/acr/credentials/credentialStore';
import { TOKEN_LOGIN_AUTH } from '../../client/src/acr/credentials/dockerConfig';
import { assertNoSecret, makeSandbox, refreshToken, runUnprivileged, writeText, type Sandbox } from './sandbox';

const skip = process.platform === 'win32' ? 'POSIX modes and shell-script helpers' : false;
const HOST = 'myreg.azurecr.io';

/** A config as docker writes it, with other registries and keys this extension knows nothing about. */
const DOCKER_WRITTEN = [
  '{',
  '\t"auths": {',
  '\t\t"ghcr.io": {',
  '\t\t\t"auth": "dXNlcjpwYXNz"',
  '\t\t},',
  '\t\t"other.azurecr.io": {}',
  '\t},',
  '\t"HttpHeaders": {',
  '\t\t"X-Meta": "\\u003cteam\\u003e"',
  '\t},',
  '\t"currentContext": "desktop-linux",',
  '\t"aFutureKey": {',
  '\t\t"nested": [',
  '\t\t\t1,',
  '\t\t\ttrue',
  '\t\t]',
  '\t}',
  '}',
].join('\n');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads the JSON it checks freely
function config(box: Sandbox): { [key: string]: any } {
  return JSON.parse(readFileSync(box.configFile, 'utf8'));
}

async function withSandbox(run: (box: Sandbox) => Promise<void>): Promise<void> {
  const box = makeSandbox();
  try {
    await run(box);
  } finally {
    box.cleanUp();
  }
}

test('without a helper the token goes into config.json like docker login, keeping everything else', { skip }, () =>
  withSandbox(async (box) => {
    const before = writeText(box.configFile, DOCKER_WRITTEN, 0o640);
    const token = refreshToken();
    const { record, warnings } = await storeRegistryCredential(HOST, token, { host: box.host });
    assert.deepEqual(record, { loginServer: HOST, places: [{ kind: 'dockerConfig', file: box.configFile }] });
    assert.deepEqual(warnings, []);
    const after = config(box);
    assert.deepEqual(after.auths[HOST], { auth: TOKEN_LOGIN_AUTH, identitytoken: token });
    const { [HOST]: _ours, ...others } = after.auths;
    assert.deepEqual({ ...after, auths: others }, JSON.parse(before));
    assert.equal(statSync(box.configFile).mode & 0o777, 0o640);
    assert.equal(await readRegistryCredential(HOST, { host: box.host }), token);

    await eraseRegistryCredential(record, { host: box.host });
    assert.equal(readFileSync(box.configFile, 'utf8'), before, 'logout restores the file byte for byte');
    assert.equal(await readRegistryCredential(HOST, { host: box.host }), undefined);
  }),
);

test('a missing config is created with mode 0600 in a new 0700 folder', { skip }, () =>
  withSandbox(async (box) => {
    const token = refreshToken();
    const { record } = await storeRegistryCredential(HOST, token, { host: box.host });
    assert.equal(statSync(box.configFile).mode & 0o777, 0o600);
    assert.equal(statSync(join(box.configFile, '..')).mode & 0o777, 0o700);
    assert.equal(readFileSync(box.configFile, 'utf8'), `{\n\t"auths": {\n\t\t"${HOST}": {\n\t\t\t"auth": "${TOKEN_LOGIN_AUTH}",\n\t\t\t"identitytoken": "${token}"\n\t\t}\n\t}\n}`);
    await eraseRegistryCredential(record, { host: box.host });
    assert.deepEqual(config(box), { auths: {} });
  }),
);

test('credsStore sends the token to its helper as <token> and leaves an empty entry in config.json', { skip }, () =>
  withSandbox(async (box) => {
    box.installHelper('keychain');
    const before = writeText(box.configFile, DOCKER_WRITTEN.replace('"currentContext"', '"credsStore": "keychain",\n\t"currentContext"'));
    const token = refreshToken();
    const { record } = await storeRegistryCredential(HOST, token, { host: box.host });
    assert.deepEqual(record.places, [{ kind: 'credentialHelper', helper: 'keychain', dockerConfig: box.configFile }]);
    assert.deepEqual(box.helperCalls('keychain'), [`store {"ServerURL":"${HOST}","Username":"<token>","Secret":"${token}"}`]);
    assert.deepEqual(config(box).auths[HOST], {});
    assert.ok(!readFileSync(box.configFile, 'utf8').includes(token));
    assert.equal(await readRegistryCredential(HOST, { host: box.host }), token);

    await eraseRegistryCredential(record, { host: box.host });
    assert.equal(box.helperCalls('keychain').at(-1), `erase ${HOST}`);
    assert.equal(readFileSync(box.configFile, 'utf8'), before);
    assert.equal(await readRegistryCredential(HOST, { host: box.host }), undefined);
  }),
);

test('credHelpers for the registry wins over credsStore', { skip }, () =>
  withSandbox(async (box) => {
    box.installHelper('store');
    box.installHelper('special');
    writeText(box.configFile, JSON.stringify({ credsStore: 'store', credHelpers: { [HOST]: 'special', 'ghcr.io': 'store' } }));
    const { record } = await storeRegistryCredential(HOST, refreshToken(), { host: box.host });
    assert.deepEqual(record.places, [{ kind: 'credentialHelper', helper: 'special', dockerConfig: box.configFile }]);
    assert.equal(box.helperCalls('special').length, 1);
    assert.deepEqual(box.helperCalls('store'), []);
  }),
);

test('an empty credHelpers entry keeps the registry in the file despite credsStore', { skip }, () =>
  withSandbox(async (box) => {
    box.installHelper('wincred');
    writeText(box.configFile, JSON.stringify({ credsStore: 'wincred', credHelpers: { [HOST]: '' } }));
    const { record } = await storeRegistryCredential(HOST, refreshToken('x'.repeat(3000)), { host: box.host });
    assert.deepEqual(record.places, [{ kind: 'dockerConfig', file: box.configFile }]);
    assert.deepEqual(box.helperCalls('wincred'), []);
  }),
);

test('invalid JSON is refused: nothing is written and no helper runs', { skip }, () =>
  withSandbox(async (box) => {
    box.installHelper('keychain');
    const before = writeText(box.configFile, '{"credsStore": "keychain", "auths": {');
    const token = refreshToken();
    const error = await storeRegistryCredential(HOST, token, { host: box.host }).catch((e: unknown) => e);
    assert.ok(error instanceof CredentialError && error.code === 'invalidConfig');
    assert.ok(error.message.includes(box.configFile));
    assertNoSecret(error, token);
    assert.equal(readFileSync(box.configFile, 'utf8'), before);
    assert.deepEqual(box.helperCalls('keychain'), []);
  }),
);

test('credential keys of the wrong type are refused the same way', () =>
  withSandbox(async (box) => {
    const before = writeText(box.configFile, '{"auths": ["myreg.azurecr.io"]}');
    const error = await storeRegistryCredential(HOST, refreshToken(), { host: box.host }).catch((e: unknown) => e);
    assert.ok(error instanceof CredentialError && error.code === 'invalidConfig');
    assert.match(error.message, /"auths"/);
    assert.equal(readFileSync(box.configFile, 'utf8'), before);
  }),
);

test('a read-only docker folder fails with a clear message', { skip }, () =>
  withSandbox(async (box) => {
    const before = writeText(box.configFile, DOCKER_WRITTEN, 0o644);
    const folder = join(box.configFile, '..');
    chmodSync(folder, 0o555);
    const token = refreshToken();
    const error = await runUnprivileged(() => storeRegistryCredential(HOST, token, { host: box.host })).catch((e: unknown) => e);
    chmodSync(folder, 0o755);
    assert.ok(error instanceof CredentialError && error.code === 'fileAccess');
    assert.equal(error.message, `Cannot write ${box.configFile}: the folder ${folder} is read-only or not writable by you (EACCES).`);
    assertNoSecret(error, token);
    assert.equal(readFileSync(box.configFile, 'utf8'), before);
  }),
);

test('wincred refusing the token explains the size limit and how to keep the token in the file', { skip }, () =>
  withSandbox(async (box) => {
    box.installHelper('wincred', 'stubReceivedBadData');
    const before = writeText(box.configFile, JSON.stringify({ auths: {}, credsStore: 'wincred' }));
    const token = refreshToken();
    const error = await storeRegistryCredential(HOST, token, { host: box.host }).catch((e: unknown) => e);
    assert.ok(error instanceof CredentialError && error.code === 'tokenTooLarge');
    assert.ok(error.message.includes(`Remove "credsStore": "wincred" from ${box.configFile}, or add "credHelpers": { "${HOST}": "" } to it`));
    assertNoSecret(error, token);
    assert.equal(readFileSync(box.configFile, 'utf8'), before);
  }),
);

test('a helper missing from PATH names the setting that chose it', { skip }, () =>
  withSandbox(async (box) => {
    writeText(box.configFile, JSON.stringify({ credHelpers: { [HOST]: 'acr-env' } }));
    const error = await storeRegistryCredential(HOST, refreshToken(), { host: box.host }).catch((e: unknown) => e);
    assert.ok(error instanceof CredentialError && error.code === 'helperMissing');
    assert.equal(
      error.message,
      `The credential helper docker-credential-acr-env was not found on PATH. It is named by "credHelpers" in ${box.configFile}; install it or change that setting.`,
    );
  }),
);

test('podman and skopeo auth.json is written when asked and erased with the rest', { skip }, () =>
  withSandbox(async (box) => {
    const authBefore = writeText(box.authFile, '{\n\t"auths": {\n\t\t"quay.io": {\n\t\t\t"auth": "dTpw"\n\t\t}\n\t}\n}');
    const token = refreshToken();
    const { record, warnings } = await storeRegistryCredential(HOST, token, { host: box.host, containersAuth: true });
    assert.deepEqual(warnings, []);
    assert.deepEqual(record.places, [
      { kind: 'dockerConfig', file: box.configFile },
      { kind: 'containersAuth', file: box.authFile },
    ]);
    assert.deepEqual(JSON.parse(readFileSync(box.authFile, 'utf8')).auths[HOST], { auth: TOKEN_LOGIN_AUTH, identitytoken: token });
    await eraseRegistryCredential(record, { host: box.host });
    assert.equal(readFileSync(box.authFile, 'utf8'), authBefore);
    assert.deepEqual(config(box).auths, {});
  }),
);

test('a failure with auth.json is a warning; docker is still signed in', { skip }, () =>
  withSandbox(async (box) => {
    writeText(box.authFile, 'not json');
    const token = refreshToken();
    const { record, warnings } = await storeRegistryCredential(HOST, token, { host: box.host, containersAuth: true });
    assert.deepEqual(record.places, [{ kind: 'dockerConfig', file: box.configFile }]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^Podman and skopeo were not signed in to myreg.azurecr.io: .*auth.json is not a valid JSON object/);
    assert.ok(!warnings[0].includes(token));
  }),
);

test('logout leaves entries written by others, and a file that is gone stays gone', { skip }, () =>
  withSandbox(async (box) => {
    const { record } = await storeRegistryCredential(HOST, refreshToken(), { host: box.host });
    // Someone signs in to the same registry with a password after us.
    const replaced = writeText(box.configFile, JSON.stringify({ auths: { [HOST]: { auth: 'YWRtaW46cHc=' } } }));
    await eraseRegistryCredential(record, { host: box.host });
    assert.equal(readFileSync(box.configFile, 'utf8'), replaced);
    const { rmSync } = await import('node:fs');
    rmSync(box.configFile);
    await eraseRegistryCredential(record, { host: box.host });
    assert.ok(!existsSync(box.configFile));
  }),
);

test('logout tries every place and reports what failed, without secrets', { skip }, () =>
  withSandbox(async (box) => {
    box.installHelper('keychain');
    writeText(box.configFile, JSON.stringify({ credsStore: 'keychain' }));
    const token = refreshToken();
    const { record } = await storeRegistryCredential(HOST, token, { host: box.host, containersAuth: true });
    writeText(box.configFile, `{"credsStore": "keychain", "broken": "${token}`);
    const error = await eraseRegistryCredential(record, { host: box.host }).catch((e: unknown) => e);
    assert.ok(error instanceof CredentialError && error.code === 'invalidConfig');
    assert.match(error.message, /^Could not remove all credentials for myreg.azurecr.io: /);
    assertNoSecret(error, token);
    assert.equal(box.helperCalls('keychain').at(-1), `erase ${HOST}`, 'the helper was still asked to erase');
    assert.deepEqual(JSON.parse(readFileSync(box.authFile, 'utf8')).auths, {}, 'auth.json was still cleaned');
  }),
);
