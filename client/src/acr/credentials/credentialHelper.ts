// Talks to docker credential helpers (`docker-credential-<name>`), the programs docker keeps registry
// secrets in when config.json names one (acr-protocol.md section 7). Each action is one process: the
// request goes on stdin, so the secret never appears in a command line or an environment; a failure
// is a message on stdout and exit code 1.
import { spawn } from 'node:child_process';
import { redact } from '../tokens/redact';
import { CredentialError } from './credentialError';

export interface HelperCredential {
  readonly serverURL: string;
  readonly username: string;
  readonly secret: string;
}

export interface HelperOptions {
  /** The environment the helper runs in, and whose PATH finds it. */
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

/** The user name docker stores identity tokens under in a helper. */
export const IDENTITY_TOKEN_USERNAME = '<token>';
/** Windows Credential Manager's largest credential blob (CRED_MAX_CREDENTIAL_BLOB_SIZE). */
export const WINCRED_MAX_SECRET_BYTES = 2560;

/** Long enough for a keychain that asks the user to unlock it. */
const DEFAULT_TIMEOUT_MS = 60_000;
const NOT_FOUND = 'credentials not found in native keychain';
/** What Windows says when the credential blob is too large: RPC_X_BAD_STUB_DATA. */
const WINCRED_TOO_LARGE = /stub received bad data/i;

type Action = 'store' | 'get' | 'erase';

interface Outcome {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Stores `credential`; a token Windows Credential Manager cannot hold fails with code `tokenTooLarge`. */
export async function storeWithHelper(helper: string, credential: HelperCredential, options: HelperOptions = {}): Promise<void> {
  if (isWincred(helper) && Buffer.byteLength(credential.secret, 'utf8') > WINCRED_MAX_SECRET_BYTES) {
    throw tooLarge(helper, credential.secret);
  }
  const request = JSON.stringify({ ServerURL: credential.serverURL, Username: credential.username, Secret: credential.secret });
  const outcome = await runHelper(helper, 'store', request, options);
  if (outcome.exitCode !== 0) {
    if (WINCRED_TOO_LARGE.test(outcome.stdout + outcome.stderr)) throw tooLarge(helper, credential.secret);
    throw failed(helper, 'store', outcome, [credential.secret]);
  }
}

/** The helper's credential for `serverURL`, or undefined when it has none. */
export async function getFromHelper(helper: string, serverURL: string, options: HelperOptions = {}): Promise<HelperCredential | undefined> {
  const outcome = await runHelper(helper, 'get', serverURL, options);
  if (outcome.exitCode !== 0) {
    if (outcome.stdout.trim() === NOT_FOUND) return undefined;
    throw failed(helper, 'get', outcome);
  }
  let answer: unknown;
  try {
    answer = JSON.parse(outcome.stdout);
  } catch {
    answer = undefined;
  }
  const { Username: username, Secret: secret } = (answer ?? {}) as Record<string, unknown>;
  if (typeof username !== 'string' || typeof secret !== 'string') {
    throw new CredentialError('helperFailed', `docker-credential-${helper} get gave an answer that is not a credential.`);
  }
  return { serverURL, username, secret };
}

/** Removes the helper's credential for `serverURL`; one that is already gone counts as removed. */
export async function eraseWithHelper(helper: string, serverURL: string, options: HelperOptions = {}): Promise<void> {
  const outcome = await runHelper(helper, 'erase', serverURL, options);
  if (outcome.exitCode !== 0 && outcome.stdout.trim() !== NOT_FOUND) throw failed(helper, 'erase', outcome);
}

function runHelper(helper: string, action: Action, input: string, options: HelperOptions): Promise<Outcome> {
  const program = `docker-credential-${helper}`;
  // A name with a path in it would run a program outside PATH, which a config file must not be able to do.
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(helper)) {
    return Promise.reject(new CredentialError('helperMissing', `"${helper}" is not a credential helper name.`));
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = spawn(program, [action], { env: options.env ?? process.env, stdio: 'pipe', windowsHide: true });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      finish();
    };
    const timer = setTimeout(() => {
      child.kill();
      // A grandchild may still hold the pipes open; they must not keep this process waiting.
      child.stdout.destroy();
      child.stderr.destroy();
      settle(() =>
        reject(new CredentialError('helperTimeout', `${program} ${action} did not finish within ${timeoutMs / 1000} seconds.`)),
      );
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error: NodeJS.ErrnoException) => settle(() => reject(startError(program, error))));
    child.on('close', (exitCode) => settle(() => resolve({ exitCode, stdout, stderr })));
    // A helper that exits without reading its input closes the pipe; its exit code tells what happened.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

function startError(program: string, error: NodeJS.ErrnoException): CredentialError {
  if (error.code === 'ENOENT') {
    return new CredentialError('helperMissing', `The credential helper ${program} was not found on PATH.`);
  }
  return new CredentialError('helperMissing', `The credential helper ${program} could not be started (${error.code ?? error.name}).`);
}

function failed(helper: string, action: Action, outcome: Outcome, secrets: readonly string[] = []): CredentialError {
  const said = outcome.stdout.trim() || outcome.stderr.trim() || `exit code ${outcome.exitCode ?? 'unknown'}`;
  return new CredentialError('helperFailed', `docker-credential-${helper} ${action} failed: ${redact(said, secrets)}`);
}

function tooLarge(helper: string, secret: string): CredentialError {
  const size = Buffer.byteLength(secret, 'utf8');
  return new CredentialError(
    'tokenTooLarge',
    `Windows Credential Manager (docker-credential-${helper}) cannot hold this registry's token: ` +
      `it is ${size} bytes and Windows allows at most ${WINCRED_MAX_SECRET_BYTES}.`,
  );
}

function isWincred(helper: string): boolean {
  return helper.toLowerCase().replace(/\.exe$/, '') === 'wincred';
}
