import type { RuleCase } from './ruleCase';

export const versionCases: readonly RuleCase[] = [];
