// The language service: the only way into the Earthfile language features, for the LSP server, the
// CLI and the tests alike. It owns the workspace index, the settings and the conversion of offsets to
// LSP positions; it takes plain data and returns LSP-typed values, and knows nothing of the transport.
import {
  CompletionItemKind,
  DocumentHighlightKind,
  MarkupKind,
  SymbolKind,
  type CallHierarchyIncomingCall,
  type CallHierarchyItem,
  type CallHierarchyOutgoingCall,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentHighlight,
  type DocumentLink,
  type DocumentSymbol,
  type FoldingRange,
  type FormattingOptions,
  type Hover,
  type Location,
  type Position,
  type Range,
  type SelectionRange,
  type SemanticTokens,
  type SemanticTokensDelta,
  type SignatureHelp,
  type TextEdit,
  type WorkspaceEdit,
  type SymbolInformation,
} from 'vscode-languageserver-types';
import type { EarthfileTargets, ImageCompletionParams, ImageCompletionResult, TargetsResult } from '../../shared/src/protocol';
import { DEFAULT_SETTINGS, type EarthlySettings } from '../../shared/src/settings';
import { analyzeText } from './analysis/analyze';
import { workspaceResolver } from './analysis/inheritedEnv';
import type { FileModel, SourceFile } from './analysis/model';
import { WorkspaceEarthfiles } from './analysis/workspaceEarthfiles';
import { buildFilesUnder } from './analysis/workspaceFiles';
import { WorkspaceIndex, type FileReader } from './analysis/workspaceIndex';
import { graphNodeAt, incomingEdges, outgoingEdges, type GraphEdge, type GraphNode } from './features/callHierarchy';
import { quickFixes } from './features/codeActions';
import { complete, completionList, resolveItem, type CompletionEnv, type DirectoryEntry } from './features/completion';
import { definitionOf } from './features/definition';
import { diagnose } from './features/diagnostics';
import { formatTree, formattingEdits, indentUnit } from './features/format';
import { hoverAt } from './features/hover';
import { nameAt } from './features/nameAt';
import type { UseScope } from './features/nameUses';
import { highlightsOf, referencesOf } from './features/references';
import { prepareRenameAt, renameEdits, type Refusal } from './features/rename';
import { signatureHelpAt } from './features/signatureHelp';
import { MAX_TARGET_FILES, requestedUris, TargetLister } from './features/targets';
import type { Range as Span } from './parser';
import { documentLinks } from './features/documentLinks';
import { documentSymbols } from './features/documentSymbols';
import { foldingRanges } from './features/folding';
import { selectionRanges } from './features/selectionRanges';
import { semanticTokensOf, tokenData, tokenEdits, tokensInRange, type EncodedTokens } from './features/semanticTokens';
import { workspaceSymbols, type WorkspaceEarthfile } from './features/workspaceSymbols';
import { LineIndex } from './text/lineIndex';
import { pathToUri, uriToPath } from './uri';

export { SEMANTIC_TOKENS_LEGEND } from './features/semanticTokens';

export type { Refusal } from './features/rename';

/** How the service reads the workspace: files (on disk, or in memory for tests) and the home directory. */
export interface LanguageHost extends FileReader {
  /** Resolves `~/dir+target`; without it such references stay unresolved. */
  readonly homeDir?: string;
  /** Image names or tags for completion after FROM, SAVE IMAGE and `--pull`/`--load`; without it none are offered. */
  readonly images?: (query: ImageCompletionParams) => Promise<ImageCompletionResult | undefined>;
}

export interface LanguageServiceOptions {
  /** The settings until `setSettings` replaces them; the defaults when absent. */
  readonly settings?: EarthlySettings;
}

export interface CompletionRequestOptions {
  /** The client inserts snippets (`textDocument.completion.completionItem.snippetSupport`). */
  readonly snippets: boolean;
  /** The character whose typing asked for completion, if any. */
  readonly triggerCharacter?: string;
  /** The client takes a list's default edit range (`textDocument.completion.completionList.itemDefaults`). */
  readonly listDefaults?: boolean;
}

/** A file created, changed or deleted outside the editor. */
export interface FileChange {
  readonly uri: string;
  readonly deleted: boolean;
}

/** What `targets` reads of a cancellation token (LSP's `CancellationToken` has it). */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

export interface LanguageService {
  /** An editor document was opened, or its text changed. Cheap: it is analysed when a feature asks. */
  openDocument(uri: string, version: number, text: string): void;
  /** The editor closed the document: from now on its file is read from disk. */
  closeDocument(uri: string): void;
  filesChanged(changes: readonly FileChange[]): void;
  setSettings(settings: EarthlySettings): void;
  /** The diagnostics of the open document `uri`, else of the file on disk; none when it cannot be read. */
  diagnostics(uri: string): Diagnostic[];
  /** The quick fixes for `range` of `uri`, recomputed from its text as it is now. */
  codeActions(uri: string, range: Range): CodeAction[];
  /**
   * The targets of the Earthfiles `uris` names (see `requestedUris`), yielding between files; undefined
   * when `token` asks to stop.
   */
  targets(uris: unknown, token?: Cancellation): Promise<TargetsResult | undefined>;
  /** What may be typed at `position` of the open document `uri`; empty when it is not open. */
  completion(uri: string, position: Position, options: CompletionRequestOptions): Promise<CompletionList>;
  /** The item with its documentation filled in. */
  resolveCompletion(item: CompletionItem): CompletionItem;
  /** What the word at `position` of the open document `uri` is; null when it is not open or the word is nothing known. */
  hover(uri: string, position: Position): Hover | null;
  /** The ARGs of the target or function whose overrides are typed at `position`; null elsewhere or when `uri` is not open. */
  signatureHelp(uri: string, position: Position): SignatureHelp | null;

  // Navigation: every request below answers for a name of the open document `uri`, and empty (or null) elsewhere.
  /** The workspace folders (URIs) whose Earthfiles references, rename and incoming calls read. */
  setWorkspaceFolders(uris: readonly string[]): void;
  /** Where the name at `position` is defined; empty when nowhere that can be opened (a remote Earthfile). */
  definition(uri: string, position: Position): Location[];
  /** The same places as `definition`: an Earthfile declares each name where it defines it. */
  declaration(uri: string, position: Position): Location[];
  /** Every place the name at `position` is written, in every Earthfile of the workspace. */
  references(uri: string, position: Position, includeDeclaration: boolean): Location[];
  documentHighlight(uri: string, position: Position): DocumentHighlight[];
  /** The name a rename at `position` would change, or why it cannot be renamed; null on no name. */
  prepareRename(uri: string, position: Position): { range: Range; placeholder: string } | Refusal | null;
  /** The edits renaming the name at `position` to `newName` in every Earthfile, or why not. */
  rename(uri: string, position: Position, newName: string): WorkspaceEdit | Refusal;
  /** The target or function at `position`, as the item the call hierarchy starts from. */
  prepareCallHierarchy(uri: string, position: Position): CallHierarchyItem[] | null;
  /** The targets and functions whose references name `item`'s, across the workspace. */
  incomingCalls(item: CallHierarchyItem): CallHierarchyIncomingCall[];
  /** The targets and functions `item`'s references name. */
  outgoingCalls(item: CallHierarchyItem): CallHierarchyOutgoingCall[];

  // Structure: answers for the open document `uri`, empty when it is not open.
  /** The outline of the open document `uri` (base recipe, targets, functions, their ARGs, images and IMPORTs); empty when it is not open. */
  documentSymbols(uri: string): DocumentSymbol[];
  /** The targets and functions of the workspace's Earthfiles that match `query`, best first; undefined when `token` asks to stop. */
  workspaceSymbols(query: string, token?: Cancellation): Promise<SymbolInformation[] | undefined>;
  /** Links from the references and IMPORTs of the open document `uri` to the Earthfiles they name. */
  documentLinks(uri: string): DocumentLink[];
  foldingRanges(uri: string): FoldingRange[];
  /** For each position, the ranges that expanding the selection from there goes through. */
  selectionRanges(uri: string, positions: readonly Position[]): SelectionRange[];
  /** All the semantic tokens of the open document `uri`, with a result id that a delta request can name. */
  semanticTokens(uri: string): SemanticTokens;
  /** The change since the tokens of `previousResultId`, or all of them when that result is not the last one kept. */
  semanticTokensDelta(uri: string, previousResultId: string): SemanticTokens | SemanticTokensDelta;
  semanticTokensRange(uri: string, range: Range): SemanticTokens;
  /**
   * The edits that format the open document `uri`, indented as `earthly.format.indent` says (`editor`:
   * as `options` say); with a `range`, only the lines it touches. None when the document has syntax
   * errors or is not open.
   */
  format(uri: string, options: FormattingOptions, range?: Range): TextEdit[];
}

/** Each text's line table, built once per model (a model is one version of one file). */
function linesOf(model: FileModel): LineIndex {
  return (model.derived.lines ??= new LineIndex(model.tree.text));
}

const EMPTY_LIST: CompletionList = { isIncomplete: false, items: [] };

export function createLanguageService(host: LanguageHost, options: LanguageServiceOptions = {}): LanguageService {
  const index = new WorkspaceIndex(host, analyzeText, { homeDir: host.homeDir });
  let settings = options.settings ?? DEFAULT_SETTINGS;
  const lineOf = (model: FileModel, offset: number) => linesOf(model).positionAt(offset).line;

  /** The open document's model and the offset of `position` in it. */
  function openAt(uri: string, position: Position): { model: FileModel; offset: number } | undefined {
    const model = index.documentModel(uri);
    return model && { model, offset: linesOf(model).offsetAt(position) };
  }

  // Directory listings, until a file event says something changed on disk.
  const listings = new Map<string, readonly DirectoryEntry[] | undefined>();
  // The workspace folders' paths, and the build files found under each, until a file event.
  let folders: string[] = [];
  const buildFileLists = new Map<string, string[]>();
  // The last semantic tokens sent for each document, which the next delta is computed against.
  const tokenResults = new Map<string, { readonly resultId: string; readonly data: EncodedTokens }>();
  let lastTokensId = 0;
  /** The tokens of the open document `uri` (none when it is not open), kept as the last result sent. */
  const encodedTokens = (uri: string) => {
    const model = index.documentModel(uri);
    const data = model ? semanticTokensOf(model, linesOf(model), settings.flavor) : new Uint32Array(0);
    const result = { resultId: String(++lastTokensId), data };
    tokenResults.set(uri, result);
    return result;
  };
  const listDirectory = (path: string) => {
    if (!host.listDirectory) return undefined;
    if (!listings.has(path)) listings.set(path, host.listDirectory(path));
    return listings.get(path);
  };

  // Every Earthfile of the workspace folders, walked when a search across the workspace first needs it.
  const earthfiles = new WorkspaceEarthfiles((path) => host.listDirectory?.(path));
  const resolve = workspaceResolver(index);

  /** An open document's or a file's model, with its path when it is a file. */
  function fileOf(uri: string): SourceFile | undefined {
    const path = uriToPath(uri);
    const model = index.documentModel(uri) ?? (path === undefined ? undefined : index.fileAt(path)?.model);
    return model && { model, path };
  }

  /** The Earthfiles a search reads: the workspace's, the files read so far, and `from` when it is an unsaved document. */
  function scopeFrom(from: SourceFile): UseScope {
    const files = (): SourceFile[] => {
      const found: SourceFile[] = from.path === undefined ? [from] : [];
      for (const path of new Set([...earthfiles.paths(), ...index.knownPaths()])) {
        const file = index.fileAt(path);
        if (file) found.push(file);
      }
      return found;
    };
    return { files, resolve };
  }

  /** The name at `position` of the open document `uri`, with what features read besides. */
  function nameAtPosition(uri: string, position: Position) {
    const at = openAt(uri, position);
    if (!at) return undefined;
    const path = uriToPath(uri);
    const context = { path, workspace: index, lineOf };
    return { document: { model: at.model, path }, offset: at.offset, context, name: nameAt(at.model, at.offset, context) };
  }

  const spanIn = (model: FileModel, span: Span): Range => {
    const lines = linesOf(model);
    return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
  };
  /** The URI of `file`: the document asked about when it has no path. */
  const uriOf = (file: SourceFile, documentUri: string) => (file.path === undefined ? documentUri : index.uriOf(file.path));
  const locationOf = (found: { file: SourceFile; range: Span }, documentUri: string): Location => ({ uri: uriOf(found.file, documentUri), range: spanIn(found.file.model, found.range) });

  function definitions(uri: string, position: Position): Location[] {
    const at = nameAtPosition(uri, position);
    if (!at?.name) return [];
    return definitionOf(at.name, at.offset, at.context).map((found) => locationOf(found, uri));
  }

  function callItem(node: GraphNode, documentUri: string, edge?: GraphEdge): CallHierarchyItem {
    const { file, recipe } = node;
    const range = spanIn(file.model, recipe.range);
    const detail = [edge?.roles.join(', '), file.path && earthfiles.relativePath(file.path)].filter((d) => d).join(' · ');
    return {
      name: recipe.name,
      kind: recipe.kind === 'function' ? SymbolKind.Function : SymbolKind.Method,
      ...(detail && { detail }),
      uri: uriOf(file, documentUri),
      range,
      selectionRange: recipe.node ? spanIn(file.model, recipe.node.nameRange) : { start: range.start, end: range.start },
      data: { kind: recipe.kind, name: recipe.name },
    };
  }

  /** The recipe a call hierarchy item names, as the file is now. */
  function nodeOf(item: CallHierarchyItem): GraphNode | undefined {
    const file = typeof item?.uri === 'string' ? fileOf(item.uri) : undefined;
    const data = item?.data as { kind?: unknown; name?: unknown } | null | undefined;
    if (!file || typeof data?.name !== 'string') return undefined;
    const { model } = file;
    const recipe = data.kind === 'base' ? model.base : (data.kind === 'function' ? model.functionsByName : model.targetsByName).get(data.name);
    return recipe && { file, recipe };
  }

  const service: LanguageService = {
    openDocument(uri, version, text) {
      index.openDocument(uri, version, text);
    },

    closeDocument(uri) {
      index.closeDocument(uri);
      tokenResults.delete(uri);
    },

    filesChanged(changes) {
      listings.clear();
      buildFileLists.clear();
      for (const change of changes) {
        const path = uriToPath(change.uri);
        if (path === undefined) continue;
        earthfiles.changed(path, change.deleted);
        if (change.deleted) index.fileDeleted(path);
        else index.fileChanged(path);
      }
    },

    setSettings(next) {
      settings = next;
    },

    diagnostics(uri) {
      const file = fileOf(uri);
      if (!file) return [];
      return diagnose(file.model, settings.diagnostics, { uri, path: file.path, workspace: index, flavor: settings.flavor });
    },

    codeActions(uri, range) {
      return quickFixes(service.diagnostics(uri), range);
    },

    async targets(uris, token) {
      const lister = new TargetLister(index);
      const files: EarthfileTargets[] = [];
      for (const uri of requestedUris(uris)) {
        if (token?.isCancellationRequested) return undefined;
        files.push(lister.targetsOf(uri));
        // A large workspace is listed one file at a time, so that a cancellation (or a keystroke) is read in between.
        await new Promise(setImmediate);
      }
      return { files };
    },

    hover(uri, position) {
      const at = openAt(uri, position);
      const answer = at && hoverAt(at.model, at.offset, { path: uriToPath(uri), workspace: index, lineOf, flavor: settings.flavor });
      if (!at || !answer) return null;
      const lines = linesOf(at.model);
      return {
        contents: { kind: MarkupKind.Markdown, value: answer.markdown },
        range: { start: lines.positionAt(answer.range.start), end: lines.positionAt(answer.range.end) },
      };
    },

    signatureHelp(uri, position) {
      const at = openAt(uri, position);
      const answer = at && signatureHelpAt(at.model, at.offset, { path: uriToPath(uri), workspace: index, lineOf });
      if (!answer) return null;
      const { label, documentation, parameters, activeParameter } = answer;
      return {
        signatures: [
          {
            label,
            documentation: { kind: MarkupKind.Markdown, value: documentation },
            parameters: parameters.map((p) => ({ label: [p.label[0], p.label[1]], documentation: { kind: MarkupKind.Markdown, value: p.documentation } })),
          },
        ],
        activeSignature: 0,
        ...(activeParameter !== undefined && { activeParameter }),
      };
    },

    async completion(uri, position, requestOptions) {
      const model = index.documentModel(uri);
      if (!model) return EMPTY_LIST;
      const lines = linesOf(model);
      const env: CompletionEnv = {
        model,
        lines,
        path: uriToPath(uri),
        workspace: index,
        listDirectory,
        readFile: (path) => host.readFile(path),
        flavor: settings.flavor,
        snippets: requestOptions.snippets,
      };
      const { items, imageQuery } = complete(env, lines.offsetAt(position), requestOptions.triggerCharacter);
      const defaults = requestOptions.listDefaults === true;
      if (!imageQuery || !host.images) return completionList(items, false, defaults);
      const answer = await host.images({ uri, prefix: imageQuery.prefix, kind: imageQuery.kind }).catch(() => undefined);
      const range = { start: lines.positionAt(imageQuery.start), end: lines.positionAt(imageQuery.end) };
      const images = (answer?.items ?? []).map(
        (image): CompletionItem => ({ label: image.label, kind: CompletionItemKind.Value, detail: image.detail, sortText: `5${image.label}`, textEdit: { range, newText: image.label } }),
      );
      // The client answers for a prefix: the list is asked again as the image name grows.
      return completionList([...items, ...images], true, defaults);
    },

    format(uri, formattingOptions, range) {
      const model = index.documentModel(uri);
      if (!model) return [];
      const outcome = formatTree(model.tree, model.parseErrors, indentUnit(settings.format.indent, formattingOptions));
      if (outcome.kind !== 'formatted') return [];
      const lines = linesOf(model);
      const selection = range && { start: lines.offsetAt(range.start), end: lines.offsetAt(range.end) };
      return formattingEdits(model.tree, outcome.pieces, selection).map((edit) => ({
        range: { start: lines.positionAt(edit.start), end: lines.positionAt(edit.end) },
        newText: edit.text,
      }));
    },

    resolveCompletion(item) {
      return resolveItem(item, settings.flavor);
    },

    setWorkspaceFolders(uris) {
      folders = uris.map(uriToPath).filter((path) => path !== undefined);
      earthfiles.setFolders(folders);
      buildFileLists.clear();
    },

    definition: definitions,
    declaration: definitions,

    references(uri, position, includeDeclaration) {
      const at = nameAtPosition(uri, position);
      if (!at?.name) return [];
      return referencesOf(at.name, scopeFrom(at.document), includeDeclaration).map((use) => locationOf(use, uri));
    },

    documentHighlight(uri, position) {
      const at = nameAtPosition(uri, position);
      if (!at?.name) return [];
      return highlightsOf(at.name, at.document, scopeFrom(at.document)).map((use) => ({
        range: spanIn(use.file.model, use.range),
        kind: use.kind === 'read' ? DocumentHighlightKind.Read : DocumentHighlightKind.Write,
      }));
    },

    prepareRename(uri, position) {
      const at = nameAtPosition(uri, position);
      const place = at && prepareRenameAt(at.name, at.context);
      if (!at || !place) return null;
      return 'refused' in place ? place : { range: spanIn(at.document.model, place.range), placeholder: place.placeholder };
    },

    rename(uri, position, newName) {
      const at = nameAtPosition(uri, position);
      if (!at) return { refused: 'The document is not open.' };
      const edits = renameEdits(at.name, newName, scopeFrom(at.document), at.context);
      if ('refused' in edits) return edits;
      const changes: Record<string, TextEdit[]> = {};
      for (const edit of edits) (changes[uriOf(edit.file, uri)] ??= []).push({ range: spanIn(edit.file.model, edit.range), newText: edit.newText });
      return { changes };
    },

    prepareCallHierarchy(uri, position) {
      const at = nameAtPosition(uri, position);
      const node = graphNodeAt(at?.name);
      return node ? [callItem(node, uri)] : null;
    },

    incomingCalls(item) {
      const node = nodeOf(item);
      if (!node) return [];
      return incomingEdges(node, scopeFrom(node.file)).map((edge) => ({
        from: callItem(edge.node, item.uri, edge),
        fromRanges: edge.ranges.map((r) => spanIn(edge.node.file.model, r)),
      }));
    },

    outgoingCalls(item) {
      const node = nodeOf(item);
      if (!node) return [];
      return outgoingEdges(node, scopeFrom(node.file)).map((edge) => ({
        to: callItem(edge.node, item.uri, edge),
        fromRanges: edge.ranges.map((r) => spanIn(node.file.model, r)),
      }));
    },

    documentSymbols(uri) {
      const model = index.documentModel(uri);
      return model ? documentSymbols(model, linesOf(model)) : [];
    },

    async workspaceSymbols(query, token) {
      const files: WorkspaceEarthfile[] = [];
      for (const folder of folders) {
        let paths = buildFileLists.get(folder);
        if (!paths) {
          paths = host.listDirectory && (await buildFilesUnder(folder, host.listDirectory, MAX_TARGET_FILES, token));
          if (!paths) return token?.isCancellationRequested ? undefined : [];
          buildFileLists.set(folder, paths);
        }
        for (let i = 0; i < paths.length; i++) {
          const file = index.fileAt(paths[i]);
          if (file) files.push({ uri: pathToUri(file.path), path: file.path, folder, model: file.model });
          // Files not analysed yet take a while in a large workspace: a cancellation is read between batches.
          if (i % 50 === 49) await new Promise(setImmediate);
          if (token?.isCancellationRequested) return undefined;
        }
      }
      return workspaceSymbols(files, query, linesOf);
    },

    documentLinks(uri) {
      const model = index.documentModel(uri);
      return model ? documentLinks(model, { path: uriToPath(uri), workspace: index }, linesOf(model)) : [];
    },

    foldingRanges(uri) {
      const model = index.documentModel(uri);
      return model ? foldingRanges(model, linesOf(model)) : [];
    },

    selectionRanges(uri, positions) {
      const model = index.documentModel(uri);
      return model ? selectionRanges(model, linesOf(model), positions) : [];
    },

    semanticTokens(uri) {
      const { resultId, data } = encodedTokens(uri);
      return { resultId, data: tokenData(data) };
    },

    semanticTokensDelta(uri, previousResultId) {
      const previous = tokenResults.get(uri);
      const next = encodedTokens(uri);
      if (previous?.resultId !== previousResultId) return { resultId: next.resultId, data: tokenData(next.data) };
      return { resultId: next.resultId, edits: tokenEdits(previous.data, next.data) };
    },

    semanticTokensRange(uri, range) {
      const model = index.documentModel(uri);
      return { data: model ? tokenData(tokensInRange(semanticTokensOf(model, linesOf(model), settings.flavor), range)) : [] };
    },
  };
  return service;
}
