// The explorer's RegistryData (registry/dataSource.ts) with @azure/container-registry. Bundled on its own
// (dist/azureRegistry.js) and loaded by azureBundle.ts when the explorer first reads a registry. It returns
// plain data and lets the SDK's errors through as they are: registry/registryCalls.ts classifies them.
//
// The sign-in already holds an ACR refresh token, whichever way it signed in (Entra ID or the admin user),
// while the SDK can only get one itself, from an Entra ID credential. So the clients are made without a
// credential, as for anonymous pull, and a pipeline policy puts the sign-in's refresh token into the token
// request the SDK then sends: the same `grant_type=refresh_token` request it makes with a credential.
import { ContainerRegistryClient, ContainerRegistryContentClient, type ArtifactManifestProperties, type ContainerRegistryClientOptions } from '@azure/container-registry';
import type { Page, PageRequest, Platform, RawManifest, RegistryData, TagInfo } from '../registry/dataSource';

type PipelinePolicy = NonNullable<ContainerRegistryClientOptions['additionalPolicies']>[number]['policy'];

export interface RegistryDataOptions {
  readonly loginServer: string;
  /** The sign-in's ACR refresh token, asked at each token request; undefined: anonymous. */
  readonly refreshToken: () => Promise<string | undefined>;
  /** CA certificates (PEM) to trust instead of Node's (tests); users have NODE_EXTRA_CA_CERTS. */
  readonly ca?: string;
}

function signInPolicy(refreshToken: () => Promise<string | undefined>): PipelinePolicy {
  return {
    name: 'earthlyAcrSignInRefreshToken',
    async sendRequest(request, next) {
      const tokenRequest = request.method === 'POST' && new URL(request.url).pathname === '/oauth2/token' && typeof request.body === 'string';
      const token = tokenRequest ? await refreshToken() : undefined;
      if (token) {
        const form = new URLSearchParams(request.body as string);
        form.set('grant_type', 'refresh_token');
        form.set('refresh_token', token);
        request.body = form.toString();
        request.headers.delete('Content-Length');
      }
      return next(request);
    },
  };
}

function platformsOf(manifest: ArtifactManifestProperties): Platform[] | undefined {
  const platform = (os: string | undefined, architecture: string | undefined): Platform[] => (os && architecture ? [{ os, architecture }] : []);
  if (manifest.relatedArtifacts.length > 0) return manifest.relatedArtifacts.flatMap((r) => platform(r.operatingSystem, r.architecture));
  const own = platform(manifest.operatingSystem, manifest.architecture);
  return own.length > 0 ? own : undefined;
}

/** A manifest's tags, each with what the listing says of the manifest. */
function tagsOf(manifest: ArtifactManifestProperties): TagInfo[] {
  const platforms = platformsOf(manifest);
  return manifest.tags.map((name) => ({
    name,
    digest: manifest.digest,
    ...(manifest.sizeInBytes !== undefined ? { imageSize: manifest.sizeInBytes } : {}),
    createdAt: manifest.createdOn.getTime(),
    updatedAt: manifest.lastUpdatedOn.getTime(),
    canDelete: manifest.canDelete ?? true,
    canWrite: manifest.canWrite ?? true,
    ...(platforms ? { platforms } : {}),
  }));
}

/** The page a listing's `byPage()` yields first, and where the one after it starts. */
async function firstPage<P extends readonly unknown[] & { continuationToken?: string }, T>(pages: AsyncIterator<P>, items: (page: P) => readonly T[]): Promise<Page<T>> {
  const { value, done } = await pages.next();
  if (done || !value) return { items: [] };
  return { items: items(value), ...(value.continuationToken ? { continuation: value.continuationToken } : {}) };
}

const pageSettings = (request: PageRequest) => ({ maxPageSize: request.pageSize, ...(request.continuation ? { continuationToken: request.continuation } : {}) });

export function createRegistryData(options: RegistryDataOptions): RegistryData {
  const endpoint = `https://${options.loginServer}`;
  const clientOptions: ContainerRegistryClientOptions = {
    additionalPolicies: [{ policy: signInPolicy(options.refreshToken), position: 'perRetry' }],
    // The explorer shows a failure with a Retry action at once rather than waiting out retries.
    retryOptions: { maxRetries: 0 },
    ...(options.ca ? { tlsOptions: { ca: options.ca } } : {}),
  };
  const client = new ContainerRegistryClient(endpoint, clientOptions);
  const contentClients = new Map<string, ContainerRegistryContentClient>();
  const content = (repository: string): ContainerRegistryContentClient => {
    let contentClient = contentClients.get(repository);
    if (!contentClient) {
      // Anonymous like the registry client; the constructor's type asks for a credential, its code does not.
      contentClient = new ContainerRegistryContentClient(endpoint, repository, undefined as unknown as ConstructorParameters<typeof ContainerRegistryContentClient>[2], clientOptions);
      contentClients.set(repository, contentClient);
    }
    return contentClient;
  };

  return {
    listRepositories: (request) => firstPage(client.listRepositoryNames({ abortSignal: request.signal }).byPage(pageSettings(request)), (names) => names),
    listTags: (repository, request) =>
      firstPage(client.getRepository(repository).listManifestProperties({ order: 'LastUpdatedOnDescending', abortSignal: request.signal }).byPage(pageSettings(request)), (manifests) =>
        manifests.flatMap(tagsOf),
      ),
    async getManifest(repository, reference, signal): Promise<RawManifest> {
      const manifest = await content(repository).getManifest(reference, { abortSignal: signal });
      return { digest: manifest.digest, mediaType: manifest.mediaType, content: manifest.content.toString('utf8') };
    },
    async getBlob(repository, digest, maxBytes, signal): Promise<string> {
      const blob = await content(repository).downloadBlob(digest, { abortSignal: signal });
      const chunks: Buffer[] = [];
      let size = 0;
      // The stream checks the digest as it ends, so it is read to its end.
      for await (const chunk of blob.content) {
        size += chunk.length;
        if (size > maxBytes) throw new Error(`the blob ${digest} is larger than ${maxBytes} bytes`);
        chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      }
      return Buffer.concat(chunks).toString('utf8');
    },
    untag: (repository, tag, signal) => client.getArtifact(repository, tag).deleteTag(tag, { abortSignal: signal }),
    deleteManifest: (repository, digest, signal) => client.getArtifact(repository, digest).delete({ abortSignal: signal }),
    deleteRepository: (repository, signal) => client.deleteRepository(repository, { abortSignal: signal }),
  };
}
