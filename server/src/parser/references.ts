// Target, function and artifact references, IMPORT paths and build-arg overrides, as plain strings
// (reference: shared earthfile-language.md §4 "Override", §7).
//
// Every function is pure and never throws: problems come back as an `error` string worded like
// Earthly's own message. Each `Part` carries its text with `\` escapes removed and its span in the
// input string, so a caller can map it to a document range. The `…At` variants read a span of a
// larger string (such as the whole document) and report offsets in that string, without copying.

import { FUNCTION_NAME, TARGET_NAME } from '../language/names';
import { CH_BACKSLASH, CH_COLON, CH_DASH, CH_DOLLAR, CH_EQUALS, CH_PLUS, CH_SLASH } from '../text/characters';

/** A piece of the input: its text with escapes removed, and its half-open span in the input. */
export interface Part {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Which Earthfile a reference points into: the text before the `+`. */
export type EarthfileRef =
  /** `+name`: the Earthfile the reference is written in. */
  | { readonly kind: 'same' }
  /**
   * `./dir+name`, `../x+name`, `/abs+name`, `~/x+name`. `cleaned` is the path normalised like Go's
   * `path.Clean`, with `./` put back in front of a relative path.
   */
  | { readonly kind: 'path'; readonly path: Part; readonly cleaned: string; readonly base: PathBase }
  /** `host/owner/repo[/sub/dir][:tag]+name`. */
  | { readonly kind: 'remote'; readonly repo: Part; readonly tag?: Part; readonly whole: Part }
  /** `alias+name`, resolved through an IMPORT. */
  | { readonly kind: 'import'; readonly alias: Part };

export type PathBase = 'relative' | 'absolute' | 'home';

/** A target (`lower-kebab`) or a function (`UPPER_SNAKE`). */
export type NameKind = 'target' | 'function';

export interface Reference {
  readonly earthfile: EarthfileRef;
  readonly nameKind: NameKind;
  /** The target or function name. */
  readonly name: Part;
  /** For artifact references: the path after the name, starting with its `/` (`/out/bin`). */
  readonly artifact?: Part;
  /** The text holds a `$`: it is expanded at build time, so names are not checked. */
  readonly dynamic: boolean;
  /** Span of the whole reference. */
  readonly start: number;
  readonly end: number;
}

/** What a position expects: `any` decides target vs function by the case of the name's first letter. */
export type Expect = NameKind | 'artifact' | 'any';

/** A reference that could be split into its parts; `error` is set when a part is invalid. */
export interface ParsedReference {
  readonly ref?: Reference;
  readonly error?: string;
}


/** Parses `[<earthfile-ref>]+<name>[/<artifact-path>]`. */
export function parseReference(text: string, expect: Expect): ParsedReference {
  return parseReferenceAt(text, 0, text.length, expect);
}

/** True when `text` holds an unescaped `+`, i.e. it can only be meant as a reference. */
export function hasUnescapedPlus(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === CH_BACKSLASH) i++;
    else if (c === CH_PLUS) return true;
  }
  return false;
}

/** `parseReference` of `source[from, to)`, with offsets in `source`. */
export function parseReferenceAt(source: string, from: number, to: number, expect: Expect): ParsedReference {
  let plus = -1;
  let secondPlus = -1;
  let dynamic = false;
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (c === CH_BACKSLASH) {
      if (i + 1 >= to) return failure('cannot split by +: unterminated escape sequence at the end of', source, from, to);
      i++;
    } else if (c === CH_PLUS) {
      if (plus < 0) plus = i;
      else if (secondPlus < 0) secondPlus = i;
      else return failure('invalid target ref', source, from, to);
    } else if (c === CH_DOLLAR) {
      dynamic = true;
    }
  }
  // Earthly drops an empty word after the last `+`, so `+t+` still names `t`.
  const nameEnd = secondPlus >= 0 && secondPlus === to - 1 ? secondPlus : to;
  if (plus < 0 || (secondPlus >= 0 && nameEnd === to) || nameEnd === plus + 1) {
    return failure('invalid target ref', source, from, to);
  }
  const earthfile = earthfileRefIn(source, from, plus);
  let name: Part;
  let artifact: Part | undefined;
  if (expect === 'artifact') {
    const slash = source.indexOf('/', plus + 1);
    if (slash < 0 || slash >= nameEnd) return failure('invalid artifact name', source, from, to);
    name = partOf(source, plus + 1, slash);
    artifact = partOf(source, slash, nameEnd);
  } else {
    name = partOf(source, plus + 1, nameEnd);
  }
  const nameKind: NameKind =
    expect === 'function' || (expect === 'any' && isUpper(name.text.charCodeAt(0))) ? 'function' : 'target';
  const ref: Reference = { earthfile, nameKind, name, artifact, dynamic, start: from, end: to };
  let error: string | undefined;
  if (!dynamic) {
    const pattern = nameKind === 'target' ? TARGET_NAME : FUNCTION_NAME;
    if (!pattern.test(name.text)) error = `${nameKind} name ${name.text} does not match ${pattern.source}`;
  }
  return { ref, error };
}

function failure(message: string, source: string, from: number, to: number): ParsedReference {
  return { ref: undefined, error: `${message} ${source.slice(from, to)}` };
}

function isUpper(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}

/** Classifies the text before the `+` (reference §7). */
function earthfileRefIn(source: string, from: number, to: number): EarthfileRef {
  if (from === to) return { kind: 'same' };
  const left = partOf(source, from, to);
  const t = left.text;
  if (t.startsWith('.') || t.startsWith('/') || t.startsWith('~/')) {
    const base: PathBase = t.startsWith('/') ? 'absolute' : t.startsWith('~/') ? 'home' : 'relative';
    return { kind: 'path', path: left, cleaned: cleanLocalPath(t, base), base };
  }
  let colon = -1;
  let hasSlash = false;
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (c === CH_BACKSLASH) i++;
    else if (c === CH_COLON && colon < 0) colon = i;
    else if (c === CH_SLASH) hasSlash = true;
  }
  if (colon >= 0 || hasSlash) {
    if (colon < 0) return { kind: 'remote', repo: left, tag: undefined, whole: left };
    return { kind: 'remote', repo: partOf(source, from, colon), tag: partOf(source, colon + 1, to), whole: left };
  }
  return { kind: 'import', alias: left };
}

function cleanLocalPath(path: string, base: PathBase): string {
  if (base === 'home') return '~/' + cleanPath(path.slice(2)).replace(/^\.$/, '');
  // `./dir` is already clean in the usual case; only other shapes need the full normalisation.
  if (base === 'relative' && path.startsWith('./') && path.charCodeAt(2) !== 0x2e && isClean(path.slice(2))) return path;
  const cleaned = cleanPath(path);
  return base === 'relative' && !cleaned.startsWith('.') ? './' + cleaned : cleaned;
}

/** Lexical path normalisation with Go's `path.Clean` rules. */
export function cleanPath(path: string): string {
  if (isClean(path)) return path;
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else {
      out.push(segment);
    }
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/** True when `cleanPath` would return `path` unchanged (the common case, checked without allocating). */
function isClean(path: string): boolean {
  const n = path.length;
  if (n === 0) return false;
  const rooted = path.charCodeAt(0) === CH_SLASH;
  if (rooted && n === 1) return true;
  let onlyParents = true;
  for (let start = rooted ? 1 : 0; start <= n; ) {
    let end = path.indexOf('/', start);
    if (end < 0) end = n;
    const len = end - start;
    const dots = len <= 2 && path.charCodeAt(start) === 0x2e && (len === 1 || path.charCodeAt(start + 1) === 0x2e);
    if (len === 0 || (dots && len === 1)) return false;
    if (dots) {
      if (rooted || !onlyParents) return false;
    } else {
      onlyParents = false;
    }
    start = end + 1;
  }
  return true;
}

/** The text of `source[from, to)` with every `\x` replaced by `x`. */
function partOf(source: string, from: number, to: number): Part {
  const raw = source.slice(from, to);
  return { text: raw.includes('\\') ? unescape(raw) : raw, start: from, end: to };
}

function unescape(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    if (raw.charCodeAt(i) === CH_BACKSLASH && i + 1 < raw.length) i++;
    out += raw[i];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// IMPORT

export interface ParsedImport {
  readonly earthfile?: EarthfileRef;
  /** The alias in force: the explicit `AS` alias, or the default one. */
  readonly alias?: string;
  readonly error?: string;
}

/**
 * Parses an IMPORT path and works out its alias (reference §7, DOC IMPORT): the last path element
 * with the tag excluded; `.` cannot be imported; a path ending in `.` or `..` needs `AS`.
 */
export function parseImport(path: string, explicitAlias?: string): ParsedImport {
  if (path === '') return { error: 'IMPORTing empty string not supported' };
  if (hasUnescapedPlus(path)) return { error: `could not parse IMPORT ${path}: invalid target ref ${path}+none` };
  const earthfile = earthfileRefIn(path, 0, path.length);
  let importPath: string;
  if (earthfile.kind === 'remote') importPath = earthfile.repo.text;
  else if (earthfile.kind === 'path' && earthfile.cleaned !== '.') importPath = earthfile.cleaned;
  else return { earthfile, error: `IMPORT ${path} not supported` };
  const last = importPath.slice(importPath.lastIndexOf('/') + 1);
  if (last === '') return { earthfile, error: `IMPORT ${path} not supported` };
  if ((last === '.' || last === '..') && explicitAlias === undefined) {
    return { earthfile, error: 'IMPORT requires AS if the import path ends with "." or ".."' };
  }
  const alias = explicitAlias ?? last;
  if (/[/:]/.test(alias)) return { earthfile, alias, error: `invalid IMPORT AS ${alias}` };
  return { earthfile, alias };
}

// ---------------------------------------------------------------------------------------------
// Overrides: `--K=v`, `--K v`, `-K=v`, `-K v` after a reference (PN `ParseFlagArgs`).

/** One word of a command line, with the offset of its first character in the caller's frame. */
export interface Word {
  readonly text: string;
  readonly start: number;
}

export interface Override {
  /** The key, without dashes. */
  readonly key: Part;
  /** Absent only when the last flag has no value (an error is reported then). */
  readonly value?: Part;
  /** Index of the word holding the key, and of the one holding the value. */
  readonly keyWord: number;
  readonly valueWord: number;
  /** From the dashes to the end of the value. */
  readonly start: number;
  readonly end: number;
}

export interface ParsedOverrides {
  readonly overrides: readonly Override[];
  readonly error?: { readonly message: string; readonly word: number };
}

/**
 * Parses the words after a reference into build-arg overrides. Offsets are `word.start`-based; word
 * indexes count in `words`, from `first` on.
 */
export function parseOverrides(words: readonly Word[], first = 0): ParsedOverrides {
  const overrides: Override[] = [];
  let error: ParsedOverrides['error'];
  let pending: { key: Part; keyWord: number; start: number } | undefined;
  for (let w = first; w < words.length; w++) {
    const { text, start } = words[w];
    if (pending) {
      const value: Part = { text, start, end: start + text.length };
      overrides.push({ key: pending.key, value, keyWord: pending.keyWord, valueWord: w, start: pending.start, end: value.end });
      pending = undefined;
      continue;
    }
    if (text.charCodeAt(0) !== CH_DASH) {
      error ??= { message: `invalid argument ${text}`, word: w };
      continue;
    }
    const dashes = text.charCodeAt(1) === CH_DASH ? 2 : 1;
    const eq = unescapedIndexOf(text, CH_EQUALS, dashes);
    const keyEnd = eq < 0 ? text.length : eq;
    const key: Part = { text: text.slice(dashes, keyEnd), start: start + dashes, end: start + keyEnd };
    if (eq < 0) {
      pending = { key, keyWord: w, start };
      continue;
    }
    const value: Part = { text: text.slice(eq + 1), start: start + eq + 1, end: start + text.length };
    overrides.push({ key, value, keyWord: w, valueWord: w, start, end: value.end });
  }
  if (pending) {
    const { key, keyWord, start } = pending;
    overrides.push({ key, value: undefined, keyWord, valueWord: keyWord, start, end: key.end });
    error ??= { message: `no value provided for --${key.text}`, word: keyWord };
  }
  return { overrides, error };
}

function unescapedIndexOf(text: string, code: number, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === CH_BACKSLASH) i++;
    else if (c === code) return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Groups: `(+t/art --K=v)` in COPY and FROM DOCKERFILE, and `--load [img=]<ref>` in WITH DOCKER.

export interface ParsedGroup {
  /** The words inside the parentheses: the reference, then the overrides. */
  readonly words: readonly Word[];
  readonly error?: string;
}

/** True for `(…)` and `"(…)"`, the forms Earthly reads as a reference with overrides. */
export function isGroup(text: string): boolean {
  return isGroupAt(text, 0, text.length);
}

function isGroupAt(source: string, from: number, to: number): boolean {
  const first = source.charCodeAt(from);
  const last = source.charCodeAt(to - 1);
  if (first === 0x28) return to - from >= 2 && last === 0x29;
  return (
    first === 0x22 && to - from >= 4 && source.charCodeAt(from + 1) === 0x28 && last === 0x22 && source.charCodeAt(to - 2) === 0x29
  );
}

const NO_OVERRIDES: readonly Override[] = [];

/** Splits a group into its words (on unquoted, unescaped whitespace), offsets relative to `text`. */
export function splitGroup(text: string): ParsedGroup {
  return splitGroupAt(text, 0, text.length);
}

/** `splitGroup` of the group `source[start, end)`, with offsets in `source`; `closed` false when its `)` is not typed yet. */
function splitGroupAt(source: string, start: number, end: number, closed = true): ParsedGroup {
  const inset = source.charCodeAt(start) === 0x22 ? 2 : 1;
  const from = start + inset;
  const to = closed ? end - inset : end;
  const words: Word[] = [];
  let wordStart = -1;
  let inQuotes = false;
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    const space = c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
    if (space && !inQuotes) {
      if (wordStart >= 0) words.push({ text: source.slice(wordStart, i), start: wordStart });
      wordStart = -1;
      continue;
    }
    if (wordStart < 0) wordStart = i;
    if (c === CH_BACKSLASH) {
      if (i + 1 >= to) return { words, error: 'unterminated escape sequence' };
      i++;
    } else if (c === 0x22) {
      inQuotes = !inQuotes;
    }
  }
  if (inQuotes) return { words, error: 'no ending quotes' };
  if (wordStart >= 0) words.push({ text: source.slice(wordStart, to), start: wordStart });
  if (words.length === 0) return { words, error: `invalid empty group ${source.slice(start, end)}` };
  return { words };
}

export interface ReferenceWithOverrides {
  readonly ref?: Reference;
  readonly overrides: readonly Override[];
  /** Whether the reference was written as a `(…)` group. */
  readonly grouped: boolean;
  readonly error?: string;
}

/**
 * Parses one word that is a reference, possibly written as a `(ref --K=v …)` group. All offsets are
 * relative to `text`.
 */
export function parseReferenceWord(text: string, expect: Expect): ReferenceWithOverrides {
  return parseReferenceWordAt(text, 0, text.length, expect);
}

/** `parseReferenceWord` of `source[from, to)`, with offsets in `source`. */
export function parseReferenceWordAt(source: string, from: number, to: number, expect: Expect): ReferenceWithOverrides {
  const closed = isGroupAt(source, from, to);
  // A `(` with no `)` yet is a group being typed (no alias or target name holds a `(`): read it as one,
  // so its reference and overrides are known, and say what is missing.
  const unclosed = !closed && source.charCodeAt(from) === 0x28 && to - from >= 2;
  if (!closed && !unclosed) {
    const { ref, error } = parseReferenceAt(source, from, to, expect);
    return { ref, overrides: NO_OVERRIDES, grouped: false, error };
  }
  const group = splitGroupAt(source, from, to, closed);
  if (group.error !== undefined) return { ref: undefined, overrides: [], grouped: true, error: group.error };
  const head = group.words[0];
  const { ref, error } = parseReferenceAt(source, head.start, head.start + head.text.length, expect);
  // Word indexes count from the reference, which is word 0 of the group.
  const parsed = parseOverrides(group.words, 1);
  const missing = unclosed ? `the group ${source.slice(from, to)} has no closing )` : undefined;
  return { ref, overrides: parsed.overrides, grouped: true, error: error ?? missing ?? parsed.error?.message };
}

export interface ParsedLoad extends ReferenceWithOverrides {
  /** The image name before `=`, when given. */
  readonly image?: Part;
}

/** Parses a `WITH DOCKER --load` value: `[<image>=]<target-ref>` or `[<image>=](<ref> --K=v …)`. */
export function parseLoad(text: string): ParsedLoad {
  return parseLoadAt(text, 0, text.length);
}

/** `parseLoad` of `source[from, to)`, with offsets in `source`. */
export function parseLoadAt(source: string, from: number, to: number): ParsedLoad {
  // The image name ends at the first `=` outside the group; an `=` inside `( )` belongs to an override.
  let eq = -1;
  for (let i = from; i < to && eq < 0; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x28) break;
    if (c === CH_EQUALS) eq = i;
  }
  if (eq < 0) return { ...parseReferenceWordAt(source, from, to, 'target'), image: undefined };
  const { ref, overrides, grouped, error } = parseReferenceWordAt(source, eq + 1, to, 'target');
  const image: Part = { text: source.slice(from, eq), start: from, end: eq };
  const empty = eq === from ? `invalid --load ${source.slice(from, to)}: empty image name` : undefined;
  return { ref, overrides, grouped, error: error ?? empty, image };
}
