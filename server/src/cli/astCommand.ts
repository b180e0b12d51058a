// `earthfile ast`: the syntax tree of an Earthfile as JSON, in the shape of `earthly debug ast`.
import { readFileSync } from 'node:fs';
import { formatAstJson, parse, toAstJson } from '../parser';
import { LineIndex } from '../text/lineIndex';
import { errorMessage } from '../../../shared/src/errorMessage';
import type { Subcommand } from './subcommand';

export const astCommand: Subcommand = {
  name: 'ast',
  summary: 'print the syntax tree of an Earthfile as JSON (like `earthly debug ast`)',
  usage: [
    'Usage: earthfile ast [--source-map] [--form earthbuild|earthly] <file>',
    '',
    'Prints the tree in the shape of `earthly debug ast`, with keys sorted and indented.',
    'Syntax errors go to stderr as `file:line:column: message`, and the exit code is 1.',
    '',
    'Options:',
    '  --source-map      add a sourceLocation to every node',
    '  --form <form>     earthbuild (default: an argument-less command has no "args")',
    '                    or earthly ("args": [] for argument-less commands, as earthly v0.8 prints)',
    '  -h, --help        show this help',
  ].join('\n'),
  run(args, io) {
    let sourceMap = false;
    let form: 'earthbuild' | 'earthly' = 'earthbuild';
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--source-map') sourceMap = true;
      else if (a === '--form' || a.startsWith('--form=')) {
        const v = a === '--form' ? args[++i] : a.slice('--form='.length);
        if (v !== 'earthbuild' && v !== 'earthly') {
          io.err(`earthfile ast: --form must be earthbuild or earthly, not ${JSON.stringify(v ?? '')}\n`);
          return 2;
        }
        form = v;
      } else if (a === '-h' || a === '--help') {
        io.out(`${this.usage}\n`);
        return 0;
      } else if (a.startsWith('-') && a !== '-') {
        io.err(`earthfile ast: unknown option ${a}\n${this.usage}\n`);
        return 2;
      } else files.push(a);
    }
    if (files.length !== 1) {
      io.err(`earthfile ast: expected exactly one file\n${this.usage}\n`);
      return 2;
    }
    const file = files[0];
    let text: string;
    try {
      text = readFileSync(file === '-' ? 0 : file, 'utf8');
    } catch (e) {
      io.err(`earthfile ast: cannot read ${file}: ${errorMessage(e)}\n`);
      return 2;
    }
    const { tree, errors } = parse(text);
    if (errors.length > 0) {
      const lines = new LineIndex(text);
      for (const e of errors) {
        const p = lines.positionAt(e.range.start);
        io.err(`${file}:${p.line + 1}:${p.character + 1}: ${e.message}\n`);
      }
      return 1;
    }
    io.out(formatAstJson(toAstJson(tree, { form, ...(sourceMap && { sourceMap: { file } }) })));
    return 0;
  },
};
