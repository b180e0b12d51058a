// What went wrong with a sign-in or a renewal, in words a user can act on. Messages never carry a
// token, secret or password; `silentRenewalImpossible` tells the renewal schedule to stop and ask.

export type SignInErrorKind =
  /** The registry refused the Entra ID token or the user name and password. */
  | 'unauthorized'
  /** Entra ID does not know the tenant. */
  | 'wrongTenant'
  /** Entra ID refused the application id or its secret. */
  | 'badClientCredentials'
  /** Entra ID needs the user again (device code or account sign-in that cannot renew silently). */
  | 'interactionRequired'
  /** The user cancelled. */
  | 'cancelled'
  /** The registry's network rules block this machine (403 DENIED). */
  | 'firewall'
  /** Nothing answers as a registry at the login server. */
  | 'noSuchRegistry'
  /** The registry or Entra ID cannot be reached. */
  | 'network'
  /** Anything else the registry or Entra ID answered. */
  | 'unexpected';

/** Kinds that another attempt with the same stored credentials cannot fix. */
const NEEDS_SIGN_IN: ReadonlySet<SignInErrorKind> = new Set(['unauthorized', 'wrongTenant', 'badClientCredentials', 'interactionRequired']);

export class SignInError extends Error {
  override readonly name = 'SignInError';

  constructor(
    readonly kind: SignInErrorKind,
    message: string,
  ) {
    super(message);
  }

  get silentRenewalImpossible(): boolean {
    return NEEDS_SIGN_IN.has(this.kind);
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EPIPE']);

/** A SignInError for a failed connection to `host`, or undefined when `error` is not one. */
export function connectionError(error: unknown, host: string): SignInError | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'ENOTFOUND') {
    return new SignInError('noSuchRegistry', `${host} was not found (DNS). Check the registry name and its cloud (.azurecr.io, .azurecr.cn, .azurecr.us).`);
  }
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    return new SignInError('network', `Could not connect to ${host} (${code}). Check the network connection, VPN or proxy, then retry.`);
  }
  if (typeof code === 'string' && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return new SignInError('network', `The TLS certificate of ${host} is not trusted (${code}). Trust its CA (NODE_EXTRA_CA_CERTS) or check for an intercepting proxy.`);
  }
  return undefined;
}

/** Entra ID's AADSTS codes that mean the same stored credentials will keep failing. */
export function entraError(message: string, context: { tenantId: string; clientId?: string }): SignInError | undefined {
  const code = /AADSTS(\d+)/.exec(message)?.[1];
  switch (code) {
    case '90002':
    case '900023':
      return new SignInError('wrongTenant', `Entra ID does not know the tenant ${context.tenantId}. Choose the tenant (directory id) the registry's subscription belongs to.`);
    case '7000215':
    case '7000222':
      return new SignInError('badClientCredentials', `Entra ID refused the client secret of application ${context.clientId ?? ''}: it is wrong or has expired. Create a new secret and sign in again.`);
    case '700016':
      return new SignInError('badClientCredentials', `Application ${context.clientId ?? ''} was not found in tenant ${context.tenantId}. Check the application (client) id and the tenant.`);
    default:
      return undefined;
  }
}
