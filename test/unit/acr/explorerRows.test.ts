// The words of the Registries view's rows: tags with digest, size, age and platforms, exact times in the
// tooltip, locks, filters, empty lists, and the action an error row offers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextValue, emptyListText, errorRowAction, filterDescription, joinDescription, tagDescription, tagTooltip } from '../../../client/src/acr/registry/explorerRows';
import { registryError } from '../../../client/src/acr/registry/registryErrors';
import { tagInfo } from './fakeRegistryData';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const DIGEST = `sha256:0123456789ab${'c'.repeat(52)}`;
const context = { loginServer: 'myreg.azurecr.io', operation: 'list the repositories', signedIn: true };

test('a tag shows its short digest, size and age; a multi-platform image its platforms', () => {
  const tag = { ...tagInfo('v1', DIGEST, NOW - 3 * 3600_000), imageSize: 1_234_567 };
  assert.equal(tagDescription(tag, NOW), '0123456789ab · 1.23 MB · 3 hours ago');
  const index = { ...tag, platforms: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64', variant: 'v8' }] };
  assert.equal(tagDescription(index, NOW), '0123456789ab · 1.23 MB · 3 hours ago · linux/amd64, linux/arm64/v8');
  assert.equal(tagDescription({ ...tag, imageSize: undefined, platforms: [{ os: 'linux', architecture: 'amd64' }] }, NOW), '0123456789ab · 3 hours ago');
});

test('the tooltip has the reference, the full digest, exact times and the lock', () => {
  const tag = { ...tagInfo('v1', DIGEST, Date.parse('2024-06-20T20:46:33Z')), imageSize: 1_234_567, canWrite: false, platforms: [{ os: 'linux', architecture: 'amd64' }] };
  assert.equal(
    tagTooltip('myreg.azurecr.io', 'team/api', tag),
    [
      '**myreg.azurecr.io/team/api:v1**',
      `Digest: \`${DIGEST}\``,
      'Size: 1.23 MB (1,234,567 bytes)',
      'Created: 2024-06-20 20:46:33 UTC',
      'Updated: 2024-06-20 20:46:33 UTC',
      'Platforms: linux/amd64',
      'Locked (write disabled): it cannot be changed, untagged or deleted.',
    ].join('\n\n'),
  );
});

test('context values carry the flags menus match', () => {
  assert.equal(contextValue('acr.tag', { locked: true }), 'acr.tag locked');
  assert.equal(contextValue('acr.registry.signedIn', { settings: true, azure: false, filtered: true }), 'acr.registry.signedIn settings filtered');
  assert.equal(contextValue('acr.loadMore'), 'acr.loadMore');
});

test('filters and empty lists say so', () => {
  assert.equal(filterDescription(''), '');
  assert.equal(joinDescription('1h 5m left', 'settings', filterDescription('^api')), '1h 5m left · settings · filter: "^api"');
  assert.equal(emptyListText('repositories', ''), 'No repositories');
  assert.equal(emptyListText('tags', ''), 'No tags');
  assert.equal(emptyListText('tags', 'v9'), 'No tags match "v9"');
});

test('an error row offers the action that fixes it; a cancelled listing is retried', () => {
  assert.equal(errorRowAction(registryError('notSignedIn', { ...context, signedIn: false })), 'signIn');
  assert.equal(errorRowAction(registryError('throttled', context, { retryAfterSeconds: 3 })), 'retry');
  assert.equal(errorRowAction(registryError('unknownHost', context)), 'openSettings');
  assert.equal(errorRowAction(registryError('cancelled', context)), 'retry');
  assert.equal(errorRowAction(registryError('locked', context)), undefined);
});
