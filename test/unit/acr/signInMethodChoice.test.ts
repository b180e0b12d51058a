// Which sign-in methods the login picker offers, whether `az` is found on PATH, and what makes a
// certificate file unusable (pure checks on text; the key pair is generated in memory).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { azureCliPath } from '../../../client/src/acr/auth/azureCliLocation';
import { certificateFileProblem } from '../../../client/src/acr/auth/certificateFile';
import { methodChoices } from '../../../client/src/acr/auth/methodChoices';
import { SIGN_IN_METHODS } from '../../../client/src/acr/auth/methodTable';

test('every method is offered, the last used first and marked', () => {
  const choices = methodChoices('servicePrincipalCertificate', true);
  assert.equal(choices.length, Object.keys(SIGN_IN_METHODS).length);
  assert.equal(choices[0]?.method, 'servicePrincipalCertificate');
  assert.equal(choices[0]?.description, 'last used');
  assert.ok(choices.every((c) => c.available));
  assert.deepEqual(methodChoices(undefined, true).map((c) => c.method), Object.keys(SIGN_IN_METHODS));
});

test('without az on PATH the Azure CLI is listed as unavailable, with what to do', () => {
  const azureCli = methodChoices('azureCli', false).find((c) => c.method === 'azureCli');
  assert.equal(azureCli?.available, false);
  assert.match(azureCli?.description ?? '', /az not found on PATH/);
  assert.match(azureCli?.detail ?? '', /Install the Azure CLI/);
  assert.ok(methodChoices(undefined, false).filter((c) => c.method !== 'azureCli').every((c) => c.available));
});

test('az is found only as an executable file on PATH', { skip: process.platform === 'win32' && 'POSIX file modes' }, () => {
  const root = mkdtempSync(join(tmpdir(), 'earthly-acr-path-'));
  try {
    const [empty, notExecutable, directory, bin] = ['empty', 'plain', 'dir', 'bin'].map((name) => join(root, name));
    for (const dir of [empty, notExecutable, directory, bin]) mkdirSync(dir);
    writeFileSync(join(notExecutable, 'az'), '#!/bin/sh\n');
    mkdirSync(join(directory, 'az'));
    chmodSync(join(directory, 'az'), 0o755);
    assert.equal(azureCliPath([empty, notExecutable, directory].join(delimiter)), undefined);
    writeFileSync(join(bin, 'az'), '#!/bin/sh\n', { mode: 0o755 });
    assert.equal(azureCliPath(['', empty, bin].join(delimiter)), join(bin, 'az'));
    assert.equal(azureCliPath(''), undefined);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a certificate file needs a certificate and its own unencrypted private key', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const key = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const encrypted = privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'p' }).toString();
  const fakeCertificate = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
  assert.match(certificateFileProblem('') ?? '', /no PEM certificate/);
  assert.match(certificateFileProblem(key) ?? '', /no PEM certificate/);
  assert.match(certificateFileProblem(fakeCertificate) ?? '', /no PEM private key/);
  assert.match(certificateFileProblem(fakeCertificate + encrypted) ?? '', /encrypted/);
  assert.match(certificateFileProblem(fakeCertificate + key) ?? '', /cannot be read/);
});
