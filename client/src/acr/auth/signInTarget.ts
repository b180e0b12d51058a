// Where and how to sign in to a registry: its login server, the Entra ID authority and tenant, and the
// token audiences to try, from the `acr.*` settings (acr-protocol.md sections 3 and 9).
import { AZURE_CLOUDS, type AzureCloud } from '../cloud/azureClouds';
import { cloudOfLoginServer, toLoginServer } from '../cloud/loginServer';

export type CloudName = keyof typeof AZURE_CLOUDS | 'custom';

/** One entry of the `acr.registries` setting, as read (every field but loginServer optional). */
export interface RegistrySetting {
  readonly loginServer: string;
  readonly cloud?: CloudName;
  readonly authorityHost?: string;
  readonly tenantId?: string;
}

/** The `acr.*` settings that decide sign-in. */
export interface AcrSettings {
  readonly registries: readonly RegistrySetting[];
  readonly cloud: CloudName;
  /** Overrides the cloud's authority host when not empty. */
  readonly authorityHost: string;
}

export interface SignInTarget {
  readonly loginServer: string;
  readonly authorityHost: string;
  /** Custom authorities (Azure Stack, the local stand-in) are unknown to Entra ID's instance discovery. */
  readonly disableInstanceDiscovery: boolean;
  /** The tenant named in settings, when there is one. */
  readonly tenantId?: string;
  /** ARM first, as `az acr login` does; then the ACR audience for registries that refuse ARM tokens. */
  readonly audiences: readonly string[];
}

function isCloudName(value: unknown): value is CloudName {
  return value === 'custom' || (typeof value === 'string' && Object.hasOwn(AZURE_CLOUDS, value));
}

/** The `acr.registries` entries that name a login server, with unknown fields dropped. */
export function readRegistrySettings(raw: unknown): RegistrySetting[] {
  if (!Array.isArray(raw)) return [];
  const entries: RegistrySetting[] = [];
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) continue;
    const value = item as Record<string, unknown>;
    const loginServer = typeof value.loginServer === 'string' ? toLoginServer(value.loginServer) : undefined;
    if (!loginServer) continue;
    entries.push({
      loginServer,
      ...(isCloudName(value.cloud) ? { cloud: value.cloud } : {}),
      ...(typeof value.authorityHost === 'string' && value.authorityHost ? { authorityHost: value.authorityHost } : {}),
      ...(typeof value.tenantId === 'string' && value.tenantId ? { tenantId: value.tenantId } : {}),
    });
  }
  return entries;
}

export function cloudNamed(name: CloudName | undefined): AzureCloud | undefined {
  return name && name !== 'custom' ? AZURE_CLOUDS[name] : undefined;
}

/** The login server `input` names, resolving bare names in the configured cloud. */
export function loginServerOf(input: string, settings: AcrSettings): string | undefined {
  return toLoginServer(input, cloudNamed(settings.cloud) ?? AZURE_CLOUDS.public);
}

/**
 * The sign-in target for a login server: its `acr.registries` entry wins, then the cloud its suffix
 * names, then `acr.cloud`; `acr.authorityHost` overrides the authority of registries without an entry.
 */
export function signInTargetFor(loginServer: string, settings: AcrSettings): SignInTarget {
  const entry = settings.registries.find((r) => r.loginServer === loginServer);
  const named = entry?.cloud ?? (cloudOfLoginServer(loginServer) ? undefined : settings.cloud);
  const cloud = cloudNamed(named) ?? cloudOfLoginServer(loginServer) ?? AZURE_CLOUDS.public;
  const custom = named === 'custom';
  const authorityHost = (entry?.authorityHost ?? (settings.authorityHost || cloud.authorityHost)).replace(/\/+$/, '');
  return {
    loginServer,
    authorityHost,
    disableInstanceDiscovery: custom || authorityHost !== cloud.authorityHost,
    ...(entry?.tenantId ? { tenantId: entry.tenantId } : {}),
    audiences: [cloud.armAudience, cloud.acrAudience],
  };
}
