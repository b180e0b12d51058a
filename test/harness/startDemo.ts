// `npm start`: a real VS Code (code-server) on 127.0.0.1 with the freshly built extension and a fresh
// copy of the demo workspace. Prints the URL and runs until Ctrl+C.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCodeServer, startCodeServer } from './codeServer';
import { CACHE_DIR, REPO_ROOT } from './paths';

async function main(): Promise<void> {
  const entry = await ensureCodeServer((line) => console.log(line));
  const scratch = join(CACHE_DIR, 'demo');
  rmSync(scratch, { recursive: true, force: true });
  const workspace = join(scratch, 'workspace');
  mkdirSync(scratch, { recursive: true });
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'demo'), workspace, { recursive: true });
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  const server = await startCodeServer(entry, { scratch, workspace, ...(port ? { port } : {}) });
  const url = server.workbenchUrl([['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)]]);
  console.log('\nVS Code with earthly-acr is running on the demo workspace. Open:\n');
  console.log(`  ${url}\n`);
  // Ctrl+C ends this process; the harness then kills code-server's whole process group.
  console.log(`Workspace: ${workspace}\nLog: ${server.logFile}\nPress Ctrl+C to stop.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
