// The Earthfile commands as data (reference: shared earthfile-language.md §4, §5).
// Every feature (parser, diagnostics, completion, hover, grammar tests) reads this table.

import type { Flavor } from '../../../shared/src/settings';
import { FEATURES } from './features';

/** How a flag takes its value (go-flags semantics, reference §4). */
export type FlagKind = 'bool' | 'string' | 'list';

/**
 * Where a command (or flag) may appear:
 * - `firstStatement`: only as the first statement of the file (VERSION);
 * - `baseRecipe`: only in the base recipe, before the first target (PROJECT, `ARG --global`);
 * - `functionStart`: only as the first line of a function body (FUNCTION, COMMAND).
 */
export type Placement = 'firstStatement' | 'baseRecipe' | 'functionStart';

export interface FlagSpec {
  /**
   * The flag as written minus its `--`: long flags are `push` for `--push`; the one-letter flag of
   * FROM DOCKERFILE keeps its single dash, `-f`. So a token's lookup key is the token with a leading
   * `--` removed, and `flagSpelling` gives the written form back.
   */
  readonly name: string;
  readonly kind: FlagKind;
  readonly doc: string;
  /** Deprecated: still accepted; the text says what to use instead. */
  readonly deprecated?: string;
  /** Obsolete: rejected by Earthly; the text is the error. */
  readonly obsolete?: string;
  /** VERSION feature flag (without dashes) that must be on for this flag. */
  readonly feature?: string;
  /** Further feature flags that must also be on. */
  readonly alsoFeatures?: readonly string[];
  /** Other flags of the same command that must be given with this one. */
  readonly requiresFlags?: readonly string[];
  /** The shape of the value, for flags that take one: `<os>/<arch>[/<variant>]`. */
  readonly value?: string;
  /** The only values accepted, when the set is closed. */
  readonly values?: readonly string[];
  /** The value used when the flag is absent, as Earthly documents it. */
  readonly default?: string;
  readonly placement?: Placement;
  /** Parsed but without effect; the text says so. */
  readonly ignored?: string;
}

/**
 * How the parser splits a command's arguments (reference §2):
 * - `words`: atoms split on unquoted whitespace;
 * - `maybeJson`: `words`, or a JSON string array (exec form);
 * - `keyValue`: a key, an optional `=`, then the rest of the line as one value (ARG, ENV, LET, SET);
 * - `pairs`: `key=value` pairs, where every unquoted `=` separates (LABEL, lexer mode LABEL).
 */
export type ArgForm = 'words' | 'maybeJson' | 'keyValue' | 'pairs';

/** The grammar of a `keyValue` command (EarthParser.g4 `argStmt`, `envStmt`, `letStmt`, `setStmt`). */
export interface KeyValueGrammar {
  /** Options may come before the key; otherwise every word before `=` belongs to the key. */
  readonly options: boolean;
  /** `= <value>` is required. */
  readonly needsValue: boolean;
}

/** Role of a command in block structure (reference §5). */
export type BlockRole = 'opener' | 'clause' | 'end';

/** The syntax tree's node for a block, by the kind of its opener (reference §5). */
export type BlockKind = 'if' | 'for' | 'with' | 'wait' | 'try';

/**
 * How many positional arguments a command takes: the AST args after the flags (for `keyValue`
 * commands the `=` counts as one). A parenthesised group such as `(+t/out --K=v)` counts as one.
 * No `max` means unbounded.
 */
export interface Arity {
  readonly min: number;
  readonly max?: number;
  /** A higher minimum when the given flag is present (`SAVE IMAGE --push` needs an image name). */
  readonly minWithFlag?: { readonly flag: string; readonly min: number };
}

/**
 * A command-specific argument rule, for checks beyond counting (reference §4, §7):
 * - `fromRef`: `<image | target-ref> [--K=v …]`; `AS <name>` is refused ("AS not supported, use earthly targets instead");
 * - `refWithOverrides`: `<target-or-function-ref> [--K=v …]` (BUILD, DO);
 * - `copy`: `<src>… <dest>`; sources are all artifacts or all context paths;
 * - `saveArtifact`: `<src> [<dest>] [AS LOCAL <path>]`;
 * - `importAs`: `<earthfile-ref> [AS <alias>]`, so 1 or 3 words with `AS` in the middle;
 * - `assignment`: `<name> = <value>` with the `=` required (LET, SET);
 * - `declaration`: `<name> [= <value>]` (ARG, ENV);
 * - `forIn`: `<var> IN <expression…>`;
 * - `healthcheck`: `NONE`, or `CMD <command…>` in shell form;
 * - `labelPairs`: `<key>=<value>…`;
 * - `hostIp`: `<hostname> <ip>` with a valid IP address.
 */
export type ArgSyntax =
  | 'fromRef'
  | 'refWithOverrides'
  | 'copy'
  | 'saveArtifact'
  | 'importAs'
  | 'assignment'
  | 'declaration'
  | 'forIn'
  | 'healthcheck'
  | 'labelPairs'
  | 'hostIp';

/** What a block (or clause) body may hold, when the interpreter restricts it (reference §4.1, §5). */
export interface BodyRule {
  /** Command keywords allowed in the body. */
  readonly allowed: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** The error when the body breaks the rule. */
  readonly message: string;
}

export interface Deprecation {
  /** What to use instead. */
  readonly message: string;
  /** Deprecated only when this VERSION feature is on. */
  readonly whenFeature?: string;
  /** Deprecated only by EarthBuild. */
  readonly earthbuildOnly?: boolean;
}

export interface CommandSpec {
  /** The keyword text exactly as `earthly debug ast` names it (multi-word keywords use one space). */
  readonly name: string;
  readonly args: ArgForm;
  /** For `keyValue` commands: how the key and the value are written. */
  readonly keyValue?: KeyValueGrammar;
  /**
   * The grammar rule has no argument slot (EarthParser.g4 `ifStmt`, `tryStmt`): anything after the
   * keyword is a syntax error.
   */
  readonly noArguments?: boolean;
  /** What the grammar rule needs after the keyword (`version`, `ifExpr`, `forExpr`), when it needs a word. */
  readonly needsArguments?: string;
  readonly block?: BlockRole;
  /** For openers: the block node the parser builds. */
  readonly blockKind?: BlockKind;
  /** For clauses: the openers they may follow. */
  readonly clauseOf?: readonly string[];
  readonly flags: readonly FlagSpec[];
  /** What the command does, in a sentence or two (hover text). */
  readonly doc: string;
  /** The command's usage line, e.g. `COPY [options] <src>... <dest>`. */
  readonly synopsis: string;
  readonly arity: Arity;
  readonly syntax?: ArgSyntax;
  /** VERSION feature flag needed to use the command at all. */
  readonly feature?: string;
  /** Further feature flags that must also be on. */
  readonly alsoFeatures?: readonly string[];
  /** VERSION feature flag needed for glob target references such as `./svc/*+t`. */
  readonly wildcardFeature?: string;
  readonly placement?: Placement;
  readonly body?: BodyRule;
  readonly deprecated?: Deprecation;
  /** Dockerfile command that Earthly lexes but rejects ("command X not (yet) supported"). */
  readonly unsupported?: boolean;
  /** Accepted by the parser but refused by the interpreter; the text is the error. */
  readonly rejected?: string;
  /**
   * The interpreter takes the words as written, without parsing options (INT): `WORKDIR --x` names
   * the directory `--x`. Checks count `rawArgs` for these commands and report no flags.
   */
  readonly literalArgs?: boolean;
  /**
   * The words keep their line continuations as written, where other commands drop them (EB
   * `parse.go` runs the removal for commands only, not for IF, ELSE IF and FOR expressions): a
   * `$(ls \⏎ -a)` reaches the shell as typed.
   */
  readonly keepsContinuations?: boolean;
}

const words = 'words' as const;
const json = 'maybeJson' as const;
const kv = 'keyValue' as const;
const pairs = 'pairs' as const;

const none: Arity = { min: 0, max: 0 };
const any: Arity = { min: 0 };
const atLeast = (min: number): Arity => ({ min });
const between = (min: number, max: number): Arity => ({ min, max });

// Flags shared by several commands.
const privileged: FlagSpec = {
  name: 'privileged',
  kind: 'bool',
  doc: 'Runs with extended privileges. A remote target needs `--allow-privileged` from its caller for this.',
};
const ssh: FlagSpec = { name: 'ssh', kind: 'bool', doc: 'Makes the host\'s SSH agent available.' };
const noCache: FlagSpec = { name: 'no-cache', kind: 'bool', doc: 'Always runs, ignoring the cache (and so does everything after it).' };
const secret: FlagSpec = {
  name: 'secret',
  kind: 'list',
  value: '[<ENV>=]<secret-id>',
  doc: 'Exposes a secret as an environment variable: `--secret ENV=secret-id`, or `--secret secret-id` for a variable of the same name.',
};
const mount: FlagSpec = {
  name: 'mount',
  kind: 'list',
  value: 'type=cache|tmpfs|secret,target=<path>[,...]',
  doc: 'Mounts a cache, tmpfs or secret: `type=cache|tmpfs|secret,target=<path>[,id=<id>][,mode=<octal>][,sharing=locked|shared|private]`.',
};
const shellFlags: readonly FlagSpec[] = [privileged, ssh, noCache, secret, mount];

const allowPrivileged: FlagSpec = {
  name: 'allow-privileged',
  kind: 'bool',
  doc: 'Lets the referenced (possibly remote) targets use `--privileged` and LOCALLY.',
};
const passArgs: FlagSpec = {
  name: 'pass-args',
  kind: 'bool',
  feature: 'pass-args',
  doc: 'Passes the current build args on to the referenced target, also across Earthfiles.',
};
const platform: FlagSpec = { name: 'platform', kind: 'string', value: '<os>/<arch>[/<variant>]', doc: 'The platform to build for, e.g. `linux/arm64`.' };
const buildArg: FlagSpec = {
  name: 'build-arg',
  kind: 'list',
  value: '<KEY>=<value>',
  deprecated: 'Write the override after the target reference instead: `+target --KEY=value`.',
  doc: 'Overrides a build arg of the referenced target: `--build-arg KEY=value`.',
};
const keepTs: FlagSpec = { name: 'keep-ts', kind: 'bool', doc: 'Keeps the files\' timestamps instead of resetting them.' };
const keepOwn: FlagSpec = { name: 'keep-own', kind: 'bool', doc: 'Keeps the files\' owner and group.' };
const ifExists: FlagSpec = { name: 'if-exists', kind: 'bool', doc: 'Does nothing, instead of failing, when the source does not exist.' };
const symlinkNoFollow: FlagSpec = { name: 'symlink-no-follow', kind: 'bool', doc: 'Copies symlinks as links instead of following them.' };

/** The commands as written: object literals, each with its own optional keys. */
const TABLE: readonly CommandSpec[] = [
  {
    name: 'VERSION',
    args: words,
    synopsis: 'VERSION [--feature-flag...] <major>.<minor>',
    doc: 'Declares the Earthfile syntax version (0.6, 0.7 or 0.8), optionally with extra feature flags before the number. It must be the first statement; a build without it fails.',
    arity: between(1, 1),
    needsArguments: 'a version number',
    placement: 'firstStatement',
    flags: FEATURES.map((f) => ({ name: f.name, kind: 'bool', doc: f.doc })),
  },
  {
    name: 'FROM',
    args: words,
    synopsis: 'FROM [options] <image> | <target-ref> [--KEY=value...]',
    doc: 'Starts the recipe from a Docker image, or from the result of another target. `FROM scratch` starts from an empty image.',
    arity: atLeast(1),
    syntax: 'fromRef',
    flags: [platform, allowPrivileged, passArgs, buildArg],
  },
  {
    name: 'FROM DOCKERFILE',
    args: words,
    synopsis: 'FROM DOCKERFILE [options] <context-path> | <artifact-ref>',
    doc: 'Starts the recipe from the image a Dockerfile builds. The context is a local path or an artifact of another target.',
    arity: atLeast(1),
    flags: [
      { name: '-f', kind: 'string', value: '<path> | <artifact-ref>', doc: 'The Dockerfile to use: a path relative to the Earthfile, or an artifact reference. Defaults to `Dockerfile` in the context.' },
      { name: 'build-arg', kind: 'list', value: '<KEY>=<value>', doc: 'Sets an ARG of the Dockerfile: `--build-arg KEY=value`.' },
      { name: 'target', kind: 'string', value: '<stage>', doc: 'The stage of a multi-stage Dockerfile to build.' },
      platform,
      { ...allowPrivileged, feature: 'allow-privileged-from-dockerfile' },
    ],
  },
  {
    name: 'LOCALLY',
    literalArgs: true,
    args: words,
    synopsis: 'LOCALLY',
    doc: 'Runs the rest of the recipe on the host, in the Earthfile\'s directory, instead of in a container. Such commands are never cached.',
    // Documented without arguments, but the interpreter ignores any (INT handleLocally).
    arity: any,
    flags: [],
  },
  {
    name: 'RUN',
    args: json,
    synopsis: 'RUN [options] [--] <command>... | RUN [options] ["<exe>", "<arg>", ...]',
    doc: 'Runs a command in the build environment. In shell form the words are passed to `/bin/sh -c`, so the shell (not Earthly) expands variables; ARGs and ENVs are exported to it.',
    arity: any,
    flags: [
      { name: 'push', kind: 'bool', doc: 'Runs only when the build succeeds and is invoked with `--push`, e.g. to deploy.' },
      noCache,
      { name: 'entrypoint', kind: 'bool', doc: 'Prefixes the command with the image\'s ENTRYPOINT.' },
      privileged,
      secret,
      mount,
      ssh,
      { name: 'network', kind: 'string', values: ['none'], feature: 'no-network', doc: 'The network of the command; only `none` (no network access) is supported.' },
      { name: 'interactive', kind: 'bool', doc: 'Opens an interactive session; changes made in it are discarded.' },
      { name: 'interactive-keep', kind: 'bool', doc: 'Opens an interactive session and keeps the changes made in it.' },
      { name: 'aws', kind: 'bool', feature: 'run-with-aws', doc: 'Makes the host\'s AWS credentials (environment or `~/.aws`) available to the command.' },
      {
        name: 'oidc',
        kind: 'string',
        value: 'session-name=<name>,role-arn=<arn>,region=<region>[,session-duration=<duration>]',
        feature: 'run-with-aws-oidc',
        requiresFlags: ['aws'],
        doc: 'Gets AWS credentials through OIDC: `session-name=<n>,role-arn=<arn>,region=<r>[,session-duration=<d>]`.',
      },
      { name: 'raw-output', kind: 'bool', feature: 'raw-output', doc: 'Prints the command\'s output without the target prefix.' },
      {
        name: 'with-docker',
        kind: 'bool',
        obsolete: 'RUN --with-docker is obsolete: put the RUN inside a WITH DOCKER … END block.',
        doc: 'Obsolete; replaced by the WITH DOCKER block.',
      },
    ],
  },
  {
    name: 'COPY',
    args: words,
    synopsis: 'COPY [options] <src>... <dest> | COPY [options] <artifact-ref>... <dest>',
    doc: 'Copies files from the build context, or artifacts of other targets, into the build environment. A source in parentheses, `(+t/out --KEY=value)`, passes build args.',
    arity: atLeast(2),
    syntax: 'copy',
    wildcardFeature: 'wildcard-copy',
    flags: [
      { name: 'dir', kind: 'bool', doc: 'Copies directories themselves, not just their contents.' },
      { name: 'chown', kind: 'string', value: '<user>[:<group>]', doc: 'Sets the owner of the copied files: `<user>[:<group>]`.' },
      { name: 'chmod', kind: 'string', value: '<octal-mode>', feature: 'use-chmod', doc: 'Sets the mode of the copied files, in octal, e.g. `0755`.' },
      keepTs,
      keepOwn,
      ifExists,
      symlinkNoFollow,
      { ...platform, doc: 'The platform to build the referenced artifact for.' },
      allowPrivileged,
      passArgs,
      buildArg,
      { name: 'from', kind: 'string', value: '<stage>', obsolete: 'COPY --from not implemented', doc: 'Not supported: copy an artifact reference such as `+target/path` instead.' },
    ],
  },
  {
    name: 'SAVE ARTIFACT',
    args: words,
    synopsis: 'SAVE ARTIFACT [options] <src> [<dest>] [AS LOCAL <local-path>]',
    doc: 'Saves a file or directory as an artifact of the target (for COPY by other targets), and with `AS LOCAL` also writes it to the host once the build succeeds. The artifact path defaults to `/`.',
    arity: between(1, 5),
    syntax: 'saveArtifact',
    flags: [
      keepTs,
      keepOwn,
      ifExists,
      symlinkNoFollow,
      { name: 'force', kind: 'bool', doc: 'Allows `AS LOCAL` to write outside the Earthfile\'s directory.' },
    ],
  },
  {
    name: 'SAVE IMAGE',
    args: words,
    synopsis: 'SAVE IMAGE [options] <image-name>...',
    doc: 'Saves the current state as a Docker image under the given names, loaded locally or pushed with `--push`.',
    arity: { min: 0, minWithFlag: { flag: 'push', min: 1 } },
    flags: [
      { name: 'push', kind: 'bool', doc: 'Pushes the image to its registry when the build succeeds and is invoked with `--push`.' },
      { name: 'cache-hint', kind: 'bool', doc: 'Includes this image in the remote cache when inline caching is used.' },
      { name: 'insecure', kind: 'bool', doc: 'Pushes over plain HTTP, to an insecure registry.' },
      { name: 'no-manifest-list', kind: 'bool', feature: 'use-no-manifest-list', doc: 'Pushes a plain image without a manifest list naming its platform.' },
      { name: 'cache-from', kind: 'list', value: '<image>', doc: 'An extra image to import cache from.' },
      { name: 'without-earthly-labels', kind: 'bool', feature: 'allow-without-earthly-labels', doc: 'Leaves out the `dev.earthly.*` labels.' },
    ],
  },
  {
    name: 'BUILD',
    args: words,
    synopsis: 'BUILD [options] <target-ref> [--KEY=value...]',
    doc: 'Builds another target as a dependency; its images and artifacts are output too. A repeated override key builds every combination.',
    arity: atLeast(1),
    syntax: 'refWithOverrides',
    wildcardFeature: 'wildcard-builds',
    flags: [
      { name: 'platform', kind: 'list', value: '<os>/<arch>[/<variant>]', doc: 'A platform to build for; repeat it to build several.' },
      allowPrivileged,
      passArgs,
      { name: 'auto-skip', kind: 'bool', feature: 'build-auto-skip', doc: 'Skips the target when nothing it depends on has changed.' },
      buildArg,
    ],
  },
  {
    name: 'ARG',
    args: kv,
    keyValue: { options: true, needsValue: false },
    synopsis: 'ARG [--required] [--global] <name>[=<default>]',
    doc: 'Declares a build argument, visible to the end of the target or function. The value can be overridden by callers; the default may be a `$(...)` shell-out.',
    arity: between(1, 3),
    syntax: 'declaration',
    flags: [
      { name: 'required', kind: 'bool', doc: 'The caller must give a value; a default is not allowed.' },
      {
        name: 'global',
        kind: 'bool',
        feature: 'explicit-global',
        placement: 'baseRecipe',
        doc: 'Makes a base-recipe ARG visible to every target of the Earthfile.',
      },
    ],
  },
  {
    name: 'LET',
    args: kv,
    keyValue: { options: true, needsValue: true },
    synopsis: 'LET <name> = <value>',
    doc: 'Declares a local variable, which callers cannot override and SET can change. It may shadow an ARG.',
    arity: between(2, 3),
    syntax: 'assignment',
    flags: [],
  },
  {
    name: 'SET',
    args: kv,
    keyValue: { options: false, needsValue: true },
    synopsis: 'SET <name> = <value>',
    doc: 'Changes the value of a variable declared with LET.',
    arity: between(2, 3),
    syntax: 'assignment',
    feature: 'arg-scope-and-set',
    flags: [],
  },
  {
    name: 'PROJECT',
    literalArgs: true,
    args: words,
    synopsis: 'PROJECT <org>/<project>',
    doc: 'Names the Earthly Cloud organisation and project whose secrets the builds use. Base recipe only; never expanded.',
    arity: between(1, 1),
    placement: 'baseRecipe',
    feature: 'use-project-secrets',
    deprecated: { message: 'EarthBuild deprecates PROJECT, which served Earthly Cloud secrets.', earthbuildOnly: true },
    flags: [],
  },
  {
    name: 'GIT CLONE',
    args: words,
    synopsis: 'GIT CLONE [options] <git-url> <dest>',
    doc: 'Shallow-clones a git repository into the given directory.',
    arity: between(2, 2),
    flags: [{ name: 'branch', kind: 'string', value: '<branch-or-tag>', doc: 'The branch or tag to clone.' }, keepTs],
  },
  {
    name: 'WITH DOCKER',
    args: words,
    block: 'opener',
    blockKind: 'with',
    synopsis: 'WITH DOCKER [options]\n  RUN ...\nEND',
    doc: 'Runs a Docker daemon for the single RUN in the block, with images pulled or loaded from other targets. Implies privileged mode.',
    arity: none,
    body: {
      allowed: ['RUN'],
      min: 1,
      max: 1,
      message: 'only one command is allowed in WITH DOCKER and it has to be RUN',
    },
    flags: [
      { name: 'pull', kind: 'list', value: '<image>', doc: 'An image to pull into the daemon.' },
      { name: 'load', kind: 'list', value: '[<image>=]<target-ref>', doc: 'An image built by a target to load into the daemon: `[<image>=]<target-ref>` or `<image>=(+t --KEY=value)`.' },
      { name: 'compose', kind: 'list', value: '<compose-file>', doc: 'A Docker Compose file whose services are started before the RUN.' },
      { name: 'service', kind: 'list', value: '<service>', requiresFlags: ['compose'], doc: 'A Compose service to start (default: all).' },
      { ...platform, doc: 'The platform of the loaded images.' },
      allowPrivileged,
      passArgs,
      { name: 'cache-id', kind: 'string', value: '<id>', feature: 'docker-cache', doc: 'Keeps the daemon\'s data in a cache with this id across builds.' },
      buildArg,
    ],
  },
  {
    name: 'IF',
    keepsContinuations: true,
    args: json,
    block: 'opener',
    blockKind: 'if',
    synopsis: 'IF [options] <condition>\n  ...\n[ELSE IF <condition>\n  ...]\n[ELSE\n  ...]\nEND',
    doc: 'Runs the body when the condition, a shell command run in the build environment, exits with 0. Changes the condition makes to the filesystem are discarded.',
    arity: any,
    needsArguments: 'a condition',
    flags: shellFlags,
  },
  {
    name: 'ELSE IF',
    keepsContinuations: true,
    args: json,
    block: 'clause',
    clauseOf: ['IF'],
    synopsis: 'ELSE IF [options] <condition>',
    doc: 'Tries another condition when the previous ones failed.',
    arity: any,
    needsArguments: 'a condition',
    flags: shellFlags,
  },
  {
    name: 'ELSE',
    args: words,
    block: 'clause',
    clauseOf: ['IF'],
    synopsis: 'ELSE',
    doc: 'Runs its body when no condition of the IF held.',
    arity: none,
    noArguments: true,
    flags: [],
  },
  {
    name: 'FOR',
    keepsContinuations: true,
    args: words,
    block: 'opener',
    blockKind: 'for',
    synopsis: 'FOR [options] <variable> IN <expression>\n  ...\nEND',
    doc: 'Runs the body once per item of the expression, which is expanded (a `$(...)` runs in the build environment) and split on the separator characters. The variable acts as an ARG in the body.',
    arity: atLeast(3),
    needsArguments: 'a variable and a list: FOR <var> IN <list>',
    syntax: 'forIn',
    feature: 'for-in',
    flags: [{ name: 'sep', kind: 'string', value: '<characters>', default: '\n\t ', doc: 'The characters that separate items (default: newline, tab and space).' }, ...shellFlags],
  },
  {
    name: 'WAIT',
    literalArgs: true,
    args: words,
    block: 'opener',
    blockKind: 'wait',
    synopsis: 'WAIT\n  ...\nEND',
    doc: 'Finishes everything in the body, outputs and pushes included, before going on.',
    arity: none,
    feature: 'wait-block',
    alsoFeatures: ['referenced-save-only'],
    flags: [],
  },
  {
    name: 'TRY',
    args: words,
    block: 'opener',
    blockKind: 'try',
    synopsis: 'TRY\n  RUN ...\nFINALLY\n  SAVE ARTIFACT ... AS LOCAL ...\nEND',
    doc: 'Runs a single command and then, whether it failed or not, saves the artifacts listed under FINALLY (experimental).',
    arity: none,
    noArguments: true,
    feature: 'try',
    body: {
      allowed: ['RUN', 'WITH DOCKER'],
      min: 1,
      max: 1,
      message: 'TRY must hold exactly one RUN or one WITH DOCKER',
    },
    flags: [],
  },
  {
    name: 'CATCH',
    args: words,
    block: 'clause',
    clauseOf: ['TRY'],
    synopsis: 'CATCH',
    doc: 'Parsed as part of TRY, but not implemented by the interpreter.',
    arity: none,
    noArguments: true,
    rejected: 'CATCH is not supported',
    flags: [],
  },
  {
    name: 'FINALLY',
    args: words,
    block: 'clause',
    clauseOf: ['TRY'],
    synopsis: 'FINALLY',
    doc: 'Holds the `SAVE ARTIFACT ... AS LOCAL` commands run after the TRY body, even when it failed.',
    arity: none,
    noArguments: true,
    body: {
      allowed: ['SAVE ARTIFACT'],
      message: 'only SAVE ARTIFACT ... AS LOCAL is allowed in FINALLY',
    },
    flags: [],
  },
  {
    name: 'END',
    args: words,
    block: 'end',
    synopsis: 'END',
    doc: 'Closes an IF, FOR, WITH DOCKER, WAIT or TRY block.',
    arity: none,
    noArguments: true,
    flags: [],
  },
  {
    name: 'CACHE',
    args: words,
    synopsis: 'CACHE [options] <mountpoint>',
    doc: 'Keeps the directory in a cache that survives between builds of this step. A relative path is resolved against WORKDIR.',
    arity: between(1, 1),
    feature: 'use-cache-command',
    flags: [
      { name: 'sharing', kind: 'string', values: ['locked', 'shared', 'private'], default: 'locked', doc: 'How parallel builds share the cache.' },
      { name: 'chmod', kind: 'string', value: '<octal-mode>', default: '0644', doc: 'The mode of the cache directory, in octal.' },
      { name: 'id', kind: 'string', value: '<cache-id>', doc: 'The cache id, to share one cache between targets (and, with `global-cache`, Earthfiles).' },
      { name: 'persist', kind: 'bool', feature: 'cache-persist-option', doc: 'Also copies the cache contents into the image.' },
    ],
  },
  {
    name: 'HOST',
    literalArgs: true,
    args: words,
    synopsis: 'HOST <hostname> <ip>',
    doc: 'Adds a host name entry to `/etc/hosts` for the following commands.',
    arity: between(2, 2),
    syntax: 'hostIp',
    feature: 'use-host-command',
    flags: [],
  },
  {
    name: 'FUNCTION',
    literalArgs: true,
    args: words,
    synopsis: 'FUNCTION',
    doc: 'Marks the recipe as a function, a reusable list of commands called with DO. It must be the first line of the function.',
    arity: none,
    placement: 'functionStart',
    feature: 'use-function-keyword',
    flags: [],
  },
  {
    name: 'COMMAND',
    literalArgs: true,
    args: words,
    synopsis: 'COMMAND',
    doc: 'The VERSION 0.6/0.7 spelling of FUNCTION: marks the recipe as a function called with DO.',
    arity: none,
    placement: 'functionStart',
    deprecated: { message: 'Use FUNCTION instead of COMMAND.', whenFeature: 'use-function-keyword' },
    flags: [],
  },
  {
    name: 'DO',
    args: words,
    synopsis: 'DO [options] <function-ref> [--KEY=value...]',
    doc: 'Runs the commands of a function in the current target, as if they were written here.',
    arity: atLeast(1),
    syntax: 'refWithOverrides',
    flags: [allowPrivileged, passArgs],
  },
  {
    name: 'IMPORT',
    args: words,
    synopsis: 'IMPORT [options] <earthfile-ref> [AS <alias>]',
    doc: 'Gives a short alias to another Earthfile\'s directory; the alias defaults to the last path element. In the base recipe it applies to the whole file.',
    arity: between(1, 3),
    syntax: 'importAs',
    flags: [
      allowPrivileged,
      { name: 'pass-args', kind: 'bool', ignored: 'IMPORT --pass-args is accepted but has no effect.', doc: 'Accepted for symmetry with the other commands; does nothing on IMPORT.' },
    ],
  },
  {
    name: 'CMD',
    literalArgs: true,
    args: json,
    synopsis: 'CMD ["<exe>", "<arg>", ...] | CMD <command>...',
    doc: 'Sets the default command of the image saved by SAVE IMAGE.',
    arity: any,
    flags: [],
  },
  {
    name: 'ENTRYPOINT',
    literalArgs: true,
    args: json,
    synopsis: 'ENTRYPOINT ["<exe>", "<arg>", ...] | ENTRYPOINT <command>...',
    doc: 'Sets the entrypoint of the image saved by SAVE IMAGE.',
    arity: any,
    flags: [],
  },
  {
    name: 'LABEL',
    literalArgs: true,
    args: pairs,
    synopsis: 'LABEL <key>=<value>...',
    doc: 'Adds metadata labels to the image. Keys under `dev.earthly.` are reserved.',
    arity: atLeast(1),
    syntax: 'labelPairs',
    flags: [],
  },
  {
    name: 'EXPOSE',
    literalArgs: true,
    args: words,
    synopsis: 'EXPOSE <port>[/<protocol>]...',
    doc: 'Declares the ports the image listens on.',
    arity: atLeast(1),
    flags: [],
  },
  {
    name: 'ENV',
    literalArgs: true,
    args: kv,
    keyValue: { options: false, needsValue: false },
    synopsis: 'ENV <key>=<value> | ENV <key> <value>',
    doc: 'Sets an environment variable for the following commands and in the saved image. The key is never expanded.',
    arity: between(1, 3),
    syntax: 'declaration',
    flags: [],
  },
  {
    name: 'VOLUME',
    literalArgs: true,
    args: json,
    synopsis: 'VOLUME <path>... | VOLUME ["<path>", ...]',
    doc: 'Declares mount points of the saved image.',
    arity: atLeast(1),
    flags: [],
  },
  {
    name: 'USER',
    literalArgs: true,
    args: words,
    synopsis: 'USER <user>[:<group>]',
    doc: 'Sets the user for the following commands and in the saved image.',
    arity: between(1, 1),
    flags: [],
  },
  {
    name: 'WORKDIR',
    literalArgs: true,
    args: words,
    synopsis: 'WORKDIR <path>',
    doc: 'Sets the working directory for the following commands and in the saved image, creating it if missing.',
    arity: between(1, 1),
    flags: [],
  },
  {
    name: 'HEALTHCHECK',
    args: words,
    synopsis: 'HEALTHCHECK NONE | HEALTHCHECK [options] CMD <command>...',
    doc: 'Sets how the saved image checks that a container is healthy, or disables the check with NONE. The exec (JSON) form is not supported.',
    arity: atLeast(1),
    syntax: 'healthcheck',
    flags: [
      { name: 'interval', kind: 'string', value: '<duration>', default: '30s', doc: 'Time between checks, e.g. `30s`.' },
      { name: 'timeout', kind: 'string', value: '<duration>', default: '30s', doc: 'Time after which a check counts as failed.' },
      { name: 'start-period', kind: 'string', value: '<duration>', doc: 'Start-up time during which failures are not counted.' },
      { name: 'retries', kind: 'string', value: '<count>', default: '3', doc: 'Consecutive failures before the container is unhealthy.' },
      { name: 'start-interval', kind: 'string', value: '<duration>', default: '5s', doc: 'Time between checks during the start period.' },
    ],
  },
  { name: 'SHELL', args: words, literalArgs: true, synopsis: 'SHELL', doc: 'Dockerfile command not supported in Earthfiles.', arity: any, flags: [], unsupported: true },
  { name: 'ADD', args: words, literalArgs: true, synopsis: 'ADD', doc: 'Dockerfile command not supported in Earthfiles; use COPY, or RUN with curl or git.', arity: any, flags: [], unsupported: true },
  { name: 'ONBUILD', args: words, literalArgs: true, synopsis: 'ONBUILD', doc: 'Dockerfile command not supported in Earthfiles.', arity: any, flags: [], unsupported: true },
  { name: 'STOPSIGNAL', args: words, literalArgs: true, synopsis: 'STOPSIGNAL', doc: 'Dockerfile command not supported in Earthfiles.', arity: any, flags: [], unsupported: true },
];

/** Every key of `T`, unset: spread first, it fixes the keys and their order. */
type AllKeys<T> = { readonly [K in keyof Required<T>]: undefined };

const COMMAND_KEYS: AllKeys<CommandSpec> = {
  name: undefined,
  args: undefined,
  keyValue: undefined,
  noArguments: undefined,
  needsArguments: undefined,
  block: undefined,
  blockKind: undefined,
  clauseOf: undefined,
  flags: undefined,
  doc: undefined,
  synopsis: undefined,
  arity: undefined,
  syntax: undefined,
  feature: undefined,
  alsoFeatures: undefined,
  wildcardFeature: undefined,
  placement: undefined,
  body: undefined,
  deprecated: undefined,
  unsupported: undefined,
  rejected: undefined,
  literalArgs: undefined,
  keepsContinuations: undefined,
};

const FLAG_KEYS: AllKeys<FlagSpec> = {
  name: undefined,
  kind: undefined,
  doc: undefined,
  deprecated: undefined,
  obsolete: undefined,
  feature: undefined,
  alsoFeatures: undefined,
  requiresFlags: undefined,
  value: undefined,
  values: undefined,
  default: undefined,
  placement: undefined,
  ignored: undefined,
};

const ARITY_KEYS: AllKeys<Arity> = { min: undefined, max: undefined, minWithFlag: undefined };

/**
 * Every command keyword, with its grammar, flags, argument shape and documentation (reference §4).
 * Copies of the table's entries that spell out every key: literals with different optional keys each
 * get their own hidden class, so a read such as `spec.feature` over every command of a file would be
 * megamorphic (slow); the copies share one class per kind (command, flag, arity).
 */
export const COMMANDS: readonly CommandSpec[] = TABLE.map(
  (c): CommandSpec => ({
    ...COMMAND_KEYS,
    ...c,
    arity: { ...ARITY_KEYS, ...c.arity },
    flags: c.flags.map((f): FlagSpec => ({ ...FLAG_KEYS, ...f })),
  }),
);

// A Map: keyword texts are slices of the source, and a Map looks them up without interning them.
const byName = new Map(COMMANDS.map((c) => [c.name, c]));

/** The command whose keyword text is exactly `name` (e.g. `SAVE IMAGE`), if any. */
export function commandByName(name: string): CommandSpec | undefined {
  return byName.get(name);
}

const flagsByCommand = new WeakMap<CommandSpec, ReadonlyMap<string, FlagSpec>>();

/** The flag of `command` named `name` (as in `FlagSpec.name`), in constant time. */
export function flagOf(command: CommandSpec, name: string): FlagSpec | undefined {
  let flags = flagsByCommand.get(command);
  if (!flags) flagsByCommand.set(command, (flags = new Map(command.flags.map((f) => [f.name, f]))));
  return flags.get(name);
}

/**
 * The flag of `command` written as `token`: `--push`, `--push=true` and `-f` all work; the value
 * after `=` is ignored.
 */
export function findFlag(command: CommandSpec, token: string): FlagSpec | undefined {
  const key = token.split('=', 1)[0].replace(/^--/, '');
  return flagOf(command, key);
}

/** The flag as written in an Earthfile: `--push`, or `-f` for the one-letter flag. */
export function flagSpelling(flag: FlagSpec): string {
  return flag.name.startsWith('-') ? flag.name : `--${flag.name}`;
}

/** Whether `command` is deprecated in a file with these VERSION features, built by this flavor. */
export function isDeprecatedCommand(command: CommandSpec, features: ReadonlySet<string>, flavor: Flavor): boolean {
  const d = command.deprecated;
  if (!d) return false;
  if (d.earthbuildOnly && flavor !== 'earthbuild') return false;
  return d.whenFeature === undefined || features.has(d.whenFeature);
}
