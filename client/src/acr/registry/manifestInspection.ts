// What Inspect shows of a tag or digest: its manifest as the registry serves it, an image's config and,
// for an index (a multi-platform image or a Docker manifest list), each platform's manifest and config,
// read through the same limited calls.
import type { Platform, RawManifest } from './dataSource';
import type { RegistryCalls } from './registryCalls';
import { registryError } from './registryErrors';

/** An image config is a few kB; a larger one is not read into a document. */
export const MAX_CONFIG_BYTES = 1_000_000;

export interface InspectedManifest {
  readonly manifest: RawManifest;
  /** The image's config as the registry serves it; absent for an index or a config that is not JSON. */
  readonly config?: string;
}

export interface PlatformManifest extends InspectedManifest {
  /** Absent when the index does not say (e.g. an attestation). */
  readonly platform?: Platform;
}

export interface ManifestInspection extends InspectedManifest {
  readonly repository: string;
  readonly reference: string;
  /** Empty unless the manifest is an index. */
  readonly platforms: readonly PlatformManifest[];
}

interface IndexEntry {
  readonly digest: string;
  readonly platform?: Platform;
}

interface ParsedManifest {
  /** The entries of an index; none for an image manifest. */
  readonly entries: readonly IndexEntry[];
  /** The config blob of an image manifest, when it is JSON of a readable size. */
  readonly configDigest?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function platformOf(value: unknown): Platform | undefined {
  const p = (value ?? {}) as { os?: unknown; architecture?: unknown; variant?: unknown };
  const [os, architecture, variant] = [text(p.os), text(p.architecture), text(p.variant)];
  return os && architecture ? { os, architecture, ...(variant ? { variant } : {}) } : undefined;
}

function configDigestOf(config: unknown): string | undefined {
  const c = (config ?? {}) as { digest?: unknown; mediaType?: unknown; size?: unknown };
  const json = /[+/]json$/.test(text(c.mediaType) ?? '');
  const small = typeof c.size === 'number' && c.size <= MAX_CONFIG_BYTES;
  return json && small ? text(c.digest) : undefined;
}

/** Undefined when the content is not a JSON object. */
function parseManifest(content: string): ParsedManifest | undefined {
  let parsed: { manifests?: unknown; config?: unknown };
  try {
    parsed = JSON.parse(content) as { manifests?: unknown; config?: unknown };
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  if (!Array.isArray(parsed.manifests)) {
    const configDigest = configDigestOf(parsed.config);
    return { entries: [], ...(configDigest ? { configDigest } : {}) };
  }
  const entries = parsed.manifests.flatMap((entry: { digest?: unknown; platform?: unknown }) => {
    const digest = text(entry?.digest);
    const platform = platformOf(entry?.platform);
    return digest ? [{ digest, ...(platform ? { platform } : {}) }] : [];
  });
  return { entries };
}

async function readManifest(calls: RegistryCalls, repository: string, reference: string, signal: AbortSignal | undefined): Promise<InspectedManifest & ParsedManifest> {
  const manifest = await calls.getManifest(repository, reference, signal);
  const parsed = parseManifest(manifest.content);
  if (!parsed) {
    const context = { loginServer: calls.loginServer, operation: `read the manifest of ${repository}`, signedIn: true };
    throw registryError('malformed', context, {}, `the manifest of ${reference} is not JSON`);
  }
  const config = parsed.configDigest ? await calls.getBlob(repository, parsed.configDigest, MAX_CONFIG_BYTES, signal) : undefined;
  return { manifest, ...parsed, ...(config !== undefined ? { config } : {}) };
}

export async function inspectManifest(calls: RegistryCalls, repository: string, reference: string, signal?: AbortSignal): Promise<ManifestInspection> {
  const { manifest, config, entries } = await readManifest(calls, repository, reference, signal);
  const platforms = await Promise.all(
    entries.map(async ({ digest, platform }) => {
      const read = await readManifest(calls, repository, digest, signal);
      return { ...(platform ? { platform } : {}), manifest: read.manifest, ...(read.config !== undefined ? { config: read.config } : {}) };
    }),
  );
  return { repository, reference, manifest, ...(config !== undefined ? { config } : {}), platforms };
}
