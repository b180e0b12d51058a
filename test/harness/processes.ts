// Every process the harness starts is spawned detached and killed as a whole process group, on stop,
// on exit and on Ctrl+C, so no code-server, extension host or Chromium child survives a run.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

process.on('exit', () => running.forEach((child) => killGroup(child, 'SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    running.forEach((child) => killGroup(child, 'SIGKILL'));
    process.exit(130);
  });
}

export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  running.add(child);
  child.on('exit', () => running.delete(child));
  return child;
}

/** Stops the process group politely, then by force after a grace period. */
export async function stopGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  // Children that ignored SIGTERM and outlived the leader still belong to the group.
  killGroup(child, 'SIGKILL');
}

/**
 * Runs a command to completion; rejects with its output when it fails. `onLine` sees each line of its
 * output (stdout and stderr) as it comes.
 */
export function run(command: string, args: readonly string[], options: SpawnOptions = {}, onLine?: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnGroup(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    // One partial line per stream, so that stdout and stderr lines are never spliced together.
    const collector = (): ((d: Buffer) => void) => {
      let partial = '';
      return (d) => {
        const text = d.toString();
        output += text;
        if (!onLine) return;
        const lines = (partial + text).split('\n');
        partial = lines.pop() ?? '';
        lines.forEach(onLine);
      };
    };
    child.stdout?.on('data', collector());
    child.stderr?.on('data', collector());
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} failed (${code ?? signal}):\n${output.slice(-4000)}`)),
    );
  });
}
