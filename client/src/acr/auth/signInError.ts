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

/** What an Entra ID error message is about: the tenant, and the application and its credential. */
export interface EntraContext {
  /** Absent when signing in to the account's home tenant. */
  readonly tenantId?: string;
  readonly clientId?: string;
  /** Set for certificate sign-ins: the PEM file (a path, not a secret). */
  readonly certificatePath?: string;
}

/** Entra ID's AADSTS codes that mean the same stored credentials will keep failing. */
const ENTRA_CODES: Readonly<Record<string, (c: EntraContext) => SignInError>> = {
  '90002': (c) => new SignInError('wrongTenant', `Entra ID does not know the tenant ${c.tenantId ?? 'of this sign-in'}. Choose the tenant (directory id) the registry's subscription belongs to.`),
  '900023': (c) => ENTRA_CODES['90002']!(c),
  '7000215': (c) => new SignInError('badClientCredentials', `Entra ID refused the client secret of application ${c.clientId ?? ''}: it is wrong or has expired. Create a new secret and sign in again.`),
  '7000222': (c) => ENTRA_CODES['7000215']!(c),
  '700016': (c) => new SignInError('badClientCredentials', `Application ${c.clientId ?? ''} was not found in tenant ${c.tenantId ?? 'of this sign-in'}. Check the application (client) id and the tenant.`),
  '700027': (c) =>
    new SignInError('badClientCredentials', `Entra ID refused the certificate in ${c.certificatePath ?? 'the certificate file'}: it is not registered on application ${c.clientId ?? ''}, or the private key does not belong to it. Upload the certificate to the app registration, or choose the file that holds it.`),
  '700024': (c) => new SignInError('badClientCredentials', `Entra ID refused the certificate sign-in of application ${c.clientId ?? ''} as outside its valid time: check this machine's clock.`),
};

/** A SignInError for an Entra ID error message whose AADSTS code says what to do, or undefined. */
export function entraError(message: string, context: EntraContext): SignInError | undefined {
  const code = /AADSTS(\d+)/.exec(message)?.[1];
  return code && Object.hasOwn(ENTRA_CODES, code) ? ENTRA_CODES[code]!(context) : undefined;
}
