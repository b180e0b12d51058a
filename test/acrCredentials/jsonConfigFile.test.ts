import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, readFileSync, lstatSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CredentialError } from '../../client/src/acr/credentials/credentialError';
import { readJsonConfig, updateJsonConfig, writeJsonConfig } from '../../client/src/acr/credentials/jsonConfigFile';
import { assertNoSecret, makeSandbox, runUnprivileged, writeText } from './sandbox';

const skip = process.platform === 'win32' ? 'POSIX file modes' : false;

test('a new file gets mode 0600 in new folders with mode 0700', { skip }, async () => {
  const box = makeSandbox();
  try {
    const file = join(box.root, 'a', 'b', 'config.json');
    await writeJsonConfig(file, { auths: {} }, { indent: '\t', newline: '\n', finalNewline: false });
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(join(box.root, 'a')).mode & 0o777, 0o700);
    assert.equal(statSync(join(box.root, 'a', 'b')).mode & 0o777, 0o700);
    assert.equal(readFileSync(file, 'utf8'), '{\n\t"auths": {}\n}');
    assert.deepEqual(readdirSync(join(box.root, 'a', 'b')), ['config.json'], 'no temporary file is left');
  } finally {
    box.cleanUp();
  }
});

test('an existing file keeps its mode', { skip }, async () => {
  const box = makeSandbox();
  try {
    writeText(box.configFile, '{}', 0o644);
    await updateJsonConfig(box.configFile, ({ content }) => ({ ...content, auths: {} }));
    assert.equal(statSync(box.configFile).mode & 0o777, 0o644);
  } finally {
    box.cleanUp();
  }
});

test('invalid JSON is refused without quoting it and the file stays byte-identical', async () => {
  const box = makeSandbox();
  try {
    const secret = 'eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjF9.sig';
    for (const text of [`{"auths": {"r.io": {"identitytoken": "${secret}"}`, '[1, 2]', 'null', '"text"', `{"a": 1} trailing ${secret}`]) {
      const before = writeText(box.configFile, text);
      let caught: unknown;
      await updateJsonConfig(box.configFile, () => ({ replaced: true })).catch((error: unknown) => (caught = error));
      assert.ok(caught instanceof CredentialError && caught.code === 'invalidConfig', text);
      assert.ok(caught.message.includes(box.configFile), 'the message names the file');
      assertNoSecret(caught, secret);
      assert.equal(readFileSync(box.configFile, 'utf8'), before);
    }
  } finally {
    box.cleanUp();
  }
});

test('a missing or blank file reads as an empty object', async () => {
  const box = makeSandbox();
  try {
    assert.deepEqual((await readJsonConfig(box.configFile)).content, {});
    assert.equal((await readJsonConfig(box.configFile)).exists, false);
    writeText(box.configFile, ' \n');
    assert.deepEqual(await readJsonConfig(box.configFile).then((c) => [c.content, c.exists]), [{}, true]);
  } finally {
    box.cleanUp();
  }
});

test('a read-only folder fails with a clear message and leaves the file as it was', { skip }, async () => {
  const box = makeSandbox();
  try {
    const before = writeText(box.configFile, '{"auths": {}}', 0o644);
    chmodSync(join(box.configFile, '..'), 0o555);
    const error = await runUnprivileged(() => updateJsonConfig(box.configFile, () => ({ auths: { 'r.io': {} } }))).then(
      () => undefined,
      (e: unknown) => e,
    );
    chmodSync(join(box.configFile, '..'), 0o755);
    assert.ok(error instanceof CredentialError && error.code === 'fileAccess');
    assert.match(error.message, /read-only or not writable/);
    assert.ok(error.message.includes(join(box.configFile, '..')));
    assert.equal(readFileSync(box.configFile, 'utf8'), before);
    assert.deepEqual(readdirSync(join(box.configFile, '..')), ['config.json']);
  } finally {
    box.cleanUp();
  }
});

test('the layout of the file is kept', async () => {
  const box = makeSandbox();
  try {
    for (const text of ['{\n  "auths": {\n    "r.io": {}\n  }\n}\n', '{"auths":{"r.io":{}}}', '{\r\n\t"auths": {}\r\n}', '{\n    "a": [\n        1\n    ]\n}']) {
      writeText(box.configFile, text);
      await updateJsonConfig(box.configFile, ({ content }) => ({ ...content }));
      assert.equal(readFileSync(box.configFile, 'utf8'), text);
    }
  } finally {
    box.cleanUp();
  }
});

test('nothing is written when the change returns the same content', async () => {
  const box = makeSandbox();
  try {
    writeText(box.configFile, '{ "odd":   "spacing" }');
    await updateJsonConfig(box.configFile, ({ content }) => content);
    await updateJsonConfig(box.configFile, () => undefined);
    assert.equal(readFileSync(box.configFile, 'utf8'), '{ "odd":   "spacing" }');
  } finally {
    box.cleanUp();
  }
});

test('a symbolic link is followed and survives', { skip }, async () => {
  const box = makeSandbox();
  try {
    const real = join(box.root, 'dotfiles', 'docker.json');
    writeText(real, '{}');
    mkdirSync(join(box.configFile, '..'), { recursive: true });
    symlinkSync(real, box.configFile);
    await updateJsonConfig(box.configFile, () => ({ auths: {} }));
    assert.ok(lstatSync(box.configFile).isSymbolicLink());
    assert.equal(readFileSync(real, 'utf8'), '{"auths":{}}');
  } finally {
    box.cleanUp();
  }
});

test('concurrent updates of one file all land', async () => {
  const box = makeSandbox();
  try {
    const hosts = ['a.io', 'b.io', 'c.io', 'd.io'];
    await Promise.all(
      hosts.map((host) => updateJsonConfig(box.configFile, ({ content }) => ({ ...content, auths: { ...(content.auths as object), [host]: {} } }))),
    );
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(box.configFile, 'utf8')).auths).sort(), hosts);
  } finally {
    box.cleanUp();
  }
});
