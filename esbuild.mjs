// Bundles the extension (client, server, CLI) into dist/ and the tests, harness and benchmark into out/.
//   node esbuild.mjs                 both, for development (source maps)
//   --clean                          empties the output folders first (--production always does)
//   node esbuild.mjs --production    only dist/, minified, without source maps (what the VSIX ships)
//   node esbuild.mjs --tests-only    only out/ (after `--production`, for the test run)
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

/** Files under `dir` whose names end with `suffix` (none when `dir` does not exist). */
function filesUnder(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith(suffix))
    .map((f) => join(dir, f));
}

// The Azure SDK ships in bundles of its own, which client/src/acr/azure/azureBundle.ts loads on first use:
// module of client/src/acr/azure/ -> bundle in dist/.
const AZURE_BUNDLES = { entraCredentials: 'azure', registryData: 'azureRegistry', armRegistries: 'azureArm' };
const azureApart = {
  name: 'azure-apart',
  setup(build) {
    const modules = new RegExp(`^\\./(${Object.keys(AZURE_BUNDLES).join('|')})$`);
    build.onResolve({ filter: modules }, (args) => ({ path: `./${AZURE_BUNDLES[args.path.slice(2)]}.js`, external: true }));
  },
};
const azureEntryPoints = Object.fromEntries(Object.entries(AZURE_BUNDLES).map(([module, bundle]) => [bundle, `client/src/acr/azure/${module}.ts`]));

const node = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' };
const shippedCommon = {
  ...node,
  outdir: 'dist',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  define: { SERVER_VERSION: JSON.stringify(version) },
  metafile: true,
};

const shipped = [
  {
    ...shippedCommon,
    entryPoints: { client: 'client/src/extension.ts', server: 'server/src/server.ts', ...azureEntryPoints },
    plugins: [azureApart],
  },
  { ...shippedCommon, entryPoints: { cli: 'server/src/cli/index.ts' }, banner: { js: '#!/usr/bin/env node' } },
];

// Tests keep their npm dependencies external: they run from this checkout, next to node_modules.
const tests = {
  ...node,
  entryPoints: [
    ...filesUnder('test/unit', '.test.ts'),
    ...filesUnder('test/server', '.test.ts'),
    ...filesUnder('test/registry', '.ts'),
    ...filesUnder('test/acrCredentials', '.test.ts'),
    ...filesUnder('test/integration', '.ts'),
    ...filesUnder('test/harness', '.ts'),
    ...filesUnder('test/e2e', '.ts'),
    ...filesUnder('test/demo', '.test.ts'),
    ...filesUnder('test/bench', '.ts'),
  ],
  outbase: '.',
  outdir: 'out',
  packages: 'external',
  external: ['vscode'],
  sourcemap: true,
  define: { SERVER_VERSION: JSON.stringify(version) },
};

const builds = production ? shipped : args.has('--tests-only') ? [tests] : [...shipped, tests];
if (args.has('--clean') || production) {
  for (const dir of new Set(builds.map((b) => b.outdir))) rmSync(dir, { recursive: true, force: true });
}
const results = await Promise.all(builds.map((options) => esbuild.build(options)));
const azureInClient = results.flatMap((r) => Object.keys(r.metafile?.outputs['dist/client.js']?.inputs ?? {})).filter((i) => i.includes('node_modules/@azure/'));
if (azureInClient.length > 0) throw new Error(`dist/client.js must not bundle the Azure SDK (it belongs in one of the bundles of AZURE_BUNDLES): ${azureInClient[0]}`);
