// ACR's token service: `/oauth2/exchange` turns an Entra ID access token into an ACR refresh token,
// `/oauth2/token` turns a refresh token or credentials into an access token for some scopes. Access
// tokens are signed so that distribution accepts them; refresh tokens carry what ACR's carry.
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestError, sendEmpty, sendJson } from './acrErrors';
import type { SigningIdentity } from './certificates';
import type { Route } from './front';
import { ANONYMOUS, EVERYTHING, type Directory, type Grants } from './directory';
import { nowSeconds, signJwt, verifyJwt, type Claims } from './jwt';
import { readForm } from './requestBodies';
import { covers, grantedAccess, parseScopes, type Access } from './scopes';

/** Token lifetimes in seconds; tests change them while the registry runs. */
export interface Lifetimes {
  entraAccessToken: number;
  acrRefreshToken: number;
  acrAccessToken: number;
  deviceCode: number;
  deviceCodePollInterval: number;
}

/** ACR's: refresh tokens 3 h 15 min (`exp - iat` of real ones), access tokens 75 minutes; Entra ID's: 1 hour, device codes 15 minutes. */
export const DEFAULT_LIFETIMES: Lifetimes = { entraAccessToken: 3600, acrRefreshToken: 11700, acrAccessToken: 4500, deviceCode: 900, deviceCodePollInterval: 1 };

/** The user name under which an ACR refresh token is presented as a password (docker login). */
export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';
export const ACR_AUDIENCE = 'https://containerregistry.azure.net';
export const ARM_AUDIENCES = ['https://management.azure.com', 'https://management.core.windows.net'];
const ISSUER = 'Azure Container Registry';

export interface Principal {
  readonly subject: string;
  readonly grants: Grants;
  readonly tenant?: string;
  readonly appid?: string;
}

export interface TokenServiceOptions {
  readonly loginServer: string;
  readonly acrSigner: SigningIdentity;
  readonly entraSigner: SigningIdentity;
  readonly directory: Directory;
  readonly lifetimes: Lifetimes;
  /** Accept Entra tokens for ARM (what az CLI sends); off = "authentication-as-arm" disabled. */
  readonly armAudience: boolean;
}

const unauthorized = (message: string): RequestError => new RequestError(401, 'UNAUTHORIZED', message);
const unsupported = (message: string): RequestError => new RequestError(400, 'UNSUPPORTED', message);

async function readTokenForm(req: IncomingMessage): Promise<URLSearchParams> {
  const form = await readForm(req);
  if (!form) throw unsupported('expected an application/x-www-form-urlencoded body');
  return form;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class TokenService {
  /** Every jti issued so far, so that `revokeAll` can revoke exactly those. */
  private readonly issued = new Set<string>();
  private readonly revoked = new Set<string>();

  constructor(private readonly options: TokenServiceOptions) {}

  get realm(): string {
    return `https://${this.options.loginServer}/oauth2/token`;
  }

  /** Refresh and access tokens issued until now stop working; later ones work. */
  revokeAll(): void {
    this.issued.forEach((jti) => this.revoked.add(jti));
    this.issued.clear();
  }

  isRevoked(jti: unknown): boolean {
    return typeof jti === 'string' && this.revoked.has(jti);
  }

  private sign(claims: Claims, lifetime: number): string {
    const jti = randomUUID();
    const iat = nowSeconds();
    this.issued.add(jti);
    return signJwt(this.options.acrSigner, { jti, ...claims, nbf: iat, iat, exp: iat + lifetime, iss: ISSUER, aud: this.options.loginServer, version: '1.0' });
  }

  issueRefreshToken(principal: Principal): string {
    return this.sign({
      sub: principal.subject,
      rid: this.options.loginServer,
      grant_type: 'refresh_token',
      ...(principal.appid ? { appid: principal.appid } : {}),
      ...(principal.tenant ? { tenant: principal.tenant } : {}),
      permissions: { Actions: ['read', 'write', 'delete', 'deleted/read', 'deleted/restore/action'], NotActions: null },
      roles: [],
    }, this.options.lifetimes.acrRefreshToken);
  }

  issueAccessToken(principal: Principal, requested: readonly Access[]): string {
    const access = grantedAccess(principal.grants, requested);
    return this.sign({ sub: principal.subject, access, roles: [], grant_type: 'access_token' }, this.options.lifetimes.acrAccessToken);
  }

  /** Claims of an ACR token of ours that is in force for this registry, or undefined. */
  private acrClaims(token: string, grantType: string): Claims | undefined {
    const claims = verifyJwt(this.options.acrSigner, token);
    if (!claims || claims.aud !== this.options.loginServer || claims.grant_type !== grantType) return undefined;
    if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds() || this.isRevoked(claims.jti)) return undefined;
    return claims;
  }

  /** The principal behind an ACR refresh token, looked up again so that deleted identities lose access. */
  principalOfRefreshToken(token: string): Principal | undefined {
    const claims = this.acrClaims(token, 'refresh_token');
    return typeof claims?.sub === 'string' ? this.principalBySubject(claims.sub) : undefined;
  }

  private principalBySubject(subject: string): Principal | undefined {
    const { directory } = this.options;
    if (directory.admin?.username === subject) return { subject, grants: EVERYTHING };
    const token = directory.scopedTokens.find((t) => t.name === subject);
    if (token) return { subject, grants: token.grants };
    const client = directory.clients.find((c) => c.objectId === subject);
    if (client) return { subject, grants: EVERYTHING, tenant: client.tenantId, appid: client.clientId };
    const user = directory.users.find((u) => u.objectId === subject);
    return user ? { subject, grants: EVERYTHING, tenant: user.tenantId } : undefined;
  }

  /** Username and password as the admin user, a scoped token, or the empty GUID with a refresh token. */
  principalOfPassword(username: string, password: string): Principal | undefined {
    const { directory } = this.options;
    if (username === EMPTY_GUID) return this.principalOfRefreshToken(password);
    if (directory.admin && directory.admin.username === username && sameSecret(directory.admin.password, password)) return this.principalBySubject(username);
    const token = directory.scopedTokens.find((t) => t.name === username && sameSecret(t.password, password));
    return token ? this.principalBySubject(token.name) : undefined;
  }

  private get anonymous(): Principal | undefined {
    return this.options.directory.anonymousPull ? { subject: '', grants: ANONYMOUS } : undefined;
  }

  /** Whether an `Authorization` header (Bearer access token, Basic credentials, or none) allows `action` on `type:name`. */
  authorize(authorization: string | undefined, type: string, name: string, action: string): 'allowed' | 'unauthenticated' | 'insufficient' {
    if (!authorization) {
      const anonymous = this.anonymous;
      return anonymous && grantedAccess(anonymous.grants, [{ type, name, actions: [action] }]).length > 0 ? 'allowed' : 'unauthenticated';
    }
    const [kind, value = ''] = authorization.split(' ', 2);
    if (kind?.toLowerCase() === 'bearer') {
      const claims = this.acrClaims(value, 'access_token');
      if (!claims) return 'unauthenticated';
      return covers((claims.access as Access[] | undefined) ?? [], type, name, action) ? 'allowed' : 'insufficient';
    }
    if (kind?.toLowerCase() === 'basic') {
      const principal = this.principalOfBasic(value);
      if (!principal) return 'unauthenticated';
      return grantedAccess(principal.grants, [{ type, name, actions: [action] }]).length > 0 ? 'allowed' : 'insufficient';
    }
    return 'unauthenticated';
  }

  private principalOfBasic(encoded: string): Principal | undefined {
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? undefined : this.principalOfPassword(decoded.slice(0, colon), decoded.slice(colon + 1));
  }

  /** The Entra principal of an access token from our Entra ID stand-in, if ACR would accept it. */
  private principalOfEntraToken(token: string, tenant: string | undefined): Principal | undefined {
    const claims = verifyJwt(this.options.entraSigner, token);
    if (!claims || typeof claims.exp !== 'number' || claims.exp <= nowSeconds()) return undefined;
    const audiences = this.options.armAudience ? [ACR_AUDIENCE, ...ARM_AUDIENCES] : [ACR_AUDIENCE];
    if (!audiences.includes(String(claims.aud).replace(/\/$/, ''))) return undefined;
    if (!this.options.directory.tenants.includes(String(claims.tid)) || (tenant && tenant !== claims.tid)) return undefined;
    return typeof claims.oid === 'string' ? this.principalBySubject(claims.oid) : undefined;
  }

  private checkService(service: string | null): void {
    if (!service) throw unsupported('service is required');
    if (service !== this.options.loginServer) throw unauthorized(`service "${service}" is not this registry`);
  }

  /** `POST /oauth2/exchange`: failures are `401` with an empty body, as ACR answers. */
  async exchange(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readTokenForm(req);
    const grant = form.get('grant_type');
    if (grant !== 'access_token' && grant !== 'access_token_refresh_token') throw unsupported(`grant type "${grant ?? ''}" is not supported`);
    const principal =
      form.get('service') === this.options.loginServer ? this.principalOfEntraToken(form.get('access_token') ?? '', form.get('tenant') ?? undefined) : undefined;
    if (!principal) return sendEmpty(res, 401);
    sendJson(res, 200, { refresh_token: this.issueRefreshToken(principal) });
  }

  /** `POST /oauth2/token`: refresh-token and password grants (the latter also anonymous). */
  async token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readTokenForm(req);
    this.checkService(form.get('service'));
    const scopes = parseScopes(form.getAll('scope'));
    if (!scopes) throw unsupported('malformed scope');
    let principal: Principal | undefined;
    switch (form.get('grant_type')) {
      case 'refresh_token':
        principal = this.principalOfRefreshToken(form.get('refresh_token') ?? '');
        break;
      case 'password': {
        const username = form.get('username');
        principal = username ? this.principalOfPassword(username, form.get('password') ?? '') : form.get('refresh_token') ? undefined : this.anonymous;
        break;
      }
      default:
        throw unsupported(`grant type "${form.get('grant_type') ?? ''}" is not supported`);
    }
    if (!principal) throw unauthorized('invalid credentials');
    const offline = form.get('access_type') === 'offline' && principal.subject !== '';
    sendJson(res, 200, { access_token: this.issueAccessToken(principal, scopes), ...(offline ? { refresh_token: this.issueRefreshToken(principal) } : {}) });
  }

  get routes(): Route[] {
    return [
      { methods: ['POST'], path: /^\/oauth2\/exchange$/, handle: ({ req, res }) => this.exchange(req, res) },
      { methods: ['POST'], path: /^\/oauth2\/token$/, handle: ({ req, res }) => this.token(req, res) },
      { methods: ['GET'], path: /^\/oauth2\/token$/, handle: ({ req, res, url }) => this.tokenWithBasicAuth(req, res, url.searchParams) },
    ];
  }

  /** `GET /oauth2/token` with Basic auth, what docker login and skopeo send. */
  tokenWithBasicAuth(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
    this.checkService(query.get('service'));
    const scopes = parseScopes(query.getAll('scope'));
    if (!scopes) throw unsupported('malformed scope');
    const [kind, value = ''] = (req.headers.authorization ?? '').split(' ', 2);
    const principal = kind?.toLowerCase() === 'basic' ? this.principalOfBasic(value) : req.headers.authorization ? undefined : this.anonymous;
    if (!principal) throw unauthorized('invalid credentials');
    const accessToken = this.issueAccessToken(principal, scopes);
    const offline = query.get('offline_token') === 'true' && principal.subject !== '';
    sendJson(res, 200, { access_token: accessToken, ...(offline ? { refresh_token: this.issueRefreshToken(principal) } : {}) });
  }
}
