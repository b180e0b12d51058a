import type { RuleCase } from './ruleCase';

export const commandCases: readonly RuleCase[] = [];
