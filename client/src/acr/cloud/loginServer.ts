// Turns what a user types for a registry into the login server host that docker, the credential
// helpers and ACR's token service all key on.
import { AZURE_CLOUDS, type AzureCloud } from './azureClouds';

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const MAX_PORT = 65535;

/**
 * The login server for `input`, or undefined when it cannot name one.
 *
 * A bare registry name gets the cloud's ACR suffix (`myreg` -> `myreg.azurecr.io`); anything with a dot
 * or a port is a host kept as given. Like docker's ConvertToHostname, a scheme and a path are dropped,
 * so `https://myreg.azurecr.io/v2/` and `myreg.azurecr.io` are the same registry.
 */
export function toLoginServer(input: string, cloud: AzureCloud = AZURE_CLOUDS.public): string | undefined {
  let text = input.trim().toLowerCase();
  const scheme = text.indexOf('://');
  if (scheme >= 0) text = text.slice(scheme + 3);
  text = text.split('/')[0];

  const colon = text.lastIndexOf(':');
  const host = colon >= 0 ? text.slice(0, colon) : text;
  const port = colon >= 0 ? text.slice(colon + 1) : undefined;
  if (port !== undefined && !isPort(port)) return undefined;

  const labels = host.split('.');
  if (!labels.every((label) => DNS_LABEL.test(label))) return undefined;
  if (labels.length === 1 && port === undefined && host !== 'localhost') return host + cloud.acrSuffix;
  return text;
}

/** The Azure cloud whose ACR suffix `loginServer` ends with, or undefined for other registries. */
export function cloudOfLoginServer(loginServer: string): AzureCloud | undefined {
  const host = loginServer.toLowerCase().replace(/:\d+$/, '');
  return Object.values(AZURE_CLOUDS).find((cloud) => host.endsWith(cloud.acrSuffix));
}

/**
 * The user name to offer for the admin user of `loginServer`: ACR names it after the registry
 * (`myreg` for `myreg.azurecr.io`). Other hosts have no such rule, so nothing is offered.
 */
export function adminUserName(loginServer: string): string | undefined {
  return cloudOfLoginServer(loginServer) ? loginServer.split('.')[0] : undefined;
}

function isPort(text: string): boolean {
  return /^\d{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= MAX_PORT;
}
