// One rule, shown twice: an Earthfile that triggers it and the closest valid form that must not.
import type { Flavor } from '../../../../server/src/analysis/checks/finding';

export interface RuleCase {
  readonly code: string;
  /** What the case shows, for the test name. */
  readonly name?: string;
  /** Triggers `code` (the checked file is `/w/Earthfile`). */
  readonly bad: string;
  /** The closest valid form: must not trigger `code`. */
  readonly good: string;
  /** The exact source text the diagnostic must cover in `bad` (its first occurrence, or `nth`). */
  readonly range?: string;
  readonly nth?: number;
  /** A substring the message must contain (the flag, the feature flag, the VERSION needed…). */
  readonly message?: string;
  /** Other files of the in-memory workspace, by absolute path (e.g. `/w/lib/Earthfile`). */
  readonly files?: Readonly<Record<string, string>>;
  readonly flavor?: Flavor;
  /** A fix title the diagnostic must offer, and the text after applying it to `bad` (same-file edits). */
  readonly fix?: { readonly title: string; readonly result?: string };
}
