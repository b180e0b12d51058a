// The `earthfile` CLI, run in-process through its subcommand table.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, SUBCOMMANDS } from '../../../server/src/cli';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'earthfile-cli-'));
const good = join(dir, 'good.earth');
const bad = join(dir, 'bad.earth');
writeFileSync(good, 'VERSION 0.8\nFROM alpine\nbuild:\n    RUN echo hi\n    LOCALLY\n');
writeFileSync(bad, 'VERSION 0.8\nbuild:\n    IF true\n    SAVE  ARTIFACT x\n');

test('ast prints the tree', async () => {
  const { code, out, err } = await run(['ast', good]);
  assert.equal(code, 0);
  assert.equal(err, '');
  const json = JSON.parse(out);
  assert.deepEqual(json.version, { args: ['0.8'] });
  assert.deepEqual(json.targets[0].recipe[1], { command: { name: 'LOCALLY' } });
});

test('ast --source-map and --form earthly', async () => {
  const { out } = await run(['ast', '--source-map', '--form', 'earthly', good]);
  const json = JSON.parse(out);
  assert.deepEqual(json.targets[0].recipe[1].command.args, []);
  assert.deepEqual(json.targets[0].recipe[0].command.sourceLocation, {
    file: good,
    startLine: 4,
    startColumn: 4,
    endLine: 4,
    endColumn: 13,
  });
});

test('syntax errors go to stderr as file:line:col with exit code 1', async () => {
  const { code, out, err } = await run(['ast', bad]);
  assert.equal(code, 1);
  assert.equal(out, '');
  assert.equal(
    err,
    `${bad}:3:5: expected END to close IF opened at line 3\n` +
      `${bad}:4:5: unknown command keyword "SAVE" (multi-word keywords such as "SAVE ARTIFACT", "SAVE IMAGE" are separated by exactly one space)\n`,
  );
});

test('help and usage errors', async () => {
  const help = await run(['--help']);
  assert.equal(help.code, 0);
  for (const s of SUBCOMMANDS) assert.ok(help.out.includes(s.name));
  assert.equal((await run(['ast', '--help'])).code, 0);
  assert.equal((await run(['nope'])).code, 2);
  assert.equal((await run(['ast'])).code, 2);
  assert.equal((await run(['ast', join(dir, 'missing')])).code, 2);
});
