// Builtin ARGs as data (reference: shared earthfile-language.md §8).
// A builtin is used by declaring it with a bare `ARG NAME`; it takes no default and no override.

export type BuiltinGroup = 'target' | 'platform' | 'run' | 'git';

export interface BuiltinArgSpec {
  /** The Earthly spelling (`EARTHLY_*`, or the unprefixed platform names). */
  readonly name: string;
  /** The EarthBuild spelling: `EARTH_*` for the `EARTHLY_*` names, otherwise the same name. */
  readonly earthbuildName: string;
  readonly group: BuiltinGroup;
  /** VERSION feature flag that provides the ARG; absent means always available. */
  readonly feature?: string;
  /** Set when only EarthBuild provides the ARG (then `name` is the EarthBuild spelling too). */
  readonly earthbuildOnly?: boolean;
  /** Set when the ARG exists in the code but not in the builtin-args documentation. */
  readonly undocumented?: boolean;
  readonly doc: string;
}

interface Row {
  readonly name: string;
  readonly group: BuiltinGroup;
  readonly doc: string;
  readonly feature?: string;
  readonly earthbuildOnly?: boolean;
  readonly undocumented?: boolean;
}

const ROWS: readonly Row[] = [
  { name: 'EARTHLY_TARGET', group: 'target', doc: 'The canonical reference of the current target, e.g. `github.com/org/repo/dir:main+build`.' },
  { name: 'EARTHLY_TARGET_NAME', group: 'target', doc: 'The name of the current target, e.g. `build`.' },
  { name: 'EARTHLY_TARGET_PROJECT', group: 'target', doc: 'The project part of the current target reference, tag included, e.g. `github.com/org/repo/dir:main`.' },
  { name: 'EARTHLY_TARGET_PROJECT_NO_TAG', group: 'target', doc: 'The project part of the current target reference without the tag.' },
  { name: 'EARTHLY_TARGET_TAG', group: 'target', doc: 'The git tag or branch of the current target reference.' },
  { name: 'EARTHLY_TARGET_TAG_DOCKER', group: 'target', doc: 'The tag of the current target reference made safe for use as a Docker image tag.' },

  { name: 'TARGETPLATFORM', group: 'platform', doc: 'The platform being built for, e.g. `linux/amd64`. Under LOCALLY this is the user platform.' },
  { name: 'TARGETOS', group: 'platform', doc: 'The OS part of `TARGETPLATFORM`, e.g. `linux`.' },
  { name: 'TARGETARCH', group: 'platform', doc: 'The architecture part of `TARGETPLATFORM`, e.g. `amd64`.' },
  { name: 'TARGETVARIANT', group: 'platform', doc: 'The variant part of `TARGETPLATFORM`, e.g. `v7`; often empty.' },
  { name: 'USERPLATFORM', group: 'platform', doc: 'The platform of the machine that invoked the build.' },
  { name: 'USEROS', group: 'platform', doc: 'The OS part of `USERPLATFORM`.' },
  { name: 'USERARCH', group: 'platform', doc: 'The architecture part of `USERPLATFORM`.' },
  { name: 'USERVARIANT', group: 'platform', doc: 'The variant part of `USERPLATFORM`.' },
  { name: 'NATIVEPLATFORM', group: 'platform', feature: 'new-platform', doc: 'The native platform of the buildkit daemon running the build.' },
  { name: 'NATIVEOS', group: 'platform', feature: 'new-platform', doc: 'The OS part of `NATIVEPLATFORM`.' },
  { name: 'NATIVEARCH', group: 'platform', feature: 'new-platform', doc: 'The architecture part of `NATIVEPLATFORM`.' },
  { name: 'NATIVEVARIANT', group: 'platform', feature: 'new-platform', doc: 'The variant part of `NATIVEPLATFORM`.' },

  { name: 'EARTHLY_PUSH', group: 'run', feature: 'wait-block', doc: '`true` when the build runs in push mode (`--push`) and the target is reached through a BUILD chain, else `false`.' },
  { name: 'EARTHLY_VERSION', group: 'run', feature: 'earthly-version-arg', doc: 'The version of the tool running the build.' },
  { name: 'EARTHLY_BUILD_SHA', group: 'run', feature: 'earthly-version-arg', doc: 'The git commit of the tool running the build.' },
  { name: 'EARTHLY_CI', group: 'run', feature: 'ci-arg', doc: '`true` when the build runs with `--ci`, else `false`.' },
  { name: 'EARTHLY_LOCALLY', group: 'run', feature: 'earthly-locally-arg', doc: '`true` in a target that runs LOCALLY, else `false`.' },
  { name: 'EARTHLY_CI_RUNNER', group: 'run', feature: 'earthly-ci-runner-arg', doc: '`true` when the build runs on the (discontinued) Earthly CI runner.' },

  { name: 'EARTHLY_GIT_HASH', group: 'git', doc: 'The full commit hash of the build context\'s git checkout.' },
  { name: 'EARTHLY_GIT_SHORT_HASH', group: 'git', doc: 'The abbreviated commit hash of the build context\'s git checkout.' },
  { name: 'EARTHLY_GIT_BRANCH', group: 'git', doc: 'The checked-out git branch.' },
  { name: 'EARTHLY_GIT_TAG', group: 'git', undocumented: true, doc: 'The git tag of the checked-out commit, if any.' },
  { name: 'EARTHLY_GIT_ORIGIN_URL', group: 'git', doc: 'The URL of the `origin` remote.' },
  { name: 'EARTHLY_GIT_ORIGIN_URL_SCRUBBED', group: 'git', undocumented: true, doc: 'The URL of the `origin` remote with any credentials removed.' },
  { name: 'EARTHLY_GIT_PROJECT_NAME', group: 'git', doc: 'The project path taken from the origin URL, e.g. `org/repo`.' },
  { name: 'EARTHLY_GIT_COMMIT_TIMESTAMP', group: 'git', doc: 'The committer timestamp of the checked-out commit, in Unix seconds.' },
  { name: 'EARTHLY_SOURCE_DATE_EPOCH', group: 'git', doc: 'The commit timestamp for reproducible builds; always set, `0` outside git.' },
  { name: 'EARTHLY_GIT_COMMIT_AUTHOR_TIMESTAMP', group: 'git', feature: 'git-commit-author-timestamp', doc: 'The author timestamp of the checked-out commit, in Unix seconds.' },
  { name: 'EARTHLY_GIT_AUTHOR', group: 'git', feature: 'earthly-git-author-args', doc: 'The author of the checked-out commit (empty outside git).' },
  { name: 'EARTHLY_GIT_CO_AUTHORS', group: 'git', feature: 'earthly-git-author-args', doc: 'The co-authors named by `Co-authored-by` trailers of the checked-out commit.' },
  { name: 'EARTHLY_GIT_AUTHOR_EMAIL', group: 'git', feature: 'git-author-email-name-args', doc: 'The author email of the checked-out commit.' },
  { name: 'EARTHLY_GIT_AUTHOR_NAME', group: 'git', feature: 'git-author-email-name-args', doc: 'The author name of the checked-out commit.' },
  { name: 'EARTHLY_GIT_REFS', group: 'git', feature: 'git-refs', doc: 'The git references (branches, tags) that point at the checked-out commit.' },
  { name: 'EARTH_GIT_CONTENT_HASH', group: 'git', earthbuildOnly: true, doc: 'The git tree hash of the build context content (EarthBuild v0.8.18 and later).' },
];

/** EarthBuild renamed every `EARTHLY_` builtin to the `EARTH_` prefix. */
function toEarthbuild(name: string): string {
  return name.replace(/^EARTHLY_/, 'EARTH_');
}

export const BUILTIN_ARGS: readonly BuiltinArgSpec[] = ROWS.map((r) => ({ ...r, earthbuildName: toEarthbuild(r.name) }));

const bySpelling = new Map<string, BuiltinArgSpec>(
  BUILTIN_ARGS.flatMap((b) => [
    [b.name, b],
    [b.earthbuildName, b],
  ]),
);

/** The builtin ARG spelled `name` in either the Earthly (`EARTHLY_*`) or EarthBuild (`EARTH_*`) way. */
export function builtinArg(name: string): BuiltinArgSpec | undefined {
  return bySpelling.get(name);
}

/** True when `name` is the `EARTHLY_*` spelling that EarthBuild still accepts but warns about. */
export function isEarthlySpelling(name: string): boolean {
  const spec = builtinArg(name);
  return spec !== undefined && spec.name === name && spec.earthbuildName !== name;
}

/** The builtin ARGs available when the given VERSION features are on. */
export function builtinArgsInForce(features: ReadonlySet<string>): BuiltinArgSpec[] {
  return BUILTIN_ARGS.filter((b) => b.feature === undefined || features.has(b.feature));
}
