// ACR's token service from the client side: an Entra ID token becomes an ACR refresh token at
// `/oauth2/exchange`, and a user name and password become one at `GET /oauth2/token` the way `docker login`
// asks for it (acr-protocol.md sections 3 and 5). Plain HTTPS through Node, which trusts NODE_EXTRA_CA_CERTS.
import { request } from 'node:https';
import { connectionError, SignInError } from './signInError';
import { errorMessage } from '../../../../shared/src/errorMessage';

const REQUEST_TIMEOUT_MS = 30_000;

function firewallError(loginServer: string): SignInError {
  return new SignInError('firewall', `${loginServer} refused this machine (403): its firewall or network rules do not allow your IP address. Add it to the registry's networking rules or connect from an allowed network, then retry.`);
}

interface Reply {
  readonly status: number;
  readonly body: string;
}

function send(url: URL, method: 'GET' | 'POST', headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { Accept: 'application/json', ...headers }, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(body);
  });
}

async function call(loginServer: string, url: URL, method: 'GET' | 'POST', headers: Record<string, string>, body?: string): Promise<Reply> {
  try {
    return await send(url, method, headers, body);
  } catch (error) {
    throw connectionError(error, loginServer) ?? new SignInError('network', `The request to ${loginServer} failed: ${errorMessage(error)}`);
  }
}

/** The refresh token in a token-service reply, or an error saying what the status means. */
function refreshTokenOf(reply: Reply, loginServer: string, refused: () => SignInError): string {
  if (reply.status === 200) {
    let token: unknown;
    try {
      token = (JSON.parse(reply.body) as { refresh_token?: unknown }).refresh_token;
    } catch {
      token = undefined;
    }
    if (typeof token === 'string' && token !== '') return token;
    throw new SignInError('unexpected', `${loginServer} answered the sign-in without a refresh token.`);
  }
  if (reply.status === 401) throw refused();
  if (reply.status === 403) throw firewallError(loginServer);
  if (reply.status === 404) {
    throw new SignInError('noSuchRegistry', `${loginServer} has no ACR token service (404). Check that it is an Azure Container Registry login server.`);
  }
  throw new SignInError('unexpected', `${loginServer} answered the sign-in with HTTP ${reply.status}. Retry later.`);
}

export interface ExchangeRequest {
  readonly loginServer: string;
  readonly tenantId?: string;
  /** Audiences in the order to try; the next is tried when the registry answers 401. */
  readonly audiences: readonly string[];
  /** An Entra ID access token for `<audience>/.default`. */
  readonly entraToken: (audience: string) => Promise<string>;
}

export interface ExchangeResult {
  readonly refreshToken: string;
  /** The audience the registry accepted, to try first next time. */
  readonly audience: string;
}

/** Exchanges Entra ID tokens for an ACR refresh token, trying each audience until one is accepted. */
export async function exchangeForRefreshToken(exchange: ExchangeRequest): Promise<ExchangeResult> {
  const { loginServer, tenantId } = exchange;
  const url = new URL(`https://${loginServer}/oauth2/exchange`);
  for (const [index, audience] of exchange.audiences.entries()) {
    const accessToken = await exchange.entraToken(audience);
    const form = new URLSearchParams({ grant_type: 'access_token', service: loginServer, access_token: accessToken });
    if (tenantId) form.set('tenant', tenantId);
    const reply = await call(loginServer, url, 'POST', { 'Content-Type': 'application/x-www-form-urlencoded' }, form.toString());
    if (reply.status === 401 && index < exchange.audiences.length - 1) continue;
    const refreshToken = refreshTokenOf(reply, loginServer, () =>
      new SignInError('unauthorized', `${loginServer} refused the Entra ID token (401). Check that the tenant${tenantId ? ` ${tenantId}` : ''} is the registry's, and that the identity has the AcrPull (or AcrPush) role on the registry.`),
    );
    return { refreshToken, audience };
  }
  throw new SignInError('unexpected', 'No token audience to try.');
}

/**
 * Signs in with the admin user or a repository-scoped token the way `docker login` does: Basic
 * credentials at `GET /oauth2/token` with `offline_token=true`, which answers with a refresh token.
 */
export async function refreshTokenForPassword(loginServer: string, username: string, password: string): Promise<string> {
  const url = new URL(`https://${loginServer}/oauth2/token`);
  url.search = new URLSearchParams({ service: loginServer, account: username, client_id: 'earthly-acr', offline_token: 'true' }).toString();
  const basic = Buffer.from(`${username}:${password}`).toString('base64');
  const reply = await call(loginServer, url, 'GET', { Authorization: `Basic ${basic}` });
  return refreshTokenOf(reply, loginServer, () =>
    new SignInError('unauthorized', `${loginServer} refused the user name ${username} or its password (401). Check that the admin user is enabled or the token exists, and use a current password.`),
  );
}

/**
 * Checks that an ACR answers at `loginServer` before signing in, as `az acr login` does, so that a wrong
 * name, a firewall or a network problem is reported as such rather than as a refused token.
 */
export async function probeRegistry(loginServer: string): Promise<void> {
  const reply = await call(loginServer, new URL(`https://${loginServer}/v2/`), 'GET', {});
  if (reply.status === 200 || reply.status === 401) return;
  if (reply.status === 403) throw firewallError(loginServer);
  if (reply.status === 404) throw new SignInError('noSuchRegistry', `${loginServer} does not answer as a container registry (404). Check the login server.`);
  throw new SignInError('unexpected', `${loginServer} answered HTTP ${reply.status}. Retry later.`);
}
