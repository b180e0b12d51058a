import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorMessage } from '../../../shared/src/errorMessage';

test('errorMessage reads an Error\'s message and shows anything else thrown as a string', () => {
  assert.equal(errorMessage(new TypeError('bad type')), 'bad type');
  assert.equal(errorMessage('plain text'), 'plain text');
  assert.equal(errorMessage(42), '42');
  assert.equal(errorMessage(undefined), 'undefined');
});
