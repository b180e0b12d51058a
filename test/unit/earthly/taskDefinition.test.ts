import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localTargetOf, validateTaskDefinition } from '../../../client/src/earthly/run/taskDefinition';
import { targetReferenceOf } from '../../../shared/src/targetReference';

function errorOf(raw: unknown): string {
  const result = validateTaskDefinition(raw);
  assert.ok('error' in result, `expected an error for ${JSON.stringify(raw)}`);
  return result.error;
}

test('valid definitions are returned as they are', () => {
  const raw = { type: 'earthly', target: './a+b', args: { TAG: 'x y' }, flags: ['--push'], secrets: ['NPM_TOKEN'], earthfileDir: 'a', cwd: '.' };
  assert.deepEqual(validateTaskDefinition(raw), { definition: raw });
  assert.deepEqual(validateTaskDefinition({ type: 'earthly', target: '+b' }), { definition: { type: 'earthly', target: '+b' } });
});

test('wrong types give a message naming the property', () => {
  assert.match(errorOf(null), /must be an object/);
  assert.match(errorOf([]), /must be an object/);
  assert.match(errorOf({ type: 'shell', target: '+a' }), /type must be "earthly"/);
  assert.match(errorOf({ type: 'earthly' }), /"target" must be a target reference/);
  assert.match(errorOf({ type: 'earthly', target: 42 }), /"target"/);
  assert.match(errorOf({ type: 'earthly', target: '--push' }), /not a flag/);
  assert.match(errorOf({ type: 'earthly', target: 'build' }), /write "\+build"/);
  assert.match(errorOf({ type: 'earthly', target: '+a', args: ['x'] }), /"args" must be an object/);
  assert.match(errorOf({ type: 'earthly', target: '+a', args: { TAG: 3 } }), /"args" \.TAG must be a string/);
  assert.match(errorOf({ type: 'earthly', target: '+a', args: { 'A B': 'x' } }), /not an ARG name/);
  assert.match(errorOf({ type: 'earthly', target: '+a', flags: '--push' }), /"flags" must be an array/);
  assert.match(errorOf({ type: 'earthly', target: '+a', flags: ['push'] }), /not a flag/);
  assert.match(errorOf({ type: 'earthly', target: '+a', flags: [1] }), /not a flag/);
  assert.match(errorOf({ type: 'earthly', target: '+a', secrets: ['A=b'] }), /"A=b": A secret name has letters, digits and _/);
  assert.match(errorOf({ type: 'earthly', target: '+a', secrets: [7] }), /7: A secret name is a string/);
  // The runner sets PWD to earthly's directory: a secret of that name would never reach earthly.
  assert.match(errorOf({ type: 'earthly', target: '+a', secrets: ['NPM_TOKEN', 'PWD'] }), /"PWD": PWD is the directory earthly runs in/);
  assert.match(errorOf({ type: 'earthly', target: '+a', secrets: 'A' }), /"secrets" must be an array/);
  assert.match(errorOf({ type: 'earthly', target: '+a', earthfileDir: 1 }), /"earthfileDir" must be a string/);
  assert.match(errorOf({ type: 'earthly', target: '+a', cwd: {} }), /"cwd" must be a string/);
});

test('workspace-relative target references', () => {
  assert.equal(targetReferenceOf('/ws', '/ws/Earthfile', 'build'), '+build');
  assert.equal(targetReferenceOf('/ws', '/ws/services/api/Earthfile', 'build'), './services/api+build');
  assert.equal(targetReferenceOf('/ws', '/ws/a b/ü/build.earth', 'x'), './a b/ü+x');
  assert.equal(targetReferenceOf('/ws', '/other/Earthfile', 'x'), '../other+x');
});

test('local references resolve to a directory and a name; remote ones do not', () => {
  assert.deepEqual(localTargetOf('+build', '/ws'), { dir: '/ws', name: 'build' });
  assert.deepEqual(localTargetOf('./services/api+build', '/ws'), { dir: '/ws/services/api', name: 'build' });
  assert.deepEqual(localTargetOf('../x+t', '/ws/a'), { dir: '/ws/x', name: 't' });
  assert.deepEqual(localTargetOf('/abs/d+t', '/ws'), { dir: '/abs/d', name: 't' });
  assert.equal(localTargetOf('github.com/earthly/earthly+build', '/ws'), undefined);
  assert.equal(localTargetOf('build', '/ws'), undefined);
});
