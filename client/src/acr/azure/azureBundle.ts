// Loads the Azure SDK boundaries on first use. In the shipped extension esbuild turns these requires into
// `require('./azure.js')` (Entra ID sign-in) and `require('./azureRegistry.js')` (the registry explorer),
// bundles of their own next to dist/client.js; tests bundle them inline.
import type * as EntraCredentialsModule from './entraCredentials';
import type * as RegistryDataModule from './registryData';

export type EntraCredentials = typeof EntraCredentialsModule;
export type RegistryDataBundle = typeof RegistryDataModule;

export function loadEntraCredentials(): EntraCredentials {
  return require('./entraCredentials') as EntraCredentials;
}

export function loadRegistryData(): RegistryDataBundle {
  return require('./registryData') as RegistryDataBundle;
}
