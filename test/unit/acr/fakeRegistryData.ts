// An in-memory registry behind the explorer's RegistryData interface, paging by index as ACR pages by
// name, with failures to inject, requests to hold in flight, and a record of what was asked; and errors
// shaped like the Azure SDK's RestError.
import { abortError } from '../../../client/src/acr/registry/cancellation';
import type { Page, PageRequest, RawManifest, RegistryCredentials, RegistryData, TagInfo } from '../../../client/src/acr/registry/dataSource';

export function pageOf<T>(all: readonly T[], request: PageRequest): Page<T> {
  const start = Number(request.continuation ?? 0);
  const end = start + request.pageSize;
  return { items: all.slice(start, end), ...(end < all.length ? { continuation: String(end) } : {}) };
}

/** A tag whose manifest is `digest`, updated at `updatedAt` (epoch ms). */
export function tagInfo(name: string, digest = `sha256:${'a'.repeat(64)}`, updatedAt = 0): TagInfo {
  return { name, digest, imageSize: 1000, createdAt: updatedAt, updatedAt, canDelete: true, canWrite: true };
}

/** Waits for `promise`, or rejects as aborted when `signal` aborts first. */
function untilAborted(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    signal.addEventListener('abort', () => reject(abortError()), { once: true });
    promise.then(resolve, reject);
  });
}

export class FakeRegistryData implements RegistryData {
  /** Each request as `<method> <argument>`, in order. */
  readonly requests: string[] = [];
  /** The next calls throw these, one each, instead of answering. */
  readonly failures: unknown[] = [];
  /** While set, calls wait for it: requests stay in flight. */
  hold: Promise<void> | undefined;
  active = 0;
  mostActive = 0;
  /** Overrides a listing's continuation (e.g. a `Link` back to the same page). */
  continuationOverride: ((request: PageRequest) => string | undefined) | undefined;

  constructor(
    public repositories: string[] = [],
    public tags: Record<string, TagInfo[]> = {},
    public manifests: Record<string, RawManifest> = {},
    public blobs: Record<string, string> = {},
  ) {}

  private async answer<T>(request: string, signal: AbortSignal | undefined, value: () => T): Promise<T> {
    this.requests.push(request);
    this.active++;
    this.mostActive = Math.max(this.mostActive, this.active);
    try {
      if (this.hold) await untilAborted(this.hold, signal);
      if (signal?.aborted) throw abortError();
      if (this.failures.length > 0) throw this.failures.shift();
      return value();
    } finally {
      this.active--;
    }
  }

  private page<T>(all: readonly T[], request: PageRequest): Page<T> {
    const page = pageOf(all, request);
    if (!this.continuationOverride) return page;
    const continuation = this.continuationOverride(request);
    return { items: page.items, ...(continuation ? { continuation } : {}) };
  }

  listRepositories(request: PageRequest): Promise<Page<string>> {
    return this.answer(`listRepositories ${request.continuation ?? ''}`, request.signal, () => this.page(this.repositories, request));
  }

  listTags(repository: string, request: PageRequest): Promise<Page<TagInfo>> {
    return this.answer(`listTags ${repository} ${request.continuation ?? ''}`, request.signal, () => this.page(this.tags[repository] ?? [], request));
  }

  getManifest(repository: string, reference: string, signal?: AbortSignal): Promise<RawManifest> {
    return this.answer(`getManifest ${repository} ${reference}`, signal, () => {
      const manifest = this.manifests[reference];
      if (!manifest) throw restError(404, { body: '{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}' });
      return manifest;
    });
  }

  getBlob(repository: string, digest: string, maxBytes: number, signal?: AbortSignal): Promise<string> {
    return this.answer(`getBlob ${repository} ${digest}`, signal, () => {
      const blob = this.blobs[digest];
      if (blob === undefined) throw restError(404, { body: '{"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown to registry"}]}' });
      if (blob.length > maxBytes) throw new Error(`the blob ${digest} is larger than ${maxBytes} bytes`);
      return blob;
    });
  }

  untag(repository: string, tag: string, signal?: AbortSignal): Promise<void> {
    return this.answer(`untag ${repository} ${tag}`, signal, () => {
      this.tags[repository] = (this.tags[repository] ?? []).filter((t) => t.name !== tag);
    });
  }

  deleteManifest(repository: string, digest: string, signal?: AbortSignal): Promise<void> {
    return this.answer(`deleteManifest ${repository} ${digest}`, signal, () => {
      this.tags[repository] = (this.tags[repository] ?? []).filter((t) => t.digest !== digest);
    });
  }

  deleteRepository(repository: string, signal?: AbortSignal): Promise<void> {
    return this.answer(`deleteRepository ${repository}`, signal, () => {
      this.repositories = this.repositories.filter((name) => name !== repository);
    });
  }
}

/** Credentials that count their uses; `token` undefined means not signed in. */
export class FakeCredentials implements RegistryCredentials {
  ensured = 0;
  renewals = 0;
  ensureFreshFailure: Error | undefined;

  constructor(public token: string | undefined) {}

  async ensureFresh(): Promise<void> {
    this.ensured++;
    if (this.ensureFreshFailure) throw this.ensureFreshFailure;
  }

  async renew(): Promise<void> {
    this.renewals++;
  }

  async refreshToken(): Promise<string | undefined> {
    return this.token;
  }
}

export interface RestErrorParts {
  readonly body?: string;
  readonly headers?: Record<string, string>;
  readonly code?: string;
  readonly name?: string;
}

/** An error shaped like @azure/core-rest-pipeline's RestError for an HTTP answer. */
export function restError(status: number | undefined, parts: RestErrorParts = {}): Error {
  const headers = Object.fromEntries(Object.entries(parts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.assign(new Error(parts.body ?? `HTTP ${status}`), {
    name: parts.name ?? 'RestError',
    ...(status !== undefined ? { statusCode: status } : {}),
    ...(parts.code ? { code: parts.code } : {}),
    response: { status, headers: { get: (name: string) => headers[name.toLowerCase()] }, bodyAsText: parts.body ?? null },
  });
}

/** ACR's error body. */
export const acrBody = (code: string, message: string): string => JSON.stringify({ errors: [{ code, message, detail: {} }] });
