// The ways to get an ACR refresh token, each from the facts remembered about a sign-in plus its secret.
// The Azure SDK is loaded on first use only (azure/azureBundle.ts), so activating the extension never pays for it.
import { loadEntraCredentials } from '../azure/azureBundle';
import { AZURE_CLI_MISSING, azureCliPath } from './azureCliLocation';
import { checkCertificateFile } from './certificateFile';
import { entraError, SignInError, type EntraContext } from './signInError';
import type { SignInTarget } from './signInTarget';
import { exchangeForRefreshToken, probeRegistry, refreshTokenForPassword } from './tokenExchange';
import { errorMessage } from '../../../../shared/src/errorMessage';

export type SignInMethod = SignInParameters['method'];

/** The Azure CLI's public client id, which device-code sign-ins use unless told otherwise. */
export const AZURE_CLI_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

/** What a sign-in remembers in plain state: nothing secret (a certificate's path is not). */
export type SignInParameters =
  /** The account VS Code's authentication provider knows; `tenantId` when the user chose one. */
  | { readonly method: 'vscodeAccount'; readonly tenantId?: string }
  /** The account `az login` signed in; `tenantId` when the user chose one. */
  | { readonly method: 'azureCli'; readonly tenantId?: string }
  | { readonly method: 'servicePrincipal'; readonly tenantId: string; readonly clientId: string }
  /** `certificatePath`: a PEM file with the certificate and its private key, read again at each renewal. */
  | { readonly method: 'servicePrincipalCertificate'; readonly tenantId: string; readonly clientId: string; readonly certificatePath: string }
  | { readonly method: 'deviceCode'; readonly tenantId: string; readonly clientId: string }
  | { readonly method: 'adminUser'; readonly username: string };

/**
 * What renews a sign-in without the user: a secret kept in SecretStorage, or, for device code, the
 * signed-in credential itself, which lives only as long as this VS Code window. Methods that renew from
 * what the parameters name (a certificate file, the Azure CLI) have none.
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

function identityOptions(target: SignInTarget) {
  return { authorityHost: target.authorityHost, disableInstanceDiscovery: target.disableInstanceDiscovery };
}

/** What AzureCliCredential says when `az` is missing or signed out (it reports both as CredentialUnavailableError). */
function azureCliFailure(message: string, tenantId: string | undefined): SignInError | undefined {
  if (/Azure CLI could not be found/.test(message)) return new SignInError('interactionRequired', AZURE_CLI_MISSING);
  if (/az login/.test(message)) {
    return new SignInError('interactionRequired', `The Azure CLI is not signed in${tenantId ? ` to tenant ${tenantId}` : ''}: run "az login${tenantId ? ` --tenant ${tenantId}` : ''}" in a terminal, then sign in again.`);
  }
  return undefined;
}

function entraFailure(error: unknown, target: SignInTarget, context: EntraContext, method?: SignInMethod): SignInError {
  if (error instanceof SignInError) return error;
  const message = errorMessage(error);
  // The AADSTS code is the most precise; @azure/identity wraps some of them in AuthenticationRequiredError.
  const known = entraError(message, context) ?? (method === 'azureCli' ? azureCliFailure(message, context.tenantId) : undefined);
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
  const azure = loadEntraCredentials();
  const credential = azure.deviceCodeCredential(identityOptions(target), parameters.tenantId, parameters.clientId, (info) =>
    prompt({ userCode: info.userCode, verificationUri: info.verificationUri, message: info.message }),
  );
  try {
    await credential.authenticate(`${target.audiences[0]}/.default`, { abortSignal });
  } catch (error) {
    throw entraFailure(error, target, parameters);
  }
  return credential;
}

/** The Entra ID credential of a sign-in: the one given, or one made from its parameters and secret. */
export async function entraCredentialFor(target: SignInTarget, parameters: SignInParameters, secret: SignInSecret | undefined): Promise<EntraCredential> {
  if (secret && 'entraCredential' in secret) return secret.entraCredential;
  if (parameters.method === 'servicePrincipal' && secret && 'clientSecret' in secret) {
    return loadEntraCredentials().clientSecretCredential(identityOptions(target), parameters.tenantId, parameters.clientId, secret.clientSecret);
  }
  if (parameters.method === 'servicePrincipalCertificate') {
    await checkCertificateFile(parameters.certificatePath);
    return loadEntraCredentials().clientCertificateCredential(identityOptions(target), parameters.tenantId, parameters.clientId, parameters.certificatePath);
  }
  if (parameters.method === 'azureCli') {
    if (!azureCliPath()) throw new SignInError('interactionRequired', AZURE_CLI_MISSING);
    return loadEntraCredentials().azureCliCredential(parameters.tenantId);
  }
  throw new SignInError('interactionRequired', `Nothing is stored to renew ${target.loginServer} without you; sign in again.`);
}

/** A new ACR refresh token for `target`; rejects with a {@link SignInError} that says what to do. */
export async function acquireRefreshToken(target: SignInTarget, parameters: SignInParameters, secret: SignInSecret | undefined, preferredAudience?: string): Promise<AcquiredToken> {
  await probeRegistry(target.loginServer);
  if (parameters.method === 'adminUser') {
    if (!secret || !('password' in secret)) throw new SignInError('interactionRequired', `No password is stored for ${parameters.username}; sign in again.`);
    return { refreshToken: await refreshTokenForPassword(target.loginServer, parameters.username, secret.password) };
  }
  const credential = await entraCredentialFor(target, parameters, secret);
  const tenantId = 'tenantId' in parameters ? parameters.tenantId : undefined;
  const context: EntraContext = {
    ...(tenantId ? { tenantId } : {}),
    ...('clientId' in parameters ? { clientId: parameters.clientId } : {}),
    ...('certificatePath' in parameters ? { certificatePath: parameters.certificatePath } : {}),
  };
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
        throw entraFailure(error, target, context, parameters.method);
      }
    },
  });
}
