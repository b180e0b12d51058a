// What the explorer's commands ask and tell the person: modal confirmations, input boxes, pickers and
// messages, all prefixed "ACR:". Tests cannot click a modal dialog, so under test a script answers instead
// and every prompt is recorded (acr.test.scriptPrompts).
import * as vscode from 'vscode';
import type { Confirmation } from '../../registry/deleteConfirmation';

export interface PromptRecord {
  readonly kind: 'confirm' | 'input' | 'pick' | 'info' | 'error';
  readonly message: string;
  readonly detail?: string;
}

/** Answers in order: a boolean for a confirmation, a string (or undefined) for an input box, a label for a picker (labels for a multiple choice). Messages take none. */
export interface PromptScript {
  readonly answers: unknown[];
  readonly shown: PromptRecord[];
}

export class ExplorerPrompts {
  private script: PromptScript | undefined;

  /** Under test: answer from `answers` from now on (undefined: ask the person again); returns the record of prompts. */
  useScript(answers: unknown[] | undefined): PromptRecord[] {
    this.script = answers ? { answers: [...answers], shown: [] } : undefined;
    return this.script?.shown ?? [];
  }

  private scripted(record: PromptRecord): { answer: unknown } | undefined {
    if (!this.script) return undefined;
    this.script.shown.push(record);
    return { answer: record.kind === 'info' || record.kind === 'error' ? undefined : this.script.answers.shift() };
  }

  async confirm(confirmation: Confirmation): Promise<boolean> {
    const scripted = this.scripted({ kind: 'confirm', message: confirmation.message, detail: confirmation.detail });
    if (scripted) return scripted.answer === true;
    const choice = await vscode.window.showWarningMessage(`ACR: ${confirmation.message}`, { modal: true, detail: confirmation.detail }, confirmation.action);
    return choice === confirmation.action;
  }

  async input(options: vscode.InputBoxOptions & { readonly title: string }): Promise<string | undefined> {
    const scripted = this.scripted({ kind: 'input', message: options.title, ...(options.prompt ? { detail: options.prompt } : {}) });
    if (scripted) {
      const answer = typeof scripted.answer === 'string' ? scripted.answer : undefined;
      // A scripted answer passes the same check a typed one would.
      const problem = answer === undefined ? undefined : await options.validateInput?.(answer);
      if (problem) throw new Error(`scripted input "${answer}" is invalid: ${typeof problem === 'string' ? problem : problem.message}`);
      return answer;
    }
    return vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  }

  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & { readonly title: string }): Promise<T | undefined> {
    const scripted = this.scripted({ kind: 'pick', message: options.title, detail: items.map((i) => i.label).join('\n') });
    if (scripted) return items.find((item) => item.label === scripted.answer);
    return vscode.window.showQuickPick(items, options);
  }

  /** Resolves with the action chosen; without actions at once, not when the notification goes. */
  async pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & { readonly title: string }): Promise<T[] | undefined> {
    const scripted = this.scripted({ kind: 'pick', message: options.title, detail: items.map((i) => `${i.picked ? '[x]' : '[ ]'} ${i.label}`).join('\n') });
    if (scripted) return Array.isArray(scripted.answer) ? items.filter((item) => (scripted.answer as unknown[]).includes(item.label)) : undefined;
    return vscode.window.showQuickPick(items, { ...options, canPickMany: true });
  }

  async info(message: string, ...actions: string[]): Promise<string | undefined> {
    if (this.scripted({ kind: 'info', message })) return undefined;
    return settled(vscode.window.showInformationMessage(`ACR: ${message}`, ...actions), actions);
  }

  async error(message: string, ...actions: string[]): Promise<string | undefined> {
    if (this.scripted({ kind: 'error', message })) return undefined;
    return settled(vscode.window.showErrorMessage(`ACR: ${message}`, ...actions), actions);
  }
}

function settled(shown: Thenable<string | undefined>, actions: readonly string[]): Thenable<string | undefined> | undefined {
  return actions.length > 0 ? shown : undefined;
}
