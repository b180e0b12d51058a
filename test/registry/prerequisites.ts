// The system programs the registry and its tests need; a missing one fails naming its Debian package.
import { requirePrerequisites } from '../harness/prerequisites';

type Prerequisites = Parameters<typeof requirePrerequisites>[0];

export const REGISTRY_PREREQUISITES: Prerequisites = [
  { what: 'CNCF distribution, the registry behind the ACR front', anyOf: ['docker-registry'], debianPackage: 'docker-registry' },
  { what: 'openssl, which makes the test CA and certificates', anyOf: ['openssl'], debianPackage: 'openssl' },
];

export const CLIENT_PREREQUISITES: Prerequisites = [
  { what: 'skopeo, a real registry client for the tests', anyOf: ['skopeo'], debianPackage: 'skopeo' },
];
