// The "Azure Container Registry" output channel. Every line goes through redact(), with the secrets
// this session has seen, so no token, password or `auth` value reaches the log (issue: secrets stay secret).
import * as vscode from 'vscode';
import { redact } from '../tokens/redact';

export const ACR_OUTPUT_CHANNEL = 'Azure Container Registry';

export class AcrLog implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel(ACR_OUTPUT_CHANNEL, { log: true });
  private readonly secrets = new Set<string>();

  /** Remembers a secret so that it is masked even where it does not look like one. */
  addSecret(secret: string): void {
    if (secret) this.secrets.add(secret);
  }

  /** `text` as it may be shown: in the log, a notification or an error. */
  mask(text: string): string {
    return redact(text, [...this.secrets]);
  }

  info(text: string): void {
    this.channel.info(this.mask(text));
  }

  warn(text: string): void {
    this.channel.warn(this.mask(text));
  }

  error(text: string): void {
    this.channel.error(this.mask(text));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
