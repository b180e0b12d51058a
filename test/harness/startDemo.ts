// `npm start`: a real VS Code (code-server) on 127.0.0.1 with the freshly built extension and a fresh
// copy of the demo workspace, next to the local ACR + Entra ID stand-in (seeded with the demo images)
// that the extension host trusts and finds in its settings. Prints the URLs and runs until Ctrl+C.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCodeServer, startCodeServer } from './codeServer';
import { CACHE_DIR, REPO_ROOT } from './paths';
import { startRegistry } from '../registry/registry';
import { acrRegistrySetting, describeRegistry, writeCredentialFiles } from '../registry/registrySettings';
import { seedImages } from '../registry/seed';

async function main(): Promise<void> {
  const entry = await ensureCodeServer((line) => console.log(line));
  const scratch = join(CACHE_DIR, 'demo');
  rmSync(scratch, { recursive: true, force: true });
  const workspace = join(scratch, 'workspace');
  mkdirSync(scratch, { recursive: true });
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'demo'), workspace, { recursive: true });
  // Ctrl+C exits this process; exit hooks kill distribution and remove the registry's folder.
  const registry = await startRegistry();
  await seedImages(registry);
  const credentials = writeCredentialFiles(registry, scratch);
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  const server = await startCodeServer(entry, {
    scratch,
    workspace,
    env: { NODE_EXTRA_CA_CERTS: registry.caFile },
    settings: { 'acr.registries': [acrRegistrySetting(registry)] },
    ...(port ? { port } : {}),
  });
  const url = server.workbenchUrl([['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)]]);
  console.log('\nVS Code with earthly-acr is running on the demo workspace. Open:\n');
  console.log(`  ${url}\n`);
  // Ctrl+C ends this process; the harness then kills code-server's whole process group.
  console.log(`Local Azure Container Registry (seeded with demo images):\n\n  ${describeRegistry(registry, credentials).join('\n  ')}\n`);
  console.log(`Workspace: ${workspace}\nLog: ${server.logFile}\nPress Ctrl+C to stop.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
