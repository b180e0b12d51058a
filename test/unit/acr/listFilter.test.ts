import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameMatcher, NodeFilters } from '../../../client/src/acr/registry/listFilter';

const NAMES = ['team/api', 'team/web', 'API-gateway', 'library/alpine'];
const kept = (text: string) => NAMES.filter(nameMatcher(text));

test('text matches names containing it, whatever the case', () => {
  assert.deepEqual(kept('api'), ['team/api', 'API-gateway']);
  assert.deepEqual(kept('  WEB '), ['team/web']);
  assert.deepEqual(kept('nothing'), []);
});

test('^ matches names that start with the text, and not those that only contain it', () => {
  assert.deepEqual(kept('^api'), ['API-gateway']);
  assert.deepEqual(kept('^team/'), ['team/api', 'team/web']);
  assert.deepEqual(kept('^eam'), []);
});

test('an empty filter keeps everything', () => {
  assert.deepEqual(kept(''), NAMES);
  assert.deepEqual(kept('^'), NAMES);
});

test('filters are kept per node, and empty text removes one', () => {
  const filters = new NodeFilters();
  filters.set('folder:team', 'api');
  filters.set('tags:team/api', '^v1');
  assert.equal(filters.text('folder:team'), 'api');
  assert.equal(filters.matcher('tags:team/api')('v1.2'), true);
  assert.equal(filters.matcher('tags:team/api')('latest'), false);
  assert.equal(filters.text('folder:'), '');
  filters.set('folder:team', '  ');
  assert.equal(filters.text('folder:team'), '');
  assert.equal(filters.matcher('folder:team')('anything'), true);
});
