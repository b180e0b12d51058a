// Starting and stopping: instances run side by side, stop() kills distribution and removes the folder,
// and a missing prerequisite fails naming its Debian package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientSecretCredential, exchangeForRefreshToken } from '../azureClients';
import { form, httpsRequest } from '../httpsRequest';
import { startRegistry } from '../registry';

test('two registries run at once, each with its own port, CA and tokens', async () => {
  const [a, b] = await Promise.all([startRegistry(), startRegistry()]);
  try {
    assert.notEqual(a.loginServer, b.loginServer);
    for (const r of [a, b]) assert.equal((await httpsRequest(`${r.endpoint}/v2/`, r.caPem)).status, 401);
    const fromA = await exchangeForRefreshToken(a, clientSecretCredential(a));
    const atB = await httpsRequest(`${b.endpoint}/oauth2/token`, b.caPem, form({ grant_type: 'refresh_token', service: b.loginServer, scope: 'registry:catalog:*', refresh_token: fromA }));
    assert.equal(atB.status, 401, 'a refresh token of another registry is refused');
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
  for (const r of [a, b]) assert.ok(!existsSync(r.dir));
});

test('stop() kills distribution', async () => {
  const registry = await startRegistry();
  const pid = registry.distributionPid;
  await registry.stop();
  assert.throws(() => process.kill(pid, 0), /ESRCH/);
});

test('a missing docker-registry fails naming the Debian package', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'earthly-acr-path-'));
  const path = process.env.PATH;
  process.env.PATH = empty;
  try {
    await assert.rejects(startRegistry(), /Debian package "docker-registry"[\s\S]*apt-get install/);
  } finally {
    process.env.PATH = path;
    rmSync(empty, { recursive: true, force: true });
  }
});
