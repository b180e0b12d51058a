// What a user (or the demo VS Code) needs to point at a running registry: the `acr.registries` entry,
// the service principal's credentials in a file readable only by its owner, and a printable summary.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { servicePrincipal } from './azureClients';
import { AZURE_CLI_CLIENT_ID } from './directory';
import type { Registry } from './registry';

/** One entry of the `acr.registries` setting. */
export interface AcrRegistrySetting {
  readonly loginServer: string;
  readonly cloud: 'custom';
  readonly authorityHost: string;
  readonly tenantId: string;
}

export function acrRegistrySetting(registry: Registry): AcrRegistrySetting {
  return { loginServer: registry.loginServer, cloud: 'custom', authorityHost: registry.endpoint, tenantId: registry.directory.tenants[0]! };
}

export interface CredentialFiles {
  /** `{tenantId, clientId, clientSecret}` of the test service principal. */
  readonly servicePrincipal: string;
  /** `{username, password}` of the admin user. */
  readonly admin: string;
}

/** Writes the secrets into `folder` with mode 0600; they go nowhere else (not to settings, not to the console). */
export function writeCredentialFiles(registry: Registry, folder: string): CredentialFiles {
  const sp = servicePrincipal(registry);
  const files = { servicePrincipal: join(folder, 'service-principal.json'), admin: join(folder, 'admin.json') };
  const write = (path: string, value: unknown): void => writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  write(files.servicePrincipal, { tenantId: sp.tenantId, clientId: sp.clientId, clientSecret: sp.secret });
  write(files.admin, registry.directory.admin ?? {});
  return files;
}

/** Lines describing the registry, with no secret in them. */
export function describeRegistry(registry: Registry, files: CredentialFiles): string[] {
  const sp = servicePrincipal(registry);
  const setting = JSON.stringify({ 'acr.registries': [acrRegistrySetting(registry)] }, null, 2);
  return [
    `ACR endpoint:        ${registry.endpoint}   (login server ${registry.loginServer})`,
    `Entra authorityHost: ${registry.endpoint}   (tenant ${registry.directory.tenants[0]}; disable instance discovery)`,
    `Test CA:             ${registry.caFile}   (NODE_EXTRA_CA_CERTS=${registry.caFile}; skopeo --cert-dir ${registry.certDir})`,
    `Service principal:   client id ${sp.clientId}; secret in ${files.servicePrincipal}`,
    `Device code sign-in: client id ${AZURE_CLI_CLIENT_ID}; approve at ${registry.endpoint}/devicelogin as ${registry.directory.users.map((u) => u.username).join(', ')}`,
    `Admin user:          ${registry.directory.admin?.username ?? '(disabled)'}; password in ${files.admin}`,
    `Anonymous pull:      ${registry.directory.anonymousPull ? 'on (catalog, pull and metadata reads need no credentials)' : 'off'}`,
    `Resource Manager:    ${registry.endpoint}   (token audience https://management.azure.com; ${registry.arm.subscriptions.length} subscriptions, ${registry.arm.registries.length} registries)`,
    '',
    'VS Code user settings:',
    ...setting.split('\n'),
  ];
}
