// The registry explorer against the local registry seeded with `--bulk` (10,000 repositories; one
// repository with 5,000 tags): time to the first page and to the whole list, and the requests each
// takes, through the explorer's data layer (the RegistryBrowser each tree row asks, over the Azure SDK
// bundle), beside the raw SDK listing (the floor) and beside the pattern of a tree that lists tag
// names and then fetches each tag's manifest for its date (what the other ACR tree in VS Code does).
import { globalAgent } from 'node:https';
import { loadRegistryData } from '../../client/src/acr/azure/azureBundle';
import { RegistryBrowser } from '../../client/src/acr/registry/registryBrowser';
import { RegistryCalls } from '../../client/src/acr/registry/registryCalls';
import { clientSecretCredential, containerRegistryClient, exchangeForRefreshToken } from '../registry/azureClients';
import { seedBulk } from '../registry/bulkSeed';
import { startRegistry } from '../registry/registry';

/** ACR's default page size, which the explorer uses too. */
const PAGE = 100;
/** Timed listings per client; medians are reported. */
const ROUNDS = 5;

interface Row {
  readonly listing: string;
  readonly client: string;
  readonly firstMs?: number;
  readonly allMs: number;
  readonly requests: number;
  readonly pages?: number;
}

async function countPages(pages: AsyncIterable<unknown>): Promise<number> {
  let count = 0;
  for await (const page of pages) count += page ? 1 : 0;
  return count;
}

const fmt = (n: number | undefined, digits = 0): string => (n === undefined ? '' : n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));

export async function benchExplorer(): Promise<void> {
  const requests: string[] = [];
  const registry = await startRegistry({ log: (line) => requests.push(line) });
  try {
    globalAgent.options.ca = registry.caPem;
    const bulk = seedBulk(registry);
    const credential = clientSecretCredential(registry);
    const refreshToken = await exchangeForRefreshToken(registry, credential);
    // A client's first call to a scope is answered 401 with the challenge that sends it for a token: not a listing request.
    const dataPlane = (): number => requests.filter((line) => (/ \/acr\/v1\//.test(line) || / \/v2\/.+\/manifests\//.test(line)) && !line.endsWith(' 401')).length;
    const rows: Row[] = [];

    interface Listing {
      readonly listing: string;
      readonly client: string;
      /** A fresh client each round: its first page, then the rest; answers the pages it read (undefined: not paged). */
      readonly start: () => { first: () => Promise<unknown>; rest: () => Promise<number | undefined> };
    }

    /** Runs each listing `rounds` times, interleaved (so that load on the machine falls on all alike); medians. */
    async function measure(listings: readonly Listing[], rounds: number): Promise<void> {
      const samples = listings.map(() => ({ first: [] as number[], all: [] as number[], requests: 0, pages: undefined as number | undefined }));
      for (let round = 0; round < rounds; round++) {
        for (const [i, { start }] of listings.entries()) {
          const { first, rest } = start();
          const before = dataPlane();
          const t0 = performance.now();
          await first();
          samples[i]!.first.push(performance.now() - t0);
          samples[i]!.pages = await rest();
          samples[i]!.all.push(performance.now() - t0);
          samples[i]!.requests = dataPlane() - before;
        }
      }
      const median = (values: number[]): number => values.sort((a, b) => a - b)[values.length >> 1]!;
      listings.forEach(({ listing, client }, i) => {
        const { first, all, requests, pages } = samples[i]!;
        rows.push({ listing, client, firstMs: median(first), allMs: median(all), requests, ...(pages !== undefined ? { pages } : {}) });
      });
    }

    const browser = (): RegistryBrowser => {
      const data = loadRegistryData().createRegistryData({ loginServer: registry.loginServer, refreshToken: async () => refreshToken, ca: registry.caPem });
      const credentials = { ensureFresh: async () => undefined, renew: async () => undefined, refreshToken: async () => refreshToken };
      return new RegistryBrowser(new RegistryCalls({ loginServer: registry.loginServer, data, credentials }), { pageSize: PAGE });
    };
    /** The raw SDK, signed in as the explorer is (a fresh client: it gets its own token, as a fresh browser does). */
    const sdk = () => containerRegistryClient(registry, credential);

    // Untimed: the registry reads its storage once (it caches what it read).
    await countPages(sdk().listRepositoryNames().byPage({ maxPageSize: PAGE }));
    await countPages(sdk().getRepository(bulk.manyTagsRepository).listManifestProperties().byPage({ maxPageSize: PAGE }));

    await measure(
      [
        {
          listing: '10,000 repositories',
          client: 'explorer (RegistryBrowser)',
          start: () => {
            const repositories = browser();
            return {
              first: () => repositories.loadFolder('bulk'),
              rest: async () => {
                let pages = 1;
                for (; repositories.folderHasMore('bulk'); pages++) await repositories.loadFolder('bulk');
                if (repositories.folderChildren('bulk').length < bulk.repositories.length) throw new Error('the explorer did not list every repository');
                return pages;
              },
            };
          },
        },
        {
          listing: '10,000 repositories',
          client: 'raw SDK (listRepositoryNames)',
          start: () => {
            const pages = sdk().listRepositoryNames().byPage({ maxPageSize: PAGE });
            return { first: () => pages.next(), rest: async () => 1 + (await countPages(pages)) };
          },
        },
        {
          listing: '5,000 tags',
          client: 'explorer (RegistryBrowser)',
          start: () => {
            const tags = browser();
            return {
              first: () => tags.loadTags(bulk.manyTagsRepository),
              rest: async () => {
                let pages = 1;
                for (; tags.tagsHaveMore(bulk.manyTagsRepository); pages++) await tags.loadTags(bulk.manyTagsRepository);
                if (tags.tags(bulk.manyTagsRepository).length !== 5000) throw new Error(`the explorer listed ${tags.tags(bulk.manyTagsRepository).length} tags, not 5,000`);
                return pages;
              },
            };
          },
        },
        {
          listing: '5,000 tags',
          client: 'raw SDK (listManifestProperties)',
          start: () => {
            const pages = sdk().getRepository(bulk.manyTagsRepository).listManifestProperties({ order: 'LastUpdatedOnDescending' }).byPage({ maxPageSize: PAGE });
            return { first: () => pages.next(), rest: async () => 1 + (await countPages(pages)) };
          },
        },
      ],
      ROUNDS,
    );
    // Tag names a page at a time (all 5,000 name the one bulk manifest), then each tag's manifest for its
    // date, one by one: slow enough to run once.
    await measure(
      [
        {
          listing: '5,000 tags',
          client: 'tag names, then each tag\'s manifest',
          start: () => {
            const repository = sdk().getRepository(bulk.manyTagsRepository);
            const names = repository.getArtifact(bulk.digest).listTagProperties().byPage({ maxPageSize: PAGE });
            let dated = 0;
            const datePage = async (page: readonly { name: string }[]): Promise<void> => {
              for (const tag of page) {
                await repository.getArtifact(tag.name).getManifestProperties();
                dated++;
              }
            };
            return {
              first: async () => {
                const first = await names.next();
                if (!first.done) await datePage(first.value);
              },
              rest: async () => {
                for await (const page of names) await datePage(page);
                if (dated !== 5000) throw new Error(`dated ${dated} tags, not 5,000`);
                return undefined;
              },
            };
          },
        },
      ],
      1,
    );

    console.log(`\nThe registry explorer against the local registry (--bulk), pages of ${PAGE}; ms (median of ${ROUNDS}, interleaved), and data-plane requests (/acr/v1, manifests) per listing:`);
    const header = ['listing', 'client', 'first page', 'whole list', 'requests', 'pages', '÷ raw SDK (whole)'];
    const body = rows.map((r) => {
      const floor = rows.find((x) => x.listing === r.listing && x.client.startsWith('raw SDK'));
      return [r.listing, r.client, fmt(r.firstMs), fmt(r.allMs), fmt(r.requests), fmt(r.pages), floor && floor !== r ? `${fmt(r.allMs / floor.allMs, 2)}×` : ''];
    });
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
    const line = (cells: string[]): string => '| ' + cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ') + ' |';
    console.log(line(header));
    console.log('|' + widths.map((w, i) => (i < 2 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
    for (const b of body) console.log(line(b));

    console.log('\nGoals for the explorer:');
    for (const listing of ['10,000 repositories', '5,000 tags']) {
      const ours = rows.find((r) => r.listing === listing && r.client.startsWith('explorer'))!;
      const floor = rows.find((r) => r.listing === listing && r.client.startsWith('raw SDK'))!;
      console.log(`  ${ours.firstMs! <= 300 ? 'PASS' : 'FAIL'}  ${listing}: first page ≤ 300 ms: ${fmt(ours.firstMs)}`);
      console.log(`  ${ours.allMs <= 1.2 * floor.allMs ? 'PASS' : 'FAIL'}  ${listing}: whole list within 1.2× the raw SDK: ${fmt(ours.allMs / floor.allMs, 2)}×`);
      console.log(`  ${ours.requests === ours.pages ? 'PASS' : 'FAIL'}  ${listing}: one request per page: ${fmt(ours.requests)} requests for ${fmt(ours.pages)} pages`);
    }
  } finally {
    await registry.stop();
  }
}
