// Values of open-ended flags that completion suggests (reference: shared earthfile-language.md §4.1):
// common platforms, and the keys of `RUN --mount`. Closed sets live on the flags (`FlagSpec.values`).

/** Platforms people build for most, in the `os/arch[/variant]` form of `--platform`. */
export const PLATFORMS: readonly string[] = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm/v7',
  'linux/arm/v6',
  'linux/386',
  'linux/ppc64le',
  'linux/s390x',
  'linux/riscv64',
];

export interface MountKey {
  readonly key: string;
  readonly doc: string;
  /** The only values accepted, when the set is closed. */
  readonly values?: readonly string[];
}

/** The comma-separated `key=value` options of `--mount` (RUN, IF, FOR). */
export const MOUNT_KEYS: readonly MountKey[] = [
  { key: 'type', values: ['cache', 'tmpfs', 'secret'], doc: 'What to mount: a cache kept between builds, an in-memory tmpfs, or a secret file.' },
  { key: 'target', doc: 'Where the mount appears in the build environment.' },
  { key: 'id', doc: 'The cache id to share a cache between commands, or the secret id of a secret mount.' },
  { key: 'mode', doc: 'The mode of the mounted directory or file, in octal.' },
  { key: 'chmod', doc: 'Another name for `mode`.' },
  { key: 'sharing', values: ['locked', 'shared', 'private'], doc: 'How parallel builds share a cache mount.' },
];

/** Whole `--mount` values to start from, one per mount type. */
export const MOUNT_TEMPLATES: readonly string[] = ['type=cache,target=', 'type=tmpfs,target=', 'type=secret,id=,target='];
