// The Azure SDK's Entra ID credentials (the explorer's registry calls are registryData.ts). Bundled on its
// own (dist/azure.js) and loaded by azureBundle.ts the first time a sign-in needs Entra ID, so activating
// the extension never pays for it.
// It returns the SDK's credentials as they are: errors are classified by the caller (signInMethods.ts),
// whose error classes live in the main bundle.
import { AzureCliCredential, ClientCertificateCredential, ClientSecretCredential, DeviceCodeCredential, type DeviceCodeInfo } from '@azure/identity';

/** Where Entra ID is: the cloud's authority, or a custom one unknown to instance discovery. */
export interface AuthorityOptions {
  readonly authorityHost: string;
  readonly disableInstanceDiscovery: boolean;
}

export function clientSecretCredential(authority: AuthorityOptions, tenantId: string, clientId: string, clientSecret: string): ClientSecretCredential {
  return new ClientSecretCredential(tenantId, clientId, clientSecret, { ...authority });
}

/** The file holds the certificate and its private key (PEM); the SDK reads it on every token request. */
export function clientCertificateCredential(authority: AuthorityOptions, tenantId: string, clientId: string, certificatePath: string): ClientCertificateCredential {
  return new ClientCertificateCredential(tenantId, clientId, { certificatePath }, { ...authority });
}

/** Tokens from `az account get-access-token`: the Azure CLI's own sign-in and cloud, whatever the settings say. */
export function azureCliCredential(tenantId: string | undefined): AzureCliCredential {
  return new AzureCliCredential(tenantId ? { tenantId } : {});
}

export function deviceCodeCredential(
  authority: AuthorityOptions,
  tenantId: string,
  clientId: string,
  prompt: (info: DeviceCodeInfo) => void,
): DeviceCodeCredential {
  return new DeviceCodeCredential({
    tenantId,
    clientId,
    ...authority,
    // Renewals must never start a new device-code flow in the background.
    disableAutomaticAuthentication: true,
    userPromptCallback: prompt,
  });
}
