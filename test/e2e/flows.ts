// The browser flows, in the order they run.
import { acrAccountFlow } from './acrAccount';
import { acrExplorerFlow } from './acrExplorer';
import { acrLoginFlow } from './acrLogin';
import { acrRegistriesViewFlow } from './acrRegistriesView';
import { acrRetryFlow } from './acrRetry';
import { completionFlow } from './completion';
import { earthlyTaskFlow } from './earthlyTask';
import { editorFlow } from './editor';
import { navigationFlow } from './navigation';
import { quickFixFlow } from './quickFix';
import { runCodeLensFlow, runWithArgsFlow } from './runCodeLens';
import { runSecretFlow } from './runSecret';
import type { Flow } from './workbench';

export const E2E_FLOWS: readonly Flow[] = [
  editorFlow,
  quickFixFlow,
  completionFlow,
  navigationFlow,
  acrLoginFlow,
  acrRegistriesViewFlow,
  acrRetryFlow,
  acrAccountFlow,
  acrExplorerFlow,
  earthlyTaskFlow,
  // Last: the tasks they run are listed as recently used in "Tasks: Run Task", which earthlyTaskFlow uses.
  runCodeLensFlow,
  runWithArgsFlow,
  runSecretFlow,
];
