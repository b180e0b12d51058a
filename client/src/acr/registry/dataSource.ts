// What the registry explorer reads from a registry and does to it, as plain data: the interface that the
// Azure SDK bundle implements (azure/registryData.ts). Implementations reject with the SDK's errors as
// they are; registryCalls.ts limits, authenticates, retries and classifies every call.

/** One page of a listing. */
export interface Page<T> {
  readonly items: readonly T[];
  /** Where the next page starts (ACR's `Link`); absent on the last page. */
  readonly continuation?: string;
}

export interface PageRequest {
  readonly pageSize: number;
  readonly continuation?: string;
  readonly signal?: AbortSignal;
}

export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

/** A tag as the manifests listing describes it: its manifest's digest, size, times and locks. */
export interface TagInfo {
  readonly name: string;
  readonly digest: string;
  /** Bytes: an image's config and layers; for an index, its platform images together. */
  readonly imageSize?: number;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly canDelete: boolean;
  readonly canWrite: boolean;
  /** One for an image, one per image of an index; absent when the listing does not say (read the manifest). */
  readonly platforms?: readonly Platform[];
}

/** A manifest as the registry serves it: the exact bytes (as text) and what they are. */
export interface RawManifest {
  readonly digest: string;
  readonly mediaType: string;
  readonly content: string;
}

export interface RegistryData {
  /** Repository names, in the registry's (alphabetical) order. */
  listRepositories(request: PageRequest): Promise<Page<string>>;
  /**
   * Tags newest first: a page of the repository's manifests (`_manifests?orderby=timedesc`), one item per
   * tag. Untagged manifests (an index's platform images among them) give none, so a page may be empty.
   */
  listTags(repository: string, request: PageRequest): Promise<Page<TagInfo>>;
  getManifest(repository: string, reference: string, signal?: AbortSignal): Promise<RawManifest>;
  /** A small blob (an image's config) as text; rejects when it is larger than `maxBytes`. */
  getBlob(repository: string, digest: string, maxBytes: number, signal?: AbortSignal): Promise<string>;
  untag(repository: string, tag: string, signal?: AbortSignal): Promise<void>;
  /** Deletes the manifest and with it every tag that points at it. */
  deleteManifest(repository: string, digest: string, signal?: AbortSignal): Promise<void>;
  deleteRepository(repository: string, signal?: AbortSignal): Promise<void>;
}

/** The sign-in of one registry as the explorer uses it (auth/signInSession.ts behind it). */
export interface RegistryCredentials {
  /** Renews the refresh token first when it is due; called before every call. */
  ensureFresh(): Promise<void>;
  /** Renews now: the registry refused the token. */
  renew(): Promise<void>;
  /** The ACR refresh token; undefined when not signed in (calls are then anonymous). */
  refreshToken(): Promise<string | undefined>;
}
