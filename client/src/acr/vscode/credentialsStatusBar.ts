// One status bar item summarising the signed-in registries: time left on the token that expires first,
// a warning colour under 15 minutes or when a sign-in is needed, and a tooltip with account, method and
// expiry per registry. Hidden while nothing is signed in and no registry is configured.
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../commandIds';
import { readAcrSettings } from './acrSettings';
import type { AcrSignInStatus, AcrSignIns } from './acrSignIns';

const WARN_BELOW_MS = 15 * 60 * 1000;
const REFRESH_MS = 30 * 1000;

export function timeLeft(expiresAt: number | undefined, now: number): string {
  if (expiresAt === undefined) return '?';
  const minutes = Math.floor((expiresAt - now) / 60_000);
  if (minutes < 0) return 'expired';
  if (minutes < 60) return `${minutes}m`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

export class CredentialsStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('acr.credentials', vscode.StatusBarAlignment.Left, 10);
  private readonly timer: NodeJS.Timeout;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly signIns: AcrSignIns) {
    this.item.name = 'ACR Credentials';
    this.subscriptions = [
      signIns.onDidChange(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('acr.registries') && this.update()),
    ];
    this.timer = setInterval(() => this.update(), REFRESH_MS);
    this.update();
  }

  update(): void {
    const signedIn = this.signIns.status();
    const now = Date.now();
    if (signedIn.length === 0) {
      if (readAcrSettings().registries.length === 0) return this.item.hide();
      this.item.text = '$(account) ACR: Sign in';
      this.item.tooltip = 'Sign in to Azure Container Registry';
      this.item.command = COMMAND_IDS.acrLogin;
      this.item.backgroundColor = undefined;
      return this.item.show();
    }
    const soonest = [...signedIn].sort((a, b) => (a.expiresAt ?? Infinity) - (b.expiresAt ?? Infinity))[0]!;
    const name = signedIn.length === 1 ? soonest.loginServer : `${signedIn.length} registries`;
    const needs = signedIn.some((s) => s.needsSignIn);
    this.item.text = `$(${needs ? 'warning' : 'key'}) ACR ${name} ${needs ? 'sign in needed' : timeLeft(soonest.expiresAt, now)}`;
    this.item.tooltip = tooltip(signedIn, now);
    this.item.command = COMMAND_IDS.acrShowCredentialsStatus;
    this.item.backgroundColor = signedIn.some((s) => signInNeedsAttention(s, now)) ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}

/** A sign-in needs the user soon: it must be signed in again, or its token has under 15 minutes left. */
export function signInNeedsAttention(status: AcrSignInStatus, now: number): boolean {
  return status.needsSignIn || (status.expiresAt !== undefined && status.expiresAt - now < WARN_BELOW_MS);
}

/** The state of one sign-in in a few words: "sign in again needed", or its expiry and time left. */
export function describeSignIn(status: AcrSignInStatus, now: number): string {
  if (status.needsSignIn) return 'sign in again needed';
  if (status.expiresAt === undefined) return 'unknown expiry';
  return `expires ${new Date(status.expiresAt).toLocaleString()} (${timeLeft(status.expiresAt, now)} left)`;
}

function tooltip(signedIn: readonly AcrSignInStatus[], now: number): vscode.MarkdownString {
  const lines = signedIn.map((s) => `**${s.loginServer}**: ${s.account}, ${s.methodLabel}, ${describeSignIn(s, now)}`);
  const markdown = new vscode.MarkdownString(lines.join('\n\n'));
  markdown.isTrusted = false;
  return markdown;
}
