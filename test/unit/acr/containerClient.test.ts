// Which client pulls (acr.containerClient), its command line, and what is said when there is none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseContainerClient, missingClientMessage, pullArguments, pullCommandText, readContainerClientSetting } from '../../../client/src/acr/registry/containerClient';

const REF = 'myreg.azurecr.io/team/api:1.1.0';
const onPath = (...names: string[]) => (name: string) => (names.includes(name) ? `/usr/bin/${name}` : undefined);

test('auto picks docker, then podman; a named client only itself', () => {
  assert.deepEqual(chooseContainerClient('auto', onPath('docker', 'podman')), { client: 'docker', path: '/usr/bin/docker' });
  assert.deepEqual(chooseContainerClient('auto', onPath('podman')), { client: 'podman', path: '/usr/bin/podman' });
  assert.deepEqual(chooseContainerClient('podman', onPath('docker', 'podman')), { client: 'podman', path: '/usr/bin/podman' });
  assert.equal(chooseContainerClient('docker', onPath('podman')), undefined);
  assert.equal(chooseContainerClient('auto', onPath()), undefined);
});

test('the setting is read defensively', () => {
  assert.equal(readContainerClientSetting('podman'), 'podman');
  for (const raw of [undefined, 'nerdctl', 3, 'toString', null]) assert.equal(readContainerClientSetting(raw), 'auto');
});

test('the pull carries only the reference: the client reads the credentials sign-in wrote', () => {
  assert.deepEqual(pullArguments(REF), ['pull', REF]);
  assert.equal(pullCommandText('auto', REF), `docker pull ${REF}`);
  assert.equal(pullCommandText('podman', REF), `podman pull ${REF}`);
});

test('a missing client is named, with the setting that asked for it', () => {
  assert.equal(missingClientMessage('auto'), 'Cannot pull: neither docker nor podman is on PATH. Install one, or copy the command and run it where one is.');
  assert.equal(missingClientMessage('podman'), 'Cannot pull: podman is not on PATH (the acr.containerClient setting asks for it). Install it, or copy the command and run it where one is.');
});
