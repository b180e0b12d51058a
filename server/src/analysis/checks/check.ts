// The shape of a group of checks. Each group (syntax, version, commands, references, variables) is a
// module that declares its rules as data and one function that reports findings for a file.
import type { Range } from '../../parser';
import type { FileModel } from '../model';
import type { WorkspaceIndex } from '../workspaceIndex';
import type { Finding, Flavor, Severity } from './finding';

export interface RuleSpec {
  readonly severity: Severity;
  /** One line for the rule table (README, `earthfile lint --rules`). */
  readonly summary: string;
  /** The rule applies only to this flavour (e.g. EarthBuild's `EARTH_*` spellings). */
  readonly flavor?: Flavor;
}

export interface CheckContext {
  readonly model: FileModel;
  readonly flavor: Flavor;
  /** The absolute path of the checked Earthfile, when it is on disk (cross-file checks need it). */
  readonly path?: string;
  /** The other Earthfiles of the workspace; absent for a lone document (no cross-file checks). */
  readonly workspace?: WorkspaceIndex;
  report(code: string, range: Range, message: string, extras?: Omit<Finding, 'code' | 'range' | 'message'>): void;
}

export interface CheckGroup {
  readonly rules: Readonly<Record<string, RuleSpec>>;
  check(context: CheckContext): void;
}
