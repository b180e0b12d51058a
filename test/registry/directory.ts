// Who exists in the stand-in cloud: Entra ID tenants, applications (service principals) and users,
// and the registry's own identities (the admin user and repository-scoped tokens), with what each may do.
import { randomBytes, randomUUID } from 'node:crypto';

/** The actions ACR knows in scopes: distribution's three, its own metadata pair, and `*`. */
export type RepositoryAction = 'pull' | 'push' | 'delete' | 'metadata_read' | 'metadata_write' | '*';

/** `catalog` on `*` lists the catalog (`registry:catalog:*`), which otherwise takes `*` on `*`. */
export type GrantedAction = RepositoryAction | 'catalog';

/** Repository name (or `*` for every repository) -> allowed actions. */
export type Grants = Readonly<Record<string, readonly GrantedAction[]>>;

export interface EntraClient {
  readonly clientId: string;
  readonly tenantId: string;
  /** Object id of the service principal; the `oid` of its tokens. */
  readonly objectId: string;
  /** Confidential clients have a secret; public clients (device code) have none. */
  readonly secret?: string;
  /** Certificates (PEM) registered on the application, whose keys may sign client assertions. */
  readonly certificates?: readonly string[];
}

export interface EntraUser {
  readonly username: string;
  readonly tenantId: string;
  readonly objectId: string;
}

export interface ScopedToken {
  readonly name: string;
  readonly password: string;
  readonly grants: Grants;
}

export interface Directory {
  readonly tenants: readonly string[];
  readonly clients: readonly EntraClient[];
  readonly users: readonly EntraUser[];
  /** The admin user: username is the registry name, the password its admin key. */
  readonly admin?: { readonly username: string; readonly password: string };
  readonly scopedTokens: readonly ScopedToken[];
  /** List the catalog, pull and read metadata without credentials (ACR's anonymous pull); switched while running. */
  anonymousPull: boolean;
}

export const EVERYTHING: Grants = { '*': ['*'] };
export const ANONYMOUS: Grants = { '*': ['pull', 'metadata_read', 'catalog'] };

/** The well-known public client id of the Azure CLI, which device-code sign-ins commonly use. */
export const AZURE_CLI_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

/**
 * One tenant with a service principal (a secret, and `clientCertificatePem` when given), a public client,
 * a user, the admin user and a pull-only token.
 */
export function defaultDirectory(clientCertificatePem?: string): Directory {
  const tenantId = randomUUID();
  return {
    tenants: [tenantId],
    clients: [
      {
        clientId: randomUUID(), tenantId, objectId: randomUUID(), secret: randomBytes(24).toString('base64url'),
        ...(clientCertificatePem ? { certificates: [clientCertificatePem] } : {}),
      },
      { clientId: AZURE_CLI_CLIENT_ID, tenantId, objectId: randomUUID() },
    ],
    users: [{ username: 'dev@contoso.test', tenantId, objectId: randomUUID() }],
    admin: { username: 'localacr', password: randomBytes(24).toString('base64url') },
    scopedTokens: [{ name: 'pull-only', password: randomBytes(24).toString('base64url'), grants: { '*': ['pull', 'metadata_read'] } }],
    anonymousPull: false,
  };
}

/** The actions of `grants` that apply to `repository`. */
export function actionsOn(grants: Grants, repository: string): readonly GrantedAction[] {
  return [...(grants['*'] ?? []), ...(grants[repository] ?? [])];
}
