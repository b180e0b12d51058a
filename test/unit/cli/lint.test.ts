// `earthfile lint` over a temporary tree: file discovery, the three formats, exit codes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintCommand } from '../../../server/src/cli/lintCommand';

let root: string;

function write(relative: string, text: string): void {
  const path = join(root, relative);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

async function lint(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await lintCommand.run(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'earthfile-lint-'));
  write('Earthfile', 'VERSION 0.8\nbuild:\n    FROM alpine\n    BUILD ./api+image\n');
  write('api/Earthfile', 'VERSION 0.8\nimage:\n    FROM alpine\n    SAVE IMAGE api:latest\n');
  write('broken/build.earth', 'build:\n    FROM alpine\n    RUN --push=maybe true\n');
  write('node_modules/pkg/Earthfile', 'not an earthfile at all\n');
  write('.git/Earthfile', 'nor this\n');
});

after(() => rmSync(root, { recursive: true, force: true }));

test('human format: path:line:col: severity code message, exit 1 on errors, dependency folders skipped', async () => {
  const { code, out, err } = await lint(root);
  assert.equal(code, 1);
  const lines = out.trim().split('\n');
  assert.ok(lines.every((l) => /^\S+:\d+:\d+: (error|warning|information|hint) [EWH]-[a-z-]+ .+/.test(l)), out);
  assert.ok(lines.some((l) => l.includes('broken/build.earth:1:1: error E-missing-version')), out);
  assert.ok(lines.some((l) => l.includes('broken/build.earth:3:16: error E-bool-flag-value')), out);
  assert.ok(!out.includes('node_modules') && !out.includes('.git'), out);
  assert.match(err, /3 Earthfile\(s\) checked/);
});

test('a clean tree exits 0, and cross-file references resolve', async () => {
  const { code, out } = await lint(join(root, 'Earthfile'), join(root, 'api'));
  assert.equal(out, '');
  assert.equal(code, 0);
});

test('json format lists each problem with 1-based positions', async () => {
  const { code, out } = await lint('--format', 'json', join(root, 'broken'));
  assert.equal(code, 1);
  const problems = JSON.parse(out) as { file: string; line: number; column: number; code: string; severity: string }[];
  assert.deepEqual(
    problems.map((p) => [p.code, p.line, p.column, p.severity]),
    [
      ['E-missing-version', 1, 1, 'error'],
      ['E-bool-flag-value', 3, 16, 'error'],
    ],
  );
});

test('sarif format is SARIF 2.1.0 with rules, levels and regions', async () => {
  const { out } = await lint('--format=sarif', join(root, 'broken'));
  const log = JSON.parse(out);
  assert.equal(log.version, '2.1.0');
  const [run] = log.runs;
  assert.equal(run.tool.driver.name, 'earthfile');
  const rules = run.tool.driver.rules as { id: string }[];
  assert.equal(run.results.length, 2);
  for (const result of run.results) {
    assert.equal(rules[result.ruleIndex].id, result.ruleId);
    assert.equal(result.level, 'error');
    const { artifactLocation, region } = result.locations[0].physicalLocation;
    assert.equal(artifactLocation.uriBaseId, 'SRCROOT');
    assert.ok(region.startLine >= 1 && region.startColumn >= 1);
  }
});

test('bad usage exits 2', async () => {
  assert.equal((await lint('--format', 'xml')).code, 2);
  assert.equal((await lint(join(root, 'missing'))).code, 2);
  assert.equal((await lint('--nope')).code, 2);
});

test('--rules lists every rule once', async () => {
  const { code, out } = await lint('--rules');
  assert.equal(code, 0);
  const codes = out.trim().split('\n').map((l) => l.split(/\s+/)[0]);
  assert.ok(codes.includes('E-missing-version') && codes.includes('W-undeclared-variable'));
  assert.equal(new Set(codes).size, codes.length);
});
