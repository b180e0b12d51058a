// What Azure Resource Manager knows in the stand-in cloud: subscriptions and the container registries in
// them, one of which is this registry. Tests change the tables while the registry runs, from code or
// through `PATCH /_emulator/arm`.
import { randomUUID } from 'node:crypto';
import { RequestError } from './acrErrors';
import type { Directory } from './directory';

export interface ArmSubscription {
  readonly subscriptionId: string;
  readonly tenantId: string;
  readonly displayName: string;
  /** `Enabled`, `Disabled`, `Warned`, `PastDue` or `Deleted`. */
  readonly state: string;
}

export interface ArmRegistry {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly name: string;
  readonly location: string;
  /** `Basic`, `Standard` or `Premium`. */
  readonly sku: string;
  readonly loginServer: string;
  readonly adminUserEnabled: boolean;
  /** RFC 3339, as ARM writes it. */
  readonly creationDate: string;
}

export interface ArmResources {
  subscriptions: ArmSubscription[];
  registries: ArmRegistry[];
  /** Items per page of a listing; the rest follows through `nextLink`. */
  pageSize: number;
}

/**
 * Three subscriptions of the directory's first tenant; the first holds this registry (named like its admin
 * user, as in ACR) and two others, the second one more, the third none. A page holds two, so both the
 * subscriptions and the first subscription's registries take a second page.
 */
export function defaultArmResources(loginServer: string, directory: Directory): ArmResources {
  const tenantId = directory.tenants[0]!;
  const [production, development, sandbox] = ['Contoso Production', 'Contoso Development', 'Contoso Sandbox'].map((displayName) => ({
    subscriptionId: randomUUID(), tenantId, displayName, state: 'Enabled',
  })) as [ArmSubscription, ArmSubscription, ArmSubscription];
  const rows: [ArmSubscription, string, string, string, string, string, boolean][] = [
    [production, 'platform', directory.admin?.username ?? 'localacr', 'westeurope', 'Basic', loginServer, directory.admin !== undefined],
    [production, 'platform', 'contosoprod', 'westeurope', 'Premium', 'contosoprod.azurecr.io', false],
    [production, 'mirrors', 'contosomirror', 'northeurope', 'Standard', 'contosomirror.azurecr.io', false],
    [development, 'dev', 'contosodev', 'eastus', 'Standard', 'contosodev.azurecr.io', true],
  ];
  const registries = rows.map(([subscription, resourceGroup, name, location, sku, server, adminUserEnabled]) => ({
    subscriptionId: subscription.subscriptionId, resourceGroup, name, location, sku, loginServer: server, adminUserEnabled, creationDate: '2024-06-20T20:46:33.4230122Z',
  }));
  return { subscriptions: [production, development, sandbox], registries, pageSize: 2 };
}

const SUBSCRIPTION_FIELDS = { subscriptionId: 'string', tenantId: 'string', displayName: 'string', state: 'string' } as const;
const REGISTRY_FIELDS = {
  subscriptionId: 'string', resourceGroup: 'string', name: 'string', location: 'string', sku: 'string', loginServer: 'string', adminUserEnabled: 'boolean', creationDate: 'string',
} as const;

const invalid = (why: string): RequestError => new RequestError(400, 'UNSUPPORTED', `invalid ARM resources: ${why}`);

function rows<T>(value: unknown, fields: Readonly<Record<string, string>>, what: string): T[] {
  if (!Array.isArray(value)) throw invalid(`${what} must be an array`);
  for (const row of value as unknown[]) {
    for (const [field, type] of Object.entries(fields)) {
      if (typeof (row as Record<string, unknown> | null)?.[field] !== type) throw invalid(`each of ${what} needs ${field} (a ${type})`);
    }
  }
  return value as T[];
}

/** A change sent to the control endpoint: any of `subscriptions`, `registries` (whole tables) and `pageSize`. */
export function parseArmPatch(patch: Record<string, unknown>): Partial<ArmResources> {
  const parsed: Partial<ArmResources> = {};
  for (const field of Object.keys(patch)) if (!['subscriptions', 'registries', 'pageSize'].includes(field)) throw invalid(`unknown field ${field}`);
  if (patch.subscriptions !== undefined) parsed.subscriptions = rows<ArmSubscription>(patch.subscriptions, SUBSCRIPTION_FIELDS, 'subscriptions');
  if (patch.registries !== undefined) parsed.registries = rows<ArmRegistry>(patch.registries, REGISTRY_FIELDS, 'registries');
  if (patch.pageSize !== undefined) {
    if (!Number.isInteger(patch.pageSize) || (patch.pageSize as number) < 1) throw invalid('pageSize must be a positive integer');
    parsed.pageSize = patch.pageSize as number;
  }
  return parsed;
}
