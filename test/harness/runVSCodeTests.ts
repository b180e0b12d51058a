// Runs the VS Code test layers in one code-server session, next to the local ACR stand-in (test/registry),
// whose CA, endpoint and test identities reach the extension host through its environment:
//  1. the integration suites (mocha, real `vscode` API) through the extension-development payload;
//  2. the browser flows (test/e2e) against the packaged VSIX, installed into the same code-server.
// Prints a closing line "N passed, N failed" and exits non-zero on any failure.
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { format } from 'node:util';
import type { Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ensureCodeServer, startCodeServer, type RunningCodeServer } from './codeServer';
import { CACHE_DIR, REPO_ROOT, RESULTS_DIR, VSIX_PATH } from './paths';
import { E2E_FLOWS } from '../e2e/flows';
import type { AcrTestEnvironment } from '../integration/acrTestEnvironment';
import { STANDIN_RECORD_NAME } from '../integration/standInEarthly';
import { servicePrincipal } from '../registry/azureClients';
import { startRegistry, type Registry } from '../registry/registry';
import { acrRegistrySetting } from '../registry/registrySettings';
import { seedImages } from '../registry/seed';

const INTEGRATION_TIMEOUT_MS = 10 * 60 * 1000;

interface Outcome {
  readonly name: string;
  readonly passed: boolean;
  readonly detail?: string;
}

interface IntegrationResults {
  readonly passed: number;
  readonly failed: number;
  readonly failures: readonly string[];
}

function log(line: string): void {
  console.log(`[vscode-tests] ${line}`);
}

/** The test workspace: the demo project plus the files the tests need, in a scratch copy. */
function prepareWorkspace(scratch: string): string {
  const workspace = join(scratch, 'workspace');
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'demo'), workspace, { recursive: true });
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'test-overlay'), workspace, { recursive: true });
  return workspace;
}

/** podman's storage in the scratch folder, with the vfs driver: it works as root without kernel features (overlay). */
function writePodmanStorageConf(scratch: string): string {
  const file = join(scratch, 'containers-storage.conf');
  const root = join(scratch, 'containers');
  writeFileSync(file, `[storage]\ndriver = "vfs"\ngraphroot = "${join(root, 'storage')}"\nrunroot = "${join(root, 'run')}"\n`);
  return file;
}

/**
 * Environment for code-server's extension host and its terminals: trust the registry's CA, keep docker's
 * and podman's credentials and podman's images in the scratch folder, tell the ACR suites where the
 * registry is, and put the stand-in tools (test/fixtures/bin) on PATH.
 */
function acrEnvironment(registry: Registry, scratch: string): { env: Record<string, string>; acr: AcrTestEnvironment } {
  const dockerConfig = join(scratch, 'docker');
  mkdirSync(dockerConfig, { recursive: true, mode: 0o700 });
  const sp = servicePrincipal(registry);
  const admin = registry.directory.admin;
  if (!admin) throw new Error('the local registry has no admin user');
  const acr: AcrTestEnvironment = {
    loginServer: registry.loginServer,
    endpoint: registry.endpoint,
    certDir: registry.certDir,
    tenantId: registry.directory.tenants[0]!,
    servicePrincipal: { clientId: sp.clientId, clientSecret: sp.secret, certificateFile: registry.clientCertificateFile },
    admin: { username: admin.username, password: admin.password },
    userDataDir: join(scratch, 'user-data'),
    dockerConfigDir: dockerConfig,
    azureCliLog: join(scratch, 'az-calls.log'),
    dockerCliLog: join(scratch, 'docker-calls.log'),
    podmanStorageConf: writePodmanStorageConf(scratch),
  };
  const env = {
    NODE_EXTRA_CA_CERTS: registry.caFile,
    DOCKER_CONFIG: dockerConfig,
    REGISTRY_AUTH_FILE: join(scratch, 'containers-auth.json'),
    CONTAINERS_STORAGE_CONF: acr.podmanStorageConf,
    EARTHLY_TEST_ACR: JSON.stringify(acr),
    // Stand-ins for tools that cannot be installed here (az, docker), ahead of anything real on PATH.
    PATH: `${join(REPO_ROOT, 'test', 'fixtures', 'bin')}${delimiter}${process.env.PATH ?? ''}`,
    // Else VS Code's server gives the extension host the PATH of a login shell instead of this one.
    VSCODE_CLI: '1',
  };
  return { env, acr };
}

async function runIntegration(page: Page, server: RunningCodeServer, resultsFile: string): Promise<Outcome[]> {
  let settle: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (settle = resolve));
  await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
    for (const line of format(...args).split('\n')) console.log(`  | ${line}`);
  });
  const url = server.workbenchUrl([
    ['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)],
    ['extensionTestsPath', server.remoteUri(join(REPO_ROOT, 'out', 'test', 'integration', 'index.js'))],
  ]);
  await page.goto(url);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(-1), INTEGRATION_TIMEOUT_MS)));
  const code = await Promise.race([exited, timeout]);
  clearTimeout(timer);
  if (code === -1) return [{ name: 'integration suites', passed: false, detail: 'timed out; see the code-server log' }];
  if (!existsSync(resultsFile)) {
    return [{ name: 'integration suites', passed: false, detail: `exited with ${code} before running (no results file)` }];
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as IntegrationResults;
  const outcomes: Outcome[] = results.failures.map((name) => ({ name, passed: false }));
  for (let i = 0; i < results.passed; i++) outcomes.push({ name: `integration #${i + 1}`, passed: true });
  if (code !== 0 && results.failed === 0) outcomes.push({ name: 'integration run', passed: false, detail: `exit ${code}` });
  return outcomes;
}

async function main(): Promise<number> {
  if (!existsSync(VSIX_PATH)) throw new Error(`${VSIX_PATH} is missing: run "npm run package" first (npm test does).`);
  if (!existsSync(join(REPO_ROOT, 'dist', 'server.js'))) throw new Error('dist/ is missing: run "npm run package" first.');
  mkdirSync(CACHE_DIR, { recursive: true });
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  mkdirSync(RESULTS_DIR, { recursive: true });
  const entry = await ensureCodeServer(log);
  const scratch = mkdtempSync(join(CACHE_DIR, 'run-'));
  const resultsFile = join(scratch, 'integration-results.json');
  const workspace = prepareWorkspace(scratch);
  const registry = await startRegistry();
  await seedImages(registry);
  log(`Local registry ${registry.endpoint}`);
  const acr = acrEnvironment(registry, scratch);
  const server = await startCodeServer(entry, {
    scratch,
    workspace,
    vsix: VSIX_PATH,
    env: { EARTHLY_INTEGRATION_RESULTS: resultsFile, ...acr.env,
      // Stand-ins for binaries that cannot be installed here (test/fixtures/bin/earthly records each run);
      // VSCODE_CLI keeps code-server from replacing this PATH with the login shell's in the extension host.
      VSCODE_CLI: '1', PATH: `${join(REPO_ROOT, 'test', 'fixtures', 'bin')}${delimiter}${process.env.PATH ?? ''}`, EARTHLY_STANDIN_RECORD: join(scratch, STANDIN_RECORD_NAME) },
    // The browser flows load test/fixtures/test-accounts-extension, which stands in for VS Code's Microsoft accounts.
    // The stand-in also serves Resource Manager: the Registries view lists its subscriptions' registries.
    settings: { 'acr.registries': [acrRegistrySetting(registry)], 'acr.authenticationProvider': 'earthly-acr-test-accounts', 'acr.resourceManagerEndpoint': registry.endpoint },
  }).catch(async (error: unknown) => {
    await registry.stop();
    throw error;
  });
  log(`code-server ${server.origin}, workspace ${workspace}`);
  const browser = await launchBrowser(join(scratch, 'chromium'));
  const outcomes: Outcome[] = [];
  try {
    log('Integration suites (real vscode API):');
    const integrationPage = await browser.newPage();
    outcomes.push(...(await runIntegration(integrationPage, server, resultsFile)));
    await integrationPage.close();

    // EARTHLY_E2E_GREP runs only the flows whose name contains it (for local runs; CI runs them all).
    const flowGrep = process.env.EARTHLY_E2E_GREP;
    const flows = flowGrep === undefined ? E2E_FLOWS : E2E_FLOWS.filter((flow) => flow.name.includes(flowGrep));
    log(`Browser flows (packaged VSIX)${flowGrep === undefined ? '' : `, only those matching "${flowGrep}": ${flows.length} of ${E2E_FLOWS.length}`}:`);
    const consoleLog = join(RESULTS_DIR, 'workbench-console.log');
    for (const flow of flows) {
      const page = await browser.newPage();
      try {
        const devPaths = flow.extensionDevelopmentPaths ?? [];
        flow.prepare?.(workspace);
        // What the workbench reports as errors, next to the screenshots, for a failure's story.
        page.on('console', (message) => message.type() === 'error' && appendFileSync(consoleLog, `[${flow.name}] ${message.text()}\n`));
        page.on('pageerror', (error) => appendFileSync(consoleLog, `[${flow.name}] ${error.stack ?? error.message}\n`));
        await page.goto(server.workbenchUrl(devPaths.length > 0 ? devPaths.map((path) => ['extensionDevelopmentPath', server.remoteUri(path)] as const) : undefined));
        await flow.run({ page, workspace, acr: acr.acr, screenshot: (name) => page.screenshot({ path: join(RESULTS_DIR, `${name}.png`) }).then(() => undefined) });
        outcomes.push({ name: flow.name, passed: true });
        log(`  ✔ ${flow.name}`);
      } catch (error) {
        await page.screenshot({ path: join(RESULTS_DIR, `failed-${flow.name.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
        outcomes.push({ name: flow.name, passed: false, detail: String(error) });
        log(`  ✘ ${flow.name}: ${String(error)}`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    await registry.stop();
    cpSync(server.logFile, join(RESULTS_DIR, 'code-server.log'));
    // VS Code's own logs (extension hosts, extension activation, output channels), for a failure's story.
    cpSync(join(scratch, 'user-data', 'logs'), join(RESULTS_DIR, 'vscode-logs'), { recursive: true });
    rmSync(scratch, { recursive: true, force: true });
  }
  const failed = outcomes.filter((o) => !o.passed);
  for (const f of failed) log(`FAILED ${f.name}${f.detail ? `: ${f.detail}` : ''}`);
  console.log(`${outcomes.length - failed.length} passed, ${failed.length} failed`);
  return failed.length === 0 && outcomes.length > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
