// The rows of "Earthly: Run Target…": recently run targets first, under their own separator, then the
// others by Earthfile and position.
import { recentFirst, type RecentRun } from './recentRuns';
import type { TargetLocation } from './targetLocation';

export interface PickableTarget {
  readonly location: TargetLocation;
  /** How Earthly names it from the workspace folder: `./services/api+build`, `+build`. */
  readonly reference: string;
  /** The Earthfile's path as the workspace shows it: `services/api/Earthfile`. */
  readonly earthfilePath: string;
  readonly line: number;
  readonly doc?: string;
}

export type PickRow =
  | { readonly kind: 'separator'; readonly label: string }
  | { readonly kind: 'target'; readonly label: string; readonly description: string; readonly detail?: string; readonly target: PickableTarget };

function byPathThenLine(a: PickableTarget, b: PickableTarget): number {
  return a.earthfilePath.localeCompare(b.earthfilePath) || a.line - b.line;
}

function targetRow(target: PickableTarget): PickRow {
  // Quick pick details are one line: a doc comment's first line says what the target does.
  const detail = target.doc?.split('\n').find((line) => line.trim() !== '')?.trim();
  return { kind: 'target', label: target.reference, description: target.earthfilePath, ...(detail ? { detail } : {}), target };
}

export function pickRows(targets: readonly PickableTarget[], recent: readonly RecentRun[]): PickRow[] {
  const sorted = [...targets].sort(byPathThenLine);
  const split = recentFirst(sorted, (t) => t.location, recent);
  if (split.recent.length === 0) return split.others.map(targetRow);
  return [
    { kind: 'separator', label: 'recently run' },
    ...split.recent.map(targetRow),
    { kind: 'separator', label: 'other targets' },
    ...split.others.map(targetRow),
  ];
}
