// The registries of the user's Azure subscriptions, as plain data: every subscription each Entra ID
// sign-in can see (merged by id), then each chosen subscription's registries, a few subscriptions at a
// time. A subscription that cannot be listed keeps its error beside it instead of failing the rest.
// The Azure Resource Manager SDK bundle (azure/armRegistries.ts) implements `ArmReader`.
import { RequestLimit } from './requestLimit';

export interface AzureSubscription {
  readonly subscriptionId: string;
  readonly displayName: string;
  readonly tenantId?: string;
}

export interface AzureRegistry {
  readonly name: string;
  readonly loginServer: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  /** The ARM resource id, for the portal link. */
  readonly resourceId: string;
  readonly location?: string;
  readonly sku?: string;
}

/** One sign-in's view of Azure Resource Manager. */
export interface ArmReader {
  subscriptions(signal?: AbortSignal): Promise<AzureSubscription[]>;
  registries(subscriptionId: string, signal?: AbortSignal): Promise<AzureRegistry[]>;
}

export interface SubscriptionRegistries {
  readonly subscription: AzureSubscription;
  /** Sorted by name; absent when listing failed. */
  readonly registries?: readonly AzureRegistry[];
  readonly error?: unknown;
}

export interface ArmDiscovery {
  /** Every subscription the sign-ins see, by display name (for the subscription filter). */
  readonly subscriptions: readonly AzureSubscription[];
  /** The chosen subscriptions with their registries, by display name. */
  readonly groups: readonly SubscriptionRegistries[];
  /** Sign-ins whose subscriptions could not be listed, with why. */
  readonly errors: readonly unknown[];
}

/** ARM's own limit is generous; four at a time keeps a tenant of many subscriptions from flooding it. */
const CONCURRENT_SUBSCRIPTIONS = 4;

const byName = <T>(name: (item: T) => string) => (a: T, b: T): number => name(a).localeCompare(name(b));

/** The resource group named in an ARM resource id (`/subscriptions/…/resourceGroups/<name>/providers/…`). */
export function resourceGroupOf(resourceId: string): string {
  return /\/resourceGroups\/([^/]+)/i.exec(resourceId)?.[1] ?? '';
}

/**
 * Lists what `readers` (one per sign-in) see. `chosen`: the subscription ids the user picked; undefined
 * means all of them.
 */
export async function discoverRegistries(readers: readonly ArmReader[], chosen: ReadonlySet<string> | undefined, signal?: AbortSignal): Promise<ArmDiscovery> {
  const seen = new Map<string, { subscription: AzureSubscription; reader: ArmReader }>();
  const errors: unknown[] = [];
  await Promise.all(
    readers.map(async (reader) => {
      try {
        for (const subscription of await reader.subscriptions(signal)) {
          if (!seen.has(subscription.subscriptionId)) seen.set(subscription.subscriptionId, { subscription, reader });
        }
      } catch (error) {
        errors.push(error);
      }
    }),
  );
  const subscriptions = [...seen.values()].map((s) => s.subscription).sort(byName((s) => s.displayName));
  const limit = new RequestLimit(CONCURRENT_SUBSCRIPTIONS);
  const groups = await Promise.all(
    [...seen.values()]
      .filter(({ subscription }) => !chosen || chosen.has(subscription.subscriptionId))
      .map(({ subscription, reader }) =>
        limit.run(async (): Promise<SubscriptionRegistries> => {
          try {
            const registries = await reader.registries(subscription.subscriptionId, signal);
            return { subscription, registries: [...registries].sort(byName((r) => r.name)) };
          } catch (error) {
            return { subscription, error };
          }
        }, signal),
      ),
  );
  return { subscriptions, groups: groups.sort(byName((g) => g.subscription.displayName)), errors };
}
