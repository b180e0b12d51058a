// ES256 JSON Web Tokens with the signing certificate in `x5c`, the form distribution's token verifier
// accepts. Verification here checks our own signature; expiry and audience are the callers' rules.
import { sign, verify } from 'node:crypto';
import type { SigningIdentity } from './certificates';

export type Claims = Record<string, unknown>;

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export function signJwt(signer: SigningIdentity, claims: Claims): string {
  const header = { typ: 'JWT', alg: 'ES256', kid: signer.kid, x5c: [signer.certificateDer.toString('base64')] };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign('sha256', Buffer.from(input), { key: signer.key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${base64url(signature)}`;
}

/** The claims of a token we signed with `signer`, or undefined for anything else. */
export function verifyJwt(signer: SigningIdentity, token: string): Claims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  const valid = verify('sha256', Buffer.from(`${header}.${payload}`), { key: signer.publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  return valid ? decodeJwtClaims(token) : undefined;
}

/** The JWKS entry for a signer, as Entra ID's `jwks_uri` publishes it. */
export function jwkOf(signer: SigningIdentity): Record<string, unknown> {
  return { ...signer.publicKey.export({ format: 'jwk' }), kid: signer.kid, x5t: signer.kid, use: 'sig', x5c: [signer.certificateDer.toString('base64')] };
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** The payload of any JWT without checking it (for looking up a `jti`). */
export function decodeJwtClaims(token: string): Claims | undefined {
  try {
    const claims: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return claims !== null && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Claims) : undefined;
  } catch {
    return undefined;
  }
}
