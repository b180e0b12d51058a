// Variable checks (filled in by the diagnostics work of issue 4).
import type { CheckGroup } from './check';

export const variableChecks: CheckGroup = {
  rules: {},
  check() {},
};
