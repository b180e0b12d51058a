// The registries the explorer lists, from where they come: the `acr.registries` setting, the sign-ins, the
// workspace's Earthfiles and the Azure subscriptions; merged into one row per login server that names all
// its sources, and Azure's grouped by subscription.
import { cloudOfLoginServer, toLoginServer } from '../cloud/loginServer';
import type { AzureRegistry, SubscriptionRegistries } from './armDiscovery';

export type RegistrySource = 'settings' | 'signedIn' | 'earthfile' | 'azure';

/** Order and wording of the sources in a row's description. */
const SOURCE_NAMES: Readonly<Record<RegistrySource, string>> = {
  settings: 'settings',
  signedIn: 'signed in',
  earthfile: 'Earthfile',
  azure: 'Azure',
};
const SOURCE_ORDER = Object.keys(SOURCE_NAMES) as RegistrySource[];

export interface SourceLists {
  readonly settings: readonly string[];
  readonly signedIn: readonly string[];
  /** Registry hosts of the images Earthfiles use (docker.io among them): only ACR's are listed. */
  readonly earthfile: readonly string[];
  /** The chosen subscriptions of the Entra ID sign-ins, with their registries (armDiscovery.ts). */
  readonly azure: readonly SubscriptionRegistries[];
}

export interface ListedRegistry {
  readonly loginServer: string;
  /** In the order of SOURCE_NAMES. */
  readonly sources: readonly RegistrySource[];
  readonly azure?: AzureRegistry;
}

export interface SubscriptionGroup {
  readonly subscriptionId: string;
  readonly subscriptionName: string;
  readonly registries: readonly ListedRegistry[];
  /** Why its registries could not be listed. */
  readonly error?: unknown;
}

export interface RegistryListing {
  /** Registries not found in a subscription. */
  readonly registries: readonly ListedRegistry[];
  readonly subscriptions: readonly SubscriptionGroup[];
}

const byName = (a: string, b: string): number => a.localeCompare(b);

/**
 * One row per login server, sorted. An Earthfile's host is listed when it is an Azure login server or
 * another source lists it too (docker.io and other registries are not ACR's to browse).
 */
export function mergeRegistries(lists: SourceLists): RegistryListing {
  const rows = new Map<string, { sources: Set<RegistrySource>; azure?: AzureRegistry }>();
  const add = (host: string, source: RegistrySource, azure?: AzureRegistry): void => {
    const loginServer = toLoginServer(host) ?? host.toLowerCase();
    const row = rows.get(loginServer) ?? { sources: new Set<RegistrySource>() };
    row.sources.add(source);
    if (azure) row.azure = azure;
    rows.set(loginServer, row);
  };
  for (const host of lists.settings) add(host, 'settings');
  for (const host of lists.signedIn) add(host, 'signedIn');
  for (const group of lists.azure) for (const registry of group.registries ?? []) add(registry.loginServer, 'azure', registry);
  for (const host of lists.earthfile) {
    const loginServer = toLoginServer(host);
    if (loginServer && (cloudOfLoginServer(loginServer) || rows.has(loginServer))) add(loginServer, 'earthfile');
  }
  const listed: ListedRegistry[] = [...rows.entries()]
    .sort(([a], [b]) => byName(a, b))
    .map(([loginServer, row]) => ({ loginServer, sources: SOURCE_ORDER.filter((s) => row.sources.has(s)), ...(row.azure ? { azure: row.azure } : {}) }));
  const byServer = new Map(listed.map((r) => [r.loginServer, r]));
  // Groups keep discovery's order (by name); a registry sits in the group ARM listed it in.
  const subscriptions: SubscriptionGroup[] = lists.azure.map((group) => ({
    subscriptionId: group.subscription.subscriptionId,
    subscriptionName: group.subscription.displayName,
    registries: (group.registries ?? []).flatMap((r) => {
      const row = byServer.get(r.loginServer);
      return row?.azure?.resourceId === r.resourceId ? [row] : [];
    }),
    ...(group.error !== undefined ? { error: group.error } : {}),
  }));
  return { registries: listed.filter((r) => !r.azure), subscriptions };
}

/** `settings, Earthfile` */
export function sourcesText(sources: readonly RegistrySource[]): string {
  return sources.map((source) => SOURCE_NAMES[source]).join(', ');
}

/**
 * The registry's page in the Azure portal of its cloud: its resource when ARM named it, else the portal's
 * list of registries. Undefined for a registry outside Azure's clouds.
 */
export function portalUrl(loginServer: string, azure?: AzureRegistry): string | undefined {
  const cloud = cloudOfLoginServer(loginServer);
  if (!cloud) return undefined;
  return azure ? `${cloud.portal}/#resource${azure.resourceId}/overview` : `${cloud.portal}/#browse/Microsoft.ContainerRegistry%2Fregistries`;
}
