// What a LOCALLY target may not do (reference: shared earthfile-language.md §4.1 LOCALLY, CACHE, HOST).
// Only the uses listed here are known build errors; everything else is left alone.

export interface LocallyRestriction {
  /** Command keyword, as in `COMMANDS`. */
  readonly command: string;
  /** Set when only this flag of the command is refused (name as in `FlagSpec.name`). */
  readonly flag?: string;
  /** Set when only the `AS LOCAL` form of the command is refused. */
  readonly asLocalOnly?: boolean;
  /** The error Earthly reports. */
  readonly message: string;
}

export const LOCALLY_RESTRICTIONS: readonly LocallyRestriction[] = [
  { command: 'CACHE', message: 'CACHE is not supported under LOCALLY' },
  { command: 'HOST', message: 'HOST is not supported under LOCALLY' },
  { command: 'SAVE ARTIFACT', asLocalOnly: true, message: 'SAVE ARTIFACT AS LOCAL is not implemented under LOCALLY targets' },
  { command: 'RUN', flag: 'network', message: '--network=none is not supported with LOCALLY' },
];
