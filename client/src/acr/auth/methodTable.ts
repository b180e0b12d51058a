// The sign-in methods as one table: each one's name, the parameters it keeps from a login request, the
// secret SecretStorage keeps for it, what gets it a token without the person, and how its account is
// described. The table's order is the order the login picker offers the methods in.
import { AZURE_CLI_CLIENT_ID, type SignInMethod, type SignInParameters, type SignInSecret } from './signInMethods';

/** Everything a sign-in needs; the login command asks for what is missing. */
export type AcrLoginRequest = { readonly loginServer: string } & (
  | { readonly method: 'vscodeAccount'; readonly tenantId?: string }
  | { readonly method: 'azureCli'; readonly tenantId?: string }
  | { readonly method: 'servicePrincipal'; readonly tenantId: string; readonly clientId: string; readonly clientSecret: string }
  | { readonly method: 'servicePrincipalCertificate'; readonly tenantId: string; readonly clientId: string; readonly certificatePath: string }
  | { readonly method: 'adminUser'; readonly username: string; readonly password: string }
  /** `clientId` defaults to the Azure CLI's public client. */
  | { readonly method: 'deviceCode'; readonly tenantId: string; readonly clientId?: string }
);

/** Secrets as SecretStorage keeps them: JSON of one of these. */
export type StoredSecret = { readonly clientSecret: string } | { readonly password: string };

/**
 * Where the secret that gets a token comes from. Login passes sources that may ask the person (the
 * request's secret, an interactive account, a device code); renewals pass silent ones (SecretStorage,
 * the account asked silently, the credential this window signed in), which reject when that cannot work.
 */
export interface SecretSources {
  /** The client secret or password. */
  storedSecret(): Promise<SignInSecret | undefined>;
  /** The Microsoft account VS Code knows. */
  vscodeAccount(tenantId: string | undefined): Promise<SignInSecret>;
  /** The credential a device-code sign-in produced. */
  deviceCode(parameters: { readonly tenantId: string; readonly clientId: string }): Promise<SignInSecret>;
}

/** The rules of one method, for its request `R` and its parameters `P`. */
export interface MethodRules<R extends AcrLoginRequest = AcrLoginRequest, P extends SignInParameters = SignInParameters> {
  /** The name the login picker, the status and the log use. */
  readonly label: string;
  /** The request's fields kept in plain state: never a secret. */
  parameters(request: R): P;
  /** The secret SecretStorage keeps for renewals; undefined for methods that renew without one. */
  storedSecret(request: R): StoredSecret | undefined;
  /** What renewal needs besides the parameters; login gets the same from sources that may ask. */
  renewsWith(sources: SecretSources, parameters: P): Promise<SignInSecret | undefined>;
  /** The account as described until the account's session or the registry's token names it. */
  account(parameters: P): string;
  /** The registry's token names the account (its subject): the admin user or the token's name. */
  readonly accountInToken?: boolean;
}

const inTenant = (tenantId: string | undefined): string => (tenantId ? ` (tenant ${tenantId})` : '');
const application = (parameters: { tenantId: string; clientId: string }): string => `application ${parameters.clientId} (tenant ${parameters.tenantId})`;
const noSecret = (): undefined => undefined;
/** The parameters name all a renewal needs: a certificate file, or the Azure CLI's own sign-in. */
const parametersSuffice = (): Promise<undefined> => Promise.resolve(undefined);

export const SIGN_IN_METHODS: {
  readonly [M in SignInMethod]: MethodRules<Extract<AcrLoginRequest, { readonly method: M }>, Extract<SignInParameters, { readonly method: M }>>;
} = {
  vscodeAccount: {
    label: 'Microsoft account signed in to VS Code',
    parameters: (request) => ({ method: 'vscodeAccount', ...(request.tenantId ? { tenantId: request.tenantId } : {}) }),
    storedSecret: noSecret,
    renewsWith: (sources, parameters) => sources.vscodeAccount(parameters.tenantId),
    account: (parameters) => `VS Code account${inTenant(parameters.tenantId)}`,
  },
  azureCli: {
    label: 'Azure CLI (az login)',
    parameters: (request) => ({ method: 'azureCli', ...(request.tenantId ? { tenantId: request.tenantId } : {}) }),
    storedSecret: noSecret,
    renewsWith: parametersSuffice,
    account: (parameters) => `Azure CLI account${inTenant(parameters.tenantId)}`,
  },
  servicePrincipal: {
    label: 'Service principal with a secret',
    parameters: (request) => ({ method: 'servicePrincipal', tenantId: request.tenantId, clientId: request.clientId }),
    storedSecret: (request) => ({ clientSecret: request.clientSecret }),
    renewsWith: (sources) => sources.storedSecret(),
    account: application,
  },
  servicePrincipalCertificate: {
    label: 'Service principal with a certificate',
    parameters: (request) => ({ method: 'servicePrincipalCertificate', tenantId: request.tenantId, clientId: request.clientId, certificatePath: request.certificatePath }),
    storedSecret: noSecret,
    renewsWith: parametersSuffice,
    account: application,
  },
  deviceCode: {
    label: 'Device code',
    parameters: (request) => ({ method: 'deviceCode', tenantId: request.tenantId, clientId: request.clientId ?? AZURE_CLI_CLIENT_ID }),
    storedSecret: noSecret,
    renewsWith: (sources, parameters) => sources.deviceCode(parameters),
    account: (parameters) => `device-code user (tenant ${parameters.tenantId})`,
  },
  adminUser: {
    label: 'Admin user or repository-scoped token',
    parameters: (request) => ({ method: 'adminUser', username: request.username }),
    storedSecret: (request) => ({ password: request.password }),
    renewsWith: (sources) => sources.storedSecret(),
    account: (parameters) => parameters.username,
    accountInToken: true,
  },
};

/** The rules of a request's or a record's method. */
export function methodRules(method: SignInMethod): MethodRules {
  return SIGN_IN_METHODS[method];
}
