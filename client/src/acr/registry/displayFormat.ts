// How the explorer writes digests, times and sizes: short digests as docker prints image ids, times
// relative to now, sizes in decimal units as docker does.
import type { Platform } from './dataSource';

/** `sha256:0123456789ab…` -> `0123456789ab`; another algorithm keeps its name; anything else is left whole. */
export function shortDigest(digest: string): string {
  const match = /^([a-z0-9]+(?:[.+_-][a-z0-9]+)*):([a-f0-9]{12})[a-f0-9]*$/.exec(digest);
  if (!match) return digest;
  return match[1] === 'sha256' ? match[2]! : `${match[1]}:${match[2]}`;
}

const RELATIVE_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 hours ago", "yesterday"; under a minute (or a registry clock slightly ahead) is "just now". */
export function relativeTime(at: number, now: number): string {
  const ago = now - at;
  const unit = RELATIVE_UNITS.find(([, ms]) => Math.abs(ago) >= ms);
  if (!unit || (ago < 0 && -ago < 5 * 60_000)) return 'just now';
  return relative.format(-Math.trunc(ago / unit[1]), unit[0]);
}

const SIZE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** `1234567` -> `1.23 MB`: three significant digits, powers of 1000. */
export function formatSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 999.5 && unit < SIZE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : Number(value.toPrecision(3))} ${SIZE_UNITS[unit]}`;
}

/** `linux/arm64/v8`, as docker writes a platform. */
export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

/** `2024-06-20 20:46:33 UTC`: the same for every reader, whatever their time zone. */
export function exactTime(at: number): string {
  return Number.isFinite(at) ? `${new Date(at).toISOString().slice(0, 19).replace('T', ' ')} UTC` : 'unknown';
}
