// The cloze test: in every Earthfile fixture of the repository, at each command keyword, flag, target
// reference and variable use, cut the line where a person would be typing (`    CO`, `    COPY --`,
// `    BUILD ./dir+`, `$`), keep the rest of the file, and expect completion to offer what was written.
// Recall per kind is printed. Left out of the expectations is only what completion must not offer or
// cannot know (see the comments in `clozes`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyzeText } from '../../../../server/src/analysis/analyze';
import { forEachStatement } from '../../../../server/src/analysis/statements';
import { WorkspaceIndex } from '../../../../server/src/analysis/workspaceIndex';
import { diskHost } from '../../../../server/src/diskHost';
import { builtinArg } from '../../../../server/src/language/builtinArgs';
import { commandByName, findFlag, flagSpelling } from '../../../../server/src/language/commands';
import { createLanguageService } from '../../../../server/src/service';
import { LineIndex } from '../../../../server/src/text/lineIndex';
import { lineEnd } from '../../../../server/src/text/characters';
import { pathToUri } from '../../../../server/src/uri';
import { REPO_ROOT } from '../../../harness/paths';

type Kind = 'command' | 'flag' | 'reference' | 'variable';

interface Cloze {
  readonly kind: Kind;
  /** Where the person is typing; the rest of that line is cut. */
  readonly cut: number;
  readonly expected: string;
}

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');

function earthfiles(): string[] {
  return readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
    .filter((f) => basename(f).startsWith('Earthfile') || f.endsWith('.earth'))
    .map((f) => join(FIXTURES, f));
}

/** The clozes of one file: what was written where, among the things completion is meant to know. */
function clozes(path: string, text: string): Cloze[] {
  const model = analyzeText(text);
  const index = new WorkspaceIndex(diskHost, analyzeText);
  const out: Cloze[] = [];
  const rejected = new Set(model.parseErrors.map((e) => e.range.start));
  forEachStatement(model, (st) => {
    const commands = st.kind === 'command' ? [st] : [...st.clauses.map((c) => c.command), ...(st.end ? [st.end] : [])];
    for (const c of commands) {
      const spec = commandByName(c.keyword.text);
      // Dockerfile leftovers and CATCH, which Earthly refuses, are not offered, nor keywords the parser rejects
      // where they stand (a stray END or ELSE, VERSION after the first line, a command at column 0 under a header).
      if (!spec || spec.unsupported || spec.rejected || rejected.has(c.keyword.range.start)) continue;
      out.push({ kind: 'command', cut: c.keyword.range.start + Math.min(2, c.keyword.text.length), expected: spec.name });
      for (const f of c.flags) {
        const flag = findFlag(spec, f.name.startsWith('-') ? f.name : `--${f.name}`);
        // Obsolete flags are not offered, and unknown ones are errors.
        if (!flag || flag.obsolete) continue;
        out.push({ kind: 'flag', cut: f.nameRange.start + (flag.name.startsWith('-') ? 1 : 2), expected: flagSpelling(flag) });
      }
      if (spec.name === 'VERSION') {
        for (const v of model.version?.flags ?? []) out.push({ kind: 'flag', cut: v.range.start + 2, expected: `--${v.name}` });
      }
    }
  });
  for (const site of model.references) {
    const ref = site.ref;
    // Only names completion can list: same-file and local Earthfiles that define them.
    if (!ref || ref.dynamic || !site.nameRange || ref.earthfile.kind === 'remote') continue;
    if (!index.resolveReference(path, site)?.definition && !site.definition) continue;
    out.push({ kind: 'reference', cut: site.nameRange.start, expected: ref.name.text });
  }
  const declared = new Set(model.variables.map((v) => v.name));
  for (const m of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const name = m[1];
    // Shell variables of RUN ($HOME, $PATH) are not Earthly's to know.
    if (!declared.has(name) && !builtinArg(name)) continue;
    const at = m.index + m[0].length - name.length;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    if (/^\s*#/.test(text.slice(lineStart, at))) continue;
    out.push({ kind: 'variable', cut: at, expected: name });
  }
  return out;
}

// The one miss left: an ELSE under an IF whose inner FOR is not closed (ast/err-missing-end.earth); there
// ELSE can only continue the innermost open block, the FOR, so it is rightly not offered.
test('cloze recall over every Earthfile fixture', async () => {
  const hits: Record<Kind, number> = { command: 0, flag: 0, reference: 0, variable: 0 };
  const totals: Record<Kind, number> = { command: 0, flag: 0, reference: 0, variable: 0 };
  const misses: string[] = [];
  const service = createLanguageService(diskHost);
  for (const path of earthfiles()) {
    const source = readFileSync(path, 'utf8');
    const uri = pathToUri(path);
    let version = 0;
    for (const cloze of clozes(path, source)) {
      const text = source.slice(0, cloze.cut) + source.slice(lineEnd(source, cloze.cut));
      service.openDocument(uri, ++version, text);
      const list = await service.completion(uri, new LineIndex(text).positionAt(cloze.cut), { snippets: false });
      totals[cloze.kind]++;
      if (list.items.some((i) => i.label === cloze.expected)) hits[cloze.kind]++;
      else misses.push(`${cloze.kind} ${cloze.expected} at ${path.slice(FIXTURES.length + 1)}:${new LineIndex(source).positionAt(cloze.cut).line + 1}`);
    }
    service.closeDocument(uri);
  }
  const recall = (k: Kind) => hits[k] / totals[k];
  for (const k of Object.keys(totals) as Kind[]) console.log(`cloze ${k}: ${hits[k]}/${totals[k]} = ${(100 * recall(k)).toFixed(1)}%`);
  for (const m of misses) console.log(`  miss: ${m}`);
  assert.ok(recall('command') >= 0.99, 'command recall');
  assert.ok(recall('flag') >= 0.99, 'flag recall');
  assert.ok(recall('reference') >= 0.95, 'reference recall');
  assert.ok(recall('variable') >= 0.9, 'variable recall');
});
