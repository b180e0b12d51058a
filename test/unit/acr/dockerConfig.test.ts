import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { containersAuthPath } from '../../../client/src/acr/credentials/containersAuth';
import {
  checkCredentialKeys,
  dockerConfigPath,
  helperFor,
  identityTokenIn,
  TOKEN_LOGIN_AUTH,
  withHelperEntry,
  withIdentityToken,
  withoutHost,
} from '../../../client/src/acr/credentials/dockerConfig';
import { formatJson, type JsonObject } from '../../../client/src/acr/credentials/jsonConfigFile';

const HOST = 'myreg.azurecr.io';

test('the token login auth is base64 of the empty GUID and an empty password', () => {
  assert.equal(TOKEN_LOGIN_AUTH, 'MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwOg==');
});

test('the docker config is in $DOCKER_CONFIG or ~/.docker', () => {
  assert.equal(dockerConfigPath({ env: {}, homeDir: '/home/me' }), join('/home/me', '.docker', 'config.json'));
  assert.equal(dockerConfigPath({ env: { DOCKER_CONFIG: '/etc/dc' }, homeDir: '/home/me' }), join('/etc/dc', 'config.json'));
  assert.equal(dockerConfigPath({ env: { DOCKER_CONFIG: '' }, homeDir: '/home/me' }), join('/home/me', '.docker', 'config.json'));
});

test('podman auth.json follows REGISTRY_AUTH_FILE, XDG_RUNTIME_DIR and the platform', () => {
  const base = { homeDir: '/home/me', uid: 1000 };
  assert.equal(containersAuthPath({ ...base, platform: 'linux', env: { REGISTRY_AUTH_FILE: '/x/auth.json', XDG_RUNTIME_DIR: '/run/user/1000' } }), '/x/auth.json');
  assert.equal(containersAuthPath({ ...base, platform: 'linux', env: { XDG_RUNTIME_DIR: '/run/user/1000' } }), join('/run/user/1000', 'containers', 'auth.json'));
  assert.equal(containersAuthPath({ ...base, platform: 'linux', env: {} }), join('/run/containers', '1000', 'auth.json'));
  assert.equal(containersAuthPath({ ...base, platform: 'darwin', env: { XDG_RUNTIME_DIR: '/tmp/r' } }), join('/home/me', '.config', 'containers', 'auth.json'));
});

test('an identity token is written like docker login, keeping every other key and entry', () => {
  const config = { auths: { 'other.io': { auth: 'b3RoZXI6cHc=' } }, credHelpers: { 'gcr.io': 'gcloud' }, psFormat: 'x', someFutureKey: { a: [1] } };
  const written = withIdentityToken(config, HOST, 'TOKEN');
  assert.deepEqual(written, { ...config, auths: { 'other.io': { auth: 'b3RoZXI6cHc=' }, [HOST]: { auth: TOKEN_LOGIN_AUTH, identitytoken: 'TOKEN' } } });
  assert.deepEqual(config.auths, { 'other.io': { auth: 'b3RoZXI6cHc=' } }, 'the input is not modified');
  assert.equal(identityTokenIn(written, HOST), 'TOKEN');
  assert.deepEqual(withoutHost(written, HOST), config);
});

test('a new login replaces the entry for the host, as docker does', () => {
  const config = { auths: { [HOST]: { auth: 'YWRtaW46cHc=', registrytoken: 'old' } } };
  assert.deepEqual(withIdentityToken(config, HOST, 'T').auths, { [HOST]: { auth: TOKEN_LOGIN_AUTH, identitytoken: 'T' } });
});

test('logout removes only entries we write', () => {
  const ours = { auths: { [HOST]: { auth: TOKEN_LOGIN_AUTH, identitytoken: 'T' }, 'other.io': {} } };
  assert.deepEqual(withoutHost(ours, HOST), { auths: { 'other.io': {} } });
  assert.deepEqual(withoutHost({ auths: { [HOST]: {} } }, HOST), { auths: {} });
  for (const foreign of [{ auth: 'YWRtaW46cHc=' }, { auth: TOKEN_LOGIN_AUTH, identitytoken: 'T', email: 'e' }, 'text']) {
    const config = { auths: { [HOST]: foreign } };
    assert.equal(withoutHost(config, HOST), config, JSON.stringify(foreign));
  }
  const none = { credsStore: 'desktop' };
  assert.equal(withoutHost(none, HOST), none);
});

test('the helper entry is empty and leaves foreign entries alone', () => {
  assert.deepEqual(withHelperEntry({}, HOST), { auths: { [HOST]: {} } });
  const empty = { auths: { [HOST]: {} } };
  assert.equal(withHelperEntry(empty, HOST), empty);
  const password = { auths: { [HOST]: { auth: 'YWRtaW46cHc=' } } };
  assert.equal(withHelperEntry(password, HOST), password);
  assert.deepEqual(withHelperEntry({ auths: { [HOST]: { auth: TOKEN_LOGIN_AUTH, identitytoken: 'stale' } } }, HOST), empty);
});

test('credHelpers for the host wins over credsStore, and an empty name means the file', () => {
  assert.equal(helperFor({}, HOST), undefined);
  assert.deepEqual(helperFor({ credsStore: 'desktop' }, HOST), { name: 'desktop', setting: 'credsStore' });
  assert.deepEqual(helperFor({ credsStore: 'desktop', credHelpers: { [HOST]: 'acr-env' } }, HOST), { name: 'acr-env', setting: 'credHelpers' });
  assert.deepEqual(helperFor({ credsStore: 'desktop', credHelpers: { 'other.io': 'acr-env' } }, HOST), { name: 'desktop', setting: 'credsStore' });
  assert.equal(helperFor({ credsStore: 'wincred', credHelpers: { [HOST]: '' } }, HOST), undefined);
  assert.equal(helperFor({ credsStore: '' }, HOST), undefined);
});

test('credential keys of the wrong type are refused, naming the key and the file', () => {
  for (const config of [{ auths: [] }, { auths: 'x' }, { credsStore: 1 }, { credHelpers: null }] as JsonObject[]) {
    assert.throws(() => checkCredentialKeys(config, '/c.json'), (error: Error) => error.message.includes('/c.json') && error.message.includes(Object.keys(config)[0]));
  }
  checkCredentialKeys({ auths: {}, credsStore: 'x', credHelpers: {}, other: [] }, '/c.json');
});

test('files are formatted like Go writes them', () => {
  const content = { auths: { 'a.io': { auth: 'x' } }, HttpHeaders: { 'X-Meta': '<a&b>' }, list: [], empty: {} };
  assert.equal(
    formatJson(content, { indent: '\t', newline: '\n', finalNewline: false }),
    '{\n\t"auths": {\n\t\t"a.io": {\n\t\t\t"auth": "x"\n\t\t}\n\t},\n\t"HttpHeaders": {\n\t\t"X-Meta": "\\u003ca\\u0026b\\u003e"\n\t},\n\t"list": [],\n\t"empty": {}\n}',
  );
  assert.equal(formatJson({ a: 1 }, { indent: '', newline: '\n', finalNewline: true }), '{"a":1}\n');
  assert.equal(formatJson({ a: 1 }, { indent: '  ', newline: '\r\n', finalNewline: true }), '{\r\n  "a": 1\r\n}\r\n');
});
