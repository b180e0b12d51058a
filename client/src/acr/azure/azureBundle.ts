// Loads the Azure SDK boundary (entraCredentials.ts) on first use. In the shipped extension esbuild turns
// this require into `require('./azure.js')`, a bundle of its own next to dist/client.js; tests bundle it inline.
import type * as EntraCredentialsModule from './entraCredentials';

export type EntraCredentials = typeof EntraCredentialsModule;

export function loadEntraCredentials(): EntraCredentials {
  return require('./entraCredentials') as EntraCredentials;
}
