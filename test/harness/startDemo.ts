// `npm start`: a real VS Code (code-server) on 127.0.0.1 with the freshly built extension and a fresh
// copy of the demo workspace, next to the local ACR + Entra ID stand-in (seeded with the demo images)
// that the extension host trusts and finds in its settings. Everything it writes stays in one temporary
// folder, removed on exit: docker's and podman's credentials too, so the user's own are never touched.
// Prints the URLs and runs until Ctrl+C.
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ensureCodeServer, startCodeServer } from './codeServer';
import { DEMO_DIR, REPO_ROOT } from './paths';
import { findEarthfiles } from '../../server/src/cli/findEarthfiles';
import { startRegistry } from '../registry/registry';
import { acrRegistrySetting, describeRegistry, writeCredentialFiles } from '../registry/registrySettings';
import { seedImages } from '../registry/seed';

/** The registry the demo Earthfiles name; the copy pushes to the local one instead. */
const DEMO_REGISTRY = 'earthlydemo.azurecr.io';

/** Points every `REGISTRY` default of the copied demo at `loginServer`. */
function useRegistry(workspace: string, loginServer: string): void {
  for (const file of findEarthfiles([workspace]).files) {
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replaceAll(`REGISTRY=${DEMO_REGISTRY}`, `REGISTRY=${loginServer}`));
  }
}

/** A folder holding only the stand-in `earthly`, for the front of the demo's PATH. */
function standInBin(scratch: string): string {
  const bin = join(scratch, 'bin');
  mkdirSync(bin);
  symlinkSync(join(REPO_ROOT, 'test', 'fixtures', 'bin', 'earthly'), join(bin, 'earthly'));
  return bin;
}

async function main(): Promise<void> {
  const entry = await ensureCodeServer((line) => console.log(line));
  const scratch = DEMO_DIR;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  // Registered after the harness's own exit hook, which kills code-server first.
  process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
  const workspace = join(scratch, 'workspace');
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'demo'), workspace, { recursive: true });
  // Ctrl+C exits this process; exit hooks kill distribution and remove the registry's folder.
  const registry = await startRegistry();
  await seedImages(registry);
  useRegistry(workspace, registry.loginServer);
  const credentials = writeCredentialFiles(registry, scratch);
  const dockerConfig = join(scratch, 'docker');
  mkdirSync(dockerConfig, { mode: 0o700 });
  const containersAuth = join(scratch, 'containers-auth.json');
  const bin = standInBin(scratch);
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  const server = await startCodeServer(entry, {
    scratch,
    workspace,
    env: {
      NODE_EXTRA_CA_CERTS: registry.caFile,
      DOCKER_CONFIG: dockerConfig,
      REGISTRY_AUTH_FILE: containersAuth,
      PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
      // Else VS Code's server gives the extension host the PATH of a login shell instead of this one.
      VSCODE_CLI: '1',
    },
    // The stand-in also serves Resource Manager: signed in with Entra ID, the Registries view lists its subscriptions' registries.
    settings: { 'acr.registries': [acrRegistrySetting(registry)], 'acr.resourceManagerEndpoint': registry.endpoint },
    ...(port ? { port } : {}),
  });
  const url = server.workbenchUrl([['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)]]);
  console.log('\nVS Code with earthly-acr is running on the demo workspace. Open:\n');
  console.log(`  ${url}\n`);
  console.log(`Local Azure Container Registry (seeded with demo images):\n\n  ${describeRegistry(registry, credentials).join('\n  ')}\n`);
  console.log(
    [
      `The demo Earthfiles push to ${registry.loginServer}: "Run with --push" offers to sign in to it.`,
      `Runs use a stand-in earthly (${join('test', 'fixtures', 'bin', 'earthly')}) that prints what it was asked to run and builds`,
      'nothing; to build for real, set "earthly.path" to your earthly in the demo\'s settings.',
      `Sign-ins write docker's credentials to ${join(dockerConfig, 'config.json')} (DOCKER_CONFIG) and podman's`,
      `to ${containersAuth}, never to your own.`,
      '',
      `Workspace: ${workspace}`,
      `Log: ${server.logFile}`,
      `Everything above lives in ${scratch}, which is removed when you press Ctrl+C to stop.`,
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
