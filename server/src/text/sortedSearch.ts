// Binary search over ascending keys (line starts, the starts of recipes, offsets of joined words).

/**
 * The index of the last of `count` ascending keys that is at or below `value`, or -1 when the first
 * is already above it. `keyAt(i)` gives key `i`.
 */
export function lastAtOrBelow(count: number, keyAt: (i: number) => number, value: number): number {
  let lo = 0;
  let hi = count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (keyAt(mid) <= value) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
