// `npm run registry`: starts the local ACR + Entra ID stand-in, seeds it, prints the endpoint and a
// ready-to-paste setting, and runs until Ctrl+C. `--bulk` adds 10,000 repositories and 5,000 tags;
// `--anonymous-pull` lets clients without credentials list, pull and read metadata; `--verbose` prints
// each request (never its credentials).
import { seedBulk } from './bulkSeed';
import { startRegistry, type Registry } from './registry';
import { describeRegistry, writeCredentialFiles } from './registrySettings';
import { seedImages } from './seed';

const OPTIONS = ['--bulk', '--anonymous-pull', '--verbose'];
const USAGE = `usage: npm run registry -- ${OPTIONS.map((o) => `[${o}]`).join(' ')}`;

async function timed<T>(label: string, work: () => T | Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  console.log(`${label} in ${((performance.now() - start) / 1000).toFixed(2)} s`);
  return result;
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const unknown = [...args].filter((a) => !OPTIONS.includes(a));
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(' ')}\n${USAGE}`);
  // Ctrl+C exits the process; exit hooks then kill distribution's process group and remove the folder.
  const registry: Registry = await timed('Started', () => startRegistry(args.has('--verbose') ? { log: (line) => console.log(line) } : {}));
  registry.directory.anonymousPull = args.has('--anonymous-pull');
  await timed('Pushed the demo images', () => seedImages(registry));
  if (args.has('--bulk')) await timed('Wrote 10,000 repositories and a repository with 5,000 tags', () => seedBulk(registry));
  const files = writeCredentialFiles(registry, registry.dir);
  console.log(['', ...describeRegistry(registry, files), '', 'Press Ctrl+C to stop.'].join('\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
