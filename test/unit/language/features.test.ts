import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FEATURES,
  SUPPORTED_VERSIONS,
  featureByName,
  featuresInForce,
  isAcceptedVersion,
  isDefaultAt,
  unmetRequirements,
} from '../../../server/src/language/features';

test('feature names are unique and written without dashes', () => {
  const names = FEATURES.map((f) => f.name);
  assert.equal(new Set(names).size, names.length);
  for (const n of names) assert.match(n, /^[a-z][a-z0-9-]*$/);
});

test('requirements and disabled features exist', () => {
  for (const f of FEATURES) {
    for (const r of f.requires ?? []) assert.ok(featureByName(r), `${f.name} requires ${r}`);
    if (f.disables) assert.ok(featureByName(f.disables), `${f.name} disables ${f.disables}`);
  }
});

test('versions', () => {
  assert.deepEqual(SUPPORTED_VERSIONS, ['0.6', '0.7', '0.8']);
  assert.ok(isAcceptedVersion('0.0'));
  assert.ok(!isAcceptedVersion('0.5'));
  assert.ok(!isAcceptedVersion('0.9'));
});

test('0.7 defaults', () => {
  const on = featuresInForce('0.7', []);
  assert.ok(on.has('use-cache-command'));
  assert.ok(on.has('for-in'));
  assert.ok(on.has('shell-out-anywhere'));
  assert.ok(!on.has('pass-args'));
  assert.ok(!on.has('arg-scope-and-set'));
});

test('0.8 defaults include the 0.8 flags but no experimental ones', () => {
  const on = featuresInForce('0.8', []);
  assert.ok(on.has('arg-scope-and-set'));
  assert.ok(on.has('shell-out-anywhere'));
  assert.ok(on.has('use-function-keyword'));
  assert.ok(!on.has('try'));
  assert.ok(!on.has('earthly-ci-runner-arg'));
  assert.deepEqual(unmetRequirements(on), []);
});

test('explicit flags add to the defaults, with or without dashes', () => {
  const on = featuresInForce('0.7', ['--pass-args', 'try', '--not-a-flag']);
  assert.ok(on.has('pass-args'));
  assert.ok(on.has('try'));
  assert.ok(!on.has('not-a-flag'));
});

test('the escape hatch switches its feature off', () => {
  assert.ok(featuresInForce('0.8', []).has('use-registry-for-with-docker'));
  assert.ok(!featuresInForce('0.8', ['no-use-registry-for-with-docker']).has('use-registry-for-with-docker'));
});

test('testing version and missing VERSION', () => {
  assert.equal(featuresInForce('0.0', []).size, 0);
  const missing = featuresInForce(undefined, []);
  assert.ok(missing.has('parallel-load'));
  assert.ok(!missing.has('for-in'));
});

test('arg-scope-and-set requires shell-out-anywhere', () => {
  assert.deepEqual(unmetRequirements(featuresInForce('0.6', ['--arg-scope-and-set'])), [
    { feature: 'arg-scope-and-set', requires: 'shell-out-anywhere' },
  ]);
  assert.deepEqual(unmetRequirements(featuresInForce('0.7', ['--arg-scope-and-set'])), []);
});

test('isDefaultAt', () => {
  assert.ok(isDefaultAt('use-chmod', '0.7'));
  assert.ok(isDefaultAt('--use-chmod', '0.8'));
  assert.ok(!isDefaultAt('use-chmod', '0.6'));
  assert.ok(!isDefaultAt('try', '0.8'));
  assert.ok(!isDefaultAt('no-use-registry-for-with-docker', '0.8'));
  assert.ok(!isDefaultAt('unknown', '0.8'));
});
