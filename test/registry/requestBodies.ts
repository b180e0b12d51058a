// Request bodies with a size limit: larger ones are refused with ACR's `413 SIZE_INVALID` without
// being read whole.
import type { IncomingMessage } from 'node:http';
import { RequestError } from './acrErrors';

/** Forms, tokens and PATCH bodies are small; Entra ID tokens are the largest field at a few KB. */
const BODY_LIMIT = 64 * 1024;

const tooLarge = (): RequestError => new RequestError(413, 'SIZE_INVALID', `request body larger than ${BODY_LIMIT} bytes`);

/** Reads a request body of up to BODY_LIMIT bytes. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
      else {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge());
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** An `application/x-www-form-urlencoded` body, or undefined when the request declares another type. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const body = await readBody(req);
  return type === 'application/x-www-form-urlencoded' ? new URLSearchParams(body.toString('utf8')) : undefined;
}
