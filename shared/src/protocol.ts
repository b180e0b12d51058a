// Names and types shared by the client and the language server.

/** Custom request: the server's process id and version (for status and for crash tests). */
export const SERVER_INFO_REQUEST = 'earthly/serverInfo';

export interface ServerInfo {
  readonly pid: number;
  readonly version: string;
}

/**
 * Node flags the language server runs with. V8's helper threads (concurrent GC and compilation) are
 * kept to one, so the server never takes every core from the editor it answers: typing through the
 * LSP on a 2-core machine, the answers slower than 3 ms per 400 edits fell from 5-7 to 3 once warm
 * (from 18-42 to 7-20 in a fresh server). A parse of a large Earthfile makes several MB of
 * short-lived objects:
 * - a young generation that holds them keeps them from being promoted and collected by the slower
 *   full GC (10,000 lines: parse + model median 21 ms -> 13 ms, measured by `npm run bench`);
 * - allocation-site pretenuring is off: with it, V8 starts allocating tree nodes straight into the old
 *   generation once some survived a scavenge; those die with the next edit's tree but stay until a full
 *   GC, and keep the young objects they point to alive through every scavenge (full diagnostics of
 *   50,000 lines, 40 runs: median 163 -> 127 ms, 90th percentile 226 -> 131 ms).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--v8-pool-size=1', '--max-semi-space-size=64', '--no-allocation-site-pretenuring'];

/**
 * Custom request: the targets of Earthfiles, for the task provider, the target picker, the CodeLens
 * commands and the pre-run ACR refresh. The client lists the workspace's Earthfiles (honouring
 * `files.exclude`) and sends their URIs; the server answers from open documents or from disk.
 */
export const TARGETS_REQUEST = 'earthly/targets';

export interface TargetsParams {
  readonly uris: readonly string[];
}

export interface TargetsResult {
  readonly files: readonly EarthfileTargets[];
}

export interface EarthfileTargets {
  readonly uri: string;
  readonly targets: readonly TargetSummary[];
}

export interface TargetSummary {
  readonly name: string;
  /** 0-based line of the target's header. */
  readonly line: number;
  /** The comment block right above the header (no blank line between), without the `#` markers; absent when there is none. */
  readonly doc?: string;
  /** The target's ARGs and the base recipe's global ARGs it sees, one per name, `--required` ones first, otherwise in declaration order. Builtin ARGs are left out. */
  readonly args: readonly ArgSummary[];
  /**
   * A run pushes: the target, a FUNCTION it calls, or a local target it reaches through BUILD (across local
   * Earthfiles) has `SAVE IMAGE --push`. Since VERSION 0.6 (`--referenced-save-only`) FROM and COPY of
   * another target do not pass its pushes on; before, they do.
   */
  readonly pushes: boolean;
  /**
   * Registry hosts (`myreg.azurecr.io`, `docker.io` for Docker Hub), sorted, of the images a run pulls
   * (FROM, WITH DOCKER --pull) or pushes (SAVE IMAGE --push, where the push counts), in the target and in the
   * local targets and functions it reaches (BUILD, FROM, COPY, DO, WITH DOCKER --load, the base recipe).
   * Names whose host is a variable are left out; remote Earthfiles are not followed.
   */
  readonly registries: readonly string[];
}

export interface ArgSummary {
  readonly name: string;
  readonly required: boolean;
  /** The default as written (unexpanded), when there is one. */
  readonly defaultValue?: string;
  readonly global: boolean;
}

/**
 * Custom request from the server to the client: image names or tags for a word typed after `FROM`,
 * `SAVE IMAGE` or `WITH DOCKER --pull`/`--load`. Sent only to a client that says it answers, with
 * `initializationOptions.imageCompletions === true`.
 */
export const IMAGE_COMPLETIONS_REQUEST = 'earthly/imageCompletions';

export interface ImageCompletionParams {
  readonly uri: string;
  /** The text typed so far, e.g. `myreg.azurecr.io/te` or `alpine:3.`. */
  readonly prefix: string;
  /** `tag` once the prefix has a `:` after its last `/`. */
  readonly kind: 'image' | 'tag';
}

export interface ImageCompletionResult {
  /** Whole image names (`kind: image`) or tags (`kind: tag`, without the name). */
  readonly items: readonly { readonly label: string; readonly detail?: string }[];
}
