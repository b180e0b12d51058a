// The Earthfiles of the workspace folders: found by walking the folders once, skipping dependency and
// version-control folders, and walked again only when a file event may change the set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { WorkspaceEarthfiles } from '../../../server/src/analysis/workspaceEarthfiles';
import { memoryFs } from './memoryFs';

const P = (p: string) => path.resolve(p);

function listing() {
  const fs = memoryFs({
    '/ws/Earthfile': '',
    '/ws/services/api/Earthfile': '',
    '/ws/services/api/main.go': '',
    '/ws/docker.earth': '',
    '/ws/legacy/build.earth': '',
    '/ws/node_modules/pkg/Earthfile': '',
    '/ws/.git/Earthfile': '',
    '/other/Earthfile': '',
  });
  let walks = 0;
  const earthfiles = new WorkspaceEarthfiles((dir) => {
    if (dir === P('/ws')) walks++;
    return fs.listDirectory(dir);
  });
  earthfiles.setFolders([P('/ws')]);
  return { fs, earthfiles, walks: () => walks };
}

test('every Earthfile under the folders, by name and by extension, but none under node_modules or .git', () => {
  const { earthfiles } = listing();
  assert.deepEqual(earthfiles.paths(), ['/ws/Earthfile', '/ws/docker.earth', '/ws/legacy/build.earth', '/ws/services/api/Earthfile'].map(P).sort());
  earthfiles.setFolders([P('/ws/services'), P('/other'), P('/ws/services')]);
  assert.deepEqual(earthfiles.paths(), [P('/other/Earthfile'), P('/ws/services/api/Earthfile')].sort());
  assert.equal(earthfiles.relativePath(P('/ws/services/api/Earthfile')), 'api/Earthfile');
  assert.equal(earthfiles.relativePath(P('/elsewhere/Earthfile')), P('/elsewhere/Earthfile'));
  earthfiles.setFolders([]);
  assert.deepEqual(earthfiles.paths(), []);
});

test('the folders are walked once, and again only when an Earthfile appears or a known one goes', () => {
  const { fs, earthfiles, walks } = listing();
  earthfiles.paths();
  earthfiles.paths();
  assert.equal(walks(), 1);
  earthfiles.changed(P('/ws/services/api/Earthfile'), false);
  earthfiles.changed(P('/ws/services/api/main.go'), false);
  earthfiles.changed(P('/ws/services/api/main.go'), true);
  earthfiles.paths();
  assert.equal(walks(), 1, 'an edit of a known Earthfile, or any change to another file, keeps the list');
  fs.files.set(P('/ws/services/web/Earthfile'), '');
  earthfiles.changed(P('/ws/services/web/Earthfile'), false);
  assert.ok(earthfiles.paths().includes(P('/ws/services/web/Earthfile')));
  assert.equal(walks(), 2);
  fs.files.delete(P('/ws/services/web/Earthfile'));
  fs.files.delete(P('/ws/services/api/Earthfile'));
  earthfiles.changed(P('/ws/services'), true);
  assert.deepEqual(earthfiles.paths(), ['/ws/Earthfile', '/ws/docker.earth', '/ws/legacy/build.earth'].map(P).sort());
  assert.equal(walks(), 3);
});
