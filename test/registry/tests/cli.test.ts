// `npm run registry` as a user runs it (the built out/test/registry/cli.js): `--anonymous-pull` opens the
// catalog to clients without credentials, and an unknown option fails with the usage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../harness/paths';
import { run, spawnGroup, stopGroup } from '../../harness/processes';
import { httpsRequest } from '../httpsRequest';

const CLI = join(REPO_ROOT, 'out', 'test', 'registry', 'cli.js');

/** Starts the CLI and resolves with what it printed once it is ready; stop() ends it as Ctrl+C does. */
function startCli(args: readonly string[]): Promise<{ output: string; stop: () => Promise<void> }> {
  const child = spawnGroup(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Press Ctrl+C to stop.')) resolve({ output, stop: () => stopGroup(child) });
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`the CLI exited (${code}) before it was ready:\n${output}`)));
  });
}

test('--anonymous-pull: the catalog answers a request without credentials', { timeout: 60000 }, async () => {
  const cli = await startCli(['--anonymous-pull']);
  try {
    assert.match(cli.output, /Anonymous pull: +on/);
    const endpoint = /ACR endpoint: +(https:\/\/\S+)/.exec(cli.output)![1]!;
    const caFile = /Test CA: +(\S+)/.exec(cli.output)![1]!;
    const catalog = await httpsRequest(`${endpoint}/acr/v1/_catalog`, readFileSync(caFile, 'utf8'));
    assert.equal(catalog.status, 200);
    assert.ok(catalog.json<{ repositories: string[] }>().repositories.includes('hello-world'));
  } finally {
    await cli.stop();
  }
});

test('an unknown option fails naming the options there are', async () => {
  await assert.rejects(run(process.execPath, [CLI, '--anonymous']), /unknown option --anonymous\nusage: npm run registry -- \[--bulk\] \[--anonymous-pull\] \[--verbose\]/);
});
