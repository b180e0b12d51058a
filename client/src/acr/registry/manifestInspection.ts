// What Inspect shows of a tag or digest: its manifest as the registry serves it and, for an index (a
// multi-platform image or a Docker manifest list), each platform's manifest, read through the same
// limited calls.
import type { Platform, RawManifest } from './dataSource';
import type { RegistryCalls } from './registryCalls';
import { registryError } from './registryErrors';

export interface PlatformManifest {
  /** Absent when the index does not say (e.g. an attestation). */
  readonly platform?: Platform;
  readonly manifest: RawManifest;
}

export interface ManifestInspection {
  readonly repository: string;
  readonly reference: string;
  readonly manifest: RawManifest;
  /** Empty unless the manifest is an index. */
  readonly platforms: readonly PlatformManifest[];
}

interface IndexEntry {
  readonly digest: string;
  readonly platform?: Platform;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function platformOf(value: unknown): Platform | undefined {
  const p = (value ?? {}) as { os?: unknown; architecture?: unknown; variant?: unknown };
  const [os, architecture, variant] = [text(p.os), text(p.architecture), text(p.variant)];
  return os && architecture ? { os, architecture, ...(variant ? { variant } : {}) } : undefined;
}

/** The entries of an index; none for an image manifest; undefined when the content is not JSON. */
function indexEntries(content: string): IndexEntry[] | undefined {
  let parsed: { manifests?: unknown };
  try {
    parsed = JSON.parse(content) as { manifests?: unknown };
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed?.manifests)) return [];
  return parsed.manifests.flatMap((entry: { digest?: unknown; platform?: unknown }) => {
    const digest = text(entry?.digest);
    const platform = platformOf(entry?.platform);
    return digest ? [{ digest, ...(platform ? { platform } : {}) }] : [];
  });
}

export async function inspectManifest(calls: RegistryCalls, repository: string, reference: string, signal?: AbortSignal): Promise<ManifestInspection> {
  const manifest = await calls.getManifest(repository, reference, signal);
  const entries = indexEntries(manifest.content);
  if (!entries) {
    const context = { loginServer: calls.loginServer, operation: `read the manifest of ${repository}`, signedIn: true };
    throw registryError('malformed', context, {}, `the manifest of ${reference} is not JSON`);
  }
  const platforms = await Promise.all(
    entries.map(async ({ digest, platform }) => ({ ...(platform ? { platform } : {}), manifest: await calls.getManifest(repository, digest, signal) })),
  );
  return { repository, reference, manifest, platforms };
}
