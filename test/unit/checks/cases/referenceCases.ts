import type { RuleCase } from './ruleCase';

export const referenceCases: readonly RuleCase[] = [];
