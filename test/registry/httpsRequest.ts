// One HTTPS request to the registry, trusting its test CA: for seeding, the CLI and the tests.
import { request, type Agent } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';

export interface HttpsReply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  json<T = unknown>(): T;
}

export interface HttpsRequest {
  readonly method?: string;
  readonly headers?: Record<string, string | number>;
  readonly body?: Buffer | string;
  readonly agent?: Agent;
}

export function httpsRequest(url: string, caPem: string, options: HttpsRequest = {}): Promise<HttpsReply> {
  return new Promise((resolve, reject) => {
    const body = typeof options.body === 'string' ? Buffer.from(options.body) : options.body;
    const headers = { ...options.headers, ...(body ? { 'Content-Length': body.length } : {}) };
    const { hostname, port } = new URL(url);
    // The path goes out as written (no dot-segment normalization), so tests can send traversal attempts.
    const path = url.slice(url.indexOf('/', 'https://'.length));
    const req = request({ hostname, port, path, method: options.method ?? 'GET', headers, ca: caPem, ...(options.agent ? { agent: options.agent } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const data = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data, json: <T>() => JSON.parse(data.toString('utf8')) as T });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const form = (fields: Record<string, string>): HttpsRequest => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});
