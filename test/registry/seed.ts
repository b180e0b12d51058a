// Seeding by pushing real images through the front's `/v2/` API (blob uploads, then manifests, as any
// client does), with an access token minted by the registry's own token service.
import { Agent } from 'node:https';
import { EVERYTHING } from './directory';
import { buildImage, buildIndex, type BuiltManifest, type ImageFormat, type Platform } from './imageBuilder';
import { httpsRequest, type HttpsReply } from './httpsRequest';
import type { Registry } from './registry';

export interface SeedImage {
  readonly repository: string;
  readonly tags: readonly string[];
  readonly format: ImageFormat;
  /** More than one makes a multi-platform index. */
  readonly platforms: readonly Platform[];
  /** Text for the image's single file, so that different tags can be different images. */
  readonly content: string;
}

const AMD64: Platform = { architecture: 'amd64', os: 'linux' };
const ARM64: Platform = { architecture: 'arm64', os: 'linux' };

/** What `npm start`, the CLI and the tests find in a fresh registry. Later rows push later. */
export const DEMO_IMAGES: readonly SeedImage[] = [
  { repository: 'hello-world', tags: ['v1'], format: 'oci', platforms: [AMD64], content: 'hello v1' },
  { repository: 'hello-world', tags: ['v2', 'latest'], format: 'oci', platforms: [AMD64], content: 'hello v2' },
  { repository: 'team/api', tags: ['1.0.0'], format: 'docker', platforms: [AMD64], content: 'api 1.0.0' },
  { repository: 'team/api', tags: ['1.1.0', 'latest'], format: 'docker', platforms: [AMD64], content: 'api 1.1.0' },
  { repository: 'team/web', tags: ['2024.06', 'latest'], format: 'oci', platforms: [AMD64, ARM64], content: 'web' },
  { repository: 'library/alpine', tags: ['3.20'], format: 'docker', platforms: [AMD64, ARM64], content: 'alpine' },
];

export function buildSeedImage(image: SeedImage, created = new Date('2024-06-20T20:46:33Z')): BuiltManifest {
  const build = (platform: Platform): BuiltManifest =>
    buildImage({ format: image.format, platform, created, files: { 'etc/motd': `${image.content} (${platform.os}/${platform.architecture})\n` } });
  return image.platforms.length === 1 ? build(image.platforms[0]!) : buildIndex(image.format, image.platforms.map(build));
}

class Pusher {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 8 });

  constructor(private readonly registry: Registry) {}

  private async send(method: string, path: string, token: string, body?: Buffer, contentType?: string): Promise<HttpsReply> {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    if (body) headers['Content-Type'] = contentType ?? 'application/octet-stream';
    const reply = await httpsRequest(new URL(path, this.registry.endpoint).href, this.registry.caPem, { method, headers, ...(body ? { body } : {}), agent: this.agent });
    if (reply.status >= 400) throw new Error(`${method} ${path.split('?')[0]} -> ${reply.status}: ${reply.body.toString('utf8').slice(0, 500)}`);
    return reply;
  }

  async push(repository: string, manifest: BuiltManifest, reference: string): Promise<void> {
    const token = this.registry.tokens.issueAccessToken({ subject: 'seed', grants: EVERYTHING }, [{ type: 'repository', name: repository, actions: ['pull', 'push'] }]);
    for (const child of manifest.children) await this.push(repository, child, child.digest);
    await Promise.all(manifest.blobs.map(async (blob) => {
      const exists = await this.send('HEAD', `/v2/${repository}/blobs/${blob.digest}`, token).then(() => true, () => false);
      if (exists) return;
      const upload = await this.send('POST', `/v2/${repository}/blobs/uploads/`, token, Buffer.alloc(0));
      const location = new URL(String(upload.headers.location), this.registry.endpoint);
      location.searchParams.set('digest', blob.digest);
      await this.send('PUT', `${location.pathname}${location.search}`, token, blob.bytes);
    }));
    await this.send('PUT', `/v2/${repository}/manifests/${reference}`, token, manifest.bytes, manifest.mediaType);
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Pushes `images` in order (so later rows are newer), each under all its tags. */
export async function seedImages(registry: Registry, images: readonly SeedImage[] = DEMO_IMAGES): Promise<void> {
  const pusher = new Pusher(registry);
  try {
    for (const image of images) {
      const manifest = buildSeedImage(image);
      for (const tag of image.tags) await pusher.push(image.repository, manifest, tag);
    }
  } finally {
    pusher.close();
  }
}
