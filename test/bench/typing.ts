// Typing positions in an Earthfile and the timing of an operation at each: shared by the completion
// and navigation benchmarks and by the LSP client process of the completion benchmark.
import type { Position } from '../../server/src/text/lineIndex';

/**
 * Where people type in `text`: the end of a command keyword's first letters, and just after each `$`,
 * `+` and `--` of the line. Lines are sampled evenly so that `count` positions cover the whole file.
 */
export function typingPositions(text: string, count: number): Position[] {
  const lines = text.split('\n');
  const all: Position[] = [];
  lines.forEach((line, i) => {
    const indent = line.length - line.trimStart().length;
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    all.push({ line: i, character: Math.min(line.length, indent + 2) });
    for (const marker of ['$', '+', '--']) {
      const at = line.indexOf(marker, indent + 1);
      if (at >= 0) all.push({ line: i, character: at + marker.length });
    }
  });
  const step = Math.max(1, Math.floor(all.length / count));
  return all.filter((_, i) => i % step === 0).slice(0, count);
}

export interface Figures {
  readonly median: number;
  readonly p99: number;
}

export function figures(samples: number[]): Figures {
  samples.sort((a, b) => a - b);
  return { median: samples[samples.length >> 1], p99: samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.99))] };
}

/**
 * Times `run` on every item, after `untimedPasses` passes over all of them (one by default: a server
 * that has been typed in for a few seconds has compiled the code of every context, and the first call
 * of each is a one-off).
 */
export async function timeEach<T>(
  items: readonly T[],
  run: (item: T, i: number) => Promise<unknown> | unknown,
  /** Untimed, before each call of `run`. */
  before?: (item: T) => Promise<unknown>,
  untimedPasses = 1,
): Promise<Figures> {
  for (let pass = 0; pass < untimedPasses; pass++) {
    for (let i = 0; i < items.length; i++) {
      await before?.(items[i]);
      await run(items[i], -1);
    }
  }
  const samples: number[] = [];
  for (let i = 0; i < items.length; i++) {
    await before?.(items[i]);
    const t0 = performance.now();
    await run(items[i], i);
    samples.push(performance.now() - t0);
  }
  return figures(samples);
}

