// The targets run recently in a workspace (newest first): "Re-run Last Target" repeats the first, and
// "Run Target…" lists them first. Kept in workspaceState, so what is read back is validated.
import { parseRunAnswers, type RunAnswers } from './runAnswers';
import { asTargetLocation, sameLocation, type TargetLocation } from './targetLocation';

/** A run: the target and what it ran with (the plain "Run" has no ARGs and no flags). */
export interface RecentRun {
  readonly location: TargetLocation;
  readonly answers: RunAnswers;
}

export const MAX_RECENT_RUNS = 10;

/** The list after `run`: it comes first, replacing an earlier run of the same target. */
export function withRun(recent: readonly RecentRun[], run: RecentRun): RecentRun[] {
  return [run, ...recent.filter((r) => !sameLocation(r.location, run.location))].slice(0, MAX_RECENT_RUNS);
}

/** `items` with the recently run ones first (most recent first), then the others in their given order. */
export function recentFirst<T>(items: readonly T[], locationOf: (item: T) => TargetLocation, recent: readonly RecentRun[]): { recent: T[]; others: T[] } {
  const rank = (item: T) => recent.findIndex((r) => sameLocation(r.location, locationOf(item)));
  const ranked = items.map((item) => ({ item, rank: rank(item) }));
  return {
    recent: ranked.filter((r) => r.rank >= 0).sort((a, b) => a.rank - b.rank).map((r) => r.item),
    others: ranked.filter((r) => r.rank < 0).map((r) => r.item),
  };
}

function parseRun(raw: unknown): RecentRun | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { location, answers } = raw as { location?: unknown; answers?: unknown };
  const parsed = asTargetLocation(location);
  return parsed && { location: parsed, answers: parseRunAnswers(answers) };
}

/** What workspaceState holds, keeping only well-formed entries. */
export function parseRecentRuns(raw: unknown): RecentRun[] {
  return Array.isArray(raw) ? raw.map(parseRun).filter((run): run is RecentRun => run !== undefined).slice(0, MAX_RECENT_RUNS) : [];
}
