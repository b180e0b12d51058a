import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RequestLimit } from '../../../client/src/acr/registry/requestLimit';

/** A task that stays in flight until released, counting how many run at once. */
function tasks() {
  let running = 0;
  let most = 0;
  const releases: (() => void)[] = [];
  const started: number[] = [];
  const task = (id: number) => async (): Promise<number> => {
    running++;
    most = Math.max(most, running);
    started.push(id);
    await new Promise<void>((resolve) => releases.push(resolve));
    running--;
    return id;
  };
  return { task, started, most: () => most, releaseAll: () => releases.splice(0).forEach((r) => r()) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('no more than four calls run at once; the others wait their turn, in order', async () => {
  const limit = new RequestLimit();
  const t = tasks();
  const results = Array.from({ length: 10 }, (_, i) => limit.run(t.task(i)));
  await tick();
  assert.deepEqual(t.started, [0, 1, 2, 3]);
  assert.deepEqual([limit.active, limit.waiting], [4, 6]);
  while (t.started.length < 10 || limit.active > 0) {
    t.releaseAll();
    await tick();
  }
  assert.deepEqual(await Promise.all(results), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal(t.most(), 4);
});

test('a call cancelled while waiting leaves the queue and never runs; one already cancelled never queues', async () => {
  const limit = new RequestLimit(1);
  const t = tasks();
  const first = limit.run(t.task(1));
  const controller = new AbortController();
  const cancelled = limit.run(t.task(2), controller.signal);
  const third = limit.run(t.task(3));
  await tick();
  controller.abort();
  await assert.rejects(cancelled, { name: 'AbortError' });
  assert.equal(limit.waiting, 1);
  await assert.rejects(limit.run(t.task(4), AbortSignal.abort()), { name: 'AbortError' });
  t.releaseAll();
  await tick();
  t.releaseAll();
  assert.deepEqual([await first, await third], [1, 3]);
  assert.deepEqual(t.started, [1, 3]);
});

test('a failing call frees its place', async () => {
  const limit = new RequestLimit(1);
  await assert.rejects(limit.run(async () => Promise.reject(new Error('HTTP 500'))), /HTTP 500/);
  assert.equal(await limit.run(async () => 'next'), 'next');
  assert.equal(limit.active, 0);
});
