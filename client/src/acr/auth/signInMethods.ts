// The ways to get an ACR refresh token, each from the facts remembered about a sign-in plus its secret.
// The Azure SDK is loaded on first use only, so activating the extension never pays for it.
import { entraError, SignInError } from './signInError';
import type { SignInTarget } from './signInTarget';
import { exchangeForRefreshToken, probeRegistry, refreshTokenForPassword } from './tokenExchange';

export type SignInMethod = 'vscodeAccount' | 'servicePrincipal' | 'deviceCode' | 'adminUser';

/** The Azure CLI's public client id, which device-code sign-ins use unless told otherwise. */
export const AZURE_CLI_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

/** What a sign-in remembers in plain state: nothing secret. */
export type SignInParameters =
  /** The account VS Code's authentication provider knows; `tenantId` when the user chose one. */
  | { readonly method: 'vscodeAccount'; readonly tenantId?: string }
  | { readonly method: 'servicePrincipal'; readonly tenantId: string; readonly clientId: string }
  | { readonly method: 'deviceCode'; readonly tenantId: string; readonly clientId: string }
  | { readonly method: 'adminUser'; readonly username: string };

/**
 * What renews a sign-in without the user: a secret kept in SecretStorage, or, for device code, the
 * signed-in credential itself, which lives only as long as this VS Code window.
 */
export type SignInSecret = { readonly clientSecret: string } | { readonly password: string } | { readonly entraCredential: EntraCredential };

/** The part of an @azure/identity credential the exchange uses. */
export interface EntraCredential {
  getToken(scope: string): Promise<{ token: string } | null>;
}

export interface AcquiredToken {
  readonly refreshToken: string;
  /** The audience the registry accepted (Entra ID methods). */
  readonly audience?: string;
}

export interface DeviceCodePrompt {
  readonly userCode: string;
  readonly verificationUri: string;
  readonly message: string;
}

export const METHOD_LABELS: Record<SignInMethod, string> = {
  vscodeAccount: 'Microsoft account signed in to VS Code',
  servicePrincipal: 'Service principal',
  deviceCode: 'Device code',
  adminUser: 'Admin user or repository-scoped token',
};

function identityOptions(target: SignInTarget) {
  return { authorityHost: target.authorityHost, disableInstanceDiscovery: target.disableInstanceDiscovery };
}

function entraFailure(error: unknown, target: SignInTarget, context: { tenantId: string; clientId?: string }): SignInError {
  if (error instanceof SignInError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // The AADSTS code is the most precise; @azure/identity wraps some of them in AuthenticationRequiredError.
  const known = entraError(message, context);
  if (known) return known;
  const name = (error as { name?: unknown } | undefined)?.name;
  if (name === 'AuthenticationRequiredError') {
    return new SignInError('interactionRequired', `Entra ID needs you to sign in again for ${target.loginServer}.`);
  }
  if (name === 'AbortError') return new SignInError('cancelled', 'The sign-in was cancelled.');
  return new SignInError('unexpected', `Entra ID (${target.authorityHost}) did not issue a token: ${message.split('\n')[0]}`);
}

/**
 * Signs in with a device code: `prompt` shows the code; resolves once the user approved it, with the
 * credential that renews silently afterwards (while it lives).
 */
export async function signInWithDeviceCode(
  target: SignInTarget,
  parameters: { tenantId: string; clientId: string },
  prompt: (info: DeviceCodePrompt) => void,
  abortSignal?: AbortSignal,
): Promise<EntraCredential> {
  await probeRegistry(target.loginServer);
  const { DeviceCodeCredential } = await import('@azure/identity');
  const credential = new DeviceCodeCredential({
    tenantId: parameters.tenantId,
    clientId: parameters.clientId,
    ...identityOptions(target),
    // Renewals must never start a new device-code flow in the background.
    disableAutomaticAuthentication: true,
    userPromptCallback: (info) => prompt({ userCode: info.userCode, verificationUri: info.verificationUri, message: info.message }),
  });
  try {
    await credential.authenticate(`${target.audiences[0]}/.default`, { abortSignal });
  } catch (error) {
    throw entraFailure(error, target, parameters);
  }
  return credential;
}

/** A new ACR refresh token for `target`; rejects with a {@link SignInError} that says what to do. */
export async function acquireRefreshToken(target: SignInTarget, parameters: SignInParameters, secret: SignInSecret, preferredAudience?: string): Promise<AcquiredToken> {
  await probeRegistry(target.loginServer);
  if (parameters.method === 'adminUser') {
    if (!('password' in secret)) throw new SignInError('interactionRequired', `No password is stored for ${parameters.username}; sign in again.`);
    return { refreshToken: await refreshTokenForPassword(target.loginServer, parameters.username, secret.password) };
  }
  let credential: EntraCredential;
  if ('entraCredential' in secret) {
    credential = secret.entraCredential;
  } else if ('clientSecret' in secret && parameters.method === 'servicePrincipal') {
    const { ClientSecretCredential } = await import('@azure/identity');
    credential = new ClientSecretCredential(parameters.tenantId, parameters.clientId, secret.clientSecret, identityOptions(target));
  } else {
    throw new SignInError('interactionRequired', `Nothing is stored to renew ${target.loginServer} without you; sign in again.`);
  }

  const tenantId = 'tenantId' in parameters ? parameters.tenantId : undefined;
  const context = { tenantId: tenantId ?? 'organizations', ...('clientId' in parameters ? { clientId: parameters.clientId } : {}) };
  const audiences = preferredAudience ? [preferredAudience, ...target.audiences.filter((a) => a !== preferredAudience)] : target.audiences;
  return exchangeForRefreshToken({
    loginServer: target.loginServer,
    ...(tenantId ? { tenantId } : {}),
    audiences,
    entraToken: async (audience) => {
      try {
        const token = await credential.getToken(`${audience}/.default`);
        if (!token) throw new SignInError('interactionRequired', `Entra ID issued no token for ${target.loginServer}; sign in again.`);
        return token.token;
      } catch (error) {
        throw entraFailure(error, target, context);
      }
    },
  });
}
