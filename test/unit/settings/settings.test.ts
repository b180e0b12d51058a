import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, parseSettings } from '../../../shared/src/settings';

test('missing or malformed settings fall back to the defaults', () => {
  for (const raw of [undefined, null, 42, 'x', [], {}]) assert.deepEqual(parseSettings(raw), DEFAULT_SETTINGS);
  assert.deepEqual(parseSettings({ diagnostics: { enable: 'yes', severity: [] }, flavor: 'docker' }), DEFAULT_SETTINGS);
});

test('valid values are kept and invalid severities dropped', () => {
  assert.deepEqual(
    parseSettings({ diagnostics: { enable: false, severity: { 'W-x': 'off', 'E-y': 'hint', 'E-z': 'fatal' } }, flavor: 'earthbuild' }),
    { diagnostics: { enable: false, severity: { 'W-x': 'off', 'E-y': 'hint' } }, flavor: 'earthbuild', format: { indent: 4 } },
  );
});

test('earthly.format.indent: 1 to 16 spaces, "tab" or "editor"; anything else is the default, 4', () => {
  for (const indent of [1, 2, 16, 'tab', 'editor']) assert.deepEqual(parseSettings({ format: { indent } }).format, { indent });
  for (const indent of [0, 17, 2.5, -4, '4', 'spaces', null, true]) assert.deepEqual(parseSettings({ format: { indent } }).format, { indent: 4 });
  assert.deepEqual(parseSettings({ format: 'tab' }).format, DEFAULT_SETTINGS.format);
});
