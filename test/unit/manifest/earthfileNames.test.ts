// shared/src/earthfileNames.ts and package.json's `contributes.languages` recognise the same files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILD_FILE_NAMES, EARTHFILE_EXTENSIONS, EARTHFILE_GLOB, LANGUAGE_ID } from '../../../shared/src/earthfileNames';
import { contributes } from './contributes';

test('the Earthfile language of package.json has the shared id, file names and extensions', () => {
  const languages = contributes.languages.filter((l) => l.id === LANGUAGE_ID);
  assert.equal(languages.length, 1, `one language "${LANGUAGE_ID}" in contributes.languages`);
  assert.deepEqual(languages[0]!.filenames, BUILD_FILE_NAMES);
  assert.deepEqual(languages[0]!.extensions, EARTHFILE_EXTENSIONS);
});

test('the Earthfile glob names every file name and extension', () => {
  assert.equal(EARTHFILE_GLOB, '**/{Earthfile,build.earth,*.earth,*.Earthfile}');
});
