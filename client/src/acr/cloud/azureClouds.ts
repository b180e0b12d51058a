// The Azure clouds an ACR registry can live in, as data: which login-server suffix belongs to which
// Entra authority and which token audiences the registry accepts there (acr-protocol.md section 3).

export interface AzureCloud {
  /** The cloud's name as `az cloud list` spells it. */
  readonly name: string;
  /** What follows the registry name in its login server, e.g. `.azurecr.io`. */
  readonly acrSuffix: string;
  /** Entra ID authority host for sign-in. */
  readonly authorityHost: string;
  /** Audience of an Azure Resource Manager token (what `az acr login` exchanges); the scope is `<audience>/.default`. */
  readonly armAudience: string;
  /** Audience of an ACR token, the only one accepted when a registry disables ARM-audience tokens. */
  readonly acrAudience: string;
  /** The Azure portal of the cloud. */
  readonly portal: string;
}

export const AZURE_CLOUDS = {
  public: {
    name: 'AzureCloud',
    acrSuffix: '.azurecr.io',
    authorityHost: 'https://login.microsoftonline.com',
    armAudience: 'https://management.azure.com',
    acrAudience: 'https://containerregistry.azure.net',
    portal: 'https://portal.azure.com',
  },
  china: {
    name: 'AzureChinaCloud',
    acrSuffix: '.azurecr.cn',
    authorityHost: 'https://login.chinacloudapi.cn',
    armAudience: 'https://management.chinacloudapi.cn',
    acrAudience: 'https://containerregistry.azure.cn',
    portal: 'https://portal.azure.cn',
  },
  usGovernment: {
    name: 'AzureUSGovernment',
    acrSuffix: '.azurecr.us',
    authorityHost: 'https://login.microsoftonline.us',
    armAudience: 'https://management.usgovcloudapi.net',
    acrAudience: 'https://containerregistry.azure.us',
    portal: 'https://portal.azure.us',
  },
} as const satisfies Record<string, AzureCloud>;
