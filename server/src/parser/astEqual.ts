// Whether two syntax trees have the same AST as `earthfile ast` prints it: exactly what `toAstJson`
// (astJson.ts, the default form, no source map) writes, compared node by node. The formatter checks
// every result with this: on the 10,000-line benchmark file, building the two JSON trees and comparing
// them took a fifth of its time and 4.2 MB. A change to what astJson.ts prints must be made here too.
//
// Iterative, like astJson.ts: 10,000 nested blocks compare without deep recursion.

import type { ArgNode, BlockNode, ClauseNode, CommandNode, DocsNode, EarthfileNode, RecipeOwnerBase, Statement } from './syntax';

const NO_STATEMENTS: readonly Statement[] = [];

/** True when `toAstJson(a)` and `toAstJson(b)` are deeply equal. */
export function astEqual(a: EarthfileNode, b: EarthfileNode): boolean {
  if ((a.version === undefined) !== (b.version === undefined)) return false;
  if (a.version && b.version && !sameTexts(a.version.rawArgs, b.version.rawArgs)) return false;
  const pending: (readonly Statement[])[] = [];
  /** Two blocks: the same length, their statements compared later (an empty block prints `null`). */
  const blocks = (x: readonly Statement[], y: readonly Statement[]): boolean => {
    if (x.length !== y.length) return false;
    pending.push(x, y);
    return true;
  };
  /** Two ELSE, CATCH or FINALLY clauses, which print only when their body is not empty. */
  const optionalBodies = (x: ClauseNode | undefined, y: ClauseNode | undefined): boolean => blocks(x?.body ?? NO_STATEMENTS, y?.body ?? NO_STATEMENTS);
  const owners = (x: readonly RecipeOwnerBase[], y: readonly RecipeOwnerBase[], docs: boolean): boolean => {
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) {
      if (x[i].name !== y[i].name || (docs && !sameDocs(x[i].docs, y[i].docs)) || !blocks(x[i].recipe, y[i].recipe)) return false;
    }
    return true;
  };
  if (!blocks(a.baseRecipe, b.baseRecipe) || !owners(a.targets, b.targets, true) || !owners(a.functions, b.functions, false)) return false;

  while (pending.length > 0) {
    const y = pending.pop() as readonly Statement[];
    const x = pending.pop() as readonly Statement[];
    for (let i = 0; i < x.length; i++) {
      const s = x[i];
      const t = y[i];
      if (s.kind !== t.kind) return false;
      if (s.kind === 'command') {
        const c = t as CommandNode;
        if (s.keyword.text !== c.keyword.text || !sameDocs(s.docs, c.docs) || !sameCommand(s, c)) return false;
        continue;
      }
      const u = t as BlockNode;
      if (!blocks(s.clauses[0].body, u.clauses[0].body)) return false;
      const opener = s.clauses[0].command;
      const other = u.clauses[0].command;
      if (s.kind === 'with') {
        if (!sameCommand(opener, other)) return false;
      } else if (s.kind === 'if') {
        const v = u as typeof s;
        if (!sameCommand(opener, other) || s.elseIfs.length !== v.elseIfs.length || !optionalBodies(s.else, v.else)) return false;
        for (let k = 0; k < s.elseIfs.length; k++) {
          if (!sameCommand(s.elseIfs[k].command, v.elseIfs[k].command) || !blocks(s.elseIfs[k].body, v.elseIfs[k].body)) return false;
        }
      } else if (s.kind === 'try') {
        // TRY prints no line of its own.
        const v = u as typeof s;
        if (!optionalBodies(s.catch, v.catch) || !optionalBodies(s.finally, v.finally)) return false;
      } else if (!sameTexts(opener.rawArgs, other.rawArgs)) {
        // FOR and WAIT print their arguments, not the exec mode.
        return false;
      }
    }
  }
  return true;
}

/** The arguments and exec mode of two command lines (what a command, WITH DOCKER, IF and ELSE IF print). */
function sameCommand(x: CommandNode, y: CommandNode): boolean {
  return x.execMode === y.execMode && sameTexts(x.rawArgs, y.rawArgs);
}

function sameTexts(x: readonly ArgNode[], y: readonly ArgNode[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i].text !== y[i].text) return false;
  return true;
}

/** Doc comments as printed: an empty one is left out. */
function sameDocs(x: DocsNode | undefined, y: DocsNode | undefined): boolean {
  return (x?.text || '') === (y?.text || '');
}
