// "Did you mean …?": the known name nearest to a misspelling, for messages and quick fixes.

/** Edit distance (insertions, deletions, substitutions, adjacent transpositions), capped at `max + 1`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2] + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length];
}

/**
 * The candidate closest to `name`, if it is close enough to be a likely typo: at most a third of the
 * name's length in edits (at least 1, at most 3). Case differences count as half an edit.
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const max = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const exact = editDistance(name, candidate, max);
    const folded = editDistance(name.toLowerCase(), candidate.toLowerCase(), max);
    const score = Math.min(exact, folded + 0.5);
    if (score <= max && score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
