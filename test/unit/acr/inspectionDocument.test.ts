// Inspect's document: its address names what to read again, and its JSON holds the manifest, the config
// and each platform's manifest and config.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectionDocument, inspectionPath, inspectionTargetOf } from '../../../client/src/acr/registry/inspectionDocument';

const DIGEST = `sha256:${'a'.repeat(64)}`;

test('the path names the host, the repository and the tag or digest, and is read back', () => {
  const targets = [
    { loginServer: 'myreg.azurecr.io', repository: 'team/api', reference: 'v1.2_rc-3' },
    { loginServer: '127.0.0.1:5000', repository: 'hello-world', reference: DIGEST },
  ];
  assert.deepEqual(targets.map(inspectionPath), ['/myreg.azurecr.io/team/api:v1.2_rc-3.json', `/127.0.0.1:5000/hello-world@${DIGEST}.json`]);
  for (const target of targets) assert.deepEqual(inspectionTargetOf(inspectionPath(target)), target);
  for (const path of ['', '/', '/host', '/host/repo.json', '/host/repo:.json', '/host/repo:bad tag.json']) assert.equal(inspectionTargetOf(path), undefined, path);
});

test('the document parses what the registry served; text that is not JSON stays text', () => {
  const text = inspectionDocument('myreg.azurecr.io', {
    repository: 'web',
    reference: 'latest',
    manifest: { digest: DIGEST, mediaType: 'application/vnd.oci.image.index.v1+json', content: '{"manifests":[]}' },
    platforms: [
      {
        platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
        manifest: { digest: 'sha256:b', mediaType: 'application/vnd.oci.image.manifest.v1+json', content: '{"layers":[]}' },
        config: '{"architecture":"arm64"}',
      },
      { manifest: { digest: 'sha256:c', mediaType: 'application/vnd.oci.image.manifest.v1+json', content: '{}' }, config: 'not json' },
    ],
  });
  assert.deepEqual(JSON.parse(text), {
    reference: 'myreg.azurecr.io/web:latest',
    digest: DIGEST,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifest: { manifests: [] },
    platforms: [
      { platform: 'linux/arm64/v8', digest: 'sha256:b', mediaType: 'application/vnd.oci.image.manifest.v1+json', manifest: { layers: [] }, config: { architecture: 'arm64' } },
      { platform: 'unknown', digest: 'sha256:c', mediaType: 'application/vnd.oci.image.manifest.v1+json', manifest: {}, config: 'not json' },
    ],
  });
  assert.ok(text.endsWith('}\n'));
});
