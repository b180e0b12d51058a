import { commandCases } from './commandCases';
import { referenceCases } from './referenceCases';
import type { RuleCase } from './ruleCase';
import { syntaxCases } from './syntaxCases';
import { variableCases } from './variableCases';
import { versionCases } from './versionCases';

export const ALL_CASES: readonly RuleCase[] = [...syntaxCases, ...versionCases, ...commandCases, ...referenceCases, ...variableCases];
