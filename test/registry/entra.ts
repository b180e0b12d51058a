// A Microsoft Entra ID stand-in, enough for @azure/identity (MSAL) with `authorityHost` pointing here and
// instance discovery disabled: OpenID configuration, JWKS, the v2.0 token endpoint for client credentials
// (a secret or a certificate's client assertion), device code and refresh tokens, and a device-login page
// (or test endpoint) that approves codes.
import { randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson } from './acrErrors';
import { checkClientAssertion, JWT_BEARER } from './clientAssertion';
import type { SigningIdentity } from './certificates';
import type { Directory, EntraClient, EntraUser } from './directory';
import type { RequestContext, Route } from './front';
import { jwkOf, nowSeconds, signJwt } from './jwt';
import { readForm } from './requestBodies';
import type { Lifetimes } from './tokenService';

/** MSAL sends the short name; RFC 8628 clients the URN. Entra ID accepts both. */
const DEVICE_CODE_GRANTS = new Set(['device_code', 'urn:ietf:params:oauth:grant-type:device_code']);
/** Letters and digits that cannot be mistaken for one another when typed from a prompt. */
const USER_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** Scopes MSAL adds to user sign-ins; they name no resource. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access']);

interface DeviceCode {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly client: EntraClient;
  readonly scope: string;
  readonly expiresAt: number;
  approvedBy?: EntraUser;
}

interface UserSession {
  readonly client: EntraClient;
  readonly user: EntraUser;
}

/** Entra ID's error body: `error` plus an AADSTS code in text and in `error_codes`. */
class EntraError extends Error {
  constructor(readonly status: number, readonly error: string, readonly aadsts: number, description: string) {
    super(`AADSTS${aadsts}: ${description}`);
  }
}

function sendEntraError(res: ServerResponse, e: EntraError): void {
  sendJson(res, e.status, {
    error: e.error,
    error_description: e.message,
    error_codes: [e.aadsts],
    timestamp: new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
  });
}

async function readEntraForm(ctx: RequestContext): Promise<URLSearchParams> {
  const form = await readForm(ctx.req);
  if (!form) throw new EntraError(400, 'invalid_request', 900144, 'The request body must be application/x-www-form-urlencoded.');
  return form;
}

function required(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (!value) throw new EntraError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);
  return value;
}

/** The resource of a `<resource>/.default` (or `<resource>/<permission>`) scope list. */
function resourceOf(scope: string): string {
  const resourceScope = scope.split(' ').find((s) => s && !OIDC_SCOPES.has(s));
  if (!resourceScope) throw new EntraError(400, 'invalid_scope', 70011, 'The provided value for the input parameter \'scope\' is not valid.');
  return resourceScope.replace(/\/[^/]*$/, '');
}

export class EntraStandIn {
  private readonly deviceCodes = new Map<string, DeviceCode>();
  private readonly refreshTokens = new Map<string, UserSession>();

  constructor(
    private readonly host: string,
    private readonly signer: SigningIdentity,
    private readonly directory: Directory,
    private readonly lifetimes: Lifetimes,
  ) {}

  private issuer(tenant: string): string {
    return `https://${this.host}/${tenant}/v2.0`;
  }

  private tenantOf(ctx: RequestContext): string {
    const tenant = ctx.params[0] ?? '';
    if (!this.directory.tenants.includes(tenant)) {
      throw new EntraError(400, 'invalid_request', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
    }
    return tenant;
  }

  private client(tenant: string, clientId: string): EntraClient {
    const client = this.directory.clients.find((c) => c.clientId === clientId && c.tenantId === tenant);
    if (!client) throw new EntraError(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`);
    return client;
  }

  private accessToken(tenant: string, resource: string, subject: { oid: string; appid: string; user?: EntraUser }): string {
    const iat = nowSeconds();
    const user = subject.user ? { upn: subject.user.username, preferred_username: subject.user.username, name: subject.user.username, scp: 'user_impersonation' } : { roles: [] };
    return signJwt(this.signer, {
      aud: resource, iss: this.issuer(tenant), iat, nbf: iat, exp: iat + this.lifetimes.entraAccessToken,
      tid: tenant, oid: subject.oid, sub: subject.oid, appid: subject.appid, azp: subject.appid, ver: '2.0', uti: randomUUID(), ...user,
    });
  }

  private userTokens(tenant: string, session: UserSession, scope: string): Record<string, unknown> {
    const iat = nowSeconds();
    const refreshToken = randomBytes(32).toString('base64url');
    this.refreshTokens.set(refreshToken, session);
    const { user, client } = session;
    const idToken = signJwt(this.signer, {
      aud: client.clientId, iss: this.issuer(tenant), iat, nbf: iat, exp: iat + 3600, tid: tenant, oid: user.objectId, sub: user.objectId,
      preferred_username: user.username, name: user.username, ver: '2.0',
    });
    return {
      token_type: 'Bearer', scope, expires_in: this.lifetimes.entraAccessToken, ext_expires_in: this.lifetimes.entraAccessToken,
      access_token: this.accessToken(tenant, resourceOf(scope), { oid: user.objectId, appid: client.clientId, user }),
      refresh_token: refreshToken, id_token: idToken,
      client_info: Buffer.from(JSON.stringify({ uid: user.objectId, utid: tenant })).toString('base64url'),
    };
  }

  private openIdConfiguration(ctx: RequestContext): void {
    const tenant = this.tenantOf(ctx);
    const base = `https://${this.host}/${tenant}`;
    sendJson(ctx.res, 200, {
      issuer: this.issuer(tenant),
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['ES256'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic', 'private_key_jwt'],
      tenant_region_scope: null,
      cloud_instance_name: 'localhost',
    });
  }

  private keys(ctx: RequestContext): void {
    this.tenantOf(ctx);
    sendJson(ctx.res, 200, { keys: [jwkOf(this.signer)] });
  }

  private async deviceCode(ctx: RequestContext): Promise<void> {
    const tenant = this.tenantOf(ctx);
    const form = await readEntraForm(ctx);
    const client = this.client(tenant, required(form, 'client_id'));
    const scope = required(form, 'scope');
    resourceOf(scope);
    const userCode = Array.from(randomBytes(9), (byte) => USER_CODE_ALPHABET[byte % USER_CODE_ALPHABET.length]).join('');
    const code: DeviceCode = { deviceCode: randomBytes(32).toString('base64url'), userCode, client, scope, expiresAt: Date.now() + this.lifetimes.deviceCode * 1000 };
    this.deviceCodes.set(code.deviceCode, code);
    const verificationUri = `https://${this.host}/devicelogin`;
    sendJson(ctx.res, 200, {
      user_code: userCode, device_code: code.deviceCode, verification_uri: verificationUri,
      expires_in: this.lifetimes.deviceCode, interval: this.lifetimes.deviceCodePollInterval,
      message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
    });
  }

  /** A confidential client proves itself with its secret or with an assertion signed by its certificate. */
  private authenticateClient(tenant: string, client: EntraClient, form: URLSearchParams): void {
    if (form.get('client_assertion_type') === JWT_BEARER) {
      const refusal = checkClientAssertion(form.get('client_assertion') ?? '', {
        clientId: client.clientId, audience: `https://${this.host}/${tenant}/oauth2/v2.0/token`, certificates: client.certificates ?? [], now: nowSeconds(),
      });
      if (refusal) throw new EntraError(401, 'invalid_client', refusal.aadsts, refusal.description);
      return;
    }
    if (!client.secret || form.get('client_secret') !== client.secret) {
      throw new EntraError(401, 'invalid_client', 7000215, 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.');
    }
  }

  private async token(ctx: RequestContext): Promise<void> {
    const tenant = this.tenantOf(ctx);
    const form = await readEntraForm(ctx);
    const grant = required(form, 'grant_type');
    const client = this.client(tenant, required(form, 'client_id'));
    if (grant === 'client_credentials') {
      this.authenticateClient(tenant, client, form);
      const scope = required(form, 'scope');
      return sendJson(ctx.res, 200, {
        token_type: 'Bearer', expires_in: this.lifetimes.entraAccessToken, ext_expires_in: this.lifetimes.entraAccessToken,
        access_token: this.accessToken(tenant, resourceOf(scope), { oid: client.objectId, appid: client.clientId }),
      });
    }
    if (DEVICE_CODE_GRANTS.has(grant)) {
      const code = this.deviceCodes.get(form.get('device_code') ?? form.get('code') ?? '');
      if (!code || code.client !== client) throw new EntraError(400, 'invalid_grant', 70000, 'The provided device code is not valid.');
      if (code.expiresAt <= Date.now()) {
        this.deviceCodes.delete(code.deviceCode);
        throw new EntraError(400, 'expired_token', 70020, 'The provided value for the input parameter \'device_code\' is not valid. This device code has expired.');
      }
      if (!code.approvedBy) throw new EntraError(400, 'authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.');
      this.deviceCodes.delete(code.deviceCode);
      return sendJson(ctx.res, 200, this.userTokens(tenant, { client, user: code.approvedBy }, code.scope));
    }
    if (grant === 'refresh_token') {
      const session = this.refreshTokens.get(required(form, 'refresh_token'));
      if (!session || session.client !== client || session.user.tenantId !== tenant) throw new EntraError(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
      return sendJson(ctx.res, 200, this.userTokens(tenant, session, required(form, 'scope')));
    }
    throw new EntraError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant}'.`);
  }

  /** Approves a pending device code as `username` (the tenant's first user by default). */
  approveDeviceCode(userCode: string, username?: string): boolean {
    const code = [...this.deviceCodes.values()].find((c) => c.userCode === userCode.trim().toUpperCase() && c.expiresAt > Date.now());
    const user = this.directory.users.find((u) => u.tenantId === code?.client.tenantId && (username === undefined || u.username === username));
    if (!code || !user) return false;
    code.approvedBy = user;
    return true;
  }

  private async deviceLoginPage(ctx: RequestContext): Promise<void> {
    let message = '';
    if (ctx.req.method === 'POST') {
      const form = (await readForm(ctx.req)) ?? new URLSearchParams();
      const approved = this.approveDeviceCode(form.get('code') ?? '', form.get('username') || undefined);
      message = approved ? 'Signed in. You can close this page and return to your application.' : 'That code is unknown or has expired.';
    }
    const users = this.directory.users.map((u) => `<option>${u.username}</option>`).join('');
    const html = `<!doctype html><title>Sign in (local Entra ID stand-in)</title><h1>Enter code</h1><p>${message}</p>
<form method="post"><input name="code" autofocus placeholder="Code"> as <select name="username">${users}</select> <button>Sign in</button></form>`;
    ctx.res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
    ctx.res.end(html);
  }

  /** Entra errors become Entra's JSON error body; other errors go on to the front's ACR envelope. */
  private guarded(handler: (ctx: RequestContext) => void | Promise<void>): (ctx: RequestContext) => Promise<void> {
    return async (ctx) => {
      try {
        await handler(ctx);
      } catch (error) {
        if (error instanceof EntraError) sendEntraError(ctx.res, error);
        else throw error;
      }
    };
  }

  get routes(): Route[] {
    const tenant = '([^/]+)';
    return [
      { methods: ['GET'], path: new RegExp(`^/${tenant}/v2\\.0/\\.well-known/openid-configuration$`), handle: this.guarded((c) => this.openIdConfiguration(c)) },
      { methods: ['GET'], path: new RegExp(`^/${tenant}/discovery/v2\\.0/keys$`), handle: this.guarded((c) => this.keys(c)) },
      { methods: ['POST'], path: new RegExp(`^/${tenant}/oauth2/v2\\.0/devicecode$`), handle: this.guarded((c) => this.deviceCode(c)) },
      { methods: ['POST'], path: new RegExp(`^/${tenant}/oauth2/v2\\.0/token$`), handle: this.guarded((c) => this.token(c)) },
      { methods: ['GET', 'POST'], path: /^\/devicelogin$/, handle: this.guarded((c) => this.deviceLoginPage(c)) },
    ];
  }
}
