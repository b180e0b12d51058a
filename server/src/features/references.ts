// Find all references and document highlight: the places a target, function, variable or IMPORT alias is
// written (see nameUses.ts), across the workspace or in the document alone.

import type { SourceFile } from '../analysis/model';
import type { NameAt } from './nameAt';
import { usesOf, type Use, type UseScope } from './nameUses';

/** Every place the name at the cursor is written, its declaration first unless left out. */
export function referencesOf(at: NameAt, scope: UseScope, includeDeclaration: boolean): Use[] {
  const uses = (at.named && usesOf(at.named, scope)) ?? [];
  return includeDeclaration ? uses : uses.filter((u) => u.kind !== 'declaration');
}

/** The places in `document` where the name at the cursor is written: only its own references are read. */
export function highlightsOf(at: NameAt, document: SourceFile, scope: UseScope): Use[] {
  const here: UseScope = { ...scope, files: () => [document] };
  return referencesOf(at, here, true).filter((u) => u.file.model === document.model);
}
