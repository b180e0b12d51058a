import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lastAtOrBelow } from '../../../server/src/text/sortedSearch';

test('lastAtOrBelow finds the last key at or below the value, -1 below the first', () => {
  const keys = [0, 4, 4, 9, 20];
  const at = (value: number) => lastAtOrBelow(keys.length, (i) => keys[i], value);
  assert.deepEqual([-1, 0, 3, 4, 8, 9, 19, 20, 99].map(at), [-1, 0, 0, 2, 2, 3, 3, 4, 4]);
  assert.equal(lastAtOrBelow(0, () => 0, 5), -1);
});
