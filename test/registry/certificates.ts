// The test CA and the certificates signed by it, made with openssl: one for the HTTPS front (IP SAN
// 127.0.0.1 and DNS localhost) and two for signing tokens (ACR's and Entra ID's), whose certificates
// travel in each JWT's `x5c` header and chain to the CA that distribution trusts. Also a service
// principal's client certificate: self-signed RSA, as app registrations usually hold.
import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../harness/processes';

export interface SigningIdentity {
  readonly key: KeyObject;
  readonly publicKey: KeyObject;
  /** DER of the signing certificate, as `x5c` carries it. */
  readonly certificateDer: Buffer;
  /** The certificate's SHA-1 thumbprint, base64url: Entra ID uses it as both `kid` and `x5t`. */
  readonly kid: string;
}

/** A client certificate as a service principal's owner keeps it: one PEM file with the certificate and its key. */
export interface ClientCertificate {
  /** The certificate and its private key, PEM, in this order. */
  readonly file: string;
  /** The certificate alone: what the app registration holds. */
  readonly certificatePem: string;
}

export interface Certificates {
  readonly caFile: string;
  readonly caPem: string;
  readonly serverCertPem: string;
  readonly serverKeyPem: string;
  readonly acrSigner: SigningIdentity;
  readonly entraSigner: SigningIdentity;
  readonly clientCertificate: ClientCertificate;
}

const CURVE = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
const DAYS = ['-days', '30'];

function pemToDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

async function issue(dir: string, name: string, subject: string, extensions: readonly string[]): Promise<{ cert: string; key: string }> {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}.key`);
  const addext = extensions.flatMap((e) => ['-addext', e]);
  await run('openssl', ['req', '-x509', ...CURVE, ...DAYS, '-keyout', key, '-out', cert, '-subj', subject,
    '-CA', join(dir, 'ca.pem'), '-CAkey', join(dir, 'ca.key'), ...addext]);
  return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
}

async function signer(dir: string, name: string): Promise<SigningIdentity> {
  const { cert, key } = await issue(dir, name, `/CN=earthly-acr ${name}`, ['keyUsage=critical,digitalSignature']);
  const certificateDer = pemToDer(cert);
  const thumbprint = Buffer.from(new X509Certificate(certificateDer).fingerprint.replace(/:/g, ''), 'hex');
  return { key: createPrivateKey(key), publicKey: createPublicKey(key), certificateDer, kid: thumbprint.toString('base64url') };
}

/** A self-signed RSA client certificate and its key in `<dir>/<name>.pem`. */
export async function createClientCertificate(dir: string, name: string): Promise<ClientCertificate> {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', ...DAYS, '-keyout', key, '-out', cert, '-subj', `/CN=earthly-acr ${name}`]);
  const certificatePem = readFileSync(cert, 'utf8');
  const file = join(dir, `${name}.pem`);
  writeFileSync(file, certificatePem + readFileSync(key, 'utf8'), { mode: 0o600 });
  return { file, certificatePem };
}

/** Writes `ca.pem` (the only file clients need) and friends into `dir`. */
export async function createCertificates(dir: string): Promise<Certificates> {
  const caFile = join(dir, 'ca.pem');
  await run('openssl', ['req', '-x509', ...CURVE, ...DAYS, '-keyout', join(dir, 'ca.key'), '-out', caFile,
    '-subj', '/CN=earthly-acr test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  const [server, acrSigner, entraSigner, clientCertificate] = await Promise.all([
    issue(dir, 'server', '/CN=127.0.0.1', ['subjectAltName=IP:127.0.0.1,DNS:localhost', 'extendedKeyUsage=serverAuth', 'keyUsage=critical,digitalSignature']),
    signer(dir, 'acr-token'),
    signer(dir, 'entra-token'),
    createClientCertificate(dir, 'service-principal'),
  ]);
  return { caFile, caPem: readFileSync(caFile, 'utf8'), serverCertPem: server.cert, serverKeyPem: server.key, acrSigner, entraSigner, clientCertificate };
}
