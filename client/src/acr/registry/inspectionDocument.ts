// Inspect's read-only JSON document: the manifest, the image's config and, for an index, each platform's
// manifest and config, parsed so that the editor folds and colours them; and the document's address,
// `host/repo:tag.json` or `host/repo@sha256:….json`, which names what to read again after a reload.
import { formatPlatform } from './displayFormat';
import type { InspectedManifest, ManifestInspection } from './manifestInspection';

/** What the document shows. */
export interface InspectionTarget {
  readonly loginServer: string;
  readonly repository: string;
  /** A tag or a digest. */
  readonly reference: string;
}

const isDigest = (reference: string): boolean => reference.includes(':');

/** `/host/repo:tag.json`, `/host/repo@sha256:….json`: the document's path under the inspect scheme. */
export function inspectionPath(target: InspectionTarget): string {
  return `/${target.loginServer}/${target.repository}${isDigest(target.reference) ? '@' : ':'}${target.reference}.json`;
}

/** The target a path names; undefined for a path that names none. */
export function inspectionTargetOf(path: string): InspectionTarget | undefined {
  const match = /^\/([^/]+)\/(.+?)(?:@([a-z0-9]+:[a-f0-9]+)|:([\w][\w.-]{0,127}))\.json$/.exec(path);
  if (!match) return undefined;
  return { loginServer: match[1]!, repository: match[2]!, reference: match[3] ?? match[4]! };
}

/** JSON text as a value; text that is not JSON stays a string. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function manifestPart(inspected: InspectedManifest): Record<string, unknown> {
  return {
    digest: inspected.manifest.digest,
    mediaType: inspected.manifest.mediaType,
    manifest: parsed(inspected.manifest.content),
    ...(inspected.config !== undefined ? { config: parsed(inspected.config) } : {}),
  };
}

export function inspectionDocument(loginServer: string, inspection: ManifestInspection): string {
  const reference = `${loginServer}/${inspection.repository}${isDigest(inspection.reference) ? '@' : ':'}${inspection.reference}`;
  const document = {
    reference,
    ...manifestPart(inspection),
    ...(inspection.platforms.length > 0
      ? { platforms: inspection.platforms.map((p) => ({ platform: p.platform ? formatPlatform(p.platform) : 'unknown', ...manifestPart(p) })) }
      : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
