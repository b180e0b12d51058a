// The browser flows, in the order they run.
import { editorFlow } from './editor';
import { quickFixFlow } from './quickFix';
import type { Flow } from './workbench';

export const E2E_FLOWS: readonly Flow[] = [editorFlow, quickFixFlow];
