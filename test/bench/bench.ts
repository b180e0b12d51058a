// Benchmark of the Earthfile front end: parse, parse + semantic model and full diagnostics over
// generated Earthfiles, against dockerfile-ast (parse) and dockerfile-utils (validation) on a
// Dockerfile of the same line count, and a raw character-scan floor; then `earthfile lint` over
// 1,000 Earthfiles; then formatting (formatBench.ts), completion (completionBench.ts), navigation across
// 1,000 Earthfiles (navigationBench.ts), semantic tokens and workspace symbols (semanticTokensBench.ts)
// and the registry explorer (explorerBench.ts). Run with `npm run bench`. To measure another stage, add
// one row to STAGES.

import { DockerfileParser } from 'dockerfile-ast';
import { validate as validateDockerfile } from 'dockerfile-utils';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { availableParallelism, loadavg } from 'node:os';
import { analyzeText } from '../../server/src/analysis/analyze';
import { buildFileModel } from '../../server/src/analysis/fileModel';
import { parse } from '../../server/src/parser/parse';
import { diagnose } from '../../server/src/features/diagnostics';
import { REPO_ROOT } from '../harness/paths';
import type { ParseResult } from '../../server/src/parser/syntax';
import { benchCompletion } from './completionBench';
import { benchExplorer } from './explorerBench';
import { benchNavigation } from './navigationBench';
import { benchSemanticTokens } from './semanticTokensBench';
import { benchFormat } from './formatBench';
import { fullGc } from './collect';
import { dockerfileOf, earthfileOf } from './corpus';
import { SERVER_NODE_FLAGS } from '../../shared/src/protocol';

// Measure under the Node flags the language server runs with: re-run this script with them.
if (!SERVER_NODE_FLAGS.every((flag) => process.execArgv.includes(flag))) {
  const child = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, ...process.execArgv, __filename], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

interface Stage {
  readonly name: string;
  /** Which generated text the stage reads. */
  readonly input: 'earthfile' | 'dockerfile';
  /** The raw floor every stage is compared with. */
  readonly floor?: boolean;
  /** The Dockerfile tool doing the same job, which this stage is compared with. */
  readonly peer?: string;
  readonly run: (text: string) => unknown;
}

const DOCKERFILE_AST = 'dockerfile-ast parse';
const DOCKERFILE_UTILS = 'dockerfile-utils validate';

const STAGES: readonly Stage[] = [
  { name: 'raw floor (scan chars)', input: 'earthfile', floor: true, run: rawFloor },
  { name: DOCKERFILE_AST, input: 'dockerfile', run: (t) => DockerfileParser.parse(t) },
  { name: DOCKERFILE_UTILS, input: 'dockerfile', run: (t) => validateDockerfile(t) },
  { name: 'parse', input: 'earthfile', peer: DOCKERFILE_AST, run: parse },
  { name: 'parse + model', input: 'earthfile', peer: DOCKERFILE_AST, run: analyzeText },
  { name: 'model (tree parsed before)', input: 'earthfile', run: modelOnly },
  { name: 'diagnostics (all)', input: 'earthfile', peer: DOCKERFILE_UTILS, run: (t) => diagnose(analyzeText(t)) },
];

const SIZES = [100, 1_000, 10_000, 50_000];

/** Targets from the issues, at 10,000 lines. */
const GOALS = [
  { stage: 'parse + model', lines: 10_000, maxMs: 15, minPeerSpeedup: 10, maxFloorRatio: 15 },
  { stage: 'diagnostics (all)', lines: 10_000, maxMs: 25, minPeerSpeedup: 10 },
];

/** The cheapest possible pass over the text: split into lines and look at every character once. */
function rawFloor(text: string): number {
  let acc = 0;
  for (const line of text.split('\n')) {
    for (let i = 0; i < line.length; i++) acc = (acc + line.charCodeAt(i)) | 0;
  }
  return acc;
}

const parsed = new Map<string, ParseResult>();

/** The semantic model alone: the tree of each input is parsed once, outside the timing. */
function modelOnly(text: string): unknown {
  let result = parsed.get(text);
  if (!result) parsed.set(text, (result = parse(text)));
  return buildFileModel(result.tree, result.errors);
}


let sink: unknown;

interface Timing {
  readonly median: number;
  readonly min: number;
}

/**
 * Times every stage on its input and returns the median and minimum wall time of each, in ms. Each
 * stage runs back to back for a slice of the budget (so its heap reaches a steady state), and the
 * stages take turns over several passes so that all of them see the same machine load.
 */
function timeStages(inputs: Record<Stage['input'], string>, budgetMs: number): Timing[] {
  const passes = 3;
  const samples = STAGES.map((): number[] => []);
  for (let pass = 0; pass < passes; pass++) {
    STAGES.forEach((stage, i) => {
      const text = inputs[stage.input];
      sink = stage.run(text); // warm-up
      const end = performance.now() + budgetMs / passes / STAGES.length;
      do {
        const t0 = performance.now();
        sink = stage.run(text);
        samples[i].push(performance.now() - t0);
      } while (performance.now() < end);
    });
  }
  return samples.map((s) => {
    s.sort((a, b) => a - b);
    return { median: s[s.length >> 1], min: s[0] };
  });
}

/** Heap still used per result after a full GC, with several results alive: the size of what a stage builds. */
function retainedMb(run: (text: string) => unknown, text: string): number {
  const copies = 4;
  sink = undefined;
  fullGc();
  const before = process.memoryUsage().heapUsed;
  const results = Array.from({ length: copies }, () => run(text));
  fullGc();
  const after = process.memoryUsage().heapUsed;
  sink = results;
  return Math.max(0, after - before) / copies / 1e6;
}

/**
 * Lets go of the results the heap measurement kept alive (hundreds of MB at 50,000 lines): they would
 * slow the sections after the table, which measure what a language server holds, not this.
 */
function releaseRetained(): void {
  sink = undefined;
  fullGc();
}

interface Row {
  readonly lines: number;
  readonly stage: Stage;
  readonly ms: number;
  readonly minMs: number;
  readonly mb: number;
}

function measure(): Row[] {
  const rows: Row[] = [];
  for (const lines of SIZES) {
    parsed.clear();
    const inputs = { earthfile: earthfileOf(lines), dockerfile: dockerfileOf(lines) };
    const timings = timeStages(inputs, lines >= 10_000 ? 6000 : 2000);
    STAGES.forEach((stage, i) => {
      const mb = retainedMb(stage.run, inputs[stage.input]);
      rows.push({ lines, stage, ms: timings[i].median, minMs: timings[i].min, mb });
    });
  }
  return rows;
}

function fmt(n: number, digits: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function printTable(rows: readonly Row[]): void {
  const header = ['lines', 'stage', 'median ms', 'min ms', 'µs/line', 'Dockerfile peer ÷ this', 'this ÷ raw floor', 'retained heap MB'];
  const body = rows.map((r) => {
    const peer = rows.find((x) => x.lines === r.lines && x.stage.name === r.stage.peer);
    const floor = rows.find((x) => x.lines === r.lines && x.stage.floor);
    return [
      fmt(r.lines, 0),
      r.stage.name,
      fmt(r.ms, 3),
      fmt(r.minMs, 3),
      fmt((r.ms * 1000) / r.lines, 3),
      peer ? `${fmt(peer.ms / r.ms, 1)}× (${peer.stage.name.split(' ')[0]})` : '',
      floor ? fmt(r.ms / floor.ms, 1) + '×' : '',
      fmt(r.mb, 2),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w, i) => (i < 2 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
  for (const b of body) console.log(line(b));
}

function printVerdict(rows: readonly Row[]): void {
  for (const goal of GOALS) {
    const at = rows.filter((r) => r.lines === goal.lines);
    const ours = at.find((r) => r.stage.name === goal.stage);
    const peer = at.find((r) => r.stage.name === ours?.stage.peer);
    const floor = at.find((r) => r.stage.floor);
    if (!ours || !peer || !floor) continue;
    // Judged on the median; the figure from the fastest runs is shown beside it, as load on a shared
    // machine stretches the median far more than the minimum.
    const checks: [string, number, number, (x: number) => boolean][] = [
      [`${ours.stage.name} ≤ ${goal.maxMs} ms`, ours.ms, ours.minMs, (x) => x <= goal.maxMs],
      [`≥ ${goal.minPeerSpeedup}× faster than ${peer.stage.name}`, peer.ms / ours.ms, peer.minMs / ours.minMs, (x) => x >= goal.minPeerSpeedup],
    ];
    const maxFloorRatio = 'maxFloorRatio' in goal ? goal.maxFloorRatio : undefined;
    if (maxFloorRatio !== undefined) {
      checks.push([`within ${maxFloorRatio}× the raw floor`, ours.ms / floor.ms, ours.minMs / floor.minMs, (x) => x <= maxFloorRatio]);
    }
    console.log(`\nGoals for ${goal.stage} at ${fmt(goal.lines, 0)} lines (median; fastest runs in brackets):`);
    for (const [text, median, min, ok] of checks) {
      console.log(`  ${ok(median) ? 'PASS' : 'FAIL'}  ${text}: ${fmt(median, 1)} (${fmt(min, 1)}, ${ok(min) ? 'pass' : 'fail'})`);
    }
  }
}

/** `earthfile lint` as users run it: a new process over a tree of 1,000 Earthfiles of 60 lines each. */
function benchLint(): void {
  const files = 1_000;
  const root = mkdtempSync(join(tmpdir(), 'earthfile-bench-'));
  try {
    for (let i = 0; i < files; i++) {
      const dir = join(root, `svc${i % 50}`, `part${i}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'Earthfile'), earthfileOf(60));
    }
    const cli = join(REPO_ROOT, 'dist', 'cli.js');
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      try {
        execFileSync(process.execPath, [cli, 'lint', '--format', 'json', root], { stdio: ['ignore', 'ignore', 'ignore'] });
      } catch {
        // Exit code 1 only says that the generated files have errors; the time is what counts here.
      }
      runs.push(performance.now() - t0);
    }
    runs.sort((a, b) => a - b);
    const median = runs[1];
    console.log(`\nearthfile lint over ${fmt(files, 0)} Earthfiles (${fmt(files * 60, 0)} lines), whole process, median of 3: ${fmt(median, 0)} ms`);
    console.log(`  ${median <= 2000 ? 'PASS' : 'FAIL'}  under 2 s`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const rows = measure();
console.log(
  `Node ${process.version} ${process.execArgv.join(' ')} (the language server's flags), ${availableParallelism()} CPUs, load average ${loadavg()[0].toFixed(1)}. Each stage runs back to back, ` +
    'the stages taking turns over 3 passes; ratios and µs/line use the median. Retained heap = growth of heapUsed after a full GC, per result kept alive.\n',
);
printTable(rows);
printVerdict(rows);
void sink;
releaseRetained();
benchLint();
benchFormat();
benchCompletion()
  .then(benchNavigation)
  .then(benchSemanticTokens)
  .then(benchExplorer)
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
