// The HTTPS front: one TLS server on 127.0.0.1 that serves Entra ID's and ACR's own routes from a
// table and passes everything under `/v2/` through to distribution. Handlers throw `RequestError`
// for bad input; anything else becomes a 500 in ACR's envelope, never a crash.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RequestError, sendAcrError } from './acrErrors';

export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  /** The route pattern's capture groups. */
  readonly params: readonly string[];
}

export interface Route {
  readonly methods: readonly string[];
  /** Matched against the raw (still percent-encoded) path. */
  readonly path: RegExp;
  readonly handle: (ctx: RequestContext) => void | Promise<void>;
}

/** Runs before routing; returns true when it answered the request itself (fault injection). */
export type Interceptor = (ctx: RequestContext) => boolean | Promise<boolean>;

export interface FrontOptions {
  readonly certPem: string;
  readonly keyPem: string;
  readonly intercept: Interceptor;
  readonly log: (line: string) => void;
}

export interface RouteTable {
  /** Routes that faults never touch (the test-control endpoints). */
  readonly control: readonly Route[];
  readonly routes: readonly Route[];
}

export interface Front {
  readonly server: Server;
  readonly port: number;
  /** The front listens before its routes exist, because distribution must know its port first. */
  serve(table: RouteTable): void;
  close(): Promise<void>;
}

function find(routes: readonly Route[], method: string, path: string): { route: Route; params: string[] } | 'method' | undefined {
  let pathMatched = false;
  for (const route of routes) {
    const match = route.path.exec(path);
    if (!match) continue;
    if (route.methods.includes(method)) return { route, params: match.slice(1) };
    pathMatched = true;
  }
  return pathMatched ? 'method' : undefined;
}

async function dispatch(options: FrontOptions, table: RouteTable, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://front.invalid');
  const method = req.method ?? 'GET';
  const control = find(table.control, method, url.pathname);
  if (control && control !== 'method') return control.route.handle({ req, res, url, params: control.params });
  if (await options.intercept({ req, res, url, params: [] })) return;
  const found = find(table.routes, method, url.pathname);
  if (found === undefined) throw new RequestError(404, 'NOT_FOUND', 'the requested resource does not exist');
  if (found === 'method') throw new RequestError(405, 'UNSUPPORTED', `method ${method} is not supported here`);
  await found.route.handle({ req, res, url, params: found.params });
}

export const ALL_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

const STARTING: RouteTable = {
  control: [],
  routes: [{ methods: ALL_METHODS, path: /^/, handle: () => Promise.reject(new RequestError(503, 'UNAVAILABLE', 'the registry is starting')) }],
};

export async function startFront(options: FrontOptions): Promise<Front> {
  let table = STARTING;
  const server = createServer({ cert: options.certPem, key: options.keyPem }, (req, res) => {
    res.on('finish', () => options.log(`${req.method} ${(req.url ?? '').split('?')[0]} ${res.statusCode}`));
    dispatch(options, table, req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof RequestError) sendAcrError(res, error.status, error.code, error.message, error.detail);
      else {
        options.log(`internal error on ${req.method} ${(req.url ?? '').split('?')[0]}: ${error instanceof Error ? error.message : String(error)}`);
        sendAcrError(res, 500, 'UNKNOWN', 'an internal error occurred');
      }
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    serve: (routes) => (table = routes),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
