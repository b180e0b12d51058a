// Whether the Azure CLI can be run: `az` on PATH, found the way a shell would find it (AzureCliCredential
// runs `az account get-access-token` through the shell).
import { programOnPath } from '../../../../shared/src/programOnPath';

const AZ_NAMES: readonly string[] = process.platform === 'win32' ? ['az.cmd', 'az.exe', 'az.bat'] : ['az'];

/** The path of `az` on `pathVariable` (PATH by default), or undefined when it is not there. */
export function azureCliPath(pathVariable: string = process.env.PATH ?? ''): string | undefined {
  return programOnPath(AZ_NAMES, pathVariable);
}

export const AZURE_CLI_MISSING = 'The Azure CLI (az) is not on PATH. Install it (https://aka.ms/azure-cli), run "az login", then sign in again.';
