// Azure Resource Manager's reads that discover registries, served beside the Entra ID stand-in: the
// subscriptions list (what @azure/arm-subscriptions calls), registries per subscription and one registry
// (what @azure/arm-containerregistry calls), in ARM's shapes with `nextLink` paging. ARM accepts only an
// Entra ID token for its own audience and refuses anything else with its 401 codes.
import { sendJson } from './acrErrors';
import type { ArmRegistry, ArmResources, ArmSubscription } from './armResources';
import type { SigningIdentity } from './certificates';
import type { Directory } from './directory';
import type { RequestContext, Route } from './front';
import { nowSeconds, verifyJwt } from './jwt';
import { ARM_AUDIENCES } from './tokenService';

/** ARM's error body: `{"error":{"code","message"}}`. */
class ArmError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

const REGISTRY_TYPE = 'Microsoft.ContainerRegistry/registries';
const API_VERSION = /^\d{4}-\d{2}-\d{2}(?:-preview)?$/;
const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function subscriptionResource(s: ArmSubscription): Record<string, unknown> {
  return {
    id: `/subscriptions/${s.subscriptionId}`, authorizationSource: 'RoleBased', managedByTenants: [], subscriptionId: s.subscriptionId, tenantId: s.tenantId,
    displayName: s.displayName, state: s.state, subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
  };
}

function registryResource(r: ArmRegistry): Record<string, unknown> {
  return {
    id: `/subscriptions/${r.subscriptionId}/resourceGroups/${r.resourceGroup}/providers/${REGISTRY_TYPE}/${r.name}`,
    name: r.name, type: REGISTRY_TYPE, location: r.location, tags: {}, sku: { name: r.sku, tier: r.sku },
    properties: {
      loginServer: r.loginServer, creationDate: r.creationDate, provisioningState: 'Succeeded', adminUserEnabled: r.adminUserEnabled,
      ...(r.sku === 'Premium' ? { networkRuleSet: { defaultAction: 'Allow', ipRules: [] } } : {}),
      policies: { quarantinePolicy: { status: 'disabled' }, trustPolicy: { type: 'Notary', status: 'disabled' }, retentionPolicy: { days: 7, status: 'disabled' }, exportPolicy: { status: 'enabled' } },
      encryption: { status: 'disabled' }, status: null, dataEndpointEnabled: false, dataEndpointHostNames: [], privateEndpointConnections: [],
      publicNetworkAccess: 'Enabled', networkRuleBypassOptions: 'AzureServices', zoneRedundancy: 'Disabled',
    },
  };
}

export class ArmApi {
  constructor(
    private readonly host: string,
    private readonly entraSigner: SigningIdentity,
    private readonly directory: Directory,
    private readonly resources: ArmResources,
  ) {}

  /** The tenant of the caller's Entra ID token, if ARM would take it. */
  private tenantOf(ctx: RequestContext): string {
    const header = ctx.req.headers.authorization;
    if (!header) throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.");
    const bearer = /^Bearer (\S+)$/i.exec(header);
    if (!bearer) throw new ArmError(401, 'AuthenticationFailedInvalidHeader', "Authentication failed. The 'Authorization' header is provided in an invalid format.");
    const claims = verifyJwt(this.entraSigner, bearer[1]!);
    if (!claims || !this.directory.tenants.includes(String(claims.tid))) throw new ArmError(401, 'InvalidAuthenticationToken', 'The access token is invalid.');
    if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds()) {
      throw new ArmError(401, 'ExpiredAuthenticationToken', 'The access token expiry UTC time is earlier than current UTC time.');
    }
    if (!ARM_AUDIENCES.includes(String(claims.aud).replace(/\/$/, ''))) {
      const allowed = ARM_AUDIENCES.flatMap((a) => [`'${a}/'`, `'${a}'`]).join(',');
      throw new ArmError(401, 'InvalidAuthenticationTokenAudience', `The access token has been obtained for wrong audience or resource '${String(claims.aud)}'. It should exactly match with one of the allowed audiences ${allowed}.`);
    }
    return String(claims.tid);
  }

  private subscription(tenant: string, id: string): ArmSubscription {
    const subscription = this.resources.subscriptions.find((s) => same(s.subscriptionId, id));
    if (!subscription) throw new ArmError(404, 'SubscriptionNotFound', `The subscription '${id}' could not be found.`);
    if (subscription.tenantId !== tenant) {
      throw new ArmError(401, 'InvalidAuthenticationTokenTenant', `The access token is from the wrong issuer. It must match the tenant '${subscription.tenantId}' associated with this subscription.`);
    }
    return subscription;
  }

  /** One page from `$skipToken` on, with a `nextLink` that repeats the path and api-version, as ARM's do. */
  private page(ctx: RequestContext, items: readonly Record<string, unknown>[]): Record<string, unknown> {
    const token = ctx.url.searchParams.get('$skipToken') ?? '0';
    if (!/^\d{1,9}$/.test(token)) throw new ArmError(400, 'InvalidSkipToken', `The skip token '${token}' is not valid.`);
    const start = Number(token);
    const end = start + this.resources.pageSize;
    const next = `https://${this.host}${ctx.url.pathname}?api-version=${encodeURIComponent(ctx.url.searchParams.get('api-version')!)}&%24skipToken=${end}`;
    return { value: items.slice(start, end), ...(end < items.length ? { nextLink: next } : {}) };
  }

  private listSubscriptions(tenant: string, ctx: RequestContext): unknown {
    return this.page(ctx, this.resources.subscriptions.filter((s) => s.tenantId === tenant).map(subscriptionResource));
  }

  private listRegistries(tenant: string, [subscriptionId]: readonly string[], ctx: RequestContext): unknown {
    const { subscriptionId: id } = this.subscription(tenant, subscriptionId!);
    return this.page(ctx, this.resources.registries.filter((r) => r.subscriptionId === id).map(registryResource));
  }

  private getRegistry(tenant: string, [subscriptionId, group, name]: readonly string[]): unknown {
    const { subscriptionId: id } = this.subscription(tenant, subscriptionId!);
    const inGroup = this.resources.registries.filter((r) => r.subscriptionId === id && same(r.resourceGroup, group!));
    if (inGroup.length === 0) throw new ArmError(404, 'ResourceGroupNotFound', `Resource group '${group}' could not be found.`);
    const registry = inGroup.find((r) => same(r.name, name!));
    if (!registry) {
      throw new ArmError(404, 'ResourceNotFound', `The Resource '${REGISTRY_TYPE}/${name}' under resource group '${group}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
    }
    return registryResource(registry);
  }

  /** Checks the api-version and the token, then answers with `read`'s result or ARM's error body. */
  private serve(read: (tenant: string, params: readonly string[], ctx: RequestContext) => unknown): Route['handle'] {
    return (ctx) => {
      try {
        const version = ctx.url.searchParams.get('api-version');
        if (!version) throw new ArmError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
        if (!API_VERSION.test(version)) throw new ArmError(400, 'InvalidApiVersionParameter', `The api-version '${version}' is invalid.`);
        sendJson(ctx.res, 200, read(this.tenantOf(ctx), ctx.params, ctx));
      } catch (error) {
        if (!(error instanceof ArmError)) throw error;
        const challenge: Record<string, string> = error.status === 401 ? { 'WWW-Authenticate': `Bearer authorization_uri="https://${this.host}/", error="invalid_token", error_description="${error.message}"` } : {};
        sendJson(ctx.res, error.status, { error: { code: error.code, message: error.message } }, challenge);
      }
    };
  }

  get routes(): Route[] {
    const provider = '/providers/Microsoft\\.ContainerRegistry/registries';
    return [
      { methods: ['GET'], path: /^\/subscriptions$/i, handle: this.serve((tenant, _p, ctx) => this.listSubscriptions(tenant, ctx)) },
      { methods: ['GET'], path: new RegExp(`^/subscriptions/([^/]+)${provider}$`, 'i'), handle: this.serve((tenant, p, ctx) => this.listRegistries(tenant, p, ctx)) },
      {
        methods: ['GET'],
        path: new RegExp(`^/subscriptions/([^/]+)/resourceGroups/([^/]+)${provider}/([^/]+)$`, 'i'),
        handle: this.serve((tenant, p) => this.getRegistry(tenant, p)),
      },
    ];
  }
}
