// Small, real container images made in memory, without a Docker engine: each layer is a gzipped tar
// holding one text file; configs and manifests in OCI or Docker media types; multi-platform indexes.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export type ImageFormat = 'oci' | 'docker';

const MEDIA_TYPES = {
  oci: {
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    index: 'application/vnd.oci.image.index.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  },
  docker: {
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    index: 'application/vnd.docker.distribution.manifest.list.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  },
} as const;

export interface Blob {
  readonly digest: string;
  readonly mediaType: string;
  readonly bytes: Buffer;
}

/** A manifest or index, ready to PUT, and every blob and child manifest it needs first. */
export interface BuiltManifest {
  readonly digest: string;
  readonly mediaType: string;
  readonly bytes: Buffer;
  readonly blobs: readonly Blob[];
  readonly children: readonly BuiltManifest[];
  readonly platform?: Platform;
}

export interface Platform {
  readonly architecture: string;
  readonly os: string;
}

export const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

function blob(mediaType: string, bytes: Buffer): Blob {
  return { digest: sha256(bytes), mediaType, bytes };
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** A POSIX tar archive with one regular file. */
export function tarWithFile(path: string, content: Buffer, mtimeSeconds: number): Buffer {
  const header = Buffer.alloc(512);
  header.write(path, 0, 100, 'utf8');
  header.write(octal(0o644, 8), 100);
  header.write(octal(0, 8), 108);
  header.write(octal(0, 8), 116);
  header.write(octal(content.length, 12), 124);
  header.write(octal(mtimeSeconds, 12), 136);
  header.write(' '.repeat(8), 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  header.write(`${checksum.toString(8).padStart(6, '0')}\0 `, 148);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}

export interface ImageSpec {
  readonly format: ImageFormat;
  readonly platform: Platform;
  /** File path -> text; one layer per file. */
  readonly files: Readonly<Record<string, string>>;
  readonly created: Date;
}

export function buildImage(spec: ImageSpec): BuiltManifest {
  const types = MEDIA_TYPES[spec.format];
  const mtime = Math.floor(spec.created.getTime() / 1000);
  const tars = Object.entries(spec.files).map(([path, text]) => tarWithFile(path, Buffer.from(text), mtime));
  const layers = tars.map((tar) => blob(types.layer, gzipSync(tar)));
  const config = blob(types.config, Buffer.from(JSON.stringify({
    architecture: spec.platform.architecture,
    os: spec.platform.os,
    created: spec.created.toISOString(),
    config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['/bin/sh'] },
    rootfs: { type: 'layers', diff_ids: tars.map(sha256) },
    history: tars.map(() => ({ created: spec.created.toISOString(), created_by: 'earthly-acr test registry' })),
  })));
  const descriptor = (b: Blob): object => ({ mediaType: b.mediaType, digest: b.digest, size: b.bytes.length });
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: types.manifest, config: descriptor(config), layers: layers.map(descriptor) }));
  return { digest: sha256(bytes), mediaType: types.manifest, bytes, blobs: [config, ...layers], children: [], platform: spec.platform };
}

export function buildIndex(format: ImageFormat, images: readonly BuiltManifest[]): BuiltManifest {
  const mediaType = MEDIA_TYPES[format].index;
  const manifests = images.map((m) => ({ mediaType: m.mediaType, digest: m.digest, size: m.bytes.length, platform: m.platform }));
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType, manifests }));
  return { digest: sha256(bytes), mediaType, bytes, blobs: [], children: images };
}
