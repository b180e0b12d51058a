// `earthfile fmt --diff`: what formatting changes, as a unified diff (`patch -p1` and `git apply`
// read it). It is made from the formatter's pieces, which pair each logical line of the source with
// its formatted text, so no general diff algorithm is needed and a large file costs linear time.
import type { Piece } from '../features/format';

interface DiffLine {
  readonly op: ' ' | '-' | '+';
  readonly text: string;
  /** The line's ending as written: `''` for a last line without one. */
  readonly eol: string;
}

const CONTEXT = 3;

/** The lines of `s`, each with its line ending. */
function splitLines(s: string): { text: string; eol: string }[] {
  const lines: { text: string; eol: string }[] = [];
  const re = /\r\n|\n|\r/g;
  let last = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    lines.push({ text: s.slice(last, m.index), eol: m[0] });
    last = m.index + m[0].length;
  }
  if (last < s.length) lines.push({ text: s.slice(last), eol: '' });
  return lines;
}

/** The source's lines marked kept, removed or added, piece by piece. */
function diffLines(source: string, pieces: readonly Piece[]): DiffLine[] {
  const out: DiffLine[] = [];
  const same = (a: { text: string; eol: string }, b: { text: string; eol: string }) => a.text === b.text && a.eol === b.eol;
  for (const p of pieces) {
    const before = splitLines(source.slice(p.start, p.end));
    if (source.slice(p.start, p.end) === p.text) {
      for (const l of before) out.push({ op: ' ', ...l });
      continue;
    }
    const after = splitLines(p.text);
    // Lines a changed piece keeps at its start and end stay context.
    let head = 0;
    while (head < before.length && head < after.length && same(before[head], after[head])) head++;
    let tail = 0;
    while (tail < before.length - head && tail < after.length - head && same(before[before.length - 1 - tail], after[after.length - 1 - tail])) tail++;
    for (let i = 0; i < head; i++) out.push({ op: ' ', ...before[i] });
    for (let i = head; i < before.length - tail; i++) out.push({ op: '-', ...before[i] });
    for (let i = head; i < after.length - tail; i++) out.push({ op: '+', ...after[i] });
    for (let i = before.length - tail; i < before.length; i++) out.push({ op: ' ', ...before[i] });
  }
  return out;
}

/** A unified diff from `source` to its formatted text (`pieces`); empty when nothing changes. */
export function unifiedDiff(oldLabel: string, newLabel: string, source: string, pieces: readonly Piece[]): string {
  const lines = diffLines(source, pieces);
  const changes: number[] = [];
  lines.forEach((l, i) => {
    if (l.op !== ' ') changes.push(i);
  });
  if (changes.length === 0) return '';
  // Lines of the old and the new text before each diff line.
  const oldBefore = new Array<number>(lines.length + 1);
  const newBefore = new Array<number>(lines.length + 1);
  oldBefore[0] = newBefore[0] = 0;
  lines.forEach((l, i) => {
    oldBefore[i + 1] = oldBefore[i] + (l.op === '+' ? 0 : 1);
    newBefore[i + 1] = newBefore[i] + (l.op === '-' ? 0 : 1);
  });
  const parts = [`--- ${oldLabel}\n+++ ${newLabel}\n`];
  for (let c = 0; c < changes.length; ) {
    // Changes closer than twice the context share a hunk.
    let d = c;
    while (d + 1 < changes.length && changes[d + 1] - changes[d] <= 2 * CONTEXT + 1) d++;
    const from = Math.max(0, changes[c] - CONTEXT);
    const to = Math.min(lines.length, changes[d] + CONTEXT + 1);
    const oldCount = oldBefore[to] - oldBefore[from];
    const newCount = newBefore[to] - newBefore[from];
    // An empty side names the line before it (0 at the start of the file).
    const oldStart = oldBefore[from] + (oldCount > 0 ? 1 : 0);
    const newStart = newBefore[from] + (newCount > 0 ? 1 : 0);
    parts.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@\n`);
    for (let i = from; i < to; i++) {
      const l = lines[i];
      parts.push(`${l.op}${l.text}\n`);
      if (l.eol === '') parts.push('\\ No newline at end of file\n');
    }
    c = d + 1;
  }
  return parts.join('');
}
