// One earthly run in a task terminal. A pseudoterminal rather than a ProcessExecution, because the run
// needs the output (a registry's 401 offers "Sign in again and re-run"; task terminals report no
// shell-integration executions before VS Code 1.106), and the preparation (binary, secrets, ACR
// credentials) shows its progress in the same terminal. The binary is spawned with an argv array and no
// shell, so every argument arrives literally; secret values travel only in the child's environment.
import { spawn, type ChildProcess } from 'node:child_process';
import * as vscode from 'vscode';
import { errorMessage } from '../../../../shared/src/errorMessage';
import { buildCommandLine, displayCommandLine, targetFrom } from '../run/commandLine';
import { findEarthlyBinary, missingBinaryMessage } from '../run/earthlyBinary';
import { withAbsoluteEarthfilePath } from '../run/earthlyErrors';
import { LineOutput } from '../run/lineOutput';
import { isAuthFailure } from '../run/registryHosts';
import { validateTaskDefinition } from '../run/taskDefinition';
import type { AcrBeforeRun, RegistryCheck } from './acrBeforeRun';
import { readRunSettings, showMissingBinary } from './binaryStatus';
import type { TaskSecrets } from './taskSecrets';

/** What one run did, for the extension's API (tests) and the run UI. */
export interface RunOutcome {
  readonly target: string;
  /** The command line as shown (secret-free); undefined when it never started. */
  readonly commandLine?: string;
  readonly cwd?: string;
  readonly registries: readonly RegistryCheck[];
  readonly exitCode: number;
  /** The output showed a registry refusing the credentials. */
  readonly authFailure: boolean;
}

/** How a run ended, as `finish` takes it: no registries and no refusal unless given, and a last line to show. */
interface RunEnd extends Omit<RunOutcome, 'registries' | 'authFailure'> {
  readonly registries?: readonly RegistryCheck[];
  readonly authFailure?: boolean;
  readonly message?: string;
}

export interface RunServices {
  readonly log: vscode.LogOutputChannel;
  readonly secrets: TaskSecrets;
  readonly acr: AcrBeforeRun;
  readonly finished: vscode.EventEmitter<RunOutcome>;
}

const EXIT_INVALID = 2;
const EXIT_NOT_FOUND = 127;
const EXIT_INTERRUPTED = 130;
const SIGNALS: Readonly<Record<string, number>> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

export class RunTerminal implements vscode.Pseudoterminal {
  private readonly writer = new vscode.EventEmitter<string>();
  private readonly closer = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.writer.event;
  readonly onDidClose = this.closer.event;
  private child: ChildProcess | undefined;
  private interrupts = 0;
  private done = false;
  /** Set when the user stops the run before earthly started. */
  private cancelled = false;

  constructor(
    private readonly definition: vscode.TaskDefinition,
    private readonly folder: vscode.WorkspaceFolder,
    private readonly services: RunServices,
    /** Whether a registry refusal may offer "Sign in again and re-run" (not for the re-run itself). */
    private readonly offerSignIn: boolean,
    private readonly rerun: () => Thenable<unknown>,
  ) {}

  open(): void {
    void this.run().catch((error: unknown) => {
      this.writeLine(`${RED}${errorMessage(error)}${RESET}`);
      this.finish({ exitCode: 1, target: String(this.definition.target) });
    });
  }

  close(): void {
    this.cancelled = true;
    this.signal('SIGTERM');
  }

  handleInput(data: string): void {
    if (!data.includes('\x03')) return;
    this.interrupts += 1;
    if (!this.child) {
      this.cancelled = true;
      return;
    }
    this.writeLine('^C');
    this.signal(this.interrupts > 1 ? 'SIGKILL' : 'SIGINT');
  }

  private async run(): Promise<void> {
    const validated = validateTaskDefinition(this.definition);
    if ('error' in validated) {
      this.writeLine(`${RED}${validated.error}${RESET}`);
      this.services.log.error(`${validated.error} (task ${JSON.stringify(this.definition.target ?? '')})`);
      return this.finish({ exitCode: EXIT_INVALID, target: String(this.definition.target) });
    }
    const definition = validated.definition;
    const settings = readRunSettings(this.folder);
    const binary = await findEarthlyBinary(settings.path);
    if (!binary) {
      this.writeLine(`${RED}${missingBinaryMessage(settings)}${RESET}`);
      void showMissingBinary(settings);
      return this.finish({ exitCode: EXIT_NOT_FOUND, target: definition.target });
    }
    const secretValues = await this.services.secrets.resolve(definition.secrets ?? []);
    if (!secretValues || this.cancelled) return this.finish({ exitCode: EXIT_INTERRUPTED, target: definition.target, message: 'Cancelled.' });
    const line = buildCommandLine(binary.path, definition, settings, this.folder.uri.fsPath, secretValues);
    const reference = targetFrom(definition, this.folder.uri.fsPath, line.cwd);
    const loginServers = await this.services.acr.registriesOf(reference, line.cwd);
    const checks = await this.services.acr.prepare(loginServers, reference, (text) => this.writeLine(`${DIM}${text}${RESET}`));
    if (!checks || this.cancelled) return this.finish({ exitCode: EXIT_INTERRUPTED, target: definition.target, registries: checks ?? [], message: 'Cancelled.' });

    const shown = displayCommandLine(line, binary.name);
    this.writeLine(`${BOLD}> ${shown}${RESET}${DIM}  (in ${line.cwd})${RESET}`);
    this.services.log.info(`Running ${shown} in ${line.cwd}`);
    let authFailure = false;
    const transform = (outputLine: string): string => {
      if (!authFailure && isAuthFailure(outputLine)) authFailure = true;
      return withAbsoluteEarthfilePath(outputLine, line.cwd);
    };
    const stdout = new LineOutput((text) => this.writer.fire(text), transform);
    const stderr = new LineOutput((text) => this.writer.fire(text), transform);
    const child = spawn(line.file, [...line.args], {
      cwd: line.cwd,
      env: { ...process.env, ...line.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that Ctrl+C reaches earthly and everything it started.
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    this.child = child;
    child.stdout!.on('data', (chunk: Buffer) => stdout.write(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.write(chunk));
    const exitCode = await new Promise<number>((resolve) => {
      child.on('error', (error) => {
        this.writeLine(`${RED}Could not start ${line.file}: ${error.message}${RESET}`);
        resolve(EXIT_NOT_FOUND);
      });
      child.on('close', (code, signal) => resolve(code ?? 128 + (signal ? (SIGNALS[signal] ?? 0) : 0)));
    });
    stdout.end();
    stderr.end();
    this.child = undefined;
    this.finish({
      exitCode,
      target: definition.target,
      registries: checks,
      commandLine: shown,
      cwd: line.cwd,
      authFailure,
      message: exitCode === 0 ? undefined : `${binary.name} exited with code ${exitCode}.`,
    });
    if (authFailure && this.offerSignIn) void this.services.acr.offerSignInAgain(loginServers, reference, this.rerun);
  }

  private signal(name: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      if (process.platform === 'win32') this.child!.kill(name);
      else process.kill(-pid, name);
    } catch {
      // Already gone.
    }
  }

  private writeLine(text: string): void {
    this.writer.fire(`${text.replace(/\r?\n/g, '\r\n')}\r\n`);
  }

  private finish({ message, registries = [], authFailure = false, ...outcome }: RunEnd): void {
    if (this.done) return;
    this.done = true;
    if (message) this.writeLine(`${DIM}${message}${RESET}`);
    this.services.finished.fire({ ...outcome, registries, authFailure });
    this.closer.fire(outcome.exitCode);
  }
}
