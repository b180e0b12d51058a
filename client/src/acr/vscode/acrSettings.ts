// The `acr.*` settings as the sign-in reads them.
import * as vscode from 'vscode';
import { readRegistrySettings, type AcrSettings, type CloudName } from '../auth/signInTarget';

export function readAcrSettings(): AcrSettings {
  const config = vscode.workspace.getConfiguration('acr');
  return {
    registries: readRegistrySettings(config.get('registries')),
    cloud: config.get<CloudName>('cloud') ?? 'public',
    authorityHost: config.get<string>('authorityHost') ?? '',
  };
}
