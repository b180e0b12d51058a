import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnostics } from './oneDocument';

const codes = (text: string) => diagnostics(text).map((d) => d.code);

for (const eol of ['\n', '\r\n']) {
  const lines = (...l: string[]) => l.join(eol);

  test(`a file without VERSION gets E-missing-version on its first statement (${JSON.stringify(eol)})`, () => {
    const [d] = diagnostics(lines('# comment', '', 'build:', '    RUN true'));
    assert.equal(d.code, 'E-missing-version');
    assert.deepEqual(d.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 6 } });
  });

  test(`VERSION after comments and blank lines is accepted (${JSON.stringify(eol)})`, () => {
    assert.deepEqual(codes(lines('# doc', '', 'VERSION 0.8', 'build:', '    FROM alpine', '    RUN true')), []);
    assert.deepEqual(codes(lines('VERSION --try 0.8')), []);
  });
}

test('an empty file is reported at its start', () => {
  assert.deepEqual(diagnostics('')[0].range.start, { line: 0, character: 0 });
});

test('VERSIONS or a lowercase version is not VERSION', () => {
  assert.deepEqual(codes('VERSIONS 0.8\n'), ['E-unknown-command', 'E-missing-version']);
  assert.ok(codes('version 0.8\n').includes('E-missing-version'));
});

test('a diagnostic carries its quick fix as an LSP workspace edit for the document', () => {
  const uri = 'file:///w/Earthfile';
  const [d] = diagnostics('build:\n    RUN true\n', undefined, uri);
  const origin = { line: 0, character: 0 };
  assert.deepEqual(d.data, {
    fixes: [
      {
        title: 'Add "VERSION 0.8"',
        preferred: true,
        edit: { changes: { [uri]: [{ range: { start: origin, end: origin }, newText: 'VERSION 0.8\n' }] } },
      },
    ],
  });
});

test('diagnostics can be switched off, and the severity of a rule overridden', () => {
  const text = 'build:\n    FROM alpine\n';
  assert.deepEqual(diagnostics(text, { enable: false, severity: {} }), []);
  assert.deepEqual(diagnostics(text, { enable: true, severity: { 'E-missing-version': 'off' } }), []);
  assert.equal(diagnostics(text, { enable: true, severity: { 'E-missing-version': 'hint' } })[0].severity, 4);
});
