// Which run lenses a target gets, as a table: the CodeLens provider turns each row into a lens.
import type { TargetSummary } from '../../../../shared/src/protocol';
import { COMMAND_IDS } from '../../commandIds';

export interface RunLens {
  /** 0-based line of the target's header, where the lens sits. */
  readonly line: number;
  readonly title: string;
  readonly tooltip: string;
  readonly command: string;
  readonly target: string;
}

interface LensKind {
  readonly title: string;
  readonly tooltip: (target: string) => string;
  readonly command: string;
  readonly applies: (target: TargetSummary) => boolean;
}

const LENS_KINDS: readonly LensKind[] = [
  { title: '$(play) Run', tooltip: (t) => `Run +${t} in the terminal`, command: COMMAND_IDS.runTarget, applies: () => true },
  { title: 'Run with --push', tooltip: (t) => `Run +${t} and push its images`, command: COMMAND_IDS.runTargetWithPush, applies: (t) => t.pushes },
  { title: 'Run…', tooltip: (t) => `Run +${t} with ARGs and flags you choose`, command: COMMAND_IDS.runTargetWithArgs, applies: () => true },
];

/** The lenses above the targets of one Earthfile (the server lists targets only, never functions). */
export function runLenses(targets: readonly TargetSummary[]): RunLens[] {
  return targets.flatMap((target) =>
    LENS_KINDS.filter((kind) => kind.applies(target)).map((kind) => ({
      line: target.line,
      title: kind.title,
      tooltip: kind.tooltip(target.name),
      command: kind.command,
      target: target.name,
    })),
  );
}
