// An image written as an OCI image layout folder, the form `skopeo copy oci:<dir>:<tag>` reads, so that
// tests can push with a real client.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuiltManifest } from './imageBuilder';

export function writeOciLayout(dir: string, image: BuiltManifest, tag: string): void {
  const blobs = join(dir, 'blobs', 'sha256');
  mkdirSync(blobs, { recursive: true });
  const write = (digest: string, bytes: Buffer): void => writeFileSync(join(blobs, digest.slice('sha256:'.length)), bytes);
  const all = (m: BuiltManifest): void => {
    m.children.forEach(all);
    m.blobs.forEach((b) => write(b.digest, b.bytes));
    write(m.digest, m.bytes);
  };
  all(image);
  writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  const descriptor = { mediaType: image.mediaType, digest: image.digest, size: image.bytes.length, annotations: { 'org.opencontainers.image.ref.name': tag } };
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [descriptor] }));
}
