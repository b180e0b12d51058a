import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineOutput } from '../../../client/src/earthly/run/lineOutput';

test('whole lines are rewritten and end with \\r\\n; a line split across chunks and a UTF-8 character too', () => {
  const shown: string[] = [];
  const output = new LineOutput((text) => shown.push(text), (line) => `[${line}]`);
  output.write(Buffer.from('one\r\ntw'));
  output.write(Buffer.from('o\n\xe2\x9c', 'latin1'));
  output.write(Buffer.from('\x93 done', 'latin1'));
  output.end();
  assert.deepEqual(shown, ['[one]\r\n', '[two]\r\n', '[✓ done]\r\n']);
});

test('a partial line is shown after a pause, without a line end', async () => {
  const shown: string[] = [];
  const output = new LineOutput((text) => shown.push(text), (line) => line.toUpperCase());
  output.write(Buffer.from('password: '));
  assert.deepEqual(shown, []);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.deepEqual(shown, ['PASSWORD: ']);
  output.end();
  assert.deepEqual(shown, ['PASSWORD: ']);
});
