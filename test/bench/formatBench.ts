// Formatting in `npm run bench`: the formatter on the generated 10,000-line Earthfile in process, and
// `earthfile fmt` rewriting 1,000 Earthfiles as one process, beside the targets of the formatting issue.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatText } from '../../server/src/features/format';
import { REPO_ROOT } from '../harness/paths';
import { earthfileOf } from './corpus';

const LINES = 10_000;
const MAX_MS = 30;
const FILES = 1_000;
const MAX_CLI_MS = 2_000;

/** `text` indented by half: every indented line of it is one the formatter moves. */
function halfIndented(text: string): string {
  return text.replace(/^ +/gm, (m) => ' '.repeat(Math.ceil(m.length / 2)));
}

function sorted(samples: number[]): number[] {
  return samples.sort((a, b) => a - b);
}

/** The formatter on the 10,000-line Earthfile, as generated and indented by half; median and fastest of 3 s of runs each. */
function benchInProcess(): void {
  const text = earthfileOf(LINES);
  const inputs: [string, string][] = [
    ['as generated (continuation lines move)', text],
    ['indented by half (every indented line moves)', halfIndented(text)],
  ];
  console.log(`\nFormatting a ${LINES.toLocaleString('en-US')}-line Earthfile in process (parse, layout and the AST check), median of 3 s of runs (fastest in brackets):`);
  for (const [label, input] of inputs) {
    for (let i = 0; i < 5; i++) formatText(input, '    ');
    const samples: number[] = [];
    const end = performance.now() + 3_000;
    do {
      const t0 = performance.now();
      const outcome = formatText(input, '    ');
      samples.push(performance.now() - t0);
      if (outcome.kind !== 'formatted') throw new Error(`the benchmark Earthfile was not formatted: ${outcome.kind}`);
    } while (performance.now() < end);
    const s = sorted(samples);
    const median = s[s.length >> 1];
    console.log(`  ${median <= MAX_MS ? 'PASS' : 'FAIL'}  ${label}: ${median.toFixed(1)} ms (${s[0].toFixed(1)}) ≤ ${MAX_MS} ms`);
  }
}

/** `earthfile fmt` as users run it: a new process rewriting 1,000 Earthfiles of 60 lines; median of 3 runs on fresh copies. */
function benchCli(): void {
  const messy = halfIndented(earthfileOf(60));
  const cli = join(REPO_ROOT, 'dist', 'cli.js');
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const root = mkdtempSync(join(tmpdir(), 'earthfile-fmt-bench-'));
    try {
      for (let i = 0; i < FILES; i++) {
        const dir = join(root, `svc${i % 50}`, `part${i}`);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'Earthfile'), messy);
      }
      const t0 = performance.now();
      execFileSync(process.execPath, [cli, 'fmt', root], { stdio: ['ignore', 'ignore', 'ignore'] });
      runs.push(performance.now() - t0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  const median = sorted(runs)[1];
  console.log(`\nearthfile fmt rewriting ${FILES.toLocaleString('en-US')} Earthfiles (${(FILES * 60).toLocaleString('en-US')} lines), whole process, median of 3: ${median.toFixed(0)} ms`);
  console.log(`  ${median < MAX_CLI_MS ? 'PASS' : 'FAIL'}  under ${MAX_CLI_MS / 1000} s`);
}

export function benchFormat(): void {
  benchInProcess();
  benchCli();
}
