// Where a target is: the argument of the run commands that CodeLens and the target picker invoke, and
// the key of what the workspace remembers about its runs.

export interface TargetLocation {
  readonly uri: string;
  readonly target: string;
}

export function sameLocation(a: TargetLocation, b: TargetLocation): boolean {
  return a.uri === b.uri && a.target === b.target;
}

/** `value` as a target location, or undefined when it is not one (a command's argument, workspaceState). */
export function asTargetLocation(value: unknown): TargetLocation | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { uri, target } = value as Partial<Record<keyof TargetLocation, unknown>>;
  return typeof uri === 'string' && typeof target === 'string' ? { uri, target } : undefined;
}
