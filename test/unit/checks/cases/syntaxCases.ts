import type { RuleCase } from './ruleCase';

export const syntaxCases: readonly RuleCase[] = [
  {
    code: 'E-missing-version',
    bad: '# The build.\nbuild:\n    FROM alpine\n',
    good: '# The build.\nVERSION 0.8\nbuild:\n    FROM alpine\n',
    range: 'build:',
    message: 'VERSION',
    fix: { title: 'Add "VERSION 0.8"', result: 'VERSION 0.8\n# The build.\nbuild:\n    FROM alpine\n' },
  },
  {
    code: 'E-leading-whitespace',
    bad: 'VERSION 0.8\n  FROM alpine\n',
    good: 'VERSION 0.8\nFROM alpine\n',
    range: '  ',
  },
  {
    code: 'E-missing-indent',
    bad: 'VERSION 0.8\nbuild:\nFROM alpine\n',
    good: 'VERSION 0.8\nbuild:\n    FROM alpine\n',
    range: 'FROM',
    message: 'build',
  },
  {
    code: 'E-invalid-header',
    name: 'indented header',
    bad: 'VERSION 0.8\nbuild:\n    FROM alpine\n  test:\n',
    good: 'VERSION 0.8\nbuild:\n    FROM alpine\ntest:\n',
    message: 'beginning of the line',
  },
  {
    code: 'E-invalid-header',
    name: 'underscore in a target name',
    bad: 'VERSION 0.8\nmy_build:\n    FROM alpine\n',
    good: 'VERSION 0.8\nmy-build:\n    FROM alpine\n',
    range: 'my_build',
  },
  {
    code: 'E-unknown-command',
    bad: 'VERSION 0.8\nbuild:\n    SAVE  ARTIFACT out\n',
    good: 'VERSION 0.8\nbuild:\n    SAVE ARTIFACT out\n',
    message: 'exactly one space',
  },
  {
    code: 'E-missing-end',
    bad: 'VERSION 0.8\nbuild:\n    FROM alpine\n    IF true\n        RUN echo yes\n',
    good: 'VERSION 0.8\nbuild:\n    FROM alpine\n    IF true\n        RUN echo yes\n    END\n',
    range: 'IF',
    message: 'line 4',
    fix: {
      title: 'Insert END to close IF',
      result: 'VERSION 0.8\nbuild:\n    FROM alpine\n    IF true\n        RUN echo yes\n    END\n',
    },
  },
  {
    code: 'E-unexpected-clause',
    bad: 'VERSION 0.8\nbuild:\n    FROM alpine\n    END\n',
    good: 'VERSION 0.8\nbuild:\n    FROM alpine\n    WAIT\n    END\n',
    range: 'END',
  },
  {
    code: 'E-unterminated',
    bad: 'VERSION 0.8\nbuild:\n    FROM alpine\n    RUN echo "hi\n',
    good: 'VERSION 0.8\nbuild:\n    FROM alpine\n    RUN echo "hi"\n',
    message: 'unterminated',
  },
  {
    code: 'E-syntax',
    bad: 'VERSION 0.8\nbuild:\n    FROM alpine\n    LET x\n',
    good: 'VERSION 0.8\nbuild:\n    FROM alpine\n    LET x = 1\n',
    message: 'LET',
  },
];
