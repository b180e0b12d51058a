// Image references and where Insert FROM and drag and drop put the FROM line, in Earthfiles shaped like
// real ones; every fixture with \n and \r\n line ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockStartInsertion, digestReference, fromLine, imageReference, statementInsertion, type LineInsertion } from '../../../client/src/acr/registry/imageReferences';

const REF = 'myreg.azurecr.io/team/api:1.1.0';
const STATEMENT = fromLine(REF);

/** The fixture with `$0` on the cursor's line (removed), split as the editor splits it. */
function fixture(text: string): { lines: string[]; line: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('$0'));
  return { lines: lines.map((l) => l.replace('$0', '')), line };
}

/** The document after the insertion, joined with `eol`. */
function apply(lines: readonly string[], insertion: LineInsertion, eol: string): string {
  const copy = [...lines];
  const current = copy[insertion.line]!;
  copy[insertion.line] = current.slice(0, insertion.start) + insertion.text + current.slice(insertion.end);
  return copy.join(eol);
}

function insertAtCursor(text: string, eol: string): string {
  const { lines, line } = fixture(text);
  return apply(lines, statementInsertion(lines, line, STATEMENT, eol), eol);
}

const EARTHFILE = [
  'VERSION 0.8',
  '',
  '# The API server, built from source.',
  'build:',
  '  ARG GO_VERSION=1.22',
  '  RUN apt-get update && apt-get install -y \\',
  '      git \\',
  '      make',
  '  SAVE ARTIFACT /out/api',
  '',
  'test:',
  '',
].join('\n');

for (const eol of ['\n', '\r\n']) {
  const label = JSON.stringify(eol);

  test(`references name the host, the repository and the tag or digest (${label})`, () => {
    assert.equal(imageReference('myreg.azurecr.io', 'team/api', '1.1.0'), REF);
    assert.equal(digestReference('127.0.0.1:5000', 'hello-world', `sha256:${'a'.repeat(64)}`), `127.0.0.1:5000/hello-world@sha256:${'a'.repeat(64)}`);
  });

  test(`on a blank line inside a target the statement takes the body's indentation (${label})`, () => {
    const text = EARTHFILE.replace('  SAVE ARTIFACT', '$0\n  SAVE ARTIFACT');
    assert.equal(insertAtCursor(text, eol), EARTHFILE.replace('  SAVE ARTIFACT', `  ${STATEMENT}\n  SAVE ARTIFACT`).split('\n').join(eol));
  });

  test(`on a line with a statement it goes on a new line after it, after its continuation lines (${label})`, () => {
    const text = EARTHFILE.replace('      git \\', '      g$0it \\');
    const expected = EARTHFILE.replace('      make', `      make\n  ${STATEMENT}`).split('\n').join(eol);
    assert.equal(insertAtCursor(text, eol), expected);
    assert.equal(insertAtCursor(EARTHFILE.replace('  RUN apt-get', '  RUN apt$0-get'), eol), expected);
  });

  test(`on a target's header it opens the body, indented like the body (${label})`, () => {
    assert.equal(insertAtCursor(EARTHFILE.replace('build:', 'bui$0ld:'), eol), EARTHFILE.replace('build:', `build:\n  ${STATEMENT}`).split('\n').join(eol));
  });

  test(`in an empty target the body gets four spaces (${label})`, () => {
    const text = `${EARTHFILE}$0`;
    assert.equal(insertAtCursor(text, eol), `${EARTHFILE}    ${STATEMENT}`.split('\n').join(eol));
    const { lines } = fixture(EARTHFILE);
    assert.equal(apply(lines, blockStartInsertion(lines, 10, STATEMENT, eol), eol), EARTHFILE.replace('test:', `test:\n    ${STATEMENT}`).split('\n').join(eol));
  });

  test(`a blank line with whitespace keeps it; the base recipe is not indented (${label})`, () => {
    assert.equal(insertAtCursor('VERSION 0.8\n\t$0\nbuild:', eol), `VERSION 0.8\n\t${STATEMENT}\nbuild:`.split('\n').join(eol));
    assert.equal(insertAtCursor('VERSION 0.8\n$0\nbuild:', eol), `VERSION 0.8\n${STATEMENT}\nbuild:`.split('\n').join(eol));
  });

  test(`a target's start goes after its header, indented like its first statement (${label})`, () => {
    const { lines } = fixture(EARTHFILE);
    assert.equal(apply(lines, blockStartInsertion(lines, 3, STATEMENT, eol), eol), EARTHFILE.replace('build:', `build:\n  ${STATEMENT}`).split('\n').join(eol));
  });
}

test('any line number, in any document, gives an insertion inside it', () => {
  for (const text of ['', 'build:', '\\', 'a\\\n\\\n']) {
    const lines = text.split('\n');
    for (const line of [-3, 0, 1, 99]) {
      const insertion = statementInsertion(lines, line, STATEMENT);
      assert.ok(insertion.line >= 0 && insertion.line < lines.length, `${JSON.stringify(text)} @ ${line}`);
      assert.ok(insertion.end <= lines[insertion.line]!.length);
      assert.ok(insertion.text.endsWith(STATEMENT));
    }
  }
});
