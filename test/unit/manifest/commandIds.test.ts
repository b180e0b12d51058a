// client/src/commandIds.ts and package.json name the same commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMAND_IDS, TEST_COMMAND_IDS } from '../../../client/src/commandIds';
import { contributes } from './contributes';

const sorted = (ids: Iterable<string>): string[] => [...new Set(ids)].sort();

test('every command package.json contributes, puts in a menu or binds to a key is in COMMAND_IDS, and no other', () => {
  const named = [
    ...contributes.commands.map((c) => c.command),
    ...Object.values(contributes.menus).flatMap((items) => items.flatMap((item) => (item.command ? [item.command] : []))),
    ...(contributes.keybindings ?? []).map((k) => k.command),
  ];
  assert.deepEqual(sorted(named), sorted(Object.values(COMMAND_IDS)));
});

test('every command in a menu or key binding is declared in contributes.commands', () => {
  const declared = new Set(contributes.commands.map((c) => c.command));
  const used = [...Object.values(contributes.menus).flat(), ...(contributes.keybindings ?? [])].flatMap((item) => (item.command ? [item.command] : []));
  assert.deepEqual(sorted(used.filter((id) => !declared.has(id))), []);
});

test('the test-only commands are not contributed', () => {
  const declared = new Set(contributes.commands.map((c) => c.command));
  assert.deepEqual(Object.values(TEST_COMMAND_IDS).filter((id) => declared.has(id)), []);
});
