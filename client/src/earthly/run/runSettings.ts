// The `earthly.path` and `earthly.run.*` settings, validated: a wrong value falls back to the default.
// Pure: the caller passes the raw configuration section.

export interface RunSettings {
  /** The binary to run; empty: `earthly` on PATH, then `earth` (EarthBuild). */
  readonly path: string;
  /** Flags put before every task's own flags. */
  readonly defaultFlags: readonly string[];
  /** A remote buildkit (`--buildkit-host`); empty: Earthly's own. */
  readonly buildkitHost: string;
  /** An Earthly satellite (`--sat`); empty: none. */
  readonly satellite: string;
}

export const DEFAULT_RUN_SETTINGS: RunSettings = { path: '', defaultFlags: [], buildkitHost: '', satellite: '' };

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** `get` reads one key of the `earthly` section (vscode's WorkspaceConfiguration.get fits). */
export function parseRunSettings(get: (key: string) => unknown): RunSettings {
  const flags = get('run.defaultFlags');
  return {
    path: text(get('path')),
    defaultFlags: Array.isArray(flags) ? flags.filter((flag): flag is string => typeof flag === 'string' && flag.startsWith('-')) : [],
    buildkitHost: text(get('run.buildkitHost')),
    satellite: text(get('run.satellite')),
  };
}
