import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AZURE_CLOUDS } from '../../../client/src/acr/cloud/azureClouds';
import { adminUserName, cloudOfLoginServer, toLoginServer } from '../../../client/src/acr/cloud/loginServer';

test('a bare registry name gets the ACR suffix of the cloud', () => {
  assert.equal(toLoginServer('myreg'), 'myreg.azurecr.io');
  assert.equal(toLoginServer('  MyReg  '), 'myreg.azurecr.io');
  assert.equal(toLoginServer('myreg', AZURE_CLOUDS.china), 'myreg.azurecr.cn');
  assert.equal(toLoginServer('myreg', AZURE_CLOUDS.usGovernment), 'myreg.azurecr.us');
  assert.equal(toLoginServer('myreg-abc123'), 'myreg-abc123.azurecr.io');
});

test('login servers of every cloud and custom hosts are kept', () => {
  for (const host of ['myreg.azurecr.io', 'myreg.azurecr.cn', 'myreg.azurecr.us', 'registry.example.com', 'localhost:5000', 'localhost', '127.0.0.1:5000', 'myreg:5000']) {
    assert.equal(toLoginServer(host), host);
  }
});

test('schemes and paths are dropped like docker ConvertToHostname', () => {
  assert.equal(toLoginServer('https://myreg.azurecr.io/'), 'myreg.azurecr.io');
  assert.equal(toLoginServer('https://MyReg.azurecr.io/v2/'), 'myreg.azurecr.io');
  assert.equal(toLoginServer('http://localhost:5000/v2/library/alpine'), 'localhost:5000');
  assert.equal(toLoginServer('myreg.azurecr.io/team/app'), 'myreg.azurecr.io');
});

test('input that cannot be a registry gives undefined', () => {
  for (const input of ['', '   ', 'https://', 'my_reg', 'myreg.azurecr.io:0', 'myreg.azurecr.io:70000', 'host:port', '-bad.example.com', 'a..b', 'my reg']) {
    assert.equal(toLoginServer(input), undefined, input);
  }
});

test('the cloud of a login server comes from its suffix', () => {
  assert.equal(cloudOfLoginServer('myreg.azurecr.io'), AZURE_CLOUDS.public);
  assert.equal(cloudOfLoginServer('MYREG.AZURECR.CN'), AZURE_CLOUDS.china);
  assert.equal(cloudOfLoginServer('myreg.azurecr.us:443'), AZURE_CLOUDS.usGovernment);
  assert.equal(cloudOfLoginServer('localhost:5000'), undefined);
  assert.equal(cloudOfLoginServer('azurecr.io.example.com'), undefined);
});

test('the cloud table is complete data', () => {
  for (const cloud of Object.values(AZURE_CLOUDS)) {
    assert.match(cloud.acrSuffix, /^\.azurecr\.[a-z]+$/);
    for (const url of [cloud.authorityHost, cloud.armAudience, cloud.acrAudience]) assert.match(url, /^https:\/\/[a-z.]+$/);
  }
});

test('the admin user offered is the registry name, and nothing for hosts that are not ACR', () => {
  assert.equal(adminUserName('myreg.azurecr.io'), 'myreg');
  assert.equal(adminUserName('contoso.azurecr.cn'), 'contoso');
  assert.equal(adminUserName('gov.azurecr.us'), 'gov');
  for (const host of ['127.0.0.1:5000', 'localhost:5000', 'registry.example.com', 'myreg:5000']) {
    assert.equal(adminUserName(host), undefined, host);
  }
});
