// The `contributes` section of package.json, as the manifest tests read it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../harness/paths';

interface Contributes {
  readonly commands: readonly { readonly command: string }[];
  readonly menus: Readonly<Record<string, readonly { readonly command?: string }[]>>;
  readonly keybindings?: readonly { readonly command: string }[];
  readonly languages: readonly { readonly id: string; readonly filenames?: readonly string[]; readonly extensions?: readonly string[] }[];
  readonly configuration: { readonly properties: Readonly<Record<string, Record<string, unknown>>> };
  readonly semanticTokenScopes?: readonly { readonly language?: string; readonly scopes: Readonly<Record<string, readonly string[]>> }[];
}

export const contributes = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: Contributes }).contributes;
