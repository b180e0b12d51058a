// The Azure SDK pointed at the registry, unmodified: @azure/identity with `authorityHost` = the registry
// and instance discovery off, @azure/container-registry with the registry as endpoint; both trust the
// test CA through their pipelines' TLS options.
import { ContainerRegistryClient } from '@azure/container-registry';
import type { TokenCredential } from '@azure/core-auth';
import { ClientCertificateCredential, ClientSecretCredential, DeviceCodeCredential, type DeviceCodeInfo } from '@azure/identity';
import type { EntraClient } from './directory';
import { form, httpsRequest } from './httpsRequest';
import type { Registry } from './registry';
import { ACR_AUDIENCE } from './tokenService';

function identityOptions(registry: Registry) {
  return { authorityHost: registry.endpoint, disableInstanceDiscovery: true, tlsOptions: { ca: registry.caPem } };
}

/** The directory's first application with a secret: the test service principal. */
export function servicePrincipal(registry: Registry): EntraClient & { secret: string } {
  const client = registry.directory.clients.find((c) => c.secret);
  if (!client?.secret) throw new Error('the directory has no service principal with a secret');
  return client as EntraClient & { secret: string };
}

export function clientSecretCredential(registry: Registry, client = servicePrincipal(registry)): ClientSecretCredential {
  return new ClientSecretCredential(client.tenantId, client.clientId, client.secret ?? '', identityOptions(registry));
}

/** The test service principal signing in with a certificate file (its registered one by default). */
export function clientCertificateCredential(registry: Registry, certificatePath = registry.clientCertificateFile): ClientCertificateCredential {
  const client = servicePrincipal(registry);
  return new ClientCertificateCredential(client.tenantId, client.clientId, { certificatePath }, identityOptions(registry));
}

export function deviceCodeCredential(registry: Registry, clientId: string, prompt: (info: DeviceCodeInfo) => void): DeviceCodeCredential {
  const client = registry.directory.clients.find((c) => c.clientId === clientId);
  return new DeviceCodeCredential({ tenantId: client?.tenantId, clientId, userPromptCallback: prompt, ...identityOptions(registry) });
}

export function containerRegistryClient(registry: Registry, credential?: TokenCredential): ContainerRegistryClient {
  const options = { audience: ACR_AUDIENCE, tlsOptions: { ca: registry.caPem } };
  return credential ? new ContainerRegistryClient(registry.endpoint, credential, options) : new ContainerRegistryClient(registry.endpoint, options);
}

/** An ACR refresh token the way az CLI gets one: Entra token, then `/oauth2/exchange`. */
export async function exchangeForRefreshToken(registry: Registry, credential: TokenCredential, scope = `${ACR_AUDIENCE}/.default`): Promise<string> {
  const entra = await credential.getToken(scope);
  if (!entra) throw new Error('no Entra token');
  const reply = await httpsRequest(`${registry.endpoint}/oauth2/exchange`, registry.caPem, form({ grant_type: 'access_token', service: registry.loginServer, access_token: entra.token }));
  if (reply.status !== 200) throw new Error(`exchange failed: ${reply.status}`);
  return reply.json<{ refresh_token: string }>().refresh_token;
}
