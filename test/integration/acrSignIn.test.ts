// ACR sign-in against the local registry: each method ends with credentials that skopeo pulls with,
// short-lived tokens are renewed before they expire (also after a restart), logout restores docker's config
// exactly and removes the stored secret, failures say what to do, and no secret reaches the logs or the settings.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import * as vscode from 'vscode';
import type { EarthlyApi } from '../../client/src/extension';
import { acrTestEnvironment, azureCliCalls, control, dockerConfigFile, identityTokenFor, skopeoInspect, type AcrTestEnvironment } from './acrTestEnvironment';
import { waitFor } from './waitFor';

const EXTENSION_ID = 'earthly-acr.earthly-acr';
/** Another registry's entry, which sign-in and logout must leave exactly as it is. */
const OTHER_ENTRY = { auths: { 'other.example.com': { auth: Buffer.from('someone:elsewhere').toString('base64') } }, psFormat: 'table' };

/** Every token the tests saw, to look for in logs and settings at the end. */
const seenSecrets = new Set<string>();

function jwtExpiry(token: string): number {
  return (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number }).exp * 1000;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, String(f)))
    .filter((f) => statSync(f).isFile());
}

/** What the `acr.login` command resolves to (the Earthly runner relies on it). */
type LoginResult = { loginServer: string; method: string } | undefined;

/** Runs the `az` on PATH (the stand-in), as a person would in a terminal. */
function runAzureCli(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => execFile('az', args, (error) => (error ? reject(error) : resolve())));
}

async function pullSucceeds(env: AcrTestEnvironment): Promise<void> {
  const { code, stderr } = await skopeoInspect(env);
  assert.equal(code, 0, `skopeo could not pull with the written credentials: ${stderr}`);
}

describe('ACR sign-in', function () {
  this.timeout(120_000);
  let env: AcrTestEnvironment;
  let acr: EarthlyApi['acr'];

  const servicePrincipal = () => ({
    loginServer: env.loginServer,
    method: 'servicePrincipal' as const,
    tenantId: env.tenantId,
    clientId: env.servicePrincipal.clientId,
    clientSecret: env.servicePrincipal.clientSecret,
  });

  before(async () => {
    env = acrTestEnvironment();
    const extension = vscode.extensions.getExtension<EarthlyApi>(EXTENSION_ID);
    assert.ok(extension);
    acr = (await extension.activate()).acr;
    writeFileSync(dockerConfigFile(), JSON.stringify(OTHER_ENTRY, null, 2));
  });

  afterEach(async () => {
    for (const s of acr.status()) await acr.logout(s.loginServer);
    await control(env, 'DELETE', 'faults');
    await control(env, 'PATCH', 'lifetimes', { acrRefreshToken: 10800 });
  });

  it('signs in with a service principal; skopeo pulls with the written credentials', async () => {
    const status = await acr.login(servicePrincipal());
    assert.equal(status.loginServer, env.loginServer);
    assert.equal(status.method, 'servicePrincipal');
    assert.ok(status.expiresAt && status.expiresAt > Date.now() + 60 * 60 * 1000, 'a three-hour token');
    const token = identityTokenFor(env.loginServer);
    assert.ok(token, 'an identity token in docker config.json');
    seenSecrets.add(token);
    await pullSucceeds(env);
    await acr.ensureFresh(env.loginServer);
    assert.equal(identityTokenFor(env.loginServer), token, 'a fresh token is not renewed before a task');
  });

  it('signs in with the admin user; skopeo pulls with the written credentials', async () => {
    const status = await acr.login({ loginServer: env.loginServer, method: 'adminUser', username: env.admin.username, password: env.admin.password });
    assert.equal(status.account, env.admin.username);
    const token = identityTokenFor(env.loginServer);
    assert.ok(token);
    seenSecrets.add(token);
    await pullSucceeds(env);
  });

  it('signs in with a device code the test approves; skopeo pulls with the written credentials', async () => {
    const codes: string[] = [];
    const status = await acr.login(
      { loginServer: env.loginServer, method: 'deviceCode', tenantId: env.tenantId },
      {
        onDeviceCode: (info) => {
          codes.push(info.userCode);
          void control(env, 'POST', 'devicecode/approve', { userCode: info.userCode });
        },
      },
    );
    assert.equal(codes.length, 1, 'one device code shown');
    assert.equal(status.method, 'deviceCode');
    const token = identityTokenFor(env.loginServer);
    assert.ok(token);
    seenSecrets.add(token);
    await pullSucceeds(env);
    await acr.renewNow(env.loginServer);
    const renewed = identityTokenFor(env.loginServer);
    assert.ok(renewed && renewed !== token, 'renewed silently, without another device code');
    seenSecrets.add(renewed);
    assert.equal(codes.length, 1);
    await pullSucceeds(env);
  });

  it('asks once to sign in again when the stored credentials are refused', async () => {
    await acr.login({ loginServer: env.loginServer, method: 'adminUser', username: env.admin.username, password: env.admin.password });
    seenSecrets.add(identityTokenFor(env.loginServer)!);
    // The registry's tokens are revoked and it refuses the stored password from now on (as after the
    // admin password or a token password was regenerated): renewing can only fail.
    await control(env, 'POST', 'revoke');
    await control(env, 'POST', 'faults', { kind: 'unauthorized', pathPrefix: '/oauth2/token' });
    await assert.rejects(acr.renewNow(env.loginServer), /sign in|refused/i);
    await assert.rejects(acr.renewNow(env.loginServer));
    assert.equal(acr.status()[0]?.needsSignIn, true);
    const asked = (): number => {
      const log = filesUnder(join(env.userDataDir, 'logs')).find((f) => f.endsWith('Azure Container Registry.log'));
      return log ? readFileSync(log, 'utf8').split(`Asked to sign in to ${env.loginServer} again`).length - 1 : 0;
    };
    await waitFor('the request to sign in again', () => asked() >= 1);
    await assert.rejects(acr.ensureFresh(env.loginServer).then(() => acr.renewNow(env.loginServer)));
    // Log lines reach the file within a second: give a second request the time to show up if there were one.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(asked(), 1, 'asked once, not once per attempt');
  });

  it('renews a short-lived token before it expires, and skopeo still pulls after the first one expired', async () => {
    await control(env, 'PATCH', 'lifetimes', { acrRefreshToken: 12 });
    await acr.login(servicePrincipal());
    const first = identityTokenFor(env.loginServer);
    assert.ok(first);
    seenSecrets.add(first);
    const firstExpiry = jwtExpiry(first);
    const renewed = await waitFor('the token to be renewed', () => {
      const current = identityTokenFor(env.loginServer);
      return current && current !== first ? current : undefined;
    });
    seenSecrets.add(renewed);
    assert.ok(Date.now() < firstExpiry, 'renewed before the first token expired');
    await waitFor('the first token to expire', () => Date.now() > firstExpiry + 500);
    await pullSucceeds(env);
    const status = acr.status().find((s) => s.loginServer === env.loginServer);
    assert.ok(status?.expiresAt && status.expiresAt > firstExpiry, 'the status shows the renewed expiry');
  });

  it('logout removes exactly what login wrote', async () => {
    const before = readFileSync(dockerConfigFile(), 'utf8');
    await acr.login(servicePrincipal());
    assert.notEqual(readFileSync(dockerConfigFile(), 'utf8'), before);
    seenSecrets.add(identityTokenFor(env.loginServer)!);
    assert.equal(await vscode.commands.executeCommand('acr.logout', env.loginServer), true);
    // Compared as text of parsed JSON, so that a failure does not print the token.
    const restored = JSON.stringify(JSON.parse(readFileSync(dockerConfigFile(), 'utf8'))) === JSON.stringify(JSON.parse(before));
    assert.ok(restored, `docker config.json differs from before the sign-in: keys ${Object.keys(JSON.parse(readFileSync(dockerConfigFile(), 'utf8')).auths ?? {}).join(', ')}`);
    assert.deepEqual(acr.status(), []);
    const { code } = await skopeoInspect(env);
    assert.notEqual(code, 0, 'skopeo can no longer pull');
  });

  it('shows the credentials status', async () => {
    await acr.login(servicePrincipal());
    const shown = vscode.commands.executeCommand<{ loginServer: string }[]>('acr.showCredentialsStatus');
    let settled = false;
    void shown.then(() => (settled = true));
    // Dismisses the quick pick once it is up; the command then returns what it listed.
    await waitFor('the status quick pick', async () => {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return settled;
    });
    assert.deepEqual((await shown).map((s) => s.loginServer), [env.loginServer]);
  });

  it('says what failed: a wrong client secret, a firewall, and no registry at all', async () => {
    const wrongSecret = 'not-the-secret-' + Date.now();
    await assert.rejects(acr.login({ ...servicePrincipal(), clientSecret: wrongSecret }), (error: Error) => {
      assert.match(error.message, /client secret/);
      assert.ok(!error.message.includes(wrongSecret));
      return true;
    });
    await control(env, 'POST', 'faults', { kind: 'firewall', pathPrefix: '/oauth2/exchange' });
    await assert.rejects(acr.login(servicePrincipal()), /firewall/);
    await control(env, 'DELETE', 'faults');
    await assert.rejects(acr.login({ ...servicePrincipal(), loginServer: '127.0.0.1:1' }), /Could not connect/);
    assert.deepEqual(acr.status(), []);
  });

  it('signs in through the Azure CLI in the tenant given; az is asked for the ARM resource; skopeo pulls', async () => {
    const before = azureCliCalls(env).length;
    const status = await acr.login({ loginServer: env.loginServer, method: 'azureCli', tenantId: env.tenantId });
    assert.equal(status.method, 'azureCli');
    const calls = azureCliCalls(env).slice(before);
    assert.deepEqual(calls, [['account', 'get-access-token', '--output', 'json', '--resource', 'https://management.azure.com', '--tenant', env.tenantId]]);
    const token = identityTokenFor(env.loginServer);
    assert.ok(token);
    seenSecrets.add(token);
    await pullSucceeds(env);
    await acr.renewNow(env.loginServer);
    assert.equal(azureCliCalls(env).length, before + 2, 'renewing asks az again');
    const renewed = identityTokenFor(env.loginServer);
    assert.ok(renewed && renewed !== token);
    seenSecrets.add(renewed);
    await pullSucceeds(env);
  });

  it('the acr.login command resolves to the sign-in status, and to undefined when cancelled', async () => {
    const status = await vscode.commands.executeCommand<LoginResult>('acr.login', { loginServer: env.loginServer, method: 'azureCli', tenantId: env.tenantId });
    assert.equal(status?.loginServer, env.loginServer);
    assert.equal(status?.method, 'azureCli');
    seenSecrets.add(identityTokenFor(env.loginServer)!);
    const cancelled = vscode.commands.executeCommand<LoginResult>('acr.login', { loginServer: env.loginServer });
    let settled = false;
    void cancelled.then(() => (settled = true));
    // Dismisses the method picker once it is up.
    await waitFor('the method quick pick', async () => {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return settled;
    });
    assert.equal(await cancelled, undefined);
  });

  it('when az is signed out, renewing says to run az login and asks to sign in again; after az login it renews', async () => {
    await acr.login({ loginServer: env.loginServer, method: 'azureCli', tenantId: env.tenantId });
    seenSecrets.add(identityTokenFor(env.loginServer)!);
    await runAzureCli(['logout']);
    try {
      await assert.rejects(acr.renewNow(env.loginServer), new RegExp(`run "az login --tenant ${env.tenantId}"`));
      assert.equal(acr.status()[0]?.needsSignIn, true);
    } finally {
      await runAzureCli(['login']);
    }
    await acr.renewNow(env.loginServer);
    assert.equal(acr.status()[0]?.needsSignIn, false);
    seenSecrets.add(identityTokenFor(env.loginServer)!);
    await pullSucceeds(env);
  });

  it('without az on PATH the Azure CLI method says to install it', async () => {
    const path = process.env.PATH;
    process.env.PATH = path?.split(delimiter).filter((dir) => !dir.endsWith(join('test', 'fixtures', 'bin'))).join(delimiter);
    try {
      await assert.rejects(acr.login({ loginServer: env.loginServer, method: 'azureCli' }), /Azure CLI \(az\) is not on PATH/);
    } finally {
      process.env.PATH = path;
    }
    assert.deepEqual(acr.status(), []);
  });

  it('signs in with a service principal certificate; renewals read the file again; skopeo pulls', async () => {
    const certificatePath = join(mkdtempSync(join(tmpdir(), 'earthly-acr-certificate-')), 'app.pem');
    copyFileSync(env.servicePrincipal.certificateFile, certificatePath);
    const status = await acr.login({ loginServer: env.loginServer, method: 'servicePrincipalCertificate', tenantId: env.tenantId, clientId: env.servicePrincipal.clientId, certificatePath });
    assert.equal(status.method, 'servicePrincipalCertificate');
    const token = identityTokenFor(env.loginServer);
    assert.ok(token);
    seenSecrets.add(token);
    await pullSucceeds(env);
    assert.equal(await vscode.commands.executeCommand('acr.test.hasStoredSecret', env.loginServer), false, 'a certificate sign-in stores no secret');
    renameSync(certificatePath, `${certificatePath}.moved`);
    await assert.rejects(acr.renewNow(env.loginServer), (error: Error) => error.message.includes(certificatePath) && /cannot be read/.test(error.message));
    renameSync(`${certificatePath}.moved`, certificatePath);
    await acr.renewNow(env.loginServer);
    const renewed = identityTokenFor(env.loginServer);
    assert.ok(renewed && renewed !== token, 'renewed once the file is back');
    seenSecrets.add(renewed);
    assert.equal(acr.status()[0]?.needsSignIn, false);
    await pullSucceeds(env);
  });

  it('logout removes the secret stored in SecretStorage', async () => {
    await acr.login(servicePrincipal());
    seenSecrets.add(identityTokenFor(env.loginServer)!);
    assert.equal(await vscode.commands.executeCommand('acr.test.hasStoredSecret', env.loginServer), true);
    assert.equal(await acr.logout(env.loginServer), true);
    assert.equal(await vscode.commands.executeCommand('acr.test.hasStoredSecret', env.loginServer), false);
  });

  it('after a restart, resumes renewing from the stored sign-in and secret; skopeo pulls after the first token expired', async () => {
    await control(env, 'PATCH', 'lifetimes', { acrRefreshToken: 15 });
    await acr.login(servicePrincipal());
    const first = identityTokenFor(env.loginServer);
    assert.ok(first);
    seenSecrets.add(first);
    const resumed = await vscode.commands.executeCommand<{ loginServer: string }[]>('acr.test.restartSignIns');
    assert.deepEqual(resumed.map((s) => s.loginServer), [env.loginServer]);
    const renewed = await waitFor('the resumed sign-in to renew the token', () => {
      const current = identityTokenFor(env.loginServer);
      return current && current !== first ? current : undefined;
    });
    seenSecrets.add(renewed);
    assert.ok(Date.now() < jwtExpiry(first), 'renewed before the first token expired');
    await waitFor('the first token to expire', () => Date.now() > jwtExpiry(first) + 500);
    await pullSucceeds(env);
  });

  it('after a restart, forgets a sign-in whose credentials were removed outside VS Code, and its secret', async () => {
    const before = readFileSync(dockerConfigFile(), 'utf8');
    await acr.login(servicePrincipal());
    seenSecrets.add(identityTokenFor(env.loginServer)!);
    // As `docker logout` would: the entry is gone from config.json.
    writeFileSync(dockerConfigFile(), before);
    const resumed = await vscode.commands.executeCommand<unknown[]>('acr.test.restartSignIns');
    assert.deepEqual(resumed, []);
    assert.deepEqual(acr.status(), []);
    assert.equal(await vscode.commands.executeCommand('acr.test.hasStoredSecret', env.loginServer), false);
  });

  it('never writes a token, password or secret to the logs or settings', async () => {
    const secrets = [env.servicePrincipal.clientSecret, env.admin.password, ...seenSecrets];
    assert.ok(seenSecrets.size >= 3);
    // The certificate's private key, line by line (a PEM line is the smallest piece that could leak).
    const pem = readFileSync(env.servicePrincipal.certificateFile, 'utf8');
    secrets.push(...(/-----BEGIN PRIVATE KEY-----([\s\S]+)-----END PRIVATE KEY-----/.exec(pem)?.[1] ?? '').split('\n').filter((line) => line.length >= 32));
    assert.ok(secrets.length > seenSecrets.size + 10, 'the private key lines are among the secrets');
    const logs = filesUnder(join(env.userDataDir, 'logs'));
    const acrLog = logs.find((f) => f.endsWith('Azure Container Registry.log'));
    assert.ok(acrLog, `the ACR output channel's log among ${logs.length} log files`);
    assert.match(readFileSync(acrLog, 'utf8'), /Signed in to/);
    const workspaceSettings = vscode.workspace.workspaceFolders?.map((f) => join(f.uri.fsPath, '.vscode', 'settings.json')) ?? [];
    const files = [...logs, join(env.userDataDir, 'User', 'settings.json'), ...workspaceSettings].filter((f) => existsSync(f));
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const secret of secrets) assert.ok(!text.includes(secret), `a secret appears in ${file}`);
    }
  });
});
