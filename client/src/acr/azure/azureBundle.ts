// Loads the Azure SDK boundaries on first use. In the shipped extension esbuild turns these requires into
// `require('./azure.js')` (Entra ID sign-in), `require('./azureRegistry.js')` (the registry explorer) and
// `require('./azureArm.js')` (registries of Azure subscriptions), bundles of their own next to
// dist/client.js; tests bundle them inline.
import type * as ArmRegistriesModule from './armRegistries';
import type * as EntraCredentialsModule from './entraCredentials';
import type * as RegistryDataModule from './registryData';

export type EntraCredentials = typeof EntraCredentialsModule;
export type RegistryDataBundle = typeof RegistryDataModule;
export type ArmRegistriesBundle = typeof ArmRegistriesModule;

export function loadEntraCredentials(): EntraCredentials {
  return require('./entraCredentials') as EntraCredentials;
}

export function loadRegistryData(): RegistryDataBundle {
  return require('./registryData') as RegistryDataBundle;
}

export function loadArmRegistries(): ArmRegistriesBundle {
  return require('./armRegistries') as ArmRegistriesBundle;
}
