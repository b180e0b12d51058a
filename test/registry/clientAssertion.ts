// Entra ID's check of a certificate credential (RFC 7523 client assertion): the JWT names a certificate
// registered on the application by its thumbprint (`x5t` SHA-1 or `x5t#S256`), is signed by that
// certificate's key (RS256 or PS256), is addressed to the token endpoint, issued by and about the client,
// and current. A refusal carries the AADSTS code Entra ID answers with.
import { constants, createHash, verify, X509Certificate, type KeyObject } from 'node:crypto';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface AssertionRefusal {
  readonly aadsts: number;
  readonly description: string;
}

export interface AssertionExpectations {
  readonly clientId: string;
  /** The token endpoint the assertion was sent to. */
  readonly audience: string;
  /** The application's registered certificates (PEM). */
  readonly certificates: readonly string[];
  /** Seconds since the epoch. */
  readonly now: number;
}

/** Clock skew Entra ID tolerates on `nbf` and `exp`. */
const SKEW_SECONDS = 300;

const SIGNATURES: Readonly<Record<string, (key: KeyObject) => Parameters<typeof verify>[2]>> = {
  RS256: (key) => ({ key, padding: constants.RSA_PKCS1_PADDING }),
  PS256: (key) => ({ key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }),
};

const THUMBPRINT_HEADERS: Readonly<Record<string, string>> = { 'x5t#S256': 'sha256', x5t: 'sha1' };

const refuse = (aadsts: number, description: string): AssertionRefusal => ({ aadsts, description });

function decodePart(part: string | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The registered certificate the header's thumbprint names, if any. */
function namedCertificate(header: Record<string, unknown>, certificates: readonly string[]): X509Certificate | undefined {
  for (const [name, hash] of Object.entries(THUMBPRINT_HEADERS)) {
    const thumbprint = header[name];
    if (typeof thumbprint !== 'string') continue;
    return certificates.map((pem) => new X509Certificate(pem)).find((cert) => createHash(hash).update(cert.raw).digest('base64url') === thumbprint);
  }
  return undefined;
}

/** Undefined when the assertion authenticates the client; else Entra ID's refusal. */
export function checkClientAssertion(assertion: string, expected: AssertionExpectations): AssertionRefusal | undefined {
  const parts = assertion.split('.');
  const header = decodePart(parts[0]);
  const claims = decodePart(parts[1]);
  if (parts.length !== 3 || !header || !claims) return refuse(50027, 'JWT token is invalid or malformed.');
  const signature = SIGNATURES[String(header.alg)];
  if (!signature) return refuse(50027, `JWT token is signed with an unsupported algorithm '${String(header.alg)}'; use RS256 or PS256.`);
  const certificate = namedCertificate(header, expected.certificates);
  if (!certificate) return refuse(700027, `The certificate with identifier used to sign the client assertion is not registered on application '${expected.clientId}'.`);
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  if (!verify('sha256', signed, signature(certificate.publicKey), Buffer.from(parts[2]!, 'base64url'))) {
    return refuse(700027, 'Client assertion failed signature validation.');
  }
  if (claims.iss !== expected.clientId || claims.sub !== expected.clientId) {
    return refuse(700021, "Client assertion application identifier doesn't match 'client_id' parameter.");
  }
  if (claims.aud !== expected.audience) return refuse(50027, `Invalid JWT token: the audience must be the token endpoint '${expected.audience}'.`);
  const exp = claims.exp;
  const nbf = claims.nbf ?? 0;
  if (typeof exp !== 'number' || typeof nbf !== 'number' || exp + SKEW_SECONDS <= expected.now || nbf - SKEW_SECONDS > expected.now) {
    return refuse(700024, 'Client assertion is not within its valid time range.');
  }
  return undefined;
}
