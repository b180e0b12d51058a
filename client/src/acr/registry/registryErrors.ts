// What went wrong with a call to a registry, as the explorer shows it: a kind, a sentence with the
// registry's own words, and the one action that fixes it. Errors come in as the Azure SDK throws them
// (RestError: statusCode, code, response headers and body) or as Node's network errors; nothing here
// imports the SDK, so it reads those shapes by their fields.
import { connectionError } from '../auth/signInError';
import { errorMessage } from '../../../../shared/src/errorMessage';

export type RegistryErrorKind =
  /** No sign-in, and the registry does not allow anonymous access. */
  | 'notSignedIn'
  /** 401 with a sign-in, also after renewing the token once. */
  | 'unauthorized'
  /** 401 `insufficient_scope`: the identity lacks the role for this operation. */
  | 'missingPermission'
  /** 403: the registry's network rules or a policy refuse this machine. */
  | 'forbidden'
  | 'notFound'
  /** 405 REGISTRY_DISALLOWED_OPERATION: the item is locked against delete or write. */
  | 'locked'
  | 'throttled'
  | 'serverError'
  /** DNS does not know the login server. */
  | 'unknownHost'
  | 'network'
  | 'timeout'
  /** The answer is not a registry response: broken JSON, a digest that does not match. */
  | 'malformed'
  | 'cancelled'
  | 'unexpected';

/** What the UI offers next to the error. */
export type RegistryAction = 'signIn' | 'retry' | 'openSettings' | 'none';

export interface RegistryErrorDetails {
  readonly status?: number;
  /** ACR's error code, e.g. `NAME_UNKNOWN`, or Node's, e.g. `ECONNREFUSED`. */
  readonly code?: string;
  /** The registry's own message, from its `{"errors":[…]}` body. */
  readonly registryMessage?: string;
  readonly retryAfterSeconds?: number;
}

export class RegistryError extends Error {
  override readonly name = 'RegistryError';

  constructor(
    readonly kind: RegistryErrorKind,
    message: string,
    readonly action: RegistryAction,
    readonly details: RegistryErrorDetails = {},
  ) {
    super(message);
  }
}

export interface FailureContext {
  readonly loginServer: string;
  /** What was being done, completing "Could not …": e.g. "list the repositories". */
  readonly operation: string;
  /** Whether the call carried a sign-in's token (else a 401 means "sign in"). */
  readonly signedIn: boolean;
  /** Set when the call's own time limit aborted it (else an abort is a cancellation). */
  readonly timedOutAfterMs?: number;
}

/** The fields of a failed call that classification reads. */
interface Failure {
  readonly status?: number;
  readonly code?: string;
  readonly name?: string;
  readonly message: string;
  readonly header: (name: string) => string | undefined;
  readonly body?: string;
}

interface RestErrorLike {
  readonly statusCode?: unknown;
  readonly code?: unknown;
  readonly name?: unknown;
  readonly response?: { readonly headers?: { get?(name: string): string | undefined }; readonly bodyAsText?: unknown };
}

function failureOf(error: unknown): Failure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as RestErrorLike;
  const headers = e.response?.headers;
  return {
    ...(typeof e.statusCode === 'number' ? { status: e.statusCode } : {}),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.name === 'string' ? { name: e.name } : {}),
    ...(typeof e.response?.bodyAsText === 'string' ? { body: e.response.bodyAsText } : {}),
    message: errorMessage(error).split('\n')[0]!,
    header: (name) => headers?.get?.(name) ?? undefined,
  };
}

/** ACR's first error, `{"errors":[{"code","message"}]}`, when the body is one. */
function acrError(body: string | undefined): { code?: string; message?: string } {
  try {
    const first = (JSON.parse(body ?? '') as { errors?: { code?: unknown; message?: unknown }[] }).errors?.[0];
    return {
      ...(typeof first?.code === 'string' ? { code: first.code } : {}),
      ...(typeof first?.message === 'string' && first.message !== '' ? { message: first.message } : {}),
    };
  } catch {
    return {};
  }
}

/** `Retry-After` in seconds: a number of seconds or an HTTP date. */
export function retryAfterSeconds(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

const isAbort = (f: Failure): boolean => f.name === 'AbortError' || f.name === 'TimeoutError';
const insufficientScope = (f: Failure): boolean => /error="insufficient_scope"/.test(f.header('www-authenticate') ?? '');

/** First match wins. */
const RULES: readonly { readonly kind: RegistryErrorKind; readonly when: (f: Failure, c: FailureContext) => boolean }[] = [
  { kind: 'timeout', when: (f, c) => isAbort(f) && c.timedOutAfterMs !== undefined },
  { kind: 'cancelled', when: isAbort },
  { kind: 'malformed', when: (f) => f.code === 'PARSE_ERROR' || f.name === 'DigestMismatchError' },
  { kind: 'notSignedIn', when: (f, c) => f.status === 401 && !c.signedIn },
  { kind: 'missingPermission', when: (f) => f.status === 401 && insufficientScope(f) },
  { kind: 'unauthorized', when: (f) => f.status === 401 },
  { kind: 'forbidden', when: (f) => f.status === 403 },
  { kind: 'notFound', when: (f) => f.status === 404 },
  { kind: 'locked', when: (f) => f.status === 405 && acrError(f.body).code === 'REGISTRY_DISALLOWED_OPERATION' },
  { kind: 'throttled', when: (f) => f.status === 429 },
  { kind: 'serverError', when: (f) => f.status !== undefined && f.status >= 500 },
];

/** Node's network failures, worded by the sign-in's table (auth/signInError.ts). */
function networkKind(error: unknown, host: string): { kind: RegistryErrorKind; message: string } | undefined {
  const failure = connectionError(error, host);
  if (!failure) return undefined;
  return { kind: failure.kind === 'noSuchRegistry' ? 'unknownHost' : 'network', message: failure.message };
}

/** `cause`: the error's own first line (for network errors, the sign-in's wording of it). */
type Words = (c: FailureContext, d: RegistryErrorDetails, cause: string) => string;

/** ` (HTTP 500, UNKNOWN): an internal error occurred`: what the registry said, when it said anything. */
function said(d: RegistryErrorDetails): string {
  const codes = [d.status !== undefined ? `HTTP ${d.status}` : undefined, d.code].filter(Boolean);
  return `${codes.length > 0 ? ` (${codes.join(', ')})` : ''}${d.registryMessage ? `: ${d.registryMessage}` : ''}`;
}

const KINDS: Record<RegistryErrorKind, { readonly action: RegistryAction; readonly words: Words }> = {
  notSignedIn: { action: 'signIn', words: (c) => `Sign in to ${c.loginServer} to ${c.operation}: it does not allow anonymous access.` },
  unauthorized: { action: 'signIn', words: (c, d) => `${c.loginServer} refused the credentials, also after renewing them${said(d)}. Sign in again.` },
  missingPermission: {
    action: 'signIn',
    words: (c, d) => `Your identity may not ${c.operation} in ${c.loginServer}${said(d)}. It needs a role such as AcrPull to read or AcrDelete to delete; ask for it or sign in as an identity that has it.`,
  },
  forbidden: {
    action: 'retry',
    words: (c, d) => `${c.loginServer} refused this machine${said(d)}. Its firewall, network rules or a policy deny access: change them or connect from an allowed network, then retry.`,
  },
  notFound: { action: 'retry', words: (c, d) => `Could not ${c.operation}: it no longer exists in ${c.loginServer}${said(d)}. Refresh to see what is there now.` },
  locked: {
    action: 'none',
    words: (c, d) => `Could not ${c.operation}: it is locked in ${c.loginServer}${said(d)}. Unlock it first (az acr repository update --delete-enabled true --write-enabled true).`,
  },
  throttled: {
    action: 'retry',
    words: (c, d) => `${c.loginServer} is throttling requests${said(d)}. Retry ${d.retryAfterSeconds !== undefined ? `in ${d.retryAfterSeconds} s` : 'in a moment'}.`,
  },
  serverError: { action: 'retry', words: (c, d) => `Could not ${c.operation}: ${c.loginServer} failed${said(d)}. Retry later.` },
  unknownHost: { action: 'openSettings', words: (_c, _d, cause) => cause },
  network: { action: 'retry', words: (_c, _d, cause) => cause },
  timeout: { action: 'retry', words: (c) => `Could not ${c.operation}: ${c.loginServer} did not answer within ${Math.round((c.timedOutAfterMs ?? 0) / 1000)} s. Retry.` },
  malformed: { action: 'retry', words: (c, _d, cause) => `Could not ${c.operation}: ${c.loginServer} answered with something that is not a registry response (${cause.slice(0, 200)}).` },
  cancelled: { action: 'none', words: (c) => `Cancelled: ${c.operation}.` },
  unexpected: { action: 'retry', words: (c, d, cause) => `Could not ${c.operation} in ${c.loginServer}${said(d) || `: ${cause}`}.` },
};

export function registryError(kind: RegistryErrorKind, context: FailureContext, details: RegistryErrorDetails = {}, cause = ''): RegistryError {
  const rule = KINDS[kind];
  return new RegistryError(kind, rule.words(context, details, cause), rule.action, details);
}

/** The RegistryError for anything a registry call threw; one already classified is returned as it is. */
export function classifyRegistryError(error: unknown, context: FailureContext): RegistryError {
  if (error instanceof RegistryError) return error;
  const failure = failureOf(error);
  const network = failure.status === undefined && !isAbort(failure) ? networkKind(error, context.loginServer) : undefined;
  const kind = network?.kind ?? RULES.find((rule) => rule.when(failure, context))?.kind ?? 'unexpected';
  const acr = acrError(failure.body);
  const retryAfter = kind === 'throttled' ? retryAfterSeconds(failure.header('retry-after')) : undefined;
  const details: RegistryErrorDetails = {
    ...(failure.status !== undefined ? { status: failure.status } : {}),
    ...(acr.code ?? failure.code ? { code: acr.code ?? failure.code } : {}),
    ...(acr.message ? { registryMessage: acr.message } : {}),
    ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
  };
  return registryError(kind, context, details, network?.message ?? failure.message);
}
