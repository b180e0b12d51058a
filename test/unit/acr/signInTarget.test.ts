import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entraError, SignInError } from '../../../client/src/acr/auth/signInError';
import { readRegistrySettings, signInTargetFor, type AcrSettings } from '../../../client/src/acr/auth/signInTarget';
import { AZURE_CLOUDS } from '../../../client/src/acr/cloud/azureClouds';

const defaults: AcrSettings = { registries: [], cloud: 'public', authorityHost: '' };

test('a registry of a known cloud signs in at its authority, ARM audience first', () => {
  const target = signInTargetFor('myreg.azurecr.cn', defaults);
  assert.equal(target.authorityHost, AZURE_CLOUDS.china.authorityHost);
  assert.deepEqual(target.audiences, [AZURE_CLOUDS.china.armAudience, AZURE_CLOUDS.china.acrAudience]);
  assert.equal(target.disableInstanceDiscovery, false);
  assert.equal(signInTargetFor('myreg.azurecr.us', defaults).authorityHost, AZURE_CLOUDS.usGovernment.authorityHost);
});

test('an acr.registries entry decides cloud, authority and tenant; custom authorities skip instance discovery', () => {
  const registries = readRegistrySettings([
    { loginServer: '127.0.0.1:5000', cloud: 'custom', authorityHost: 'https://127.0.0.1:5000/', tenantId: 't1' },
    { loginServer: 42 },
    'nonsense',
  ]);
  assert.equal(registries.length, 1);
  const target = signInTargetFor('127.0.0.1:5000', { ...defaults, registries });
  assert.equal(target.authorityHost, 'https://127.0.0.1:5000');
  assert.equal(target.tenantId, 't1');
  assert.equal(target.disableInstanceDiscovery, true);
});

test('acr.cloud and acr.authorityHost apply to registries without an entry', () => {
  const target = signInTargetFor('registry.example.com', { ...defaults, cloud: 'usGovernment', authorityHost: 'https://login.example.com' });
  assert.equal(target.authorityHost, 'https://login.example.com');
  assert.equal(target.audiences[0], AZURE_CLOUDS.usGovernment.armAudience);
  assert.equal(target.disableInstanceDiscovery, true);
});

test('Entra ID codes become kinds that say whether signing in again is needed', () => {
  const context = { tenantId: 'contoso', clientId: 'app' };
  assert.equal(entraError('AADSTS90002: Tenant not found', context)?.kind, 'wrongTenant');
  assert.equal(entraError('AADSTS7000215: Invalid client secret provided.', context)?.kind, 'badClientCredentials');
  assert.equal(entraError('something else', context), undefined);
  const certificate = entraError('AADSTS700027: The certificate with identifier used to sign the client assertion is not registered', { ...context, certificatePath: '/keys/app.pem' });
  assert.equal(certificate?.kind, 'badClientCredentials');
  assert.match(certificate?.message ?? '', /\/keys\/app\.pem.*not registered on application app/);
  assert.equal(entraError('AADSTS700024: Client assertion is not within its valid time range.', context)?.kind, 'badClientCredentials');
  assert.equal(new SignInError('badClientCredentials', '').silentRenewalImpossible, true);
  assert.equal(new SignInError('network', '').silentRenewalImpossible, false);
  assert.equal(new SignInError('firewall', '').silentRenewalImpossible, false);
});
