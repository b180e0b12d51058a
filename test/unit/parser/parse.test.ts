// Parser unit tests: exact ranges of keywords, flags and arguments; key/value commands; exec form;
// blocks; doc comments; tokens; errors. Every fixture runs with `\n` and with `\r\n`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, printLossless, splitFlags } from '../../../server/src/parser/parse';
import { LineIndex } from '../../../server/src/text/lineIndex';
import { toAstJson } from '../../../server/src/parser/astJson';
import type { BlockNode, CommandNode, EarthfileNode, ForNode, IfNode, Range, Statement, TryNode } from '../../../server/src/parser/syntax';

const EOLS: [string, string][] = [
  ['LF', '\n'],
  ['CRLF', '\r\n'],
];

/** Runs `fn` once per line ending, with the fixture's `\n` replaced. */
function eachEol(name: string, src: string, fn: (text: string, eol: string) => void): void {
  for (const [label, eol] of EOLS) test(`${name} (${label})`, () => fn(src.replace(/\n/g, eol), eol));
}

const slice = (text: string, r: Range): string => text.slice(r.start, r.end);

function firstCommand(tree: EarthfileNode, index = 0): CommandNode {
  const stmts: readonly Statement[] = tree.items.length > 0 ? tree.items[0].recipe : tree.baseRecipe;
  const s = stmts[index];
  assert.equal(s.kind, 'command');
  return s as CommandNode;
}

eachEol('keyword, flag and argument ranges', 'VERSION 0.8\nbuild:\n    RUN --mount=type=cache,target=/c --secret tok echo "a b"\n', (text) => {
  const { tree, errors } = parse(text);
  assert.deepEqual(errors, []);
  const run = firstCommand(tree);
  assert.equal(slice(text, run.keyword.range), 'RUN');
  assert.equal(run.keyword.text, 'RUN');
  assert.equal(run.flags.length, 2);
  const [mount, secret] = run.flags;
  assert.equal(mount.name, 'mount');
  assert.equal(slice(text, mount.nameRange), '--mount');
  assert.equal(mount.value, 'type=cache,target=/c');
  assert.equal(slice(text, mount.valueRange as Range), 'type=cache,target=/c');
  assert.equal(secret.name, 'secret');
  assert.equal(secret.value, 'tok');
  assert.equal(slice(text, secret.range), '--secret tok');
  assert.deepEqual(run.args.map((a) => a.text), ['echo', '"a b"']);
  assert.deepEqual(run.args.map((a) => slice(text, a.range)), ['echo', '"a b"']);
  assert.deepEqual(run.rawArgs.map((a) => a.text), ['--mount=type=cache,target=/c', '--secret', 'tok', 'echo', '"a b"']);
  assert.equal(slice(text, run.range), 'RUN --mount=type=cache,target=/c --secret tok echo "a b"');
  assert.equal(tree.items[0].name, 'build');
  assert.equal(slice(text, tree.items[0].nameRange), 'build');
  assert.equal(slice(text, tree.items[0].headerRange), 'build:');
});

eachEol('multi-word keywords and -- ending the options', 'FROM DOCKERFILE -f Dockerfile.x .\nRUN --push -- --no-cache x\nSAVE ARTIFACT a\n', (text) => {
  const { tree, errors } = parse(text);
  assert.deepEqual(errors, []);
  const fd = firstCommand(tree, 0);
  assert.equal(fd.keyword.text, 'FROM DOCKERFILE');
  assert.equal(slice(text, fd.keyword.range), 'FROM DOCKERFILE');
  assert.deepEqual(fd.flags.map((f) => [f.name, f.value]), [['-f', 'Dockerfile.x']]);
  assert.deepEqual(fd.args.map((a) => a.text), ['.']);
  const run = firstCommand(tree, 1);
  assert.deepEqual(run.flags.map((f) => f.name), ['push']);
  assert.deepEqual(run.args.map((a) => a.text), ['--no-cache', 'x']);
  assert.equal(firstCommand(tree, 2).keyword.text, 'SAVE ARTIFACT');
});

eachEol('key/value commands', 'ARG --global X = a  b # c\nENV K V\nENV K2=v2\nARG EMPTY=\nLET y = 1\n', (text) => {
  const { tree, errors } = parse(text);
  assert.deepEqual(errors, []);
  const arg = firstCommand(tree, 0);
  assert.deepEqual(arg.flags.map((f) => f.name), ['global']);
  assert.deepEqual(arg.args.map((a) => a.text), ['X', '=', 'a  b']);
  assert.deepEqual(arg.rawArgs.map((a) => a.text), ['--global', 'X', '=', 'a  b']);
  const kv = arg.keyValue;
  assert.ok(kv);
  assert.equal(slice(text, kv.key.range), 'X');
  assert.equal(slice(text, kv.equals as Range), '=');
  assert.equal(slice(text, (kv.value as { range: Range }).range), 'a  b');
  const env = firstCommand(tree, 1);
  assert.deepEqual(env.rawArgs.map((a) => a.text), ['K', '=', 'V']);
  assert.equal(env.keyValue?.equals, undefined);
  assert.deepEqual(firstCommand(tree, 2).rawArgs.map((a) => a.text), ['K2', '=', 'v2']);
  assert.deepEqual(firstCommand(tree, 3).rawArgs.map((a) => a.text), ['EMPTY', '=', '']);
  assert.deepEqual(firstCommand(tree, 4).rawArgs.map((a) => a.text), ['y', '=', '1']);
});

eachEol(
  'values lose their continuations; IF, ELSE IF and FOR words keep them',
  'LET P = curl \\\n    git\nFOR f IN $(ls \\\n    -a)\nEND\nIF [ -f a\\\n  ]\nELSE IF $(true \\\n x)\nEND\n',
  (text, eol) => {
    const { tree } = parse(text);
    const value = firstCommand(tree).keyValue?.value;
    assert.equal(value?.text, 'curl git');
    assert.equal(slice(text, value!.range), `curl \\${eol}    git`);
    const [, loop, cond] = tree.baseRecipe as [Statement, ForNode, IfNode];
    assert.deepEqual(loop.clauses[0].command.args.map((a) => a.text), ['f', 'IN', `$(ls \\${eol}    -a)`]);
    assert.deepEqual(cond.clauses[0].command.rawArgs.map((a) => a.text), ['[', '-f', `a\\${eol}  ]`]);
    assert.deepEqual(cond.elseIfs[0].command.rawArgs.map((a) => a.text), [`$(true \\${eol} x)`]);
  },
);

eachEol(
  'block openers keep their doc comments in the tree',
  'VERSION 0.8\nt:\n    FROM alpine\n    # loop\n    FOR x IN a\n    END\n    # docker\n    WITH DOCKER\n        RUN true\n    END\n    RUN after\n',
  (text) => {
    const recipe = parse(text).tree.items[0].recipe;
    assert.equal((recipe[1] as ForNode).clauses[0].command.docs?.text, 'loop\n');
    assert.equal((recipe[2] as BlockNode).clauses[0].command.docs?.text, 'docker\n');
    assert.equal((recipe[3] as CommandNode).docs, undefined);
  },
);

eachEol('exec form keeps element ranges', 'RUN ["echo", "a b"]\nCMD [ "x" ]\nRUN [1]\n', (text) => {
  const { tree } = parse(text);
  const run = firstCommand(tree, 0);
  assert.equal(run.execMode, true);
  assert.deepEqual(run.args.map((a) => a.text), ['echo', 'a b']);
  assert.deepEqual(run.args.map((a) => slice(text, a.range)), ['"echo"', '"a b"']);
  assert.equal(firstCommand(tree, 1).execMode, true);
  assert.equal(firstCommand(tree, 2).execMode, false);
});

eachEol('line continuations are removed from words but kept in the tokens', 'RUN echo a \\\n    # skipped comment\n\n    b glued\\\n  word\n', (text) => {
  const { tree, errors } = parse(text);
  assert.deepEqual(errors, []);
  const run = firstCommand(tree);
  assert.deepEqual(run.args.map((a) => a.text), ['echo', 'a', 'b', 'gluedword']);
  const glued = run.args[3];
  assert.ok(slice(text, glued.range).startsWith('glued\\'));
  assert.equal(printLossless(tree), text);
  assert.ok(tree.tokens.some((t) => t.kind === 'continuation'));
  assert.ok(tree.tokens.some((t) => t.kind === 'comment' && slice(text, t) === '# skipped comment'));
});

eachEol('comments start only after whitespace', 'RUN echo a#b # tail\nRUN echo "x # y"\n', (text) => {
  const { tree } = parse(text);
  assert.deepEqual(firstCommand(tree, 0).args.map((a) => a.text), ['echo', 'a#b']);
  assert.deepEqual(firstCommand(tree, 1).args.map((a) => a.text), ['echo', '"x # y"']);
});

eachEol('blocks with all their clauses', 'b:\n    IF a\n        RUN 1\n    ELSE IF b\n    ELSE\n        RUN 3\n    END\n    TRY\n    CATCH\n    FINALLY\n    END\n', (text) => {
  const { tree, errors } = parse(text);
  assert.deepEqual(errors, []);
  const [ifs, trys] = tree.items[0].recipe as [IfNode, TryNode];
  assert.equal(ifs.kind, 'if');
  assert.equal(ifs.clauses.length, 3);
  assert.equal(ifs.elseIfs.length, 1);
  assert.equal(ifs.else?.body.length, 1);
  assert.equal(slice(text, ifs.end?.keyword.range as Range), 'END');
  assert.ok(slice(text, ifs.range).startsWith('IF a'));
  assert.ok(slice(text, ifs.range).endsWith('END'));
  assert.equal(trys.kind, 'try');
  assert.ok(trys.catch && trys.finally);
});

eachEol('doc comments', '# Build docs\n#   indented\nbuild:\n    # run docs\n    RUN x\n', (text) => {
  const { tree } = parse(text);
  assert.equal(tree.items[0].docs?.text, 'Build docs\n  indented\n');
  assert.equal(firstCommand(tree).docs?.text, 'run docs\n');
});

eachEol('missing END names the block and its line', 'VERSION 0.8\nb:\n    RUN x\n    IF true\n        RUN y\n', (text) => {
  const { errors } = parse(text);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].code, 'missing-end');
  assert.equal(errors[0].message, 'expected END to close IF opened at line 4');
  assert.equal(slice(text, errors[0].range), 'IF');
});

eachEol('unknown keywords become generic commands', 'b:\n    FROBNICATE --x a\n    SAVE  ARTIFACT o\n', (text) => {
  const { tree, errors } = parse(text);
  const c = firstCommand(tree);
  assert.equal(c.known, false);
  assert.equal(c.keyword.text, 'FROBNICATE');
  assert.deepEqual(c.args.map((a) => a.text), ['a']);
  assert.deepEqual(errors.map((e) => e.code), ['unknown-command', 'unknown-command']);
  assert.equal(slice(text, errors[1].range), 'SAVE');
});

test('splitFlags reads values of string flags from the next word', () => {
  const words = ['--platform', 'linux/amd64', '--allow-privileged', '+t', '--X=1'].map((t, i) => ({
    text: t,
    range: { start: i * 20, end: i * 20 + t.length },
  }));
  const spec = {
    name: 'FROM',
    args: 'words' as const,
    flags: [
      { name: 'platform', kind: 'string' as const, doc: '' },
      { name: 'allow-privileged', kind: 'bool' as const, doc: '' },
    ],
    doc: '',
  };
  const { flags, args } = splitFlags(spec as never, words);
  assert.deepEqual(flags.map((f) => [f.name, f.value]), [['platform', 'linux/amd64'], ['allow-privileged', undefined]]);
  assert.deepEqual(args.map((a) => a.text), ['+t', '--X=1']);
});

test('LineIndex converts offsets and positions for \\n, \\r\\n and \\r', () => {
  const text = 'a\nbc\r\nd\re';
  const li = new LineIndex(text);
  assert.equal(li.lineCount, 4);
  assert.deepEqual(li.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(li.positionAt(2), { line: 1, character: 0 });
  assert.deepEqual(li.positionAt(4), { line: 1, character: 2 });
  assert.deepEqual(li.positionAt(6), { line: 2, character: 0 });
  assert.deepEqual(li.positionAt(8), { line: 3, character: 0 });
  assert.deepEqual(li.positionAt(99), { line: 3, character: 1 });
  for (let o = 0; o <= text.length; o++) {
    const p = li.positionAt(o);
    // Offsets inside a \r\n map back to the end of the line's content.
    if (!(text[o - 1] === '\r' && text[o] === '\n')) assert.equal(li.offsetAt(p), o, `offset ${o}`);
  }
  assert.equal(li.offsetAt({ line: 1, character: 50 }), 4);
  assert.equal(li.offsetAt({ line: 9, character: 0 }), text.length);
});

eachEol('tokens carry kinds for every piece of the text', 'VERSION 0.8 # v\nb:\n    ARG X=1\n', (text, eol) => {
  const { tree } = parse(text);
  const kinds = tree.tokens.map((t) => `${t.kind}:${JSON.stringify(slice(text, t))}`);
  assert.deepEqual(kinds, [
    'keyword:"VERSION"', 'whitespace:" "', 'word:"0.8"', 'whitespace:" "', 'comment:"# v"', `newline:${JSON.stringify(eol)}`,
    'headerName:"b"', 'colon:":"', `newline:${JSON.stringify(eol)}`,
    'whitespace:"    "', 'keyword:"ARG"', 'whitespace:" "', 'word:"X"', 'equals:"="', 'value:"1"', `newline:${JSON.stringify(eol)}`,
  ]);
});

test('the earthly form of the AST JSON keeps empty args; both forms print nil blocks', () => {
  const { tree } = parse('VERSION 0.8\ne:\nw:\n    WAIT\n    END\n    IF x\n    ELSE\n    END\n    LOCALLY\n');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const earthly = toAstJson(tree, { form: 'earthly' }) as any;
  assert.equal(earthly.baseRecipe, null);
  assert.equal(earthly.targets[0].recipe, null);
  assert.deepEqual(earthly.targets[1].recipe[0], { wait: { args: null, body: null } });
  assert.deepEqual(earthly.targets[1].recipe[1], { if: { expression: ['x'], ifBody: null } });
  assert.deepEqual(earthly.targets[1].recipe[2], { command: { name: 'LOCALLY', args: [] } });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const eb = toAstJson(tree) as any;
  assert.equal(eb.targets[0].recipe, null);
  assert.deepEqual(eb.targets[1].recipe[0], { wait: { body: null } });
  assert.deepEqual(eb.targets[1].recipe[2], { command: { name: 'LOCALLY' } });
});

test('targets and functions keep source order in items', () => {
  const { tree } = parse('a:\nF:\n    FUNCTION\nb:\n');
  assert.deepEqual(tree.items.map((i) => `${i.kind}:${i.name}`), ['target:a', 'function:F', 'target:b']);
  assert.deepEqual(tree.targets.map((t) => t.name), ['a', 'b']);
  assert.deepEqual(tree.functions.map((f) => f.name), ['F']);
});
