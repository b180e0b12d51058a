import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArgSummary } from '../../../shared/src/protocol';
import {
  argSteps,
  argValueProblem,
  flagChoices,
  flagOf,
  NO_ANSWERS,
  OTHER_FLAG,
  parseRunAnswers,
  runDefinition,
  secretsWithValues,
  typedFlags,
} from '../../../client/src/earthly/run/runAnswers';

const arg = (name: string, required: boolean, defaultValue?: string, global = false): ArgSummary => ({
  name,
  required,
  global,
  ...(defaultValue !== undefined ? { defaultValue } : {}),
});

test('ARG steps: --required ones first, each name once, defaults as placeholders', () => {
  const steps = argSteps([arg('TAG', false, 'latest'), arg('REGISTRY', false, 'earthlydemo.azurecr.io', true), arg('VERSION', true), arg('TAG', false, 'dup')], NO_ANSWERS);
  assert.deepEqual(steps.map((s) => [s.name, s.placeholder, s.value, s.mustAnswer]), [
    ['VERSION', 'A value is required', '', true],
    ['TAG', 'Default: latest', '', false],
    ['REGISTRY', 'Default: earthlydemo.azurecr.io', '', false],
  ]);
  assert.match(steps[0]!.prompt, /^Required ARG VERSION/);
  assert.match(steps[2]!.prompt, /global ARG REGISTRY: leave empty to keep the default/);
});

test('ARG steps offer the answers given last time', () => {
  const steps = argSteps([arg('TAG', false, 'latest'), arg('X', false)], { args: { TAG: 'v2', GONE: 'x' }, flags: [] });
  assert.deepEqual(steps.map((s) => s.value), ['v2', '']);
  assert.equal(steps[1]!.placeholder, 'No default: leave empty to leave it unset');
});

test('an empty answer is refused only for a --required ARG without default', () => {
  const [required, optional] = argSteps([arg('VERSION', true), arg('TAG', false, 'latest')], NO_ANSWERS);
  assert.match(argValueProblem(required!, '') ?? '', /VERSION is required/);
  assert.equal(argValueProblem(required!, '1.2'), undefined);
  assert.equal(argValueProblem(optional!, ''), undefined);
});

test('answers become a definition: empty ARGs keep their defaults and are left out', () => {
  assert.deepEqual(runDefinition('./services/api+docker', { args: { TAG: 'v1 "quoted" $x', EMPTY: '' }, flags: ['--push', '--platform=linux/arm64'] }), {
    type: 'earthly',
    target: './services/api+docker',
    args: { TAG: 'v1 "quoted" $x' },
    flags: ['--push', '--platform=linux/arm64'],
  });
  assert.deepEqual(runDefinition('+build', NO_ANSWERS), { type: 'earthly', target: '+build' });
});

test('flag choices: the common flags, last time\'s picked, other flags given last time after them', () => {
  const choices = flagChoices(['--ci', '--platform=linux/arm64', '--strict']);
  assert.deepEqual(choices.map((c) => [c.label, c.picked]), [
    ['--push', false],
    ['--ci', true],
    ['--no-cache', false],
    ['-P', false],
    ['--platform=…', true],
    ['--strict', true],
  ]);
  assert.equal(choices[5]!.description, OTHER_FLAG);
  const platform = choices[4]!;
  assert.equal(platform.value?.remembered, 'linux/arm64');
  assert.equal(flagOf(platform, 'linux/amd64'), '--platform=linux/amd64');
  assert.equal(flagOf(choices[1]!), '--ci');
  assert.equal(flagChoices([]).filter((c) => c.picked).length, 0);
});

test('typed text is flags only when it starts with a dash; otherwise it was a filter', () => {
  assert.deepEqual(typedFlags('  --strict   --output '), ['--strict', '--output']);
  assert.deepEqual(typedFlags('push'), []);
  assert.deepEqual(typedFlags(''), []);
});

test('typed flags are split as a shell splits words: quotes and backslashes keep spaces in one flag', () => {
  const cases: [string, string[]][] = [
    [`--secret-file "KEY=/a b" --ci`, ['--secret-file', 'KEY=/a b', '--ci']],
    [`--platform='linux/amd64 x' -P`, ['--platform=linux/amd64 x', '-P']],
    [`--tag=a\\ b`, ['--tag=a b']],
    [`--msg "say \\"hi\\" \\$HOME \\n"`, ['--msg', 'say "hi" $HOME \\n']],
    [`--x '' --y ""`, ['--x', '', '--y', '']],
    [`--open "never closed`, ['--open', 'never closed']],
    ['--a\ttab\u00a0--b', ['--a', 'tab\u00a0--b']],
    ['--a\t--b\n--c', ['--a', '--b', '--c']],
    [`--x 'it''s'`, ['--x', 'its']],
    ['--end\\', ['--end\\']],
  ];
  for (const [text, flags] of cases) assert.deepEqual(typedFlags(text), flags, text);
});

test('remembered answers are validated', () => {
  assert.deepEqual(parseRunAnswers({ args: { A: 'x', B: 2 }, flags: ['--ci', null] }), { args: { A: 'x' }, flags: ['--ci'] });
  for (const garbage of [undefined, null, 'x', [], { args: [], flags: 'x' }]) assert.deepEqual(parseRunAnswers(garbage), NO_ANSWERS);
});

test('secret values on the command line are found, by name only; --secret NAME alone is fine', () => {
  assert.deepEqual(secretsWithValues(['--secret', 'TOKEN=abc', '-s', 'KEY=x=y', '--secret=PASS=p', '-s=OTHER=o']), ['TOKEN', 'KEY', 'PASS', 'OTHER']);
  assert.deepEqual(secretsWithValues(['--secret', 'TOKEN', '--secret=NPM', '--push', '--platform=linux/amd64']), []);
  assert.deepEqual(secretsWithValues(['--secret']), []);
});
