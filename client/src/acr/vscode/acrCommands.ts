// Wires the ACR sign-in into VS Code: the "ACR: Login / Logout / Show Credentials Status" commands, the
// status bar item, start-up renewal, the Registries view, and the `acr` API the Earthly runner uses.
import * as vscode from 'vscode';
import { COMMAND_IDS, TEST_COMMAND_IDS } from '../../commandIds';
import { SignInError, type SignInErrorKind } from '../auth/signInError';
import { AcrLog } from './acrLog';
import { AcrSignIns, type AcrLoginRequest, type AcrSignInStatus, type LoginOptions } from './acrSignIns';
import { CredentialsStatusBar, timeLeft } from './credentialsStatusBar';
import { registerRegistriesView, type RegistriesView } from './explorer/registriesView';
import { askForLogin, type PartialLoginRequest } from './loginPrompts';

/** The ACR part of the extension's API. */
export interface AcrApi {
  /** Signs in without asking anything; rejects with a message that is safe to show. */
  login(request: AcrLoginRequest, options?: LoginOptions): Promise<AcrSignInStatus>;
  /** Erases what sign-in wrote and the stored secrets; false when the registry was not signed in. */
  logout(loginServer: string): Promise<boolean>;
  /** Call before an Earthly task pushes to or pulls from `loginServer`: renews its token when due. */
  ensureFresh(loginServer: string): Promise<void>;
  /** Renews now (shares a renewal already running). */
  renewNow(loginServer: string): Promise<void>;
  status(): AcrSignInStatus[];
  /**
   * "ACR: Login" as the user runs it: for `loginServer`, or asking which registry without one. Resolves
   * true when it signed in; false when the user cancelled or it failed (the sign-in has said why).
   */
  signInInteractively(loginServer?: string): Promise<boolean>;
  readonly onDidChangeSignIns: vscode.Event<void>;
  /** The Registries view: its tree, and where the Earthly side hands in the workspace's Earthfiles. */
  readonly explorer: RegistriesView;
}

/** Failures whose input was wrong: "Retry" asks for it again. */
const ASK_AGAIN: ReadonlySet<SignInErrorKind> = new Set(['wrongTenant', 'badClientCredentials']);

export function registerAcr(context: vscode.ExtensionContext): AcrApi {
  const log = new AcrLog();
  const changed = new vscode.EventEmitter<void>();
  let signIns = new AcrSignIns(context, log);
  let statusBar = new CredentialsStatusBar(signIns);
  let relay = signIns.onDidChange(() => changed.fire());
  context.subscriptions.push(log, changed, { dispose: () => vscode.Disposable.from(relay, statusBar, signIns).dispose() });
  const explorer = registerRegistriesView(context, {
    signIns: () => signIns,
    onDidChangeSignIns: changed.event,
    log,
    ensureFresh: (loginServer) => signIns.ensureFresh(loginServer),
  });

  /** What a restart of VS Code does to the sign-ins: everything in memory is lost, then `resume()` runs. */
  const restart = async (): Promise<AcrSignInStatus[]> => {
    vscode.Disposable.from(relay, statusBar, signIns).dispose();
    signIns = new AcrSignIns(context, log);
    statusBar = new CredentialsStatusBar(signIns);
    relay = signIns.onDidChange(() => changed.fire());
    await signIns.resume();
    changed.fire();
    return signIns.status();
  };

  /** Signs in with a complete request; on failure, an error notification with "Retry". */
  const attemptLogin = async (request: AcrLoginRequest): Promise<AcrSignInStatus | undefined> => {
    try {
      const status = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `ACR: Signing in to ${request.loginServer}…`, cancellable: true },
        (_progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return signIns.login(request, { abortSignal: abort.signal });
        },
      );
      void vscode.window.showInformationMessage(`ACR: Signed in to ${status.loginServer} as ${status.account}.`);
      return status;
    } catch (error) {
      if (error instanceof SignInError && error.kind === 'cancelled') return undefined;
      const message = error instanceof SignInError ? error.message : log.mask(String((error as Error)?.message ?? error));
      log.error(`Sign-in to ${request.loginServer} failed: ${message}`);
      // Wrong input is asked for again; anything else (network, firewall, a role granted meanwhile,
      // `az login` run meanwhile) is retried as it was, the secret kept only in this closure.
      const askAgain = error instanceof SignInError && ASK_AGAIN.has(error.kind);
      void vscode.window.showErrorMessage(`ACR: ${message}`, 'Retry', 'Show Log').then((choice) => {
        if (choice === 'Retry') void (askAgain ? interactiveLogin({ loginServer: request.loginServer, method: request.method }) : attemptLogin(request));
        if (choice === 'Show Log') log.show();
      });
      return undefined;
    }
  };

  /** "ACR: Login": asks for what `given` lacks; resolves to the new status, or undefined when cancelled or failed. */
  const interactiveLogin = async (given?: PartialLoginRequest): Promise<AcrSignInStatus | undefined> => {
    const request = await askForLogin(signIns, given);
    return request ? attemptLogin(request) : undefined;
  };

  const logout = async (arg?: string | { loginServer?: string }): Promise<boolean> => {
    let loginServer = typeof arg === 'string' ? arg : arg?.loginServer;
    if (!loginServer) {
      const signedIn = signIns.status();
      if (signedIn.length === 0) {
        void vscode.window.showInformationMessage('ACR: No registry is signed in.');
        return false;
      }
      loginServer = signedIn.length === 1 ? signedIn[0]!.loginServer : (await vscode.window.showQuickPick(signedIn.map((s) => s.loginServer), { title: 'ACR: Logout' }));
      if (!loginServer) return false;
    }
    try {
      const done = await signIns.logout(loginServer);
      void vscode.window.showInformationMessage(done ? `ACR: Signed out of ${loginServer}.` : `ACR: ${loginServer} was not signed in.`);
      return done;
    } catch (error) {
      const message = log.mask(String((error as Error)?.message ?? error));
      log.error(message);
      void vscode.window.showErrorMessage(`ACR: ${message}`);
      return false;
    }
  };

  const showStatus = async (): Promise<AcrSignInStatus[]> => {
    const signedIn = signIns.status();
    const now = Date.now();
    for (const s of signedIn) {
      log.info(`${s.loginServer}: ${s.account}, ${s.methodLabel}, ${s.needsSignIn ? 'sign-in needed' : `${timeLeft(s.expiresAt, now)} left`}`);
    }
    if (signedIn.length === 0) {
      void vscode.window.showInformationMessage('ACR: No registry is signed in.', 'Login').then((c) => c && vscode.commands.executeCommand(COMMAND_IDS.acrLogin));
      return signedIn;
    }
    const picked = await vscode.window.showQuickPick(
      signedIn.map((s) => ({
        label: s.loginServer,
        description: `${s.account} · ${s.methodLabel}`,
        detail: s.needsSignIn ? 'Sign-in needed' : `Expires ${s.expiresAt ? new Date(s.expiresAt).toLocaleString() : '(unknown)'} (${timeLeft(s.expiresAt, now)} left)`,
        status: s,
      })),
      { title: 'ACR: Credentials Status', placeHolder: 'Pick a registry to renew, sign in again or sign out' },
    );
    if (!picked) return signedIn;
    const action = await vscode.window.showQuickPick(['Renew now', 'Sign in again', 'Logout'], { title: picked.label });
    if (action === 'Renew now') {
      await signIns.renewNow(picked.label).catch((error: unknown) => void vscode.window.showErrorMessage(`ACR: ${log.mask(String((error as Error)?.message ?? error))}`));
    } else if (action === 'Sign in again') {
      await interactiveLogin({ loginServer: picked.label, ...signIns.rememberedParameters(picked.label) });
    } else if (action === 'Logout') {
      await logout(picked.label);
    }
    return signIns.status();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMAND_IDS.acrLogin, (given?: PartialLoginRequest) => interactiveLogin(given)),
    vscode.commands.registerCommand(COMMAND_IDS.acrLogout, logout),
    vscode.commands.registerCommand(COMMAND_IDS.acrShowCredentialsStatus, showStatus),
  );
  // Tests cannot restart VS Code, nor read SecretStorage: these stand in (registered only under test).
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    context.subscriptions.push(
      vscode.commands.registerCommand(TEST_COMMAND_IDS.acrRestartSignIns, restart),
      vscode.commands.registerCommand(TEST_COMMAND_IDS.acrHasStoredSecret, (loginServer: string) => signIns.hasStoredSecret(loginServer)),
    );
  }
  void signIns.resume();

  return {
    login: (request, options) => signIns.login(request, options),
    logout: (loginServer) => signIns.logout(loginServer),
    ensureFresh: (loginServer) => signIns.ensureFresh(loginServer),
    renewNow: (loginServer) => signIns.renewNow(loginServer),
    status: () => signIns.status(),
    signInInteractively: async (loginServer) => Boolean(await interactiveLogin(loginServer ? { loginServer } : undefined)),
    onDidChangeSignIns: changed.event,
    explorer,
  };
}

