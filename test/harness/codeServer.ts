// A real VS Code for the tests and the demo: code-server from npm, installed once into a cache folder.
import { existsSync, mkdirSync, rmSync, writeFileSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { CACHE_DIR } from './paths';
import { InstallProgress } from './installProgress';
import { CODE_SERVER_BUILD, requirePrerequisites, which } from './prerequisites';
import { run, spawnGroup, stopGroup } from './processes';

/** The newest code-server that runs on Node 20 (it bundles VS Code 1.100.3, our `engines.vscode`). */
export const CODE_SERVER_VERSION = '4.100.3';
/** The @vscode/ripgrep release inside that code-server, and the rg build its installer wants. */
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

/**
 * Fetches (metadata and tarballs) of a full install, code-server's own npm installs included: 519 in
 * the http log of an install on 2026-12-05. Only to say how far an install is.
 */
const INSTALL_FETCHES = 520;

const installDir = join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
const entryPoint = join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const installedMarker = join(installDir, '.installed');

/**
 * Installs code-server into the cache unless it is there. Its install step would download ripgrep
 * from GitHub; we hand it Debian's rg (the same 13.0.0) through the downloader's own cache folder.
 */
export async function ensureCodeServer(log: (line: string) => void): Promise<string> {
  if (existsSync(installedMarker) && existsSync(entryPoint)) return entryPoint;
  requirePrerequisites(CODE_SERVER_BUILD);
  log(`Installing code-server ${CODE_SERVER_VERSION} into ${installDir} (once; about 2 minutes)...`);
  const started = Date.now();
  rmSync(installDir, { recursive: true, force: true });
  const tmp = join(installDir, 'tmp');
  const ripgrepCache = join(tmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  mkdirSync(ripgrepCache, { recursive: true });
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep is missing: apt-get install -y ripgrep');
  const rgDir = join(tmp, 'rg');
  mkdirSync(rgDir);
  await run('cp', [rg, join(rgDir, 'rg')]);
  await run('tar', ['czf', join(ripgrepCache, RIPGREP_ASSET), '-C', rgDir, 'rg']);
  writeFileSync(join(installDir, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }));
  const progress = new InstallProgress(INSTALL_FETCHES, log);
  await run('npm', ['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: installDir,
    env: {
      ...process.env,
      TMPDIR: tmp,
      // Each fetch and script is logged (code-server's own npm installs inherit this), for the progress lines.
      npm_config_loglevel: 'http',
      npm_config_foreground_scripts: 'true',
      // code-server's postinstall refuses to run as root without this, and runs `npx` in node-pty's.
      npm_config_unsafe_perm: 'true',
      npm_config_yes: 'true',
      // The whole tree is code-server's: its native modules need their install scripts.
      npm_config_dangerously_allow_all_scripts: 'true',
    },
  }, (line) => progress.line(line));
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(installedMarker, new Date().toISOString());
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s (${progress.fetchCount} packages fetched).`);
  return entryPoint;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface CodeServerOptions {
  /** Scratch folder for user data, extensions, XDG folders and the log. */
  readonly scratch: string;
  readonly workspace: string;
  /** Extra environment for the server, which reaches the extension host. */
  readonly env?: Record<string, string>;
  /** A VSIX to install before starting. */
  readonly vsix?: string;
  /** Fixed port (the demo); a free one otherwise. */
  readonly port?: number;
  /** User settings on top of the quiet defaults below. */
  readonly settings?: Record<string, unknown>;
}

/** A quiet workbench: no welcome page, no restored editors between pages, no update or telemetry noise. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'files.hotExit': 'off',
  'window.restoreWindows': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  // Once an editor is scrolled by a line (Ctrl+Home reveals line 1 below its CodeLens), the sticky
  // header of the enclosing target covers that line and its light bulb.
  'editor.stickyScroll.enabled': false,
  // The DOM renderer keeps the terminal's text in the page, where browser flows read it; each page
  // starts without the terminals and tasks of the page before.
  'terminal.integrated.gpuAcceleration': 'off',
  'terminal.integrated.enablePersistentSessions': false,
  'task.reconnection': false,
};

function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
}

export interface RunningCodeServer {
  readonly port: number;
  readonly origin: string;
  /** The workbench URL for a folder, optionally with an extension-development payload. */
  workbenchUrl(payload?: ReadonlyArray<readonly [string, string]>): string;
  /** A path on this machine as the workbench addresses it. */
  remoteUri(path: string): string;
  readonly logFile: string;
  stop(): Promise<void>;
}

export async function startCodeServer(entry: string, options: CodeServerOptions): Promise<RunningCodeServer> {
  const dirs = Object.fromEntries(
    ['user-data', 'extensions', 'config', 'data', 'cache', 'runtime', 'tmp'].map((d) => [d, join(options.scratch, d)]),
  );
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    XDG_RUNTIME_DIR: dirs.runtime,
    TMPDIR: dirs.tmp,
  };
  // With its system certificates on, VS Code's proxy support replaces Node's CA list, and with it the test
  // CA that NODE_EXTRA_CA_CERTS adds (the local registry's): keep Node's list when a CA is given.
  const extraCa = options.env?.NODE_EXTRA_CA_CERTS ? { 'http.systemCertificates': false } : {};
  writeUserSettings(dirs['user-data'], { ...extraCa, ...options.settings });
  const common = ['--user-data-dir', dirs['user-data'], '--extensions-dir', dirs.extensions];
  if (options.vsix) await run(process.execPath, [entry, ...common, '--install-extension', options.vsix], { env });

  const port = options.port ?? (await freePort());
  const logFile = join(options.scratch, 'code-server.log');
  const out = openSync(logFile, 'a');
  const child: ChildProcess = spawnGroup(
    process.execPath,
    [
      entry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...common,
      options.workspace,
    ],
    { env, stdio: ['ignore', out, out] },
  );
  const origin = `http://127.0.0.1:${port}`;
  await waitForHealth(origin, child, logFile);
  return {
    port,
    origin,
    logFile,
    remoteUri: (path) => `vscode-remote://127.0.0.1:${port}${path}`,
    workbenchUrl: (payload) => {
      const query = new URLSearchParams({ folder: options.workspace });
      if (payload) query.set('payload', JSON.stringify(payload));
      return `${origin}/?${query.toString()}`;
    },
    stop: () => stopGroup(child),
  };
}

async function waitForHealth(origin: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with ${child.exitCode}:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
    }
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stopGroup(child);
  throw new Error(`code-server did not answer ${origin}/healthz within 60 s; see ${logFile}`);
}
