import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactTime, formatPlatform, formatSize, relativeTime, shortDigest } from '../../../client/src/acr/registry/displayFormat';

const HEX = '0123456789abcdef'.repeat(4);

test('a digest is shortened to the 12 hex digits docker shows; another algorithm keeps its name', () => {
  assert.equal(shortDigest(`sha256:${HEX}`), '0123456789ab');
  assert.equal(shortDigest(`sha512:${HEX}${HEX}`), 'sha512:0123456789ab');
});

test('what is not a digest is left whole', () => {
  assert.equal(shortDigest('latest'), 'latest');
  assert.equal(shortDigest('sha256:XYZ'), 'sha256:XYZ');
  assert.equal(shortDigest('sha256:0123'), 'sha256:0123');
});

test('times are relative to now', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  const ago = (ms: number) => relativeTime(now - ms, now);
  const MINUTE = 60_000;
  assert.equal(ago(30_000), 'just now');
  assert.equal(ago(5 * MINUTE), '5 minutes ago');
  assert.equal(ago(90 * MINUTE), '1 hour ago');
  assert.equal(ago(26 * 60 * MINUTE), 'yesterday');
  assert.equal(ago(3 * 7 * 24 * 60 * MINUTE), '3 weeks ago');
  assert.equal(ago(400 * 24 * 60 * MINUTE), 'last year');
});

test('a registry clock slightly ahead reads as now; far ahead reads as the future', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  assert.equal(relativeTime(now + 2 * 60_000, now), 'just now');
  assert.equal(relativeTime(now + 2 * 3600_000, now), 'in 2 hours');
});

test('sizes have three significant digits in powers of 1000, as docker prints them', () => {
  assert.deepEqual(
    [0, 999, 1000, 1234, 1234567, 999_600, 3_210_000_000, 5e12].map(formatSize),
    ['0 B', '999 B', '1 kB', '1.23 kB', '1.23 MB', '1 MB', '3.21 GB', '5 TB'],
  );
});

test('a platform is written os/architecture[/variant]', () => {
  assert.equal(formatPlatform({ os: 'linux', architecture: 'arm64', variant: 'v8' }), 'linux/arm64/v8');
  assert.equal(formatPlatform({ os: 'linux', architecture: 'amd64' }), 'linux/amd64');
});

test('exact times are UTC to the second', () => {
  assert.equal(exactTime(Date.parse('2024-06-20T20:46:33.512Z')), '2024-06-20 20:46:33 UTC');
  assert.equal(exactTime(Number.NaN), 'unknown');
});
