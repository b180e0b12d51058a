// Reads the claims of a JWT such as an ACR refresh token, and decides when such a token should be renewed.
// Nothing here verifies signatures: the registry does that; we only need the times and the subject.

export interface JwtClaims {
  /** Expiry, seconds since the epoch. */
  readonly exp?: number;
  /** Issue time, seconds since the epoch. */
  readonly iat?: number;
  /** Not-before, seconds since the epoch. */
  readonly nbf?: number;
  readonly sub?: string;
  readonly aud?: string;
  readonly tenant?: string;
}

/** The lifetime of a token in epoch milliseconds; `issuedAt` is absent when the token does not say. */
export interface TokenTimes {
  readonly issuedAt?: number;
  readonly expiresAt: number;
}

const NUMBER_CLAIMS = ['exp', 'iat', 'nbf'] as const;
const STRING_CLAIMS = ['sub', 'aud', 'tenant'] as const;

/** Renew at this share of a token's life... */
const RENEW_AT_LIFE_FRACTION = 0.75;
/** ...but not before this share (see renewalTime). */
const MIN_LIFE_FRACTION = 0.5;
/** ...or this long before it expires, whichever comes first. */
const RENEW_BEFORE_EXPIRY_MS = 15 * 60 * 1000;

/** The claims of a JWT-shaped string; undefined when it has no JSON object as its second segment. Never throws. */
export function decodeJwtClaims(token: string): JwtClaims | undefined {
  const segments = token.split('.');
  if (segments.length !== 3) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(segments[1], 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  const raw = payload as Record<string, unknown>;
  const claims: Record<string, number | string> = {};
  for (const name of NUMBER_CLAIMS) {
    const value = raw[name];
    if (typeof value === 'number' && Number.isFinite(value)) claims[name] = value;
  }
  for (const name of STRING_CLAIMS) {
    const value = raw[name];
    if (typeof value === 'string') claims[name] = value;
  }
  return claims;
}

/** When `token` was issued and expires, in epoch milliseconds; undefined without a numeric `exp`. */
export function tokenTimes(token: string): TokenTimes | undefined {
  const claims = decodeJwtClaims(token);
  if (claims?.exp === undefined) return undefined;
  const expiresAt = claims.exp * 1000;
  return claims.iat === undefined ? { expiresAt } : { issuedAt: claims.iat * 1000, expiresAt };
}

/**
 * When to renew a token (all times epoch milliseconds): at 75% of its life or 15 minutes before it expires,
 * whichever is sooner, but not before half its life (a token shorter than 15 minutes would otherwise be
 * due the moment it is issued, and each renewal would start the next at once), and never before `now`.
 * Without a usable issue time the life is counted from `now`, which errs towards renewing early.
 */
export function renewalTime(issuedAt: number | undefined, expiresAt: number, now: number): number {
  const start = issuedAt !== undefined && issuedAt < expiresAt ? issuedAt : Math.min(now, expiresAt);
  const atFraction = start + (expiresAt - start) * RENEW_AT_LIFE_FRACTION;
  const atHalf = start + (expiresAt - start) * MIN_LIFE_FRACTION;
  return Math.max(now, atHalf, Math.min(atFraction, expiresAt - RENEW_BEFORE_EXPIRY_MS));
}
