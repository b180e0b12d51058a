import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RepositoryFolders } from '../../../client/src/acr/registry/repositoryFolders';

const rows = (folders: RepositoryFolders, path = '') =>
  folders.children(path).map((e) => `${e.label}${e.isRepository ? '' : '/'}${e.isRepository && e.isFolder ? ' +/' : ''}`);

test('nested names fold into folders; a name can be a repository and a folder at once', () => {
  const folders = new RepositoryFolders();
  folders.add(['hello-world', 'library/alpine', 'team', 'team/api', 'team/web', 'team/web/admin']);
  assert.deepEqual(rows(folders), ['hello-world', 'library/', 'team +/']);
  assert.deepEqual(rows(folders, 'team'), ['api', 'web +/']);
  assert.deepEqual(folders.children('team').map((e) => e.path), ['team/api', 'team/web']);
  assert.deepEqual(rows(folders, 'team/web'), ['admin']);
  assert.deepEqual(folders.children('nowhere'), []);
  assert.equal(folders.isRepository('team'), true);
  assert.equal(folders.isRepository('library'), false, 'a folder only');
  assert.deepEqual(folders.repositoriesUnder('team'), ['team', 'team/api', 'team/web', 'team/web/admin']);
});

test('pages add incrementally and report only the folders that changed', () => {
  const folders = new RepositoryFolders();
  assert.deepEqual(folders.add(['team/api']).sort(), ['', 'team']);
  assert.deepEqual(folders.add(['team/web']), ['team']);
  assert.deepEqual(folders.add(['team/web']), [], 'a name seen again changes nothing');
  assert.deepEqual(folders.add(['team']), [''], 'the folder row becomes a repository too');
  assert.deepEqual(folders.add(['zeta/x/y']).sort(), ['', 'zeta', 'zeta/x']);
});

test('removing a repository prunes the folders it leaves empty', () => {
  const folders = new RepositoryFolders();
  folders.add(['team', 'team/api', 'team/web', 'zeta/x/y']);
  assert.deepEqual(folders.remove('team/api'), ['team']);
  assert.deepEqual(folders.remove('team/web').sort(), ['', 'team'], 'team stops being a folder');
  assert.deepEqual(rows(folders), ['team', 'zeta/']);
  assert.deepEqual(folders.remove('zeta/x/y'), ['']);
  assert.deepEqual(rows(folders), ['team']);
  assert.deepEqual(folders.remove('team'), ['']);
  assert.deepEqual(folders.remove('never-there'), []);
  assert.deepEqual(rows(folders), []);
});

test('a folder is complete once the alphabetical catalog has gone past it; the top only when the listing ends', () => {
  const folders = new RepositoryFolders();
  folders.add(['team', 'team-x', 'team/api']);
  assert.equal(folders.passed('team'), false, 'team/… may still come');
  folders.add(['team/web']);
  assert.equal(folders.passed('team'), false);
  folders.add(['team0']);
  assert.equal(folders.passed('team'), true);
  assert.equal(folders.passed('zeta'), false);
  assert.equal(folders.passed(''), false);
});
