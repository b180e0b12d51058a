// A service principal's certificate file: one PEM file holding the certificate and its private key, as
// @azure/identity's ClientCertificateCredential reads it. Checked before each use so that a wrong file is
// reported as such; messages name the path, never anything from inside the file.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { SignInError } from './signInError';

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const PRIVATE_KEY_BLOCK = /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;

/** What is wrong with the text of a certificate file, or undefined when it holds a certificate and its key. */
export function certificateFileProblem(text: string): string | undefined {
  const certificate = CERTIFICATE_BLOCK.exec(text)?.[0];
  if (!certificate) return 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)';
  const key = PRIVATE_KEY_BLOCK.exec(text)?.[0];
  if (!key) return 'holds no PEM private key (-----BEGIN PRIVATE KEY-----) next to the certificate';
  if (key.includes('ENCRYPTED')) return 'holds an encrypted private key; export it without a password';
  try {
    if (!new X509Certificate(certificate).checkPrivateKey(createPrivateKey(key))) return "holds a private key that is not the certificate's";
  } catch {
    return 'holds a certificate or private key that cannot be read';
  }
  return undefined;
}

/** Rejects with a {@link SignInError} saying what to fix when the file cannot serve as a client certificate. */
export async function checkCertificateFile(path: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new SignInError('badClientCredentials', `The certificate file ${path} cannot be read (${typeof code === 'string' ? code : 'error'}). Choose the PEM file that holds the certificate and its private key.`);
  }
  const problem = certificateFileProblem(text);
  if (problem) throw new SignInError('badClientCredentials', `The certificate file ${path} ${problem}.`);
}
