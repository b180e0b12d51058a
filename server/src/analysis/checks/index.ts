// Every check, run over one file. Groups declare their rules; this module is the one rule table.
import type { Range } from '../../parser';
import type { FileModel } from '../model';
import type { WorkspaceIndex } from '../workspaceIndex';
import type { CheckGroup, RuleSpec } from './check';
import type { Finding, Flavor, Severity } from './finding';
import { commandChecks } from './command';
import { span } from './span';
import { referenceChecks } from './referenceChecks';
import { syntaxChecks } from './syntaxChecks';
import { variableChecks } from './variableChecks';
import { errorMessage } from '../../../../shared/src/errorMessage';
import { versionChecks } from './versionChecks';

const GROUPS: readonly CheckGroup[] = [syntaxChecks, versionChecks, commandChecks, referenceChecks, variableChecks];

/** Every rule code with its default severity and summary. */
export const RULES: ReadonlyMap<string, RuleSpec> = new Map(GROUPS.flatMap((g) => Object.entries(g.rules)));

export interface CheckOptions {
  readonly flavor?: Flavor;
  readonly path?: string;
  readonly workspace?: WorkspaceIndex;
}

export interface RatedFinding extends Finding {
  readonly severity: Severity;
}

/** Runs every check over `model`; a check that throws is reported as an internal error, never rethrown. */
export function runChecks(model: FileModel, options: CheckOptions = {}): RatedFinding[] {
  const flavor = options.flavor ?? 'earthly';
  const findings: RatedFinding[] = [];
  const report = (code: string, range: Range, message: string, extras: Omit<Finding, 'code' | 'range' | 'message'> = {}) => {
    const rule = RULES.get(code);
    if (!rule) throw new Error(`unknown rule ${code}`);
    if (rule.flavor && rule.flavor !== flavor) return;
    findings.push({ code, range: span(range), message, severity: rule.severity, ...extras });
  };
  const context = { model, flavor, path: options.path, workspace: options.workspace, report };
  for (const group of GROUPS) {
    try {
      group.check(context);
    } catch (error) {
      findings.push({
        code: 'internal',
        severity: 'error',
        range: { start: 0, end: 0 },
        message: `Internal error in the Earthfile checks (please report it): ${errorMessage(error)}`,
      });
    }
  }
  return findings;
}
