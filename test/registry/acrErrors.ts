// ACR's error envelope, its challenges, and JSON replies. Every failure the emulator produces goes
// through here so that clients see the same shapes as from real ACR.
import type { ServerResponse } from 'node:http';

export interface Challenge {
  readonly realm: string;
  readonly service: string;
  /** Absent for `GET /v2/`. */
  readonly scope?: string;
  /** Set when a token was presented but did not grant the scope. */
  readonly insufficientScope?: boolean;
}

/** Quoted values and no spaces after commas: what the SDK's regex and az CLI's splitter both read. */
export function challengeHeader(c: Challenge): string {
  const parts = [`realm="${c.realm}"`, `service="${c.service}"`];
  if (c.scope) parts.push(`scope="${c.scope}"`);
  if (c.insufficientScope) parts.push('error="insufficient_scope"');
  return `Bearer ${parts.join(',')}`;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Length': 0, ...headers });
  res.end();
}

export function sendAcrError(res: ServerResponse, status: number, code: string, message: string, detail?: unknown, headers: Record<string, string> = {}): void {
  const error = detail === undefined ? { code, message } : { code, message, detail };
  sendJson(res, status, { errors: [error] }, { 'Docker-Distribution-Api-Version': 'registry/2.0', ...headers });
}

/** `401` with the challenge for `scope`, body as ACR words it. */
export function sendChallenge(res: ServerResponse, challenge: Challenge): void {
  const detail = challenge.scope ? [scopeDetail(challenge.scope)] : undefined;
  sendAcrError(res, 401, 'UNAUTHORIZED', 'authentication required, visit https://aka.ms/acr/authorization for more information.', detail, {
    'WWW-Authenticate': challengeHeader(challenge),
  });
}

function scopeDetail(scope: string): { Type: string; Name: string; Action: string } {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  return { Type: scope.slice(0, first), Name: scope.slice(first + 1, last), Action: scope.slice(last + 1) };
}

export class RequestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly detail?: unknown) {
    super(message);
  }
}
