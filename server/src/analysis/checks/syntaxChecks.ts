// Syntax: what Earthly's parser rejects (reference §1, §2, §5), and a missing VERSION (PF).
import { COMMANDS } from '../../language/commands';
import { CH_BACKSLASH, skipBlanks } from '../../text/characters';
import type { BlockNode, ParseError, ParseErrorCode, Range } from '../../parser';
import type { FileModel } from '../model';
import { forEachStatement } from '../statements';
import type { CheckGroup } from './check';
import { closest } from './closest';
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
    'E-trailing-backslash': { severity: 'error', summary: 'A `\\` at the very end of the file, which continues nothing (earthly\'s lexer refuses it).', flavor: 'earthly' },
  },
  check({ model, report }) {
    const text = model.tree.text;
    let blocks: Map<number, BlockNode> | undefined;
    // The quick fix of each kind of parse error that has a clear one.
    const fixes: Partial<Record<ParseErrorCode, (error: ParseError) => Fix | undefined>> = {
      'missing-end': (error) => {
        const block = (blocks ??= unclosedBlocks(model)).get(error.range.start);
        return block && insertEnd(text, block);
      },
      'unknown-command': (error) => knownCommand(text, error.range),
    };
    for (const error of model.parseErrors) {
      const fix = fixes[error.code]?.(error);
      report(PARSE_RULES[error.code], error.range, error.message, fix ? { fixes: [fix] } : {});
    }
    const dangling = danglingBackslash(model);
    if (dangling) {
      report('E-trailing-backslash', dangling, 'the file ends with a \\ that continues nothing: earthly cannot lex a backslash at the end of the file.', {
        fixes: [{ title: 'Remove the trailing \\', edits: [{ range: dangling, newText: '' }], preferred: true }],
      });
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

/**
 * The `\` that ends the file, when the parser read it as a continuation (as EB does, so the rule is
 * earthly's only): EarthLexer.g4 has no token for a backslash followed by nothing. `\\` is an
 * escaped one, and a `\` in a comment is text.
 */
function danglingBackslash(model: FileModel): Range | undefined {
  const text = model.tree.text;
  let n = text.length;
  while (n > 0 && text.charCodeAt(n - 1) === CH_BACKSLASH) n--;
  if ((text.length - n) % 2 === 0) return undefined;
  // Rare: the tokens (a second parse) say whether it continues a command rather than ends a comment.
  const last = model.tree.tokens[model.tree.tokens.length - 1];
  return last?.kind === 'continuation' ? { start: text.length - 1, end: text.length } : undefined;
}

/** Blocks without END, by the offset of their opening keyword. */
function unclosedBlocks(model: FileModel): Map<number, BlockNode> {
  const blocks = new Map<number, BlockNode>();
  forEachStatement(model, (statement) => {
    if (statement.kind !== 'command' && !statement.end) blocks.set(statement.clauses[0].command.keyword.range.start, statement);
  });
  return blocks;
}

/** Keywords a misspelt one may be meant as: the commands Earthfiles support. */
const KEYWORDS: readonly string[] = COMMANDS.filter((c) => !c.unsupported).map((c) => c.name);

/**
 * The command meant by the unknown keyword at `range`: a multi-word keyword written with more than
 * one space (`SAVE  ARTIFACT`), or the closest keyword (`RUNN`, `run`).
 */
function knownCommand(text: string, range: Range): Fix | undefined {
  const word = text.slice(range.start, range.end);
  const secondStart = skipBlanks(text, range.end);
  let secondEnd = secondStart;
  while (secondEnd < text.length && /[A-Z]/.test(text[secondEnd])) secondEnd++;
  const joined = `${word} ${text.slice(secondStart, secondEnd)}`;
  if (secondStart > range.end && KEYWORDS.includes(joined)) return changeTo(joined, { start: range.start, end: secondEnd });
  const suggestion = closest(word, KEYWORDS);
  return suggestion === undefined ? undefined : changeTo(suggestion, range);
}

function changeTo(keyword: string, range: Range): Fix {
  return { title: `Change to ${keyword}`, edits: [{ range, newText: keyword }], preferred: true };
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
