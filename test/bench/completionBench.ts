// Completion as a person meets it, on a 300-line and a 10,000-line Earthfile, at many typing positions:
// (1) completion with the parse cached, in process; (2) one-character edit then completion in process;
// (3) the same edit then completion through the language server, JSON-RPC included, from a client in a
// process of its own (lspSession.ts): over node IPC, the transport VS Code's client starts our server
// with, and over stdio, as other editors run it; each in a fresh server's first edits and once it is
// warmed up, beside its floor, a server that gets the same messages and does no work. Beside them,
// dockerfile-language-service completion on a Dockerfile of the same size, which parses on every
// request. Median and p99 of each; ratios against the Dockerfile service.

import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLanguageService } from '../../server/src/service';
import { LineIndex, type Position } from '../../server/src/text/lineIndex';
import { REPO_ROOT } from '../harness/paths';
import { dockerfileOf, earthfileOf } from './corpus';
import { STEADY_PASSES, type Session, type SessionRequest, type Transport } from './sessionRequest';
import { timeEach, typingPositions, type Figures } from './typing';

const SIZES = [300, 10_000];
/** How many typing positions each size is measured at (spread evenly over the file). */
const POSITIONS = 400;

type Phase = keyof Session;

const TRANSPORT: Readonly<Record<Transport, string>> = { ipc: 'over IPC (VS Code)', stdio: 'over stdio' };

/** Which edits of a session a row times. */
function editsTimed(phase: Phase): string {
  const pass = phase === 'first' ? 2 : STEADY_PASSES;
  return `edits ${fmt((pass - 1) * POSITIONS + 1, 0)}-${fmt(pass * POSITIONS, 0)}`;
}

function throughLspStage(transport: Transport, phase: Phase): string {
  return `edit + completion, LSP ${TRANSPORT[transport]}, ${editsTimed(phase)}`;
}

/** The same messages to a server that does no language work (floorServer.ts). */
function floorOf(transport: Transport, phase: Phase): string {
  return `${transport === 'ipc' ? 'IPC' : 'stdio'} floor: same messages, no work, ${editsTimed(phase)}`;
}

/** Targets from the completion issue; the real cost of typing is measured as VS Code's client runs the server, warmed up. */
const GOALS: readonly { stage: string; lines: number; maxP99Ms: number }[] = [
  { stage: 'completion, parse cached', lines: 10_000, maxP99Ms: 5 },
  { stage: throughLspStage('ipc', 'steady'), lines: 10_000, maxP99Ms: 25 },
  { stage: throughLspStage('ipc', 'steady'), lines: 300, maxP99Ms: 3 },
];
const MIN_PEER_SPEEDUP = 20;
const PEER = 'dockerfile-language-service';

const host = { readFile: () => undefined, exists: () => false };
const URI = 'file:///bench/Earthfile';

async function cachedCompletion(text: string, positions: readonly Position[]): Promise<Figures> {
  const service = createLanguageService(host);
  service.openDocument(URI, 1, text);
  return timeEach(positions, (position) => service.completion(URI, position, { snippets: true }));
}

/** The one character typed at `position` (a letter: every position is after a prefix or a trigger). */
function typed(text: string, index: LineIndex, position: Position): { text: string; offset: number } {
  const offset = index.offsetAt(position);
  return { text: text.slice(0, offset) + 'a' + text.slice(offset), offset };
}

async function editThenComplete(text: string, positions: readonly Position[]): Promise<Figures> {
  const service = createLanguageService(host);
  const index = new LineIndex(text);
  let version = 1;
  service.openDocument(URI, version, text);
  return timeEach(positions, (position) => {
    const edited = typed(text, index, position);
    service.openDocument(URI, ++version, edited.text);
    return service.completion(URI, { line: position.line, character: position.character + 1 }, { snippets: true });
  });
}

/**
 * One session of typing through the LSP, timed by the client process (lspSession.ts); the real server's
 * answers are kept in `answersDir` for the floor server to replay.
 */
function throughLsp(answersDir: string, transport: Transport, lines: number, floor: boolean): Session {
  const request: SessionRequest = { transport, lines, positions: POSITIONS, answers: join(answersDir, `${transport}-${lines}.json`), floor };
  const client = join(REPO_ROOT, 'out', 'test', 'bench', 'lspSession.js');
  return JSON.parse(execFileSync(process.execPath, [client, JSON.stringify(request)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })) as Session;
}

async function dockerfileCompletion(text: string, positions: readonly Position[]): Promise<Figures> {
  const service = DockerfileLanguageServiceFactory.createLanguageService();
  return timeEach(positions, (position) => service.computeCompletionItems(text, position));
}

interface Row {
  readonly lines: number;
  readonly stage: string;
  readonly figures: Figures;
  readonly floor?: boolean;
}

function fmt(n: number, digits: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export async function benchCompletion(): Promise<void> {
  const rows: Row[] = [];
  const answersDir = mkdtempSync(join(tmpdir(), 'earthfile-bench-answers-'));
  try {
    for (const lines of SIZES) {
      const earthfile = earthfileOf(lines);
      const dockerfile = dockerfileOf(lines);
      const positions = typingPositions(earthfile, POSITIONS);
      const dockerPositions = typingPositions(dockerfile, POSITIONS);
      rows.push({ lines, stage: 'completion, parse cached', figures: await cachedCompletion(earthfile, positions) });
      rows.push({ lines, stage: 'edit + completion in process', figures: await editThenComplete(earthfile, positions) });
      for (const transport of ['ipc', 'stdio'] as const) {
        const served = throughLsp(answersDir, transport, lines, false);
        const floor = throughLsp(answersDir, transport, lines, true);
        for (const phase of ['first', 'steady'] as const) {
          rows.push({ lines, stage: throughLspStage(transport, phase), figures: served[phase] });
          rows.push({ lines, stage: floorOf(transport, phase), figures: floor[phase], floor: true });
        }
      }
      rows.push({ lines, stage: PEER, figures: await dockerfileCompletion(dockerfile, dockerPositions) });
    }
  } finally {
    rmSync(answersDir, { recursive: true, force: true });
  }
  console.log(`\nCompletion at ${POSITIONS} typing positions per file (keyword prefixes, after $, + and --); ms:`);
  const header = ['lines', 'stage', 'median', 'p99', `${PEER} ÷ this (median)`];
  const body = rows.map((r) => {
    const peer = rows.find((x) => x.lines === r.lines && x.stage === PEER);
    return [fmt(r.lines, 0), r.stage, fmt(r.figures.median, 3), fmt(r.figures.p99, 3), peer && r.stage !== PEER && !r.floor ? `${fmt(peer.figures.median / r.figures.median, 1)}×` : ''];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w, i) => (i < 2 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
  for (const b of body) console.log(line(b));
  console.log('\nGoals for completion:');
  for (const goal of GOALS) {
    const row = rows.find((r) => r.lines === goal.lines && r.stage === goal.stage);
    if (!row) continue;
    console.log(`  ${row.figures.p99 <= goal.maxP99Ms ? 'PASS' : 'FAIL'}  ${goal.stage} at ${fmt(goal.lines, 0)} lines, p99 ≤ ${goal.maxP99Ms} ms: ${fmt(row.figures.p99, 2)}`);
  }
  for (const lines of SIZES) {
    const ours = rows.find((r) => r.lines === lines && r.stage === 'completion, parse cached');
    const peer = rows.find((r) => r.lines === lines && r.stage === PEER);
    if (!ours || !peer) continue;
    const speedup = peer.figures.median / ours.figures.median;
    console.log(`  ${speedup >= MIN_PEER_SPEEDUP ? 'PASS' : 'FAIL'}  completion at ${fmt(lines, 0)} lines ≥ ${MIN_PEER_SPEEDUP}× faster than ${PEER}: ${fmt(speedup, 1)}×`);
  }
}
