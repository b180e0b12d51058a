// Every call the explorer makes to one registry goes through here: a few at a time (requestLimit.ts), the
// sign-in renewed first when due, a time limit, one silent retry with a renewed token after a 401, and
// every failure classified (registryErrors.ts) instead of ending as an empty list.
import { errorMessage } from '../../../../shared/src/errorMessage';
import type { Page, PageRequest, RawManifest, RegistryCredentials, RegistryData, TagInfo } from './dataSource';
import { shortDigest } from './displayFormat';
import { classifyRegistryError, registryError, RegistryError, type FailureContext } from './registryErrors';
import { RequestLimit } from './requestLimit';

/** Per attempt: a listing page or a manifest is small, so a registry this slow is treated as down. */
export const CALL_TIMEOUT_MS = 30_000;

export interface RegistryCallsOptions {
  readonly loginServer: string;
  readonly data: RegistryData;
  /** Absent: every call is anonymous (a registry with anonymous pull). */
  readonly credentials?: RegistryCredentials;
  /** Shared by all lists of the registry. */
  readonly limit?: RequestLimit;
  readonly timeoutMs?: number;
}

export class RegistryCalls {
  readonly loginServer: string;
  readonly limit: RequestLimit;
  private readonly timeoutMs: number;

  constructor(private readonly options: RegistryCallsOptions) {
    this.loginServer = options.loginServer;
    this.limit = options.limit ?? new RequestLimit();
    this.timeoutMs = options.timeoutMs ?? CALL_TIMEOUT_MS;
  }

  listRepositories(request: PageRequest): Promise<Page<string>> {
    const operation = 'list the repositories';
    return this.call(operation, request.signal, async (signal) => this.progressing(operation, request, await this.options.data.listRepositories({ ...request, signal })));
  }

  listTags(repository: string, request: PageRequest): Promise<Page<TagInfo>> {
    const operation = `list the tags of ${repository}`;
    return this.call(operation, request.signal, async (signal) => this.progressing(operation, request, await this.options.data.listTags(repository, { ...request, signal })));
  }

  getManifest(repository: string, reference: string, signal?: AbortSignal): Promise<RawManifest> {
    return this.call(`read the manifest of ${artifactName(repository, reference)}`, signal, (s) => this.options.data.getManifest(repository, reference, s));
  }

  getBlob(repository: string, digest: string, maxBytes: number, signal?: AbortSignal): Promise<string> {
    return this.call(`read the blob ${repository}@${shortDigest(digest)}`, signal, (s) => this.options.data.getBlob(repository, digest, maxBytes, s));
  }

  untag(repository: string, tag: string, signal?: AbortSignal): Promise<void> {
    return this.call(`remove the tag ${repository}:${tag}`, signal, (s) => this.options.data.untag(repository, tag, s));
  }

  deleteManifest(repository: string, digest: string, signal?: AbortSignal): Promise<void> {
    return this.call(`delete ${artifactName(repository, digest)}`, signal, (s) => this.options.data.deleteManifest(repository, digest, s));
  }

  deleteRepository(repository: string, signal?: AbortSignal): Promise<void> {
    return this.call(`delete the repository ${repository}`, signal, (s) => this.options.data.deleteRepository(repository, s));
  }

  /** A `Link` back to the page just read would make a list page forever. */
  private progressing<T>(operation: string, request: PageRequest, page: Page<T>): Page<T> {
    if (page.continuation === undefined || page.continuation !== request.continuation) return page;
    throw registryError('malformed', this.context(operation, true), {}, 'its next-page link points back at the same page');
  }

  private context(operation: string, signedIn: boolean): FailureContext {
    return { loginServer: this.loginServer, operation, signedIn };
  }

  private async call<T>(operation: string, signal: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const { credentials } = this.options;
    let signedIn = credentials !== undefined;
    let timedOut = false;
    const attempt = async (): Promise<T> => {
      const timeout = new AbortController();
      const timer = setTimeout(() => ((timedOut = true), timeout.abort()), this.timeoutMs);
      try {
        return await run(signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal);
      } finally {
        clearTimeout(timer);
      }
    };
    try {
      return await this.limit.run(async () => {
        await this.renewing(operation, () => credentials?.ensureFresh());
        try {
          return await attempt();
        } catch (error) {
          if (!credentials || classifyRegistryError(error, this.context(operation, true)).kind !== 'unauthorized') throw error;
          signedIn = (await credentials.refreshToken()) !== undefined;
          if (!signedIn) throw error;
          await this.renewing(operation, () => credentials.renew());
          return await attempt();
        }
      }, signal);
    } catch (error) {
      throw classifyRegistryError(error, { ...this.context(operation, signedIn), ...(timedOut ? { timedOutAfterMs: this.timeoutMs } : {}) });
    }
  }

  /** A sign-in that cannot be renewed any more: the registry would refuse it, so say so now. */
  private async renewing(operation: string, renew: () => Promise<void> | undefined): Promise<void> {
    try {
      await renew();
    } catch (error) {
      throw new RegistryError('unauthorized', `Could not ${operation}: the sign-in to ${this.loginServer} could not be renewed (${errorMessage(error)}). Sign in again.`, 'signIn');
    }
  }
}

function artifactName(repository: string, reference: string): string {
  return reference.includes(':') ? `${repository}@${shortDigest(reference)}` : `${repository}:${reference}`;
}
