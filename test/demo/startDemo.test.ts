// `npm start` as a newcomer runs it, with a HOME of its own: the demo opens; "Run with --push" above a
// demo target offers to sign in to the local registry; the sign-in writes docker's credentials into the
// demo's folder and nowhere in HOME; the run shows the stand-in earthly's output; Ctrl+C removes the folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ChildProcess } from 'node:child_process';
import { launchBrowser } from '../harness/browser';
import { DEMO_DIR, REPO_ROOT, RESULTS_DIR } from '../harness/paths';
import { spawnGroup, stopGroup } from '../harness/processes';
import { answerServicePrincipal, clickNotificationButton } from '../e2e/earthlyTask';
import { clickLens } from '../e2e/runCodeLens';
import { openFile, waitForTerminalText, waitForWorkbench } from '../e2e/workbench';

const START_TIMEOUT_MS = 5 * 60 * 1000;

/** The demo's banner, once it has printed its last line. */
function banner(demo: ChildProcess): Promise<string[]> {
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    createInterface({ input: demo.stdout! }).on('line', (line) => {
      lines.push(line);
      if (line.startsWith('Everything above lives in')) resolve(lines);
    });
    demo.on('exit', (code) => reject(new Error(`npm start's process exited with ${code}:\n${lines.join('\n')}`)));
  });
}

/** What `pattern` captures in the first line that it matches. */
function captured(lines: readonly string[], pattern: RegExp): string {
  for (const line of lines) {
    const match = pattern.exec(line);
    if (match) return match[1]!;
  }
  throw new Error(`the demo's banner has no line matching ${pattern}:\n${lines.join('\n')}`);
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

test('npm start runs the demo without touching HOME, signs in to the local registry for a push, and removes its folder on Ctrl+C', { timeout: START_TIMEOUT_MS }, async () => {
  const home = mkdtempSync(join(tmpdir(), 'earthly-acr-demo-home-'));
  const demo = spawnGroup(process.execPath, [join(REPO_ROOT, 'out', 'test', 'harness', 'startDemo.js')], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOME: home, PORT: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const lines = await banner(demo);
    const url = captured(lines, /^\s+(http:\/\/127\.0\.0\.1:\d+\/\?\S+)$/);
    const registry = captured(lines, /^The demo Earthfiles push to (\S+):/);
    assert.match(registry, /^127\.0\.0\.1:\d+$/);
    const sp = JSON.parse(readFileSync(join(DEMO_DIR, 'service-principal.json'), 'utf8')) as { clientId: string; clientSecret: string };

    const browser = await launchBrowser(join(home, 'chromium'));
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await waitForWorkbench(page);
      await openFile(page, 'services/api/Earthfile');
      await clickLens(page, 'Run with --push');
      await clickNotificationButton(page, `Sign in to ${registry}`);
      await answerServicePrincipal(page, sp.clientId, sp.clientSecret);
      await waitForTerminalText(page, 'stand-in earthly');
      await waitForTerminalText(page, 'SUCCESS');
      await page.screenshot({ path: join(RESULTS_DIR, 'demo-run-with-push.png') });
    } finally {
      await browser.close();
    }

    const config = JSON.parse(readFileSync(join(DEMO_DIR, 'docker', 'config.json'), 'utf8')) as { auths?: Record<string, unknown> };
    assert.ok(config.auths?.[registry], `the demo's docker config has no credentials for ${registry}`);
    // Chromium's profile is the test's; the demo leaves nothing in HOME.
    assert.deepEqual(readdirSync(home), ['chromium']);

    // Ctrl+C: the demo's process stops code-server and the registry and removes its folder.
    process.kill(demo.pid!, 'SIGINT');
    await exited(demo);
    assert.equal(existsSync(DEMO_DIR), false, `${DEMO_DIR} is still there after Ctrl+C`);
  } finally {
    await stopGroup(demo);
    rmSync(home, { recursive: true, force: true });
  }
});
