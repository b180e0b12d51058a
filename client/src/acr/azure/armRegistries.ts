// The explorer's ArmReader (registry/armDiscovery.ts) with the Azure Resource Manager SDKs. Bundled on its
// own (dist/azureArm.js) and loaded by azureBundle.ts when the explorer first lists Azure subscriptions.
import { ContainerRegistryManagementClient, type Registry } from '@azure/arm-containerregistry';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { TokenCredential } from '@azure/core-auth';
import type { EntraCredential } from '../auth/signInMethods';
import { resourceGroupOf, type ArmReader, type AzureRegistry, type AzureSubscription } from '../registry/armDiscovery';

export interface ArmReaderOptions {
  /** The Resource Manager endpoint, e.g. https://management.azure.com. */
  readonly endpoint: string;
  /** The token audience ARM takes in this cloud (the endpoint's, except for stand-ins and Azure Stack). */
  readonly audience: string;
  readonly credential: EntraCredential;
  /** CA certificates (PEM) to trust instead of Node's (tests); users have NODE_EXTRA_CA_CERTS. */
  readonly ca?: string;
}

/** The sign-in's credential as the SDK asks it (it passes scopes as a list). */
function tokenCredential(credential: EntraCredential): TokenCredential {
  return {
    async getToken(scopes) {
      const token = await credential.getToken(Array.isArray(scopes) ? scopes[0]! : scopes);
      // The SDK renews a token when it expires: without an expiry from the credential, ask each time.
      return token && { token: token.token, expiresOnTimestamp: Date.now() + 60_000 };
    },
  };
}

/** Subscriptions nothing can be read from. */
const UNUSABLE_STATES: ReadonlySet<string> = new Set(['Disabled', 'Deleted']);

function registryOf(subscriptionId: string, registry: Registry): AzureRegistry | undefined {
  if (!registry.name || !registry.loginServer || !registry.id) return undefined;
  return {
    name: registry.name,
    loginServer: registry.loginServer.toLowerCase(),
    subscriptionId,
    resourceGroup: resourceGroupOf(registry.id),
    resourceId: registry.id,
    ...(registry.location ? { location: registry.location } : {}),
    ...(registry.sku?.name ? { sku: registry.sku.name } : {}),
  };
}

export function armReader(options: ArmReaderOptions): ArmReader {
  const credential = tokenCredential(options.credential);
  const clientOptions = {
    endpoint: options.endpoint,
    credentials: { scopes: [`${options.audience}/.default`] },
    ...(options.ca ? { tlsOptions: { ca: options.ca } } : {}),
  };
  return {
    async subscriptions(signal) {
      const client = new SubscriptionClient(credential, clientOptions);
      const subscriptions: AzureSubscription[] = [];
      for await (const s of client.subscriptions.list({ abortSignal: signal })) {
        if (!s.subscriptionId || (s.state && UNUSABLE_STATES.has(s.state))) continue;
        subscriptions.push({ subscriptionId: s.subscriptionId, displayName: s.displayName ?? s.subscriptionId, ...(s.tenantId ? { tenantId: s.tenantId } : {}) });
      }
      return subscriptions;
    },
    async registries(subscriptionId, signal) {
      const client = new ContainerRegistryManagementClient(credential, subscriptionId, clientOptions);
      const registries: AzureRegistry[] = [];
      for await (const r of client.registries.list({ abortSignal: signal })) {
        const registry = registryOf(subscriptionId, r);
        if (registry) registries.push(registry);
      }
      return registries;
    },
  };
}
