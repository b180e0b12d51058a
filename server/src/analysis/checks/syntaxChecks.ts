// Syntax: what Earthly's parser rejects (reference §1, §2, §5), and a missing VERSION (PF).
import type { BlockNode, ParseErrorCode } from '../../parser/syntax';
import type { FileModel } from '../model';
import { forEachStatement } from '../statements';
import type { CheckGroup } from './check';
import type { Fix } from './finding';
import { indentationAt, lineEnding } from './textLayout';

/** Each parse error code of the parser, as a rule. */
const PARSE_RULES: Readonly<Record<ParseErrorCode, string>> = {
  'leading-whitespace': 'E-leading-whitespace',
  'missing-indent': 'E-missing-indent',
  'invalid-header': 'E-invalid-header',
  'unknown-command': 'E-unknown-command',
  'missing-end': 'E-missing-end',
  'unexpected-clause': 'E-unexpected-clause',
  unterminated: 'E-unterminated',
  syntax: 'E-syntax',
};

export const syntaxChecks: CheckGroup = {
  rules: {
    'E-missing-version': { severity: 'error', summary: 'The Earthfile has no VERSION line (Earthly refuses to build it).' },
    'E-leading-whitespace': { severity: 'error', summary: 'An indented line outside any target or function.' },
    'E-missing-indent': { severity: 'error', summary: 'A recipe line that is not indented.' },
    'E-invalid-header': { severity: 'error', summary: 'A target or function header that is indented or badly named.' },
    'E-unknown-command': { severity: 'error', summary: 'A command keyword Earthly does not know.' },
    'E-missing-end': { severity: 'error', summary: 'A block (IF, FOR, WITH DOCKER, WAIT, TRY) without END.' },
    'E-unexpected-clause': { severity: 'error', summary: 'END, ELSE, ELSE IF, CATCH or FINALLY outside a block.' },
    'E-unterminated': { severity: 'error', summary: 'A quote or $( that is never closed.' },
    'E-syntax': { severity: 'error', summary: 'Another syntax error.' },
  },
  check({ model, report }) {
    const blocks = model.parseErrors.some((e) => e.code === 'missing-end') ? unclosedBlocks(model) : new Map<number, BlockNode>();
    for (const error of model.parseErrors) {
      const block = error.code === 'missing-end' ? blocks.get(error.range.start) : undefined;
      report(PARSE_RULES[error.code], error.range, error.message, block ? { fixes: [insertEnd(model.tree.text, block)] } : {});
    }
    // A VERSION that is present but misplaced is the version checks' concern.
    const anyVersion = model.base.statements.some((s) => s.kind === 'command' && s.keyword.text === 'VERSION');
    if (!model.version && !anyVersion) {
      const range = model.base.statements[0]?.range ?? model.recipes[0]?.node?.headerRange ?? { start: 0, end: 0 };
      report('E-missing-version', range, 'No VERSION: an Earthfile must start with a VERSION line, e.g. "VERSION 0.8".', {
        fixes: [
          {
            title: 'Add "VERSION 0.8"',
            edits: [{ range: { start: 0, end: 0 }, newText: `VERSION 0.8${lineEnding(model.tree.text)}` }],
            preferred: true,
          },
        ],
      });
    }
  },
};

/** Blocks without END, by the offset of their opening keyword. */
function unclosedBlocks(model: FileModel): Map<number, BlockNode> {
  const blocks = new Map<number, BlockNode>();
  forEachStatement(model, (statement) => {
    if (statement.kind !== 'command' && !statement.end) blocks.set(statement.clauses[0].command.keyword.range.start, statement);
  });
  return blocks;
}

/** Inserts END after the block's last statement, indented like its opener. */
function insertEnd(text: string, block: BlockNode): Fix {
  const opener = block.clauses[0].command.keyword;
  return {
    title: `Insert END to close ${opener.text}`,
    edits: [
      {
        range: { start: block.range.end, end: block.range.end },
        newText: `${lineEnding(text)}${indentationAt(text, opener.range.start)}END`,
      },
    ],
    preferred: true,
  };
}
