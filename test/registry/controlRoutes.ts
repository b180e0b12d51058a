// Test-only endpoints under `/_emulator/`, for tests that run in another process than the registry (the
// extension host): arm and clear faults, revoke tokens, change lifetimes, approve device codes, switch
// anonymous pull, change what ARM lists, seed and remove the bulk repositories. Faults never apply to these routes.
import { RequestError, sendEmpty, sendJson } from './acrErrors';
import { parseArmPatch, type ArmResources } from './armResources';
import { removeBulk, seedBulk, type BulkOptions, type BulkTarget } from './bulkSeed';
import type { Directory } from './directory';
import { readBody } from './requestBodies';
import type { EntraStandIn } from './entra';
import { parseFault, type Faults } from './faults';
import type { RequestContext, Route } from './front';
import type { Lifetimes, TokenService } from './tokenService';

interface Controlled {
  readonly faults: Faults;
  readonly tokens: TokenService;
  readonly entra: EntraStandIn;
  readonly lifetimes: Lifetimes;
  readonly directory: Directory;
  readonly arm: ArmResources;
  readonly bulk: BulkTarget;
}

async function readJson(ctx: RequestContext): Promise<Record<string, unknown>> {
  try {
    const value: unknown = JSON.parse((await readBody(ctx.req)).toString('utf8'));
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch (error) {
    if (error instanceof RequestError) throw error;
  }
  throw new RequestError(400, 'UNSUPPORTED', 'expected a JSON object');
}

/** `{"prefix"?, "repositories"?, "tags"?}` as seedBulk takes them. */
function parseBulk(body: Record<string, unknown>): BulkOptions {
  const { prefix, repositories, tags } = body;
  const count = (value: unknown): value is number | undefined => value === undefined || (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 100_000);
  if ((prefix !== undefined && (typeof prefix !== 'string' || !/^[a-z0-9]+(?:[._/-][a-z0-9]+)*$/.test(prefix))) || !count(repositories) || !count(tags)) {
    throw new RequestError(400, 'UNSUPPORTED', 'expected {"prefix"?: a repository path, "repositories"?: n, "tags"?: n}');
  }
  return { ...(prefix !== undefined ? { prefix } : {}), ...(repositories !== undefined ? { repositories } : {}), ...(tags !== undefined ? { tags } : {}) };
}

export function controlRoutes({ faults, tokens, entra, lifetimes, directory, arm, bulk }: Controlled): Route[] {
  return [
    { methods: ['POST'], path: /^\/_emulator\/faults$/, handle: async (ctx) => (faults.add(parseFault(await readJson(ctx))), sendEmpty(ctx.res, 204)) },
    { methods: ['DELETE'], path: /^\/_emulator\/faults$/, handle: (ctx) => (faults.clear(), sendEmpty(ctx.res, 204)) },
    { methods: ['POST'], path: /^\/_emulator\/revoke$/, handle: (ctx) => (tokens.revokeAll(), sendEmpty(ctx.res, 204)) },
    {
      methods: ['PATCH'],
      path: /^\/_emulator\/lifetimes$/,
      handle: async (ctx) => {
        const patch = await readJson(ctx);
        for (const [field, value] of Object.entries(patch)) {
          if (!(field in lifetimes) || typeof value !== 'number' || value < 0) throw new RequestError(400, 'UNSUPPORTED', `invalid lifetime ${field}`);
        }
        Object.assign(lifetimes, patch);
        sendJson(ctx.res, 200, lifetimes);
      },
    },
    {
      methods: ['POST'],
      path: /^\/_emulator\/devicecode\/approve$/,
      handle: async (ctx) => {
        const { userCode, username } = await readJson(ctx);
        if (typeof userCode !== 'string' || (username !== undefined && typeof username !== 'string')) throw new RequestError(400, 'UNSUPPORTED', 'expected {"userCode", "username"?}');
        if (!entra.approveDeviceCode(userCode, username)) throw new RequestError(404, 'NOT_FOUND', 'no pending device code with that user code');
        sendEmpty(ctx.res, 204);
      },
    },
    {
      methods: ['PUT'],
      path: /^\/_emulator\/anonymous-pull$/,
      handle: async (ctx) => {
        const { enabled } = await readJson(ctx);
        if (typeof enabled !== 'boolean') throw new RequestError(400, 'UNSUPPORTED', 'expected {"enabled": true|false}');
        directory.anonymousPull = enabled;
        sendEmpty(ctx.res, 204);
      },
    },
    { methods: ['PATCH'], path: /^\/_emulator\/arm$/, handle: async (ctx) => (Object.assign(arm, parseArmPatch(await readJson(ctx))), sendJson(ctx.res, 200, arm)) },
    {
      methods: ['POST'],
      path: /^\/_emulator\/bulk$/,
      handle: async (ctx) => {
        const { repositories, manyTagsRepository, digest } = seedBulk(bulk, parseBulk(await readJson(ctx)));
        sendJson(ctx.res, 200, { repositories: repositories.length, manyTagsRepository, digest });
      },
    },
    {
      methods: ['DELETE'],
      path: /^\/_emulator\/bulk$/,
      handle: async (ctx) => {
        await removeBulk(bulk, parseBulk(await readJson(ctx)).prefix);
        sendEmpty(ctx.res, 204);
      },
    },
  ];
}
