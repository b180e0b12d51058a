// What Untag, Delete Image and Delete Repository ask, and why a locked tag or image is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  deleteImageConfirmation,
  deleteImageRefusal,
  deleteRepositoryConfirmation,
  lockOf,
  untagConfirmation,
  untagRefusal,
} from '../../../client/src/acr/registry/deleteConfirmation';
import { tagInfo } from './fakeRegistryData';

const HOST = 'myreg.azurecr.io';
const DIGEST = `sha256:0123456789ab${'c'.repeat(52)}`;
const tag = (name: string, locks: { canDelete?: boolean; canWrite?: boolean } = {}) => ({ ...tagInfo(name, DIGEST), ...locks });

test('untag names the tags the image keeps, or says it is left without one', () => {
  assert.deepEqual(untagConfirmation(HOST, 'team/api', 'v2', [tag('latest'), tag('v2')]), {
    message: 'Remove the tag team/api:v2 from myreg.azurecr.io?',
    detail: 'The image 0123456789ab stays, tagged "latest".',
    action: 'Untag',
  });
  assert.equal(untagConfirmation(HOST, 'team/api', 'v1', [tag('v1')]).detail, 'It is the only tag of the image 0123456789ab: the image stays in the registry without a tag, pullable only by its digest.');
});

test('delete image names every tag that goes with it', () => {
  assert.deepEqual(deleteImageConfirmation(HOST, 'team/api', DIGEST, [tag('latest'), tag('v2'), tag('stable')]), {
    message: 'Delete the image team/api@0123456789ab from myreg.azurecr.io?',
    detail: 'All 3 tags pointing at it go with it: "latest", "v2", "stable". This cannot be undone.',
    action: 'Delete Image',
  });
  assert.equal(deleteImageConfirmation(HOST, 'team/api', DIGEST, [tag('v1')]).detail, 'Its only tag "v1" goes with it. This cannot be undone.');
  assert.deepEqual(deleteRepositoryConfirmation(HOST, 'team/api'), {
    message: 'Delete the repository team/api from myreg.azurecr.io?',
    detail: 'Every image and tag in it goes with it. This cannot be undone.',
    action: 'Delete Repository',
  });
});

test('a lock is refused with the lock and the command that lifts it', () => {
  assert.equal(lockOf(tag('v1')), undefined);
  assert.equal(lockOf(tag('v1', { canDelete: false })), 'delete');
  assert.equal(lockOf(tag('v1', { canWrite: false })), 'write');
  assert.equal(untagRefusal(HOST, 'team/api', tag('v1')), undefined);
  assert.equal(
    untagRefusal(HOST, 'team/api', tag('v1', { canWrite: false })),
    'Cannot untag team/api:v1: it is locked (write-enabled: false). Unlock it first: az acr repository update --name myreg --image team/api:v1 --delete-enabled true --write-enabled true',
  );
  assert.equal(deleteImageRefusal(HOST, 'team/api', [tag('latest'), tag('v2')]), undefined);
  assert.equal(
    deleteImageRefusal('127.0.0.1:5000', 'team/api', [tag('latest'), tag('v2', { canDelete: false })]),
    `Cannot delete team/api@0123456789ab: delete is disabled (delete-enabled: false) for "v2". Unlock it first: az acr repository update --name 127.0.0.1:5000 --image team/api@${DIGEST} --delete-enabled true --write-enabled true`,
  );
});
