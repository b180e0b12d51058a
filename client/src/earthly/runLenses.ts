// Which run lenses a target gets, as a table: the CodeLens provider turns each row into a lens.
import {
  RUN_TARGET_COMMAND,
  RUN_TARGET_WITH_ARGS_COMMAND,
  RUN_TARGET_WITH_PUSH_COMMAND,
  type TargetSummary,
} from '../../../shared/src/protocol';

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
  { title: '$(play) Run', tooltip: (t) => `Run +${t} in the terminal`, command: RUN_TARGET_COMMAND, applies: () => true },
  { title: 'Run with --push', tooltip: (t) => `Run +${t} and push its images`, command: RUN_TARGET_WITH_PUSH_COMMAND, applies: (t) => t.pushes },
  { title: 'Run…', tooltip: (t) => `Run +${t} with ARGs and flags you choose`, command: RUN_TARGET_WITH_ARGS_COMMAND, applies: () => true },
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
