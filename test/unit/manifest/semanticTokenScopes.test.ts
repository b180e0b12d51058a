// package.json maps each semantic token type of the server's legend to the TextMate scopes the grammar
// gives the same words, so an Earthfile looks the same in a theme with semantic highlighting on or off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEMANTIC_TOKENS_LEGEND } from '../../../server/src/service';
import { LANGUAGE_ID } from '../../../shared/src/earthfileNames';
import { REPO_ROOT } from '../../harness/paths';
import { contributes } from './contributes';

test('every token type of the legend has scopes of the Earthfile grammar', () => {
  const mappings = (contributes.semanticTokenScopes ?? []).filter((m) => m.language === LANGUAGE_ID);
  assert.equal(mappings.length, 1, `one semanticTokenScopes entry for "${LANGUAGE_ID}"`);
  const { scopes } = mappings[0];
  const grammar = readFileSync(join(REPO_ROOT, 'syntaxes', 'earthfile.tmLanguage.json'), 'utf8');
  for (const type of SEMANTIC_TOKENS_LEGEND.tokenTypes) assert.ok(scopes[type]?.length, `no scopes for "${type}"`);
  for (const [selector, names] of Object.entries(scopes)) {
    assert.ok(SEMANTIC_TOKENS_LEGEND.tokenTypes.includes(selector.split('.')[0]), `"${selector}" is not a type of the legend`);
    for (const name of names) assert.ok(grammar.includes(`"${name}"`), `the grammar has no scope "${name}" (for "${selector}")`);
  }
});
