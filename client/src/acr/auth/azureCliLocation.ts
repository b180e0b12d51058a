// Whether the Azure CLI can be run: `az` on PATH, found the way a shell would find it (AzureCliCredential
// runs `az account get-access-token` through the shell).
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const AZ_NAMES: readonly string[] = process.platform === 'win32' ? ['az.cmd', 'az.exe', 'az.bat'] : ['az'];

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The path of `az` on `pathVariable` (PATH by default), or undefined when it is not there. */
export function azureCliPath(pathVariable: string = process.env.PATH ?? ''): string | undefined {
  for (const dir of pathVariable.split(delimiter)) {
    if (!dir) continue;
    const found = AZ_NAMES.map((name) => join(dir, name)).find(isExecutableFile);
    if (found) return found;
  }
  return undefined;
}

export const AZURE_CLI_MISSING = 'The Azure CLI (az) is not on PATH. Install it (https://aka.ms/azure-cli), run "az login", then sign in again.';
