// What the interpreter allows inside WITH DOCKER and TRY blocks (reference §4.1 TRY, §5; INT
// `handleWith`, `handleRun`, `handleTry`).
import { commandByName } from '../../../language/commands';
import type { Statement, TryNode, WithNode } from '../../../parser';
import type { CheckContext, RuleSpec } from '../check';
import { removeFlag } from './flags';
import { savesLocally, type CommandSite } from './site';

export const BLOCK_RULES: Readonly<Record<string, RuleSpec>> = {
  'E-with-docker-body': { severity: 'error', summary: 'A WITH DOCKER block that does not hold exactly one RUN.' },
  'E-with-docker-push': { severity: 'error', summary: '`RUN --push` inside WITH DOCKER.' },
  'E-nested-with-docker': { severity: 'error', summary: 'WITH DOCKER inside another WITH DOCKER.' },
  'E-try-body': { severity: 'error', summary: 'A TRY whose body is not a single RUN (or a WITH DOCKER with a single RUN).' },
  'E-try-catch': { severity: 'error', summary: 'CATCH, which the interpreter does not support (yet).' },
  'E-finally-body': { severity: 'error', summary: 'A FINALLY holding anything but `SAVE ARTIFACT … AS LOCAL` with literal paths.' },
};

const WITH_DOCKER_BODY = commandByName('WITH DOCKER')?.body?.message ?? 'only one command is allowed in WITH DOCKER';

export function checkWith(context: CheckContext, block: WithNode, withDepth: number): void {
  const opener = block.clauses[0].command;
  if (withDepth > 0) {
    context.report('E-nested-with-docker', opener.keyword.range, 'cannot use WITH DOCKER within WITH DOCKER.');
  }
  const body = block.clauses[0].body;
  const [only] = body;
  if (body.length > 1) {
    const range = { start: body[1].range.start, end: body[body.length - 1].range.end };
    context.report('E-with-docker-body', range, `${WITH_DOCKER_BODY}: this block holds ${body.length} statements.`);
    return;
  }
  // A lone DO (its function may hold the RUN) or block (an IF may run it) passes: the interpreter only
  // fails when no RUN has run by the END.
  const missing = !only ? opener : only.kind === 'command' && only.keyword.text !== 'RUN' && only.keyword.text !== 'DO' ? only : undefined;
  if (missing) {
    context.report('E-with-docker-body', missing.keyword.range, 'no RUN command found in WITH DOCKER: the block must hold exactly one RUN.');
  }
}

export function checkRunInWith(site: CommandSite): void {
  const { command, state } = site;
  if (state.withDepth === 0 || command.keyword.text !== 'RUN') return;
  const push = command.flags.find((f) => f.name === 'push');
  if (push) {
    site.context.report('E-with-docker-push', push.nameRange, 'RUN --push not allowed in WITH DOCKER.', {
      fixes: [{ title: 'Remove --push', edits: [removeFlag(command, push)] }],
    });
  }
}

export function checkTry(context: CheckContext, block: TryNode): void {
  const opener = block.clauses[0].command;
  const body = block.clauses[0].body;
  const [only] = body;
  let message: string | undefined;
  if (!only) message = 'TRY body is empty: it must hold one RUN';
  else if (body.length > 1) message = 'TRY body can (currently) only contain a single command';
  else if (only.kind === 'with' && only.clauses[0].body.length !== 1) message = 'TRY body can (currently) only contain a single command, inside WITH DOCKER too';
  else if (only.kind !== 'with' && !(only.kind === 'command' && only.keyword.text === 'RUN')) {
    message = 'TRY body must (currently) be a RUN command (or a RUN inside a WITH DOCKER)';
  }
  if (message) {
    const range = body.length > 1 ? { start: body[1].range.start, end: body[body.length - 1].range.end } : only?.range ?? opener.keyword.range;
    context.report('E-try-body', range, `${message}.`);
  }
  if (block.catch) {
    context.report('E-try-catch', block.catch.command.keyword.range, "TRY/FINALLY doesn't (currently) support CATCH statements: use FINALLY.");
  }
  for (const st of block.finally?.body ?? []) finallyStatement(context, st);
}

/** INT `handleTry`: FINALLY runs only literal `SAVE ARTIFACT [--if-exists] <src> [<dest>] AS LOCAL <path>`. */
function finallyStatement(context: CheckContext, st: Statement): void {
  if (st.kind !== 'command' || st.keyword.text !== 'SAVE ARTIFACT') {
    const head = st.kind === 'command' ? st : st.clauses[0].command;
    context.report('E-finally-body', head.keyword.range, `FINALLY only (currently) supports SAVE ARTIFACT ... AS LOCAL commands; got ${head.keyword.text}.`);
    return;
  }
  const other = st.flags.find((f) => f.name !== 'if-exists');
  if (other) {
    context.report('E-finally-body', other.nameRange, 'only the SAVE ARTIFACT --if-exists option is allowed in a TRY/FINALLY block.', {
      fixes: [{ title: `Remove --${other.name}`, edits: [removeFlag(st, other)] }],
    });
  }
  const args = st.args;
  if (!savesLocally(args)) {
    context.report('E-finally-body', st.keyword.range, 'missing local name for SAVE ARTIFACT within TRY/FINALLY: write SAVE ARTIFACT <src> AS LOCAL <path>.');
    return;
  }
  if (args[0].text.includes('*')) {
    context.report('E-finally-body', args[0].range, 'TRY/FINALLY does not (currently) support wildcard SAVE ARTIFACT paths.');
  }
  const local = args[args.length - 1];
  if (local.text.includes('$')) {
    context.report('E-finally-body', local.range, 'TRY/FINALLY does not (currently) support expanding args for SAVE ARTIFACT paths.');
  }
}
