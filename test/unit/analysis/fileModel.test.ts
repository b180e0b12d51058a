import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../../server/src/analysis/analyze';
import { declarationOf, recipeAt, referenceAt, visibleVariables } from '../../../server/src/analysis/lookup';
import type { FileModel } from '../../../server/src/analysis/model';
import type { Range } from '../../../server/src/parser/syntax';

/** Runs `body` on the fixture with `\n` and with `\r\n` line endings. */
function eachEol(name: string, fixture: string, body: (model: FileModel, text: string) => void): void {
  for (const [eol, label] of [
    ['\n', 'LF'],
    ['\r\n', 'CRLF'],
  ] as const) {
    test(`${name} (${label})`, () => {
      const text = fixture.replace(/\n/g, eol);
      body(analyzeText(text), text);
    });
  }
}

function textAt(text: string, range: Range | undefined): string | undefined {
  return range && text.slice(range.start, range.end);
}

/** Offset just after the first occurrence of `marker`. */
function after(text: string, marker: string): number {
  const i = text.indexOf(marker);
  assert.ok(i >= 0, `marker ${marker} not found`);
  return i + marker.length;
}

eachEol(
  'targets, functions and their doc comments',
  `VERSION 0.8
FROM alpine

# Builds the app.
# Second line.
build:
    RUN make

# Shared setup.
SETUP:
    FUNCTION
    RUN true

test:
    BUILD +build
`,
  (m) => {
    assert.deepEqual(
      m.targets.map((t) => t.name),
      ['build', 'test'],
    );
    assert.deepEqual(
      m.functions.map((f) => f.name),
      ['SETUP'],
    );
    assert.equal(m.targetsByName.get('build')?.docs, 'Builds the app.\nSecond line.\n');
    // Function docs are whatever the parser keeps on the node (today it keeps none, like Earthly's AST).
    const setup = m.functionsByName.get('SETUP');
    assert.equal(setup?.docs, setup?.node?.docs?.text);
    assert.equal(m.targetsByName.get('test')?.docs, undefined);
    assert.equal(m.base.kind, 'base');
    assert.equal(m.base.statements.length, 1);
    assert.equal(m.version?.value, '0.8');
    assert.ok(m.features.has('arg-scope-and-set'));
    assert.ok(!m.features.has('try'));
  },
);

eachEol('feature flags named on the VERSION line', 'VERSION --try --wildcard-builds 0.7\n', (m) => {
  assert.equal(m.version?.value, '0.7');
  assert.deepEqual(
    m.version?.flags.map((f) => f.name),
    ['try', 'wildcard-builds'],
  );
  assert.ok(m.features.has('try'));
  assert.ok(m.features.has('explicit-global'));
  assert.ok(!m.features.has('arg-scope-and-set'));
});

const scopes = `VERSION 0.8
ARG --global REGISTRY=r.example.com
ARG BASE_ONLY=1
a:
    FROM alpine
    ARG X=1
    LET y = 2
    SET y = 3
    IF true
        ARG INNER=1
    END
    FOR f IN a b
        RUN echo $f
    END
    ENV PATH_X=/bin
    RUN echo $X
b:
    FROM alpine
    RUN echo $X
`;

eachEol('ARG, LET, SET, ENV and FOR scopes', scopes, (m, text) => {
  const byName = (n: string) => m.variables.find((v) => v.name === n && v.kind !== 'SET');
  assert.equal(byName('REGISTRY')?.scope.kind, 'global');
  assert.equal(byName('REGISTRY')?.global, true);
  assert.equal(byName('BASE_ONLY')?.scope.kind, 'base');
  assert.equal(byName('BASE_ONLY')?.global, false);
  assert.equal(byName('X')?.scope.kind, 'target');
  assert.equal(byName('X')?.value, '1');
  assert.equal(textAt(text, byName('X')?.nameRange), 'X');
  assert.equal(byName('y')?.kind, 'LET');
  assert.equal(m.variables.find((v) => v.kind === 'SET')?.value, '3');
  assert.equal(byName('INNER')?.scope.kind, 'block');
  assert.equal(byName('INNER')?.scope.parent?.kind, 'target');
  assert.equal(byName('f')?.kind, 'FOR');
  assert.equal(byName('PATH_X')?.kind, 'ENV');

  const inA = after(text, 'RUN echo $X');
  const visibleA = visibleVariables(m, inA);
  assert.ok(visibleA.has('X'));
  assert.ok(visibleA.has('REGISTRY'));
  assert.ok(!visibleA.has('BASE_ONLY'));
  // The FOR variable ends with its block; an ARG inside an IF does not (§8).
  assert.ok(!visibleA.has('f'));
  assert.ok(visibleA.has('INNER'));
  assert.ok(visibleVariables(m, after(text, 'RUN echo $f')).has('f'));
  // Declarations apply only after they are written.
  assert.ok(!visibleVariables(m, after(text, 'FROM alpine')).has('X'));
  // SET does not declare: the name still resolves to the LET.
  assert.equal(declarationOf(m, 'y', inA)?.kind, 'LET');

  const inB = text.lastIndexOf('$X') + 1;
  assert.equal(recipeAt(m, inB).name, 'b');
  assert.equal(declarationOf(m, 'X', inB), undefined);
  assert.equal(declarationOf(m, 'REGISTRY', inB)?.global, true);
});

const globals = (version: string) => `VERSION ${version}
ARG PLAIN=1
t:
    FROM alpine
    RUN echo $PLAIN
`;

eachEol('base ARGs are global before 0.7 and need --global from 0.7', globals('0.7'), (m, text) => {
  assert.equal(m.variables[0].global, false);
  assert.equal(declarationOf(m, 'PLAIN', after(text, 'echo $')), undefined);
});

eachEol('base ARGs are global under 0.6', globals('0.6'), (m, text) => {
  assert.equal(m.variables[0].global, true);
  assert.equal(declarationOf(m, 'PLAIN', after(text, 'echo $'))?.name, 'PLAIN');
});

eachEol('explicit-global can be switched on under 0.6', globals('--explicit-global 0.6'), (m) => {
  assert.equal(m.variables[0].global, false);
});

const refs = `VERSION 0.8
IMPORT ./lib
IMPORT github.com/org/repo/tools:v1.2 AS tools
FROM alpine
dep:
    SAVE ARTIFACT /out
app:
    FROM +dep
    BUILD +dep --MODE=fast --LEVEL 2
    COPY +dep/out ./out
    COPY (+dep/out --MODE=slow) ./slow
    COPY src ./src
    DO +HELPER --X=1
    DO lib+SHARED
    BUILD tools+lint
    BUILD +missing
    FROM DOCKERFILE -f +dep/Dockerfile +dep/ctx
    WITH DOCKER --load img:latest=+dep --load (+dep --K=v)
        RUN docker images
    END
local:
    IMPORT ./other AS lib
    DO lib+SHARED
HELPER:
    FUNCTION
    RUN true
`;

eachEol('references in every command that holds one', refs, (m, text) => {
  const roles = m.references.map((r) => `${r.role} ${textAt(text, r.range)}`);
  assert.deepEqual(roles, [
    'FROM +dep',
    'BUILD +dep',
    'COPY +dep/out',
    'COPY (+dep/out --MODE=slow)',
    'DO +HELPER',
    'DO lib+SHARED',
    'BUILD tools+lint',
    'BUILD +missing',
    'FROM DOCKERFILE +dep/ctx',
    'FROM DOCKERFILE -f +dep/Dockerfile',
    'WITH DOCKER --load img:latest=+dep',
    'WITH DOCKER --load (+dep --K=v)',
    'DO lib+SHARED',
  ]);
  const dep = m.targetsByName.get('dep')?.node;
  for (const r of m.references.filter((r) => r.ref?.name.text === 'dep')) {
    assert.equal(r.definition, dep, r.role);
    assert.equal(textAt(text, r.nameRange), 'dep');
  }
  assert.equal(m.references.find((r) => r.role === 'DO')?.definition, m.functionsByName.get('HELPER')?.node);
  assert.equal(m.references.find((r) => r.ref?.name.text === 'missing')?.definition, undefined);

  const build = m.references[1];
  assert.deepEqual(
    build.overrides.map((o) => [o.key, o.value, textAt(text, o.keyRange), textAt(text, o.valueRange)]),
    [
      ['MODE', 'fast', 'MODE', 'fast'],
      ['LEVEL', '2', 'LEVEL', '2'],
    ],
  );
  const grouped = m.references[3];
  assert.equal(textAt(text, grouped.artifactRange), '/out');
  assert.equal(textAt(text, grouped.overrides[0].valueRange), 'slow');
  const load = m.references.find((r) => r.imageRange);
  assert.equal(textAt(text, load?.imageRange), 'img:latest');
  assert.equal(textAt(text, load?.nameRange), 'dep');
});

eachEol('IMPORT aliases: defaults, global vs target-local', refs, (m, text) => {
  assert.deepEqual(
    m.imports.map((i) => [i.alias, i.global, textAt(text, i.aliasRange)]),
    [
      ['lib', true, './lib'],
      ['tools', true, 'tools'],
      ['lib', false, 'lib'],
    ],
  );
  const sites = m.references.filter((r) => r.ref?.earthfile.kind === 'import');
  assert.equal(sites[0].import, m.imports[0]);
  assert.equal(sites[1].import, m.imports[1]);
  // Inside `local`, its own IMPORT … AS lib shadows the global one.
  assert.equal(sites[2].import, m.imports[2]);
  assert.equal(textAt(text, sites[1].earthfileRange), 'tools');
});

eachEol(
  'IMPORT errors',
  `VERSION 0.8
IMPORT ..
IMPORT .
IMPORT ./a b
`,
  (m) => {
    assert.match(m.imports[0].error ?? '', /requires AS/);
    assert.match(m.imports[1].error ?? '', /not supported/);
    assert.match(m.imports[2].error ?? '', /AS/);
  },
);

eachEol(
  'reference errors are reported on the site',
  `VERSION 0.8
t:
    BUILD +t --A=1 stray
    BUILD +Bad
    DO +lower
    BUILD +t-$X
`,
  (m) => {
    assert.match(m.references[0].error ?? '', /invalid argument stray/);
    assert.match(m.references[1].error ?? '', /does not match/);
    assert.match(m.references[2].error ?? '', /does not match/);
    assert.equal(m.references[3].error, undefined);
    assert.equal(m.references[3].ref?.dynamic, true);
  },
);

eachEol(
  'SAVE ARTIFACT, plain COPY and image FROM are not references',
  `VERSION 0.8
t:
    FROM alpine:3.20
    COPY a b ./
    SAVE ARTIFACT /out AS LOCAL out
    SAVE IMAGE x
`,
  (m) => assert.equal(m.references.length, 0),
);

eachEol(
  'ranges survive line continuations',
  `VERSION 0.8
t:
    BUILD \\
        +dep \\
        --K=v
dep:
    RUN true
`,
  (m, text) => {
    const site = m.references[0];
    assert.equal(textAt(text, site.nameRange), 'dep');
    assert.equal(textAt(text, site.overrides[0].valueRange), 'v');
    assert.equal(referenceAt(m, after(text, '+de')), site);
  },
);

eachEol(
  'a continuation inside a reference word and a quoted reference',
  `VERSION 0.8
t:
    BUILD +de\\
p --K=v
    COPY "+dep/out" ./
dep:
    RUN true
`,
  (m, text) => {
    const [split, quoted] = m.references;
    assert.equal(split.ref?.name.text, 'dep');
    assert.equal(split.definition?.name, 'dep');
    const name = split.nameRange;
    assert.ok(name);
    assert.equal(text.slice(name.start, name.start + 2), 'de');
    assert.equal(text[name.end - 1], 'p');
    assert.equal(textAt(text, split.overrides[0].keyRange), 'K');
    assert.equal(textAt(text, quoted.nameRange), 'dep');
    assert.equal(textAt(text, quoted.artifactRange), '/out');
  },
);

eachEol(
  'a cursor on a new line after a recipe belongs to that recipe',
  `VERSION 0.8
ARG --global G=1
a:
    ARG X=1
    RUN true

b:
    RUN true
`,
  (m, text) => {
    const blank = after(text, 'RUN true') + 1;
    assert.equal(recipeAt(m, blank).name, 'a');
    assert.ok(visibleVariables(m, blank).has('X'));
    assert.equal(recipeAt(m, after(text, 'G=1')).name, 'base');
    assert.equal(recipeAt(m, text.length).name, 'b');
  },
);
