// What kind of argument is being typed after a command keyword: a variable, a flag or its value, a
// reference, build-arg overrides after one, a local path, an image name, a VERSION feature or number.
// Options come before the first positional word (reference §4), so a word is a flag only there.

import { findFlag, type CommandSpec, type FlagSpec } from '../../language/commands';
import { hasUnescapedPlus } from '../../parser';
import type { TypedWord } from './cursorContext';

/** What a reference position names: a target, a function, an artifact, or only an Earthfile (IMPORT). */
export type RefExpect = 'target' | 'function' | 'artifact' | 'earthfile';

/** Text typed from `start` up to the cursor; `end` is where the word ends. */
export interface Typed {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export type ArgumentContext =
  | { readonly kind: 'variable'; readonly start: number; readonly braced: boolean }
  | { readonly kind: 'flag'; readonly spec: CommandSpec; readonly given: ReadonlySet<string>; readonly typed: Typed }
  | { readonly kind: 'feature'; readonly given: ReadonlySet<string>; readonly typed: Typed }
  | { readonly kind: 'versionNumber'; readonly typed: Typed }
  | { readonly kind: 'flagValue'; readonly spec: CommandSpec; readonly flag: FlagSpec; readonly typed: Typed }
  | { readonly kind: 'reference'; readonly expect: RefExpect; readonly typed: Typed }
  | { readonly kind: 'override'; readonly expect: 'target' | 'function' | 'artifact'; readonly ref: string; readonly given: ReadonlySet<string>; readonly typed: Typed }
  | { readonly kind: 'path'; readonly typed: Typed }
  | { readonly kind: 'image'; readonly typed: Typed };

/** Commands whose arguments are never expanded, so `$` starts nothing there (reference §8). */
const NOT_EXPANDED = new Set(['VERSION', 'PROJECT']);

/** The contexts of the last of `args` (the word at the cursor), after the keyword of `spec`. */
export function argumentContexts(spec: CommandSpec, args: readonly TypedWord[]): ArgumentContext[] {
  const current = args[args.length - 1];
  if (!NOT_EXPANDED.has(spec.name)) {
    const variable = variableAt(current);
    if (variable) return [variable];
  }
  const options = !spec.literalArgs && (spec.args !== 'keyValue' || spec.keyValue?.options === true);
  const given = new Set<string>();
  const positional: TypedWord[] = [];
  let optionsOpen = options;
  for (let k = 0; k < args.length - 1; k++) {
    const text = args[k].text;
    if (optionsOpen && text === '--') {
      optionsOpen = false;
    } else if (optionsOpen && text.startsWith('-') && text.length > 1) {
      const flag = findFlag(spec, text);
      given.add(flag?.name ?? text.replace(/^--?/, '').split('=', 1)[0]);
      if (flag && flag.kind !== 'bool' && !text.includes('=')) {
        k++;
        if (k === args.length - 1) return flagValueContexts(spec, flag, typed(current, 0));
      }
    } else {
      optionsOpen = false;
      positional.push(args[k]);
    }
  }
  if (optionsOpen && current.text.startsWith('-')) {
    const eq = current.text.indexOf('=');
    if (eq >= 0) {
      const flag = findFlag(spec, current.text);
      return flag && flag.kind !== 'bool' ? flagValueContexts(spec, flag, typed(current, eq + 1)) : [];
    }
    if (spec.name === 'VERSION') return [{ kind: 'feature', given, typed: typed(current, 0) }];
    return [{ kind: 'flag', spec, given, typed: typed(current, 0) }];
  }
  const contexts = POSITIONAL[spec.name]?.(positional, current) ?? [];
  // Where nothing is typed yet the flags are offered too: the editor keeps the list and filters it on
  // `--` as it is typed, which does not depend on a second request overtaking the first.
  if (optionsOpen && current.text === '' && spec.name !== 'VERSION' && spec.flags.length > 0) {
    return [...contexts, { kind: 'flag', spec, given, typed: typed(current, 0) }];
  }
  return contexts;
}

/** `word` from character `from` on. */
function typed(word: TypedWord, from: number): Typed {
  return { text: word.text.slice(from), start: word.start + from, end: word.end };
}

/** A `$NAME` or `${NAME` being typed at the end of the word. */
function variableAt(word: TypedWord): ArgumentContext | undefined {
  const text = word.text;
  const d = text.lastIndexOf('$');
  if (d < 0 || text.charCodeAt(d - 1) === 0x5c) return undefined;
  const braced = text.charCodeAt(d + 1) === 0x7b;
  const nameStart = d + 1 + (braced ? 1 : 0);
  if (!/^[A-Za-z0-9_]*$/.test(text.slice(nameStart))) return undefined;
  return { kind: 'variable', start: word.start + nameStart, braced };
}

/** The value of `flag` being typed: references and paths for the flags that take them, else the flag's values. */
function flagValueContexts(spec: CommandSpec, flag: FlagSpec, value: Typed): ArgumentContext[] {
  const special = FLAG_VALUES[`${spec.name} ${flag.name}`];
  return special ? special(value) : [{ kind: 'flagValue', spec, flag, typed: value }];
}

/**
 * The reference being typed inside its word: after a quote that opens the word (Earthly removes quotes
 * before it reads a reference) and after a `(` that opens a group whose first word is the reference
 * (COPY, FROM DOCKERFILE, `--load`).
 */
function ungrouped(t: Typed): Typed {
  let skip = t.text.startsWith('"') || t.text.startsWith("'") ? 1 : 0;
  if (t.text.startsWith('(', skip)) skip++;
  return skip === 0 ? t : { text: t.text.slice(skip), start: t.start + skip, end: t.end };
}

function reference(expect: RefExpect, t: Typed): ArgumentContext {
  return { kind: 'reference', expect, typed: ungrouped(t) };
}

const FLAG_VALUES: Readonly<Record<string, (value: Typed) => ArgumentContext[]>> = {
  'WITH DOCKER load': (value) => {
    // `[<image>=]<target-ref>`: the image name until the first `=` outside a group.
    const eq = value.text.indexOf('=');
    const paren = value.text.indexOf('(');
    if (eq >= 0 && (paren < 0 || eq < paren)) {
      return [reference('target', { text: value.text.slice(eq + 1), start: value.start + eq + 1, end: value.end })];
    }
    return [reference('target', value), { kind: 'image', typed: value }];
  },
  'WITH DOCKER pull': (value) => [{ kind: 'image', typed: value }],
  'SAVE IMAGE cache-from': (value) => [{ kind: 'image', typed: value }],
  'FROM DOCKERFILE -f': (value) => [reference('artifact', value), { kind: 'path', typed: value }],
};

type PositionalRule = (before: readonly TypedWord[], current: TypedWord) => ArgumentContext[];

/** `<ref> [--K=v…]`: the reference first, then overrides of what it names. */
function refWithOverrides(expect: 'target' | 'function', imageToo: boolean): PositionalRule {
  return (before, current) => {
    if (before.length === 0) {
      const t = typed(current, 0);
      return imageToo && !hasUnescapedPlus(t.text) ? [reference(expect, t), { kind: 'image', typed: t }] : [reference(expect, t)];
    }
    return overrideContext(expect, before[0].text, before.slice(1), current);
  };
}

function overrideContext(expect: 'target' | 'function' | 'artifact', ref: string, after: readonly TypedWord[], current: TypedWord): ArgumentContext[] {
  if (!hasUnescapedPlus(ref) || !(current.text === '' || current.text.startsWith('-'))) return [];
  const given = new Set(after.filter((w) => w.text.startsWith('-')).map((w) => w.text.replace(/^--?/, '').split('=', 1)[0]));
  return [{ kind: 'override', expect, ref, given, typed: typed(current, 0) }];
}

/** COPY sources: artifact references (possibly in a `( … )` group with overrides) or local paths. */
const copySource: PositionalRule = (before, current) => {
  let open = before.length - 1;
  while (open >= 0 && !before[open].text.startsWith('(')) open--;
  if (open >= 0 && !before.slice(open).some((w) => w.text.includes(')'))) {
    return overrideContext('artifact', before[open].text.slice(1), before.slice(open + 1), current);
  }
  const t = typed(current, 0);
  if (t.text.startsWith('(') || hasUnescapedPlus(t.text)) return [reference('artifact', t)];
  return [reference('artifact', t), { kind: 'path', typed: t }];
};

const POSITIONAL: Readonly<Record<string, PositionalRule>> = {
  FROM: refWithOverrides('target', true),
  BUILD: refWithOverrides('target', false),
  DO: refWithOverrides('function', false),
  COPY: copySource,
  IMPORT: (before, current) => (before.length === 0 ? [reference('earthfile', typed(current, 0))] : []),
  'FROM DOCKERFILE': (before, current) => {
    if (before.length > 0) return [];
    const t = typed(current, 0);
    return [reference('artifact', t), { kind: 'path', typed: ungrouped(t) }];
  },
  // The source is a path in the build environment, which is not this folder: only the AS LOCAL
  // destination is a local path.
  'SAVE ARTIFACT': (before, current) => {
    const asLocal = before.length >= 2 && before[before.length - 2].text === 'AS' && before[before.length - 1].text === 'LOCAL';
    return asLocal ? [{ kind: 'path', typed: typed(current, 0) }] : [];
  },
  'SAVE IMAGE': (_before, current) => [{ kind: 'image', typed: typed(current, 0) }],
  VERSION: (_before, current) => [{ kind: 'versionNumber', typed: typed(current, 0) }],
};
