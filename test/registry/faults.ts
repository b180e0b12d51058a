// Fault injection, armed per test from code or through `/_emulator/faults`: each fault applies to the
// next `count` requests (until cleared when `count` is absent) whose path starts with `pathPrefix`, or,
// without one, to every request for ACR (not Entra ID, which is another host in Azure). Refresh-token
// expiry and revocation live in the token service.
import type { RequestContext } from './front';
import { sendAcrError, RequestError } from './acrErrors';

export type Fault =
  /** The request is handled as if it carried no credentials, so the route answers with its real challenge. */
  | { readonly kind: 'unauthorized'; readonly count?: number; readonly pathPrefix?: string }
  | { readonly kind: 'throttle'; readonly retryAfterSeconds: number; readonly count?: number; readonly pathPrefix?: string }
  | { readonly kind: 'serverError'; readonly count?: number; readonly pathPrefix?: string }
  | { readonly kind: 'slow'; readonly delayMs: number; readonly count?: number; readonly pathPrefix?: string }
  /** Headers and half a body, then the connection is destroyed. */
  | { readonly kind: 'resetMidBody'; readonly count?: number; readonly pathPrefix?: string }
  | { readonly kind: 'malformedJson'; readonly count?: number; readonly pathPrefix?: string }
  /** Listing responses carry a `Link` to the very page just served. */
  | { readonly kind: 'loopingLink'; readonly count?: number; readonly pathPrefix?: string }
  /** ACR's network rules: `403 DENIED` for this client. */
  | { readonly kind: 'firewall'; readonly count?: number; readonly pathPrefix?: string };

export type FaultKind = Fault['kind'];
// Table order is the order of application: a delay comes before whatever else answers the request.
const KINDS: readonly FaultKind[] = ['slow', 'firewall', 'unauthorized', 'throttle', 'serverError', 'resetMidBody', 'malformedJson', 'loopingLink'];

interface Armed {
  fault: Fault;
  remaining: number;
}

const ACR_PATHS = ['/v2/', '/acr/', '/oauth2/'];
const BROKEN_JSON = '{"repositories":["alpha","beta"';

/** What each fault does to a request it applies to; true = it answered the request. */
const EFFECTS: Record<FaultKind, (ctx: RequestContext, fault: Fault) => boolean | Promise<boolean>> = {
  unauthorized: ({ req }) => {
    delete req.headers.authorization;
    return false;
  },
  throttle: ({ res }, fault) => {
    const seconds = fault.kind === 'throttle' ? fault.retryAfterSeconds : 1;
    sendAcrError(res, 429, 'TOOMANYREQUESTS', 'too many requests', undefined, { 'Retry-After': String(seconds) });
    return true;
  },
  serverError: ({ res }) => {
    sendAcrError(res, 500, 'UNKNOWN', 'an internal error occurred');
    return true;
  },
  slow: async (_ctx, fault) => {
    await new Promise((resolve) => setTimeout(resolve, fault.kind === 'slow' ? fault.delayMs : 0));
    return false;
  },
  resetMidBody: ({ res }) => {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(BROKEN_JSON.length * 2) });
    res.write(BROKEN_JSON, () => res.destroy());
    return true;
  },
  malformedJson: ({ res }) => {
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(BROKEN_JSON.length) });
    res.end(BROKEN_JSON);
    return true;
  },
  // Read by the listing routes through `Faults.takeLoopingLink`; nothing to do up front.
  loopingLink: () => false,
  firewall: ({ res }) => {
    sendAcrError(res, 403, 'DENIED', "client with IP '127.0.0.1' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.");
    return true;
  },
};

export class Faults {
  private armed: Armed[] = [];

  add(fault: Fault): void {
    this.armed.push({ fault, remaining: fault.count ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.armed = [];
  }

  private take(kind: FaultKind, path: string): Fault | undefined {
    const applies = (fault: Fault): boolean => (fault.pathPrefix === undefined ? ACR_PATHS.some((p) => path.startsWith(p)) : path.startsWith(fault.pathPrefix));
    const armed = this.armed.find((a) => a.fault.kind === kind && a.remaining > 0 && applies(a.fault));
    if (!armed) return undefined;
    armed.remaining -= 1;
    if (armed.remaining <= 0) this.armed = this.armed.filter((a) => a !== armed);
    return armed.fault;
  }

  /** Whether this listing response should link back to itself. */
  takeLoopingLink(path: string): boolean {
    return this.take('loopingLink', path) !== undefined;
  }

  /** Applies every armed kind that matches, in table order, until one answers the request. */
  intercept = async (ctx: RequestContext): Promise<boolean> => {
    for (const kind of KINDS) {
      if (kind === 'loopingLink') continue;
      const fault = this.take(kind, ctx.url.pathname);
      if (fault && (await EFFECTS[kind](ctx, fault))) return true;
    }
    return false;
  };
}

/** A fault from JSON sent to the control endpoint, checked field by field. */
export function parseFault(value: unknown): Fault {
  const bad = (why: string): RequestError => new RequestError(400, 'UNSUPPORTED', `invalid fault: ${why}`);
  if (value === null || typeof value !== 'object') throw bad('expected an object');
  const v = value as Record<string, unknown>;
  if (!KINDS.includes(v.kind as FaultKind)) throw bad(`kind must be one of ${KINDS.join(', ')}`);
  for (const [field, type] of [['count', 'number'], ['pathPrefix', 'string'], ['retryAfterSeconds', 'number'], ['delayMs', 'number']] as const) {
    if (v[field] !== undefined && typeof v[field] !== type) throw bad(`${field} must be a ${type}`);
  }
  if (v.kind === 'throttle' && typeof v.retryAfterSeconds !== 'number') throw bad('throttle needs retryAfterSeconds');
  if (v.kind === 'slow' && typeof v.delayMs !== 'number') throw bad('slow needs delayMs');
  return v as unknown as Fault;
}
