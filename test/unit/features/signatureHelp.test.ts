// Signature help after a reference: the callee's ARGs as `--NAME=default`, the one being typed active.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EOLS, signature, type Fixture } from './cursor';

const CALLEE = `VERSION 0.8
ARG --global REGISTRY=ghcr.io
# Builds the image.
build:
    ARG GOOS=linux
    ARG --required TAG
    ARG DEBUG
    SAVE ARTIFACT bin/app
TOOLS:
    FUNCTION
    ARG --required GO_VERSION
`;

const LIB = '/ws/lib/Earthfile';

for (const { label, eol } of EOLS) {
  const at = (text: string, extra: Omit<Fixture, 'text' | 'eol'> = {}): Fixture => ({ text, eol, ...extra });
  const call = (line: string) => at(`${CALLEE}all:\n    ${line}\n`);

  test(`BUILD and FROM: required first, defaults shown, the first ARG not given is active (${label})`, () => {
    const help = signature(call('BUILD +build $0'));
    assert.deepEqual(help?.parameters, ['--TAG=<required>', '--REGISTRY=ghcr.io', '--GOOS=linux', '--DEBUG']);
    assert.equal(help?.label, '+build --TAG=<required> --REGISTRY=ghcr.io --GOOS=linux --DEBUG');
    assert.equal(help?.active, '--TAG=<required>');
    assert.equal(help?.documentation, 'Builds the image.\n\nTarget `build` in this Earthfile, line 4.');
    assert.deepEqual(help?.parameterDocs.slice(0, 2), ['**Required**: the caller must give a value.', "Default: `ghcr.io`. A global ARG of the callee's Earthfile."]);
    assert.equal(signature(call('BUILD +build --TAG=1 $0'))?.active, '--REGISTRY=ghcr.io');
    assert.equal(signature(call('FROM +build --GO$0'))?.active, '--GOOS=linux');
    assert.equal(signature(call('BUILD +build --DEBUG=tr$0ue'))?.active, '--DEBUG');
    assert.equal(signature(call('BUILD +build --GOOS $0'))?.active, '--GOOS=linux');
    assert.equal(signature(call('BUILD +build --X$0'))?.active, undefined);
  });

  test(`DO: a function's ARGs (${label})`, () => {
    const help = signature(call('DO +TOOLS --GO_$0'));
    // A function sees the global ARGs of its Earthfile too.
    assert.equal(help?.label, '+TOOLS --GO_VERSION=<required> --REGISTRY=ghcr.io');
    assert.equal(help?.active, '--GO_VERSION=<required>');
    assert.match(help?.documentation ?? '', /Function `TOOLS` in this Earthfile, line 9\./);
  });

  test(`groups: COPY (+t/out --K=v), closed or being typed, and WITH DOCKER --load (${label})`, () => {
    assert.equal(signature(call('COPY (+build/bin/app --GOOS=$0) ./'))?.active, '--GOOS=linux');
    assert.equal(signature(call('COPY (+build/bin/app --TA$0'))?.active, '--TAG=<required>');
    assert.equal(signature(call('WITH DOCKER --load app=(+build --DEB$0'))?.active, '--DEBUG');
    assert.equal(signature(call('COPY (+build/bin/app --GOOS=x) ./$0')), undefined);
  });

  test(`a call continued over lines (${label})`, () => {
    assert.equal(signature(call('BUILD +build \\\n        --TAG=1 \\\n        --GO$0'))?.active, '--GOOS=linux');
    assert.equal(signature(call('BUILD +build \\\n        $0'))?.active, '--TAG=<required>');
  });

  test(`other Earthfiles: ./dir and IMPORT aliases (${label})`, () => {
    const files = { [LIB]: 'VERSION 0.8\n# Lints.\nlint:\n    ARG STRICT=false\n' };
    const help = signature(at('VERSION 0.8\nall:\n    BUILD ./lib+lint $0\n', { files }));
    assert.equal(help?.label, './lib+lint --STRICT=false');
    assert.equal(help?.documentation, 'Lints.\n\nTarget `lint` in `./lib/Earthfile`, line 3.');
    assert.equal(signature(at('VERSION 0.8\nIMPORT ./lib AS l\nall:\n    BUILD l+lint --S$0\n', { files }))?.active, '--STRICT=false');
    assert.equal(signature(at('VERSION 0.8\nall:\n    BUILD ./lib+nolint $0\n', { files })), undefined);
  });

  test(`no signature elsewhere (${label})`, () => {
    for (const line of ['BUILD +bui$0ld', 'BUILD +build # a comment $0', 'RUN echo $0', 'BUILD github.com/a/b+t $0', 'BUILD +$X $0', 'COPY +build/bin/app $0']) {
      assert.equal(signature(call(line)), undefined, line);
    }
    const noArgs = signature(at('VERSION 0.8\nt:\nall:\n    BUILD +t $0\n'));
    assert.deepEqual(noArgs?.parameters, []);
    assert.match(noArgs?.documentation ?? '', /It declares no ARGs\./);
  });

  test(`broken files: unclosed IF, missing END, a header with nothing under it (${label})`, () => {
    assert.equal(signature(at(`${CALLEE}all:\n    IF true\n        BUILD +build --T$0\n`))?.active, '--TAG=<required>');
    assert.equal(signature(at(`${CALLEE}all:\n    FOR x IN a b\n        BUILD +build $0\n    WAIT\n`))?.active, '--TAG=<required>');
    assert.deepEqual(signature(at('VERSION 0.8\nempty:\nall:\n    BUILD +empty $0'))?.parameters, []);
  });
}
