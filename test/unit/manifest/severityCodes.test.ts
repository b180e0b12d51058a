// settings.json completes the rule codes of `earthly.diagnostics.severity` from package.json, which must
// list exactly the codes of the rule table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES } from '../../../server/src/analysis/checks';
import { contributes } from './contributes';

test('earthly.diagnostics.severity offers every rule code of RULES, sorted, and no other', () => {
  const setting = contributes.configuration.properties['earthly.diagnostics.severity'];
  const listed = (setting?.propertyNames as { enum?: string[] } | undefined)?.enum ?? [];
  const codes = [...RULES.keys()].sort();
  const add = codes.filter((code) => !listed.includes(code));
  const remove = listed.filter((code) => !RULES.has(code));
  assert.deepEqual(
    listed,
    codes,
    `Update "propertyNames"."enum" of earthly.diagnostics.severity in package.json (contributes.configuration) to the rule codes of server/src/analysis/checks, sorted: add ${JSON.stringify(add)}, remove ${JSON.stringify(remove)}.`,
  );
});
