// VERSION feature flags and Earthfile versions as data (reference: shared earthfile-language.md §6).

/**
 * The version from which a feature is on by default, or `experimental` (only on when named in
 * VERSION) or `never` (an opt-in that will never become a default).
 */
export type DefaultAt = '0.5' | '0.6' | '0.7' | '0.8' | 'experimental' | 'never';

export interface FeatureSpec {
  /** The flag name without dashes, as written after `VERSION --`. */
  readonly name: string;
  readonly defaultAt: DefaultAt;
  readonly doc: string;
  /** Features that must also be on, or Earthly refuses the VERSION line. */
  readonly requires?: readonly string[];
  /** A feature this one switches off (an escape hatch). */
  readonly disables?: string;
}

/** Every feature flag Earthly v0.8.16 and EarthBuild v0.8.18 accept (they are the same list). */
export const FEATURES: readonly FeatureSpec[] = [
  { name: 'exec-after-parallel', defaultAt: '0.5', doc: 'Runs execution only after the parallel conversion of the build graph (internal).' },
  { name: 'parallel-load', defaultAt: '0.5', doc: 'Loads `WITH DOCKER --load` images in parallel.' },
  { name: 'use-registry-for-with-docker', defaultAt: '0.5', doc: 'Moves `WITH DOCKER` images through an embedded registry instead of tarballs.' },

  { name: 'for-in', defaultAt: '0.6', doc: 'Enables the `FOR … IN … END` loop.' },
  { name: 'no-implicit-ignore', defaultAt: '0.6', doc: 'Stops implicitly ignoring `Earthfile`, `build.earth`, the ignore files and `.tmp-earthly-out` (EarthBuild: `.tmp-earth-out`) in the build context.' },
  { name: 'referenced-save-only', defaultAt: '0.6', doc: 'Artifacts and images are output or pushed only by targets reached through a `BUILD` chain.' },
  { name: 'require-force-for-unsafe-saves', defaultAt: '0.6', doc: '`SAVE ARTIFACT … AS LOCAL` outside the Earthfile\'s directory needs `--force`.' },
  { name: 'use-copy-include-patterns', defaultAt: '0.6', doc: 'Sends only the files a `COPY` needs from the build context (an optimisation).' },

  { name: 'check-duplicate-images', defaultAt: '0.7', doc: 'Fails when two outputs save the same image name.' },
  { name: 'ci-arg', defaultAt: '0.7', doc: 'Provides the `EARTHLY_CI` builtin ARG.' },
  { name: 'earthly-git-author-args', defaultAt: '0.7', doc: 'Provides the `EARTHLY_GIT_AUTHOR` and `EARTHLY_GIT_CO_AUTHORS` builtin ARGs.' },
  { name: 'earthly-locally-arg', defaultAt: '0.7', doc: 'Provides the `EARTHLY_LOCALLY` builtin ARG.' },
  { name: 'earthly-version-arg', defaultAt: '0.7', doc: 'Provides the `EARTHLY_VERSION` and `EARTHLY_BUILD_SHA` builtin ARGs.' },
  { name: 'explicit-global', defaultAt: '0.7', doc: 'Base-recipe ARGs are global only when declared `ARG --global`.' },
  { name: 'git-commit-author-timestamp', defaultAt: '0.7', doc: 'Provides the `EARTHLY_GIT_COMMIT_AUTHOR_TIMESTAMP` builtin ARG.' },
  { name: 'new-platform', defaultAt: '0.7', doc: 'New platform handling; provides the `NATIVE*` builtin ARGs.' },
  { name: 'no-tar-build-output', defaultAt: '0.7', doc: 'Hides the output of building the tarballs loaded into `WITH DOCKER`.' },
  { name: 'save-artifact-keep-own', defaultAt: '0.7', doc: '`SAVE ARTIFACT` always keeps file ownership, as if `--keep-own` were given.' },
  { name: 'shell-out-anywhere', defaultAt: '0.7', doc: 'Allows `$(…)` shell-outs anywhere a value is expanded, with the new expansion engine.' },
  { name: 'use-cache-command', defaultAt: '0.7', doc: 'Enables the `CACHE` command.' },
  { name: 'use-chmod', defaultAt: '0.7', doc: 'Enables `COPY --chmod`.' },
  { name: 'use-copy-link', defaultAt: '0.7', doc: 'Copies with the semantics of Dockerfile `COPY --link`.' },
  { name: 'use-host-command', defaultAt: '0.7', doc: 'Enables the `HOST` command.' },
  { name: 'use-no-manifest-list', defaultAt: '0.7', doc: 'Enables `SAVE IMAGE --no-manifest-list`.' },
  { name: 'use-project-secrets', defaultAt: '0.7', doc: 'Enables the `PROJECT` command and project-scoped secrets.' },
  { name: 'wait-block', defaultAt: '0.7', doc: 'Enables `WAIT … END` and `EARTHLY_PUSH`; `RUN --push` may be followed by other commands.' },

  { name: 'no-network', defaultAt: '0.8', doc: 'Enables `RUN --network=none`.' },
  { name: 'arg-scope-and-set', defaultAt: '0.8', doc: 'Enables `SET`; ARGs are scoped and may not be redeclared in the same scope.', requires: ['shell-out-anywhere'] },
  { name: 'use-docker-ignore', defaultAt: '0.8', doc: '`FROM DOCKERFILE` of a local context falls back to `.dockerignore`.' },
  { name: 'pass-args', defaultAt: '0.8', doc: 'Enables `--pass-args` on FROM, BUILD, COPY, WITH DOCKER and DO.' },
  { name: 'global-cache', defaultAt: '0.8', doc: 'Cache mounts and `CACHE` with an `--id` are shared across Earthfiles.' },
  { name: 'cache-persist-option', defaultAt: '0.8', doc: 'Enables `CACHE --persist`; without it a `CACHE` is no longer kept in the image.' },
  { name: 'git-refs', defaultAt: '0.8', doc: 'Provides the `EARTHLY_GIT_REFS` builtin ARG.' },
  { name: 'use-visited-upfront-hash-collection', defaultAt: '0.8', doc: 'Hashes visited targets up front so targets differing only in args run in parallel.' },
  { name: 'use-function-keyword', defaultAt: '0.8', doc: 'Functions start with `FUNCTION` instead of `COMMAND`.' },

  { name: 'no-use-registry-for-with-docker', defaultAt: 'never', doc: 'Switches off `use-registry-for-with-docker` (an escape hatch).', disables: 'use-registry-for-with-docker' },
  { name: 'earthly-ci-runner-arg', defaultAt: 'never', doc: 'Provides the `EARTHLY_CI_RUNNER` builtin ARG.' },

  { name: 'try', defaultAt: 'experimental', doc: 'Enables `TRY … FINALLY … END`.' },
  { name: 'wildcard-builds', defaultAt: 'experimental', doc: 'Allows glob target references such as `BUILD ./svc/*+test`.' },
  { name: 'wildcard-copy', defaultAt: 'experimental', doc: 'Allows glob target references in COPY sources such as `./svc/*+build/out`.' },
  { name: 'build-auto-skip', defaultAt: 'experimental', doc: 'Enables `BUILD --auto-skip`.' },
  { name: 'allow-privileged-from-dockerfile', defaultAt: 'experimental', doc: 'Enables `FROM DOCKERFILE --allow-privileged`.' },
  { name: 'run-with-aws', defaultAt: 'experimental', doc: 'Enables `RUN --aws`: the host\'s AWS credentials are made available to the command.' },
  { name: 'run-with-aws-oidc', defaultAt: 'experimental', doc: 'Enables `RUN --oidc`: AWS credentials obtained through an OIDC role.' },
  { name: 'raw-output', defaultAt: 'experimental', doc: 'Enables `RUN --raw-output`.' },
  { name: 'git-author-email-name-args', defaultAt: 'experimental', doc: 'Provides the `EARTHLY_GIT_AUTHOR_EMAIL` and `EARTHLY_GIT_AUTHOR_NAME` builtin ARGs.' },
  { name: 'allow-without-earthly-labels', defaultAt: 'experimental', doc: 'Enables `SAVE IMAGE --without-earthly-labels`.' },
  { name: 'docker-cache', defaultAt: 'experimental', doc: 'Enables `WITH DOCKER --cache-id`.' },
];

/** The VERSION values a build accepts. */
export const SUPPORTED_VERSIONS: readonly string[] = ['0.6', '0.7', '0.8'];

/** Accepted as well, for Earthly's own tests: no feature is on by default. */
export const TESTING_VERSION = '0.0';

export const LATEST_VERSION = '0.8';

// Earthly computes features for a file without VERSION as if it said 0.5, although the build then fails.
const VERSION_WHEN_MISSING = '0.5';

const byName = new Map(FEATURES.map((f) => [f.name, f]));

/** The feature named `name`, written with or without its leading `--`. */
export function featureByName(name: string): FeatureSpec | undefined {
  return byName.get(name.replace(/^--/, ''));
}

/** True for the values `VERSION` accepts: the supported ones and the testing one. */
export function isAcceptedVersion(version: string): boolean {
  return version === TESTING_VERSION || SUPPORTED_VERSIONS.includes(version);
}

/** `major.minor` as numbers, or undefined when `version` is not of that form. */
export function parseVersion(version: string): { major: number; minor: number } | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(version);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

function atLeast(version: string, threshold: string): boolean {
  const v = parseVersion(version);
  const t = parseVersion(threshold);
  if (!v || !t) return false;
  return v.major > t.major || (v.major === t.major && v.minor >= t.minor);
}

/** True when `flag` is switched on by default under `VERSION <version>` (so naming it is redundant). */
export function isDefaultAt(flag: string, version: string): boolean {
  const feature = featureByName(flag);
  return feature !== undefined && parseVersion(feature.defaultAt) !== undefined && atLeast(version, feature.defaultAt);
}

/**
 * The features on for an Earthfile: the defaults of `version` plus the flags named on the VERSION
 * line (with or without `--`; unknown names are left out). An undefined version counts as 0.5.
 */
export function featuresInForce(version: string | undefined, explicitFlags: readonly string[]): ReadonlySet<string> {
  const defaults = defaultsAt(version ?? VERSION_WHEN_MISSING);
  const named = explicitFlags.map(featureByName).filter((f): f is FeatureSpec => f !== undefined);
  if (named.length === 0) return defaults;
  const on = new Set(defaults);
  for (const f of named) on.add(f.name);
  for (const f of named) if (f.disables) on.delete(f.disables);
  return on;
}

/** The features on by default, per accepted version (a handful of entries; other values are not kept). */
const defaultsByVersion = new Map<string, ReadonlySet<string>>();

function defaultsAt(version: string): ReadonlySet<string> {
  const known = defaultsByVersion.get(version);
  if (known) return known;
  const on = new Set(FEATURES.filter((f) => isDefaultAt(f.name, version)).map((f) => f.name));
  if (isAcceptedVersion(version) || version === VERSION_WHEN_MISSING) defaultsByVersion.set(version, on);
  return on;
}

/** Pairs (feature, missing requirement) among `enabled`: each one is an error on the VERSION line. */
export function unmetRequirements(enabled: ReadonlySet<string>): { feature: string; requires: string }[] {
  return FEATURES.filter((f) => enabled.has(f.name)).flatMap((f) =>
    (f.requires ?? []).filter((r) => !enabled.has(r)).map((r) => ({ feature: f.name, requires: r })),
  );
}
