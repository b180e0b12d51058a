// `/v2/...` goes to distribution unchanged, with the front's host so that distribution's absolute
// `Location` URLs point back at the front. On the way, names with dot segments are refused, tokens
// revoked by a test are dropped (so that distribution answers with its own challenge for the right
// scope), manifest deletes respect ACR's locks, and writes invalidate the metadata API's listings.
import { request } from 'node:http';
import { RequestError, sendAcrError } from './acrErrors';
import type { RequestContext } from './front';
import { decodeJwtClaims } from './jwt';
import { decoded, type MetadataApi } from './metadataApi';
import type { TokenService } from './tokenService';

const MANIFEST_DELETE = /^\/v2\/(.+)\/manifests\/(sha256:[a-f0-9]{64})$/;

export function passThrough(distributionUrl: string, tokens: TokenService, metadata: MetadataApi) {
  return ({ req, res, url }: RequestContext): Promise<void> => {
    const path = decoded(url.pathname);
    // distribution would answer encoded dot segments with a redirect out of /v2/.
    if (path.split('/').some((segment) => segment === '.' || segment === '..')) throw new RequestError(400, 'NAME_INVALID', 'invalid repository name');
    const deleted = req.method === 'DELETE' ? MANIFEST_DELETE.exec(path) : null;
    if (deleted) metadata.guardManifestDelete(deleted[1]!, deleted[2]!);
    return new Promise((resolve) => {
      const headers = { ...req.headers, 'x-forwarded-proto': 'https' };
      const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
      if (bearer && tokens.isRevoked(decodeJwtClaims(bearer[1]!)?.jti)) delete headers.authorization;
      const upstream = request(`${distributionUrl}${url.pathname}${url.search}`, { method: req.method, headers }, (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.rawHeaders);
        reply.pipe(res);
        reply.on('end', () => {
          if (req.method !== 'GET' && req.method !== 'HEAD') metadata.invalidate();
          resolve();
        });
        reply.on('error', () => (res.destroy(), resolve()));
      });
      upstream.on('error', () => {
        if (!res.headersSent) sendAcrError(res, 503, 'UNAVAILABLE', 'the registry storage is not available');
        else res.destroy();
        resolve();
      });
      req.pipe(upstream);
    });
  };
}
