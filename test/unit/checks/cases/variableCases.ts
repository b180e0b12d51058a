import type { RuleCase } from './ruleCase';

export const variableCases: readonly RuleCase[] = [];
