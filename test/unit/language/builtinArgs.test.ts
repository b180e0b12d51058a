import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_ARGS, builtinArg, builtinArgsInForce, isEarthlySpelling } from '../../../server/src/language/builtinArgs';
import { featureByName, featuresInForce } from '../../../server/src/language/features';

test('builtin names are unique in both spellings', () => {
  const spellings = BUILTIN_ARGS.flatMap((b) => (b.name === b.earthbuildName ? [b.name] : [b.name, b.earthbuildName]));
  assert.equal(new Set(spellings).size, spellings.length);
});

test('every builtin feature exists and every builtin is documented', () => {
  for (const b of BUILTIN_ARGS) {
    if (b.feature) assert.ok(featureByName(b.feature), `${b.name}: ${b.feature}`);
    assert.ok(b.doc.length > 0, b.name);
  }
});

test('lookup accepts both spellings', () => {
  assert.equal(builtinArg('EARTH_GIT_HASH'), builtinArg('EARTHLY_GIT_HASH'));
  assert.equal(builtinArg('EARTHLY_GIT_HASH')?.earthbuildName, 'EARTH_GIT_HASH');
  assert.equal(builtinArg('TARGETARCH')?.earthbuildName, 'TARGETARCH');
  assert.equal(builtinArg('EARTH_GIT_CONTENT_HASH')?.earthbuildOnly, true);
  assert.equal(builtinArg('EARTHLY_GIT_CONTENT_HASH'), undefined);
  assert.equal(builtinArg('HOME'), undefined);
});

test('the deprecated EarthBuild spelling is recognised', () => {
  assert.ok(isEarthlySpelling('EARTHLY_TARGET'));
  assert.ok(!isEarthlySpelling('EARTH_TARGET'));
  assert.ok(!isEarthlySpelling('TARGETOS'));
});

test('gates follow the reference', () => {
  assert.equal(builtinArg('NATIVEARCH')?.feature, 'new-platform');
  assert.equal(builtinArg('EARTHLY_PUSH')?.feature, 'wait-block');
  assert.equal(builtinArg('EARTHLY_CI_RUNNER')?.feature, 'earthly-ci-runner-arg');
  assert.equal(builtinArg('EARTHLY_GIT_AUTHOR_EMAIL')?.feature, 'git-author-email-name-args');
  assert.equal(builtinArg('EARTHLY_SOURCE_DATE_EPOCH')?.feature, undefined);
  assert.equal(builtinArg('EARTHLY_GIT_TAG')?.undocumented, true);
});

test('builtins in force at 0.6 and 0.8', () => {
  const at = (v: string) => new Set(builtinArgsInForce(featuresInForce(v, [])).map((b) => b.name));
  assert.ok(at('0.6').has('TARGETPLATFORM'));
  assert.ok(!at('0.6').has('EARTHLY_CI'));
  assert.ok(at('0.8').has('EARTHLY_GIT_REFS'));
  assert.ok(!at('0.8').has('EARTHLY_CI_RUNNER'));
});
