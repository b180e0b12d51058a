import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LazyPager } from '../../../client/src/acr/registry/lazyPager';
import type { Page } from '../../../client/src/acr/registry/dataSource';
import { pageOf } from './fakeRegistryData';

const NAMES = ['a', 'b', 'c', 'd', 'e'];

/** A source over NAMES, two to a page, that records each continuation asked and can be held. */
function source(all: readonly string[] = NAMES) {
  const asked: (string | undefined)[] = [];
  const signals: AbortSignal[] = [];
  let release: (() => void) | undefined;
  let held: Promise<void> | undefined;
  const fetch = async (continuation: string | undefined, signal: AbortSignal): Promise<Page<string>> => {
    asked.push(continuation);
    signals.push(signal);
    if (held) {
      await new Promise<void>((resolve, reject) => {
        held!.then(resolve, reject);
        signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })), { once: true });
      });
    }
    return pageOf(all, { pageSize: 2, ...(continuation ? { continuation } : {}) });
  };
  return {
    asked,
    signals,
    fetch,
    hold: () => (held = new Promise((resolve) => (release = resolve))),
    release: () => {
      held = undefined;
      release?.();
    },
  };
}

test('the first call returns the first page only; each later call the next; then nothing more is asked', async () => {
  const s = source();
  const pager = new LazyPager(s.fetch);
  assert.equal(pager.hasMore, true);
  assert.deepEqual(await pager.loadMore(), ['a', 'b']);
  assert.deepEqual(s.asked, [undefined], 'one request for the first page, not the whole list');
  assert.equal(pager.hasMore, true);
  assert.deepEqual(await pager.loadMore(), ['c', 'd']);
  assert.deepEqual(await pager.loadMore(), ['e']);
  assert.equal(pager.hasMore, false);
  assert.deepEqual(await pager.loadMore(), []);
  assert.deepEqual(s.asked, [undefined, '2', '4']);
  assert.deepEqual(pager.items, NAMES);
});

test('calls during a load share it: never two requests in flight for one list', async () => {
  const s = source();
  const pager = new LazyPager(s.fetch);
  s.hold();
  const first = pager.loadMore();
  const second = pager.loadMore();
  assert.equal(pager.loading, true);
  s.release();
  assert.deepEqual(await first, ['a', 'b']);
  assert.deepEqual(await second, ['a', 'b']);
  assert.deepEqual(s.asked, [undefined]);
  assert.equal(pager.loading, false);
});

test('cancelling the only caller aborts the request and leaves the list as it was', async () => {
  const s = source();
  const pager = new LazyPager(s.fetch);
  s.hold();
  const controller = new AbortController();
  const load = pager.loadMore({ cancellation: controller.signal });
  controller.abort();
  await assert.rejects(load, { name: 'AbortError' });
  assert.equal(s.signals[0]!.aborted, true);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual([pager.items, pager.hasMore, pager.error, pager.loading], [[], true, undefined, false]);
  s.release();
  assert.deepEqual(await pager.loadMore(), ['a', 'b'], 'the same page is asked again');
  assert.deepEqual(s.asked, [undefined, undefined]);
});

test('a cancellation token leaves its caller out, but the load goes on for the others', async () => {
  const s = source();
  const pager = new LazyPager(s.fetch);
  s.hold();
  let cancel!: () => void;
  const token = { isCancellationRequested: false, onCancellationRequested: (listener: () => void) => ((cancel = listener), { dispose: () => undefined }) };
  const leaving = pager.loadMore({ cancellation: token });
  const staying = pager.loadMore();
  cancel();
  await assert.rejects(leaving, { name: 'AbortError' });
  assert.equal(s.signals[0]!.aborted, false);
  s.release();
  assert.deepEqual(await staying, ['a', 'b']);
});

test('a token already cancelled never starts a request', async () => {
  const s = source();
  const pager = new LazyPager(s.fetch);
  const token = { isCancellationRequested: true, onCancellationRequested: () => ({ dispose: () => undefined }) };
  await assert.rejects(pager.loadMore({ cancellation: token }), { name: 'AbortError' });
  assert.equal(s.signals[0]?.aborted ?? true, true);
});

test('a failure is kept and thrown, the items stay, and the next call asks for the same page', async () => {
  let fail = false;
  const s = source();
  const pager = new LazyPager(async (continuation: string | undefined, signal: AbortSignal) => {
    if (fail) throw new Error('HTTP 500');
    return s.fetch(continuation, signal);
  });
  await pager.loadMore();
  fail = true;
  await assert.rejects(pager.loadMore(), /HTTP 500/);
  assert.match(String(pager.error), /HTTP 500/);
  assert.deepEqual([pager.items, pager.hasMore], [['a', 'b'], true]);
  fail = false;
  assert.deepEqual(await pager.loadMore(), ['c', 'd']);
  assert.equal(pager.error, undefined);
  assert.deepEqual(s.asked, [undefined, '2']);
});

test('empty pages are passed over until one brings something, or `enough` is satisfied', async () => {
  const pages: Record<string, Page<string>> = { '': { items: [], continuation: '1' }, '1': { items: [], continuation: '2' }, '2': { items: ['x'], continuation: '3' }, '3': { items: ['y', 'z'] } };
  const seen: string[][] = [];
  const pager = new LazyPager(async (continuation: string | undefined) => pages[continuation ?? '']!, (items) => seen.push([...items]));
  assert.deepEqual(await pager.loadMore(), ['x']);
  assert.deepEqual(seen, [[], [], ['x']], 'every page is told as it arrives');
  const filtered = new LazyPager(async (continuation: string | undefined) => pages[continuation ?? '']!);
  assert.deepEqual(await filtered.loadMore({ enough: (fresh) => fresh.includes('z') }), ['x', 'y', 'z']);
  assert.equal(filtered.hasMore, false);
});

test('reset drops what was loaded and a load in flight, whose page then lands nowhere', async () => {
  const s = source();
  const pager = new LazyPager(s.fetch);
  await pager.loadMore();
  s.hold();
  const stale = pager.loadMore();
  pager.reset();
  s.release();
  await assert.rejects(stale, { name: 'AbortError' });
  assert.deepEqual([pager.items, pager.hasMore], [[], true]);
  assert.deepEqual(await pager.loadMore(), ['a', 'b']);
});

test('remove drops loaded items', async () => {
  const pager = new LazyPager(source().fetch);
  await pager.loadMore();
  pager.remove((name) => name === 'a');
  assert.deepEqual(pager.items, ['b']);
});
