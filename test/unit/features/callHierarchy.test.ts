// The target graph as a call hierarchy: the item at a header or a reference, the recipes that BUILD,
// FROM, COPY from or DO it across files (incoming), and what it uses (outgoing). Each fixture with `\n`
// and `\r\n`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EOLS, type Fixture } from './cursor';
import { calls, openWorkspace } from './navigation';

const FILES = {
  'lib/Earthfile': 'VERSION 0.8\nSETUP:\n    FUNCTION\n    RUN true\n',
  'services/api/Earthfile': `VERSION 0.8
IMPORT ../../lib AS lib
FROM alpine
DO lib+SETUP
build:
    DO lib+SETUP
    SAVE ARTIFACT /out/api api
image:
    FROM +build
    COPY +build/api ./
`,
};

const ROOT = `VERSION 0.8
all:
    BUILD ./services/api+build
    BUILD ./services/api+image
    BUILD github.com/earthly/lib+hello
    BUILD +$DYNAMIC
    WITH DOCKER --load api:test=./services/api+image
        RUN true
    END
`;

for (const { label, eol } of EOLS) {
  const at = (marker: string, replacement: string): Fixture => ({ text: ROOT.replace(marker, () => replacement), files: FILES, eol });

  test(`incoming: every recipe that uses the target, each with its references (${label})`, () => {
    const graph = calls(at('./services/api+build', './services/api+bu$0ild'));
    assert.equal(graph.item, 'services/api/Earthfile:5 build (services/api/Earthfile)');
    assert.deepEqual(graph.incoming, ['Earthfile:2 all <- ./services/api+build', 'services/api/Earthfile:8 image <- +build, +build/api']);
    assert.deepEqual(graph.outgoing, ['lib/Earthfile:2 SETUP <- lib+SETUP']);
  });

  test(`a function is called from a target and from the base recipe (${label})`, () => {
    const files = { ...FILES };
    const graph = calls({ text: 'VERSION 0.8\nIMPORT ./lib\nx:\n    DO lib+SET$0UP\n', files, eol });
    assert.deepEqual(graph.incoming.sort(), [
      'Earthfile:3 x <- lib+SETUP',
      // The base recipe has no header: its item starts where the file does.
      'services/api/Earthfile:1  <- lib+SETUP',
      'services/api/Earthfile:5 build <- lib+SETUP',
    ]);
  });

  test(`outgoing: local recipes only; remote and dynamic references lead nowhere (${label})`, () => {
    const graph = calls(at('all:', 'a$0ll:'));
    assert.equal(graph.item, 'Earthfile:2 all (Earthfile)');
    assert.deepEqual(graph.outgoing, ['services/api/Earthfile:5 build <- ./services/api+build', 'services/api/Earthfile:8 image <- ./services/api+image, api:test=./services/api+image']);
    assert.deepEqual(graph.incoming, []);
  });

  test(`no item away from targets and functions (${label})`, () => {
    assert.deepEqual(calls(at('RUN true', 'R$0UN true')), { incoming: [], outgoing: [] });
    assert.deepEqual(calls(at('github.com/earthly/lib+hello', 'github.com/earthly/lib+he$0llo')), { incoming: [], outgoing: [] });
  });
}

test('incoming and outgoing calls of an item that names nothing known are empty', () => {
  const { service } = openWorkspace({ text: 'VERSION 0.8\nall:\n    RUN true$0\n' });
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const item = { name: 'gone', kind: 6, uri: 'file:///ws/Earthfile', range, selectionRange: range, data: { kind: 'target', name: 'gone' } } as const;
  assert.deepEqual(service.incomingCalls(item), []);
  assert.deepEqual(service.outgoingCalls({ ...item, data: 42 }), []);
  assert.deepEqual(service.outgoingCalls({ ...item, uri: 'file:///elsewhere/Earthfile' }), []);
});
