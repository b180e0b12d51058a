// Earthly tasks through the real vscode API, run against the stand-in earthly (test/fixtures/bin) that
// the harness puts first on PATH and that records each run's argv, cwd and chosen environment variables.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { EarthlyApi } from '../../client/src/extension';
import type { RunOutcome } from '../../client/src/earthly/vscode/runTerminal';
import { acrTestEnvironment, identityTokenFor, skopeoInspect, type AcrTestEnvironment } from './acrTestEnvironment';
import { standInRuns, type StandInRun } from './standInEarthly';
import { waitFor, workspaceFile } from './waitFor';

const EXTENSION_ID = 'earthly-acr.earthly-acr';
const DIR = 'runner-tasks';
/** Values a shell would split, expand or execute; each must reach earthly as one literal argument. */
const HOSTILE: Record<string, string> = {
  SPACES: 'two  spaces and\ttab',
  QUOTES: `it's "quoted"`,
  DOLLAR: '$HOME ${PATH}',
  SEMI: 'a; touch /tmp/pwned',
  TICKS: '`id` $(id)',
  UNICODE: 'größe ✓ 日本語',
  NEWLINE: 'line1\nline2',
  EMPTY: '',
};
const ENV_SECRET = 'EARTHLY_TEST_ENV_SECRET';
const STORED_SECRET = 'EARTHLY_TEST_STORED_SECRET';
const ENV_SECRET_VALUE = `env-secret-${Date.now()} $x ;y`;
const STORED_SECRET_VALUE = `stored-secret-${Date.now()}`;

function earthfile(loginServer: string): string {
  return [
    'VERSION 0.8',
    '',
    '# Says hello.',
    'hello:',
    '    FROM alpine:3.20',
    '    ARG GREETING=hi',
    '    RUN echo $GREETING',
    '',
    '# Fails on purpose.',
    'fail:',
    '    FROM alpine:3.20',
    '    RUN false',
    '',
    '# Pushes to the local registry.',
    'push:',
    '    FROM alpine:3.20',
    `    SAVE IMAGE --push ${loginServer}/runner/app:latest`,
    '',
    'unauthorized:',
    '    FROM alpine:3.20',
    '',
    'wait:',
    '    FROM alpine:3.20',
    '',
  ].join('\n');
}

function tasksJson(): string {
  const base = { type: 'earthly', target: '+hello', earthfileDir: DIR };
  return JSON.stringify(
    {
      version: '2.0.0',
      tasks: [
        { ...base, label: 'runner: hostile', args: HOSTILE, flags: ['--no-cache', '--platform=linux/arm64'], secrets: [ENV_SECRET, STORED_SECRET] },
        { ...base, label: 'runner: from the root', cwd: '.' },
        { ...base, label: 'runner: invalid', args: { TAG: 3 } },
        { ...base, label: 'runner: fail in place', target: '+fail' },
      ],
    },
    null,
    2,
  );
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, String(f)))
    .filter((f) => statSync(f).isFile());
}

describe('Earthly tasks', function () {
  this.timeout(120_000);
  let api: EarthlyApi;
  let env: AcrTestEnvironment;
  const outcomes: RunOutcome[] = [];
  let subscription: vscode.Disposable | undefined;

  const records = standInRuns;

  async function fetchEarthlyTasks(): Promise<vscode.Task[]> {
    return vscode.tasks.fetchTasks({ type: 'earthly' });
  }

  async function taskNamed(name: string): Promise<vscode.Task> {
    let names: string[] = [];
    return waitFor(
      `the task "${name}"`,
      async () => {
        const tasks = await fetchEarthlyTasks();
        names = tasks.map((t) => t.name);
        return tasks.find((t) => t.name === name);
      },
      () => `tasks: ${JSON.stringify(names)}`,
    );
  }

  /** Runs a task and resolves with its outcome and what the stand-in recorded (if it ran). */
  async function run(task: vscode.Task): Promise<{ outcome: RunOutcome; recorded?: StandInRun }> {
    const before = outcomes.length;
    const recordedBefore = records().length;
    await vscode.tasks.executeTask(task);
    const outcome = await waitFor(`the run of ${task.name} to finish`, () => outcomes[before]);
    // The task system reports the end after the pseudoterminal closes; the next run must not find it busy.
    await waitFor(`${task.name} to leave the running tasks`, () => !vscode.tasks.taskExecutions.some((e) => e.task.name === task.name));
    const recorded = records().slice(recordedBefore);
    assert.ok(recorded.length <= 1, `one run recorded, not ${recorded.length}`);
    return { outcome, ...(recorded[0] ? { recorded: recorded[0] } : {}) };
  }

  before(async () => {
    const extension = vscode.extensions.getExtension<EarthlyApi>(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
    api = await extension.activate();
    env = acrTestEnvironment();
    standInRuns(); // fails naming the missing prerequisite when the harness did not set the stand-in up
    subscription = api.earthly.onDidFinishRun((outcome) => outcomes.push(outcome));
    process.env[ENV_SECRET] = ENV_SECRET_VALUE;
    process.env.EARTHLY_STANDIN_ENV = [ENV_SECRET, STORED_SECRET].join(',');
    await vscode.workspace.fs.writeFile(workspaceFile(`${DIR}/Earthfile`), Buffer.from(earthfile(env.loginServer)));
    await vscode.workspace.fs.writeFile(workspaceFile('.vscode/tasks.json'), Buffer.from(tasksJson()));
  });

  after(async () => {
    subscription?.dispose();
    for (const s of api.acr.status()) await api.acr.logout(s.loginServer);
    await vscode.workspace.fs.delete(workspaceFile('.vscode/tasks.json')).then(undefined, () => undefined);
    await vscode.commands.executeCommand('earthly.deleteSecret', STORED_SECRET);
    delete process.env[ENV_SECRET];
  });

  it('finds the stand-in binary and shows its version in the language status', async () => {
    const status = await api.earthly.binaryStatus();
    assert.equal(status.text, 'earthly v0.8.15');
    assert.match(status.detail ?? '', /test\/fixtures\/bin\/earthly$/);
  });

  it('lists a task per target of every Earthfile, with a --push variant for targets that push, and none for functions', async () => {
    await taskNamed(`./${DIR}+push --push`);
    const tasks = await fetchEarthlyTasks();
    const names = tasks.map((t) => t.name);
    for (const expected of ['+all', '+lint', '+release', './services/api+build', './services/api+docker', './services/api+docker --push', './services/web+docker --push', `./${DIR}+hello`, `./${DIR}+push`, `./${DIR}+push --push`]) {
      assert.ok(names.includes(expected), `"${expected}" among ${JSON.stringify(names)}`);
    }
    assert.ok(!names.includes(`./${DIR}+hello --push`), 'no --push variant for a target that pushes nothing');
    assert.ok(!names.some((n) => n.includes('GO_DEPS') || n.includes('OCI_LABELS')), 'functions are not tasks');
    const hello = tasks.find((t) => t.name === `./${DIR}+hello`)!;
    assert.equal(hello.source, 'earthly');
    assert.equal(hello.detail, 'Says hello.');
    assert.deepEqual(hello.definition, { type: 'earthly', target: `./${DIR}+hello` });
    assert.deepEqual(tasks.find((t) => t.name === `./${DIR}+push --push`)!.definition, { type: 'earthly', target: `./${DIR}+push`, flags: ['--push'] });
  });

  it('refreshes the list when an Earthfile changes', async () => {
    const uri = workspaceFile(`${DIR}/Earthfile`);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(earthfile(env.loginServer) + '\nadded:\n    FROM alpine:3.20\n'));
    await taskNamed(`./${DIR}+added`);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(earthfile(env.loginServer)));
    await waitFor('the removed target to leave the list', async () => !(await fetchEarthlyTasks()).some((t) => t.name === `./${DIR}+added`));
  });

  it('runs a detected task in the workspace folder with the reference as the target', async () => {
    const { outcome, recorded } = await run(await taskNamed(`./${DIR}+hello`));
    assert.equal(outcome.exitCode, 0);
    assert.ok(recorded, 'the stand-in ran');
    assert.deepEqual(recorded.argv, [`./${DIR}+hello`]);
    assert.equal(recorded.cwd, workspaceFileRoot());
  });

  it('passes hostile build args literally, runs in earthfileDir, and gives secrets only through the environment', async () => {
    await vscode.commands.executeCommand('earthly.setSecret', STORED_SECRET, STORED_SECRET_VALUE);
    const { outcome, recorded } = await run(await taskNamed('runner: hostile'));
    assert.equal(outcome.exitCode, 0);
    assert.ok(recorded, 'the stand-in ran');
    assert.deepEqual(recorded.argv, [
      '--no-cache',
      '--platform=linux/arm64',
      '--secret', ENV_SECRET,
      '--secret', STORED_SECRET,
      '+hello',
      ...Object.entries(HOSTILE).map(([name, value]) => `--${name}=${value}`),
    ]);
    assert.equal(recorded.cwd, join(workspaceFileRoot(), DIR));
    assert.deepEqual(recorded.env, { [ENV_SECRET]: ENV_SECRET_VALUE, [STORED_SECRET]: STORED_SECRET_VALUE });
    for (const secret of [ENV_SECRET_VALUE, STORED_SECRET_VALUE]) {
      assert.ok(!recorded.argv.some((a) => a.includes(secret)), 'no secret value in argv');
      assert.ok(!outcome.commandLine?.includes(secret), 'no secret value in the command line shown in the terminal');
    }
    assert.ok(outcome.commandLine?.startsWith('earthly --no-cache --platform=linux/arm64 --secret EARTHLY_TEST_ENV_SECRET'), outcome.commandLine);
    assert.ok(!outcome.commandLine?.includes('\n'), 'the shown command line is one line');
  });

  it('rewrites +name of earthfileDir relative to an explicit cwd', async () => {
    const { recorded } = await run(await taskNamed('runner: from the root'));
    assert.deepEqual(recorded?.argv, [`./${DIR}+hello`]);
    assert.equal(recorded?.cwd, workspaceFileRoot());
  });

  it('refuses an invalid hand-written definition with a message instead of running', async () => {
    const { outcome, recorded } = await run(await taskNamed('runner: invalid'));
    assert.equal(outcome.exitCode, 2);
    assert.equal(recorded, undefined, 'the stand-in did not run');
  });

  // In earthfileDir first: the stand-in prints `Earthfile`, relative to where it runs, as earthly does.
  for (const [name, where] of [['runner: fail in place', 'earthfileDir'], [`./${DIR}+fail`, 'the workspace folder']]) {
    it(`turns Earthly's error line into a diagnostic on the Earthfile (run in ${where})`, async () => {
      const uri = workspaceFile(`${DIR}/Earthfile`);
      // The language server's diagnostics say "earthly" too; the problem matcher's carry Earthly's message.
      const fromRun = (file: vscode.Uri): vscode.Diagnostic[] =>
        vscode.languages.getDiagnostics(file).filter((d) => d.source === 'earthly' && d.message.includes("'RUN false' did not complete"));
      const { outcome } = await run(await taskNamed(name));
      assert.equal(outcome.exitCode, 1);
      const diagnostic = await waitFor(
        'the problem matcher diagnostic',
        () => fromRun(uri)[0],
        () => `diagnostics: ${JSON.stringify(vscode.languages.getDiagnostics().map(([u, ds]) => [u.toString(), ds.map((d) => [d.source, d.message])]))}`,
      );
      assert.equal(diagnostic.range.start.line, 11, 'on the RUN false line');
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.deepEqual(fromRun(workspaceFile('Earthfile')), [], 'nothing on the root Earthfile');
    });
  }

  it('notices a registry refusing the credentials', async () => {
    const { outcome } = await run(await taskNamed(`./${DIR}+unauthorized`));
    assert.equal(outcome.exitCode, 1);
    assert.equal(outcome.authFailure, true);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('stops the run on Ctrl+C', async () => {
    const task = await taskNamed(`./${DIR}+wait`);
    const before = outcomes.length;
    const recordedBefore = records().length;
    await vscode.tasks.executeTask(task);
    await waitFor('the stand-in to start', () => records().length > recordedBefore);
    const terminal = await waitFor('the task terminal', () => vscode.window.terminals.find((t) => t.name.includes(`${DIR}+wait`)));
    terminal.sendText('\x03', false);
    const outcome = await waitFor('the interrupted run to end', () => outcomes[before]);
    assert.equal(outcome.exitCode, 130);
  });

  it('makes the credentials of the registry a target pushes to fresh before it runs', async () => {
    await api.acr.login({
      loginServer: env.loginServer,
      method: 'servicePrincipal',
      tenantId: env.tenantId,
      clientId: env.servicePrincipal.clientId,
      clientSecret: env.servicePrincipal.clientSecret,
    });
    const token = identityTokenFor(env.loginServer);
    assert.ok(token, 'signed in');
    const { outcome, recorded } = await run(await taskNamed(`./${DIR}+push --push`));
    assert.equal(outcome.exitCode, 0);
    assert.deepEqual(recorded?.argv, ['--push', `./${DIR}+push`]);
    assert.deepEqual(outcome.registries, [{ loginServer: env.loginServer, outcome: 'fresh' }]);
    assert.equal(identityTokenFor(env.loginServer), token, 'a three-hour token is not renewed');
    const { code, stderr } = await skopeoInspect(env);
    assert.equal(code, 0, stderr);
  });

  it('never writes a secret value to the logs', async () => {
    const logs = filesUnder(join(env.userDataDir, 'logs'));
    const earthlyLog = logs.find((f) => f.endsWith('Earthly.log'));
    assert.ok(earthlyLog, `the Earthly output channel's log among ${logs.length} log files`);
    await waitFor('the run lines in the Earthly log', () => readFileSync(earthlyLog, 'utf8').includes('Running earthly'));
    for (const file of logs) {
      const text = readFileSync(file, 'utf8');
      for (const secret of [ENV_SECRET_VALUE, STORED_SECRET_VALUE]) assert.ok(!text.includes(secret), `a secret value appears in ${file}`);
    }
  });
});

function workspaceFileRoot(): string {
  return vscode.workspace.workspaceFolders![0]!.uri.fsPath;
}
