// Values of the secrets an Earthly task names: from the environment VS Code runs in, else from
// SecretStorage, else asked once (a password box) and stored if the user wants. The values go only
// into the child's environment; this module never logs them. Also "Earthly: Set/Delete Secret…".
import * as vscode from 'vscode';
import { secretNameProblem } from '../run/taskDefinition';

const KEY_PREFIX = 'earthly.secret/';
/** The names stored, since SecretStorage cannot list its keys. */
const NAMES_KEY = 'earthly.secretNames';

export class TaskSecrets {
  constructor(
    private readonly storage: vscode.SecretStorage,
    private readonly state: vscode.Memento,
  ) {}

  /** Values by name; undefined when the user cancelled a prompt. */
  async resolve(names: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Record<string, string> | undefined> {
    const values: Record<string, string> = {};
    for (const name of names) {
      const value = env[name] ?? (await this.storage.get(KEY_PREFIX + name)) ?? (await this.ask(name));
      if (value === undefined) return undefined;
      values[name] = value;
    }
    return values;
  }

  private async ask(name: string): Promise<string | undefined> {
    const value = await vscode.window.showInputBox({
      title: `Earthly: secret ${name}`,
      prompt: `The value of ${name} for this run (passed to earthly through its environment, never on the command line)`,
      password: true,
      ignoreFocusOut: true,
    });
    if (value === undefined) return undefined;
    const keep = await vscode.window.showQuickPick(['Use for this run only', `Store ${name} in VS Code's secret storage`], {
      title: `Earthly: secret ${name}`,
      ignoreFocusOut: true,
    });
    if (keep?.startsWith('Store')) await this.store(name, value);
    return value;
  }

  private async store(name: string, value: string): Promise<void> {
    await this.storage.store(KEY_PREFIX + name, value);
    await this.state.update(NAMES_KEY, [...new Set([...this.storedNames(), name])].sort());
  }

  storedNames(): string[] {
    return this.state.get<string[]>(NAMES_KEY) ?? [];
  }

  /** "Earthly: Set Secret…": asks for what is not given. Returns the name stored. */
  async setCommand(name?: string, value?: string): Promise<string | undefined> {
    name ??= await vscode.window.showInputBox({
      title: 'Earthly: Set Secret',
      prompt: 'Secret name, as tasks list it in "secrets" (earthly reads it with --secret NAME)',
      validateInput: (text) => secretNameProblem(text),
    });
    if (!name || secretNameProblem(name)) return undefined;
    value ??= await vscode.window.showInputBox({ title: `Earthly: Set Secret ${name}`, prompt: `The value of ${name}`, password: true, ignoreFocusOut: true });
    if (value === undefined) return undefined;
    await this.store(name, value);
    return name;
  }

  /** "Earthly: Delete Secret…": picks among the stored names unless one is given. */
  async deleteCommand(name?: string): Promise<boolean> {
    const names = this.storedNames();
    if (!name) {
      if (names.length === 0) {
        void vscode.window.showInformationMessage('Earthly: no secret is stored.');
        return false;
      }
      name = await vscode.window.showQuickPick(names, { title: 'Earthly: Delete Secret' });
      if (!name) return false;
    }
    await this.storage.delete(KEY_PREFIX + name);
    await this.state.update(NAMES_KEY, names.filter((n) => n !== name));
    return names.includes(name);
  }
}
