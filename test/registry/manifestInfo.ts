// What the ACR metadata API reports about a manifest, read from the manifest and its config blob in
// distribution's storage: media type, size, platform, creation time, and an index's references.
import { RequestError } from './acrErrors';

export interface ManifestInfo {
  readonly mediaType: string;
  /** An image's config and layers; an index's, the sum over its platform images. Manifests themselves do not count. */
  readonly imageSize: number;
  readonly architecture?: string;
  readonly os?: string;
  /** From the image config, when it has one. */
  readonly created?: string;
  readonly references?: readonly { digest: string; architecture?: string; os?: string }[];
}

interface Descriptor {
  mediaType?: string;
  digest?: string;
  size?: number;
  platform?: { architecture?: string; os?: string };
}

interface ManifestJson {
  mediaType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: Descriptor[];
}

const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);

function parse<T>(bytes: Buffer): T {
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch {
    throw new RequestError(500, 'UNKNOWN', 'a stored manifest is not valid JSON');
  }
}

type ReadBlob = (digest: string) => Buffer | undefined;

function imageSizeOf(json: ManifestJson, readBlob: ReadBlob): number {
  if (json.manifests) {
    return json.manifests.reduce((sum, m) => {
      const child = m.digest ? readBlob(m.digest) : undefined;
      return sum + (child ? imageSizeOf(parse<ManifestJson>(child), readBlob) : 0);
    }, 0);
  }
  return (json.config?.size ?? 0) + (json.layers ?? []).reduce((sum, l) => sum + (l.size ?? 0), 0);
}

export function readManifestInfo(manifest: Buffer, readBlob: ReadBlob): ManifestInfo {
  const json = parse<ManifestJson>(manifest);
  const mediaType = json.mediaType ?? (json.manifests ? 'application/vnd.oci.image.index.v1+json' : 'application/vnd.oci.image.manifest.v1+json');
  const imageSize = imageSizeOf(json, readBlob);
  if (INDEX_TYPES.has(mediaType) || json.manifests) {
    const references = (json.manifests ?? []).map((m) => ({ digest: m.digest ?? '', architecture: m.platform?.architecture, os: m.platform?.os }));
    return { mediaType, imageSize, references };
  }
  const configBytes = json.config?.digest ? readBlob(json.config.digest) : undefined;
  const config = configBytes ? parse<{ architecture?: string; os?: string; created?: string }>(configBytes) : {};
  return { mediaType, imageSize, architecture: config.architecture, os: config.os, created: config.created };
}
