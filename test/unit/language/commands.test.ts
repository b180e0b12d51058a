import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS, commandByName, findFlag, flagSpelling, type CommandSpec, type FlagSpec } from '../../../server/src/language/commands';
import { featureByName } from '../../../server/src/language/features';
import { LOCALLY_RESTRICTIONS } from '../../../server/src/language/locally';

function command(name: string): CommandSpec {
  const c = commandByName(name);
  assert.ok(c, `command ${name}`);
  return c;
}

function flag(commandName: string, flagName: string): FlagSpec {
  const f = command(commandName).flags.find((x) => x.name === flagName);
  assert.ok(f, `${commandName} ${flagName}`);
  return f;
}

test('command names are unique', () => {
  const names = COMMANDS.map((c) => c.name);
  assert.equal(new Set(names).size, names.length);
});

test('flag names are unique within each command', () => {
  for (const c of COMMANDS) {
    const names = c.flags.map((f) => f.name);
    assert.equal(new Set(names).size, names.length, c.name);
  }
});

test('every feature a command or flag names exists', () => {
  for (const c of COMMANDS) {
    const names = [c.feature, ...(c.alsoFeatures ?? []), c.wildcardFeature, c.deprecated?.whenFeature];
    for (const f of c.flags) names.push(f.feature, ...(f.alsoFeatures ?? []));
    for (const n of names) if (n !== undefined) assert.ok(featureByName(n), `${c.name}: ${n}`);
  }
});

test('every command and flag is documented, and flag names are written without leading dashes', () => {
  for (const c of COMMANDS) {
    assert.ok(c.doc.length > 0 && c.synopsis.startsWith(c.name), c.name);
    for (const f of c.flags) {
      assert.ok(f.doc.length > 0, `${c.name} ${f.name}`);
      assert.match(f.name, /^(-[a-z]|[a-z][a-z0-9-]*)$/, `${c.name} ${f.name}`);
    }
  }
});

test('flags required alongside, body commands, clauses and LOCALLY rules name real things', () => {
  for (const c of COMMANDS) {
    for (const f of c.flags) for (const r of f.requiresFlags ?? []) assert.ok(findFlag(c, r), `${c.name} ${f.name} -> ${r}`);
    for (const b of c.body?.allowed ?? []) assert.ok(commandByName(b), `${c.name} body ${b}`);
    for (const o of c.clauseOf ?? []) assert.equal(commandByName(o)?.block, 'opener', `${c.name} clause of ${o}`);
    assert.ok(c.arity.max === undefined || c.arity.max >= c.arity.min, c.name);
  }
  for (const r of LOCALLY_RESTRICTIONS) {
    const c = command(r.command);
    if (r.flag) assert.ok(findFlag(c, r.flag), `${r.command} ${r.flag}`);
  }
});

test('values of closed flags include their default', () => {
  for (const c of COMMANDS) {
    for (const f of c.flags) {
      if (f.values && f.default !== undefined) assert.ok(f.values.includes(f.default), `${c.name} ${f.name}`);
    }
  }
});

test('the parser-facing fields keep their values', () => {
  assert.equal(command('RUN').args, 'maybeJson');
  assert.equal(command('ARG').args, 'keyValue');
  assert.equal(command('WITH DOCKER').block, 'opener');
  assert.deepEqual(command('ELSE IF').clauseOf, ['IF']);
  assert.deepEqual(command('FINALLY').clauseOf, ['TRY']);
  assert.equal(command('END').block, 'end');
  assert.equal(command('ADD').unsupported, true);
  assert.equal(command('LABEL').args, 'pairs');
  assert.deepEqual(command('LET').keyValue, { options: true, needsValue: true });
  assert.equal(command('WITH DOCKER').blockKind, 'with');
  assert.equal(command('VERSION').needsArguments, 'a version number');
  assert.deepEqual(
    COMMANDS.filter((c) => c.noArguments).map((c) => c.name),
    ['ELSE', 'TRY', 'CATCH', 'FINALLY', 'END'],
  );
});

test('key/value commands have their grammar, and block openers their node kind', () => {
  for (const c of COMMANDS) {
    assert.equal(c.keyValue !== undefined, c.args === 'keyValue', c.name);
    assert.equal(c.blockKind !== undefined, c.block === 'opener', c.name);
  }
});

test('every command, flag and arity spells out the same keys in the same order', () => {
  const shapes = (objects: readonly object[]) => new Set(objects.map((o) => Object.keys(o).join()));
  assert.equal(shapes(COMMANDS).size, 1);
  assert.equal(shapes(COMMANDS.map((c) => c.arity)).size, 1);
  assert.equal(shapes(COMMANDS.flatMap((c) => c.flags)).size, 1);
});

test('COPY --from is an error and RUN --with-docker is obsolete', () => {
  assert.equal(flag('COPY', 'from').obsolete, 'COPY --from not implemented');
  assert.ok(flag('RUN', 'with-docker').obsolete);
});

test('--build-arg is deprecated except on FROM DOCKERFILE', () => {
  for (const name of ['FROM', 'COPY', 'BUILD', 'WITH DOCKER']) assert.ok(flag(name, 'build-arg').deprecated, name);
  assert.equal(flag('FROM DOCKERFILE', 'build-arg').deprecated, undefined);
  assert.equal(flag('FROM DOCKERFILE', 'build-arg').kind, 'list');
});

test('flag kinds follow the reference', () => {
  assert.equal(flag('SAVE IMAGE', 'insecure').kind, 'bool');
  assert.equal(flag('SAVE IMAGE', 'cache-from').kind, 'list');
  assert.equal(flag('BUILD', 'platform').kind, 'list');
  assert.equal(flag('FROM', 'platform').kind, 'string');
  assert.equal(flag('FROM DOCKERFILE', '-f').kind, 'string');
  assert.equal(flag('RUN', 'secret').kind, 'list');
  assert.equal(flag('FOR', 'sep').kind, 'string');
  assert.equal(flag('CACHE', 'persist').kind, 'bool');
  assert.equal(flag('WITH DOCKER', 'load').kind, 'list');
});

test('feature gates on flags', () => {
  for (const name of ['FROM', 'COPY', 'BUILD', 'WITH DOCKER', 'DO']) assert.equal(flag(name, 'pass-args').feature, 'pass-args', name);
  assert.ok(flag('IMPORT', 'pass-args').ignored);
  assert.equal(flag('COPY', 'chmod').feature, 'use-chmod');
  assert.equal(flag('RUN', 'oidc').feature, 'run-with-aws-oidc');
  assert.deepEqual(flag('RUN', 'oidc').requiresFlags, ['aws']);
  assert.equal(flag('RUN', 'aws').feature, 'run-with-aws');
  assert.equal(flag('RUN', 'network').feature, 'no-network');
  assert.deepEqual(flag('RUN', 'network').values, ['none']);
  assert.equal(flag('ARG', 'global').feature, 'explicit-global');
  assert.equal(flag('ARG', 'global').placement, 'baseRecipe');
  assert.equal(flag('CACHE', 'persist').feature, 'cache-persist-option');
  assert.equal(flag('FROM DOCKERFILE', 'allow-privileged').feature, 'allow-privileged-from-dockerfile');
  assert.equal(flag('FROM', 'allow-privileged').feature, undefined);
  assert.equal(flag('WITH DOCKER', 'cache-id').feature, 'docker-cache');
  assert.deepEqual(flag('WITH DOCKER', 'service').requiresFlags, ['compose']);
});

test('command gates and placement', () => {
  assert.equal(command('SET').feature, 'arg-scope-and-set');
  assert.equal(command('CACHE').feature, 'use-cache-command');
  assert.equal(command('TRY').feature, 'try');
  assert.equal(command('VERSION').placement, 'firstStatement');
  assert.equal(command('PROJECT').placement, 'baseRecipe');
  assert.equal(command('FUNCTION').placement, 'functionStart');
  assert.equal(command('COMMAND').deprecated?.whenFeature, 'use-function-keyword');
  assert.ok(command('CATCH').rejected);
  assert.deepEqual(command('WITH DOCKER').body?.allowed, ['RUN']);
});

test('argument counts follow the reference', () => {
  const expect: [string, number, number | undefined][] = [
    ['FROM', 1, undefined],
    ['BUILD', 1, undefined],
    ['COPY', 2, undefined],
    ['GIT CLONE', 2, 2],
    ['HOST', 2, 2],
    ['USER', 1, 1],
    ['WORKDIR', 1, 1],
    ['CACHE', 1, 1],
    ['SAVE ARTIFACT', 1, 5],
    ['IMPORT', 1, 3],
    ['LOCALLY', 0, undefined],
    ['WAIT', 0, 0],
    ['FUNCTION', 0, 0],
    ['VERSION', 1, 1],
  ];
  for (const [name, min, max] of expect) {
    assert.equal(command(name).arity.min, min, name);
    assert.equal(command(name).arity.max, max, name);
  }
  assert.equal(command('IMPORT').syntax, 'importAs');
  assert.equal(command('LET').syntax, 'assignment');
  assert.deepEqual(command('SAVE IMAGE').arity.minWithFlag, { flag: 'push', min: 1 });
});

test('HEALTHCHECK flags and defaults', () => {
  assert.deepEqual(
    command('HEALTHCHECK').flags.map((f) => [f.name, f.default]),
    [['interval', '30s'], ['timeout', '30s'], ['start-period', undefined], ['retries', '3'], ['start-interval', '5s']],
  );
});

test('VERSION offers every feature flag as a bool flag', () => {
  const v = command('VERSION');
  assert.ok(findFlag(v, '--arg-scope-and-set'));
  assert.ok(v.flags.every((f) => f.kind === 'bool'));
});

test('findFlag and flagSpelling round-trip', () => {
  const run = command('RUN');
  assert.equal(findFlag(run, '--push')?.name, 'push');
  assert.equal(findFlag(run, '--network=none')?.name, 'network');
  assert.equal(findFlag(run, '--nope'), undefined);
  const dockerfile = command('FROM DOCKERFILE');
  assert.equal(findFlag(dockerfile, '-f')?.name, '-f');
  assert.equal(findFlag(dockerfile, '--f'), undefined);
  for (const c of COMMANDS) for (const f of c.flags) assert.equal(findFlag(c, flagSpelling(f)), f);
});
