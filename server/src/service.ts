// The language service: the only way into the Earthfile language features, for the LSP server, the
// CLI and the tests alike. It owns the workspace index, the settings and the conversion of offsets to
// LSP positions; it takes plain data and returns LSP-typed values, and knows nothing of the transport.
import {
  CompletionItemKind,
  MarkupKind,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentLink,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Position,
  type Range,
  type SelectionRange,
  type SemanticTokens,
  type SemanticTokensDelta,
  type SignatureHelp,
  type SymbolInformation,
} from 'vscode-languageserver-types';
import type { EarthfileTargets, ImageCompletionParams, ImageCompletionResult, TargetsResult } from '../../shared/src/protocol';
import { DEFAULT_SETTINGS, type EarthlySettings } from '../../shared/src/settings';
import { analyzeText } from './analysis/analyze';
import type { FileModel } from './analysis/model';
import { buildFilesUnder } from './analysis/workspaceFiles';
import { WorkspaceIndex, type FileReader } from './analysis/workspaceIndex';
import { quickFixes } from './features/codeActions';
import { complete, resolveItem, type CompletionEnv, type DirectoryEntry } from './features/completion';
import { diagnose } from './features/diagnostics';
import { hoverAt } from './features/hover';
import { signatureHelpAt } from './features/signatureHelp';
import { requestedUris, MAX_TARGET_FILES, TargetLister } from './features/targets';
import { documentLinks } from './features/documentLinks';
import { documentSymbols } from './features/documentSymbols';
import { foldingRanges } from './features/folding';
import { selectionRanges } from './features/selectionRanges';
import { semanticTokensOf, tokenData, tokenEdits, tokensInRange, type EncodedTokens } from './features/semanticTokens';
import { workspaceSymbols, type WorkspaceEarthfile } from './features/workspaceSymbols';
import { LineIndex } from './text/lineIndex';
import { pathToUri, uriToPath } from './uri';

export { SEMANTIC_TOKENS_LEGEND } from './features/semanticTokens';

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
  /** The outline of the open document `uri` (base recipe, targets, functions, their ARGs, images and IMPORTs); empty when it is not open. */
  documentSymbols(uri: string): DocumentSymbol[];
  /** The workspace folders (`file:` URIs) whose Earthfiles `workspaceSymbols` lists. */
  setWorkspaceFolders(uris: readonly string[]): void;
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
}

/** Each text's line table, built once per model (a model is one version of one file). */
const lineTables = new WeakMap<FileModel, LineIndex>();

function linesOf(model: FileModel): LineIndex {
  let lines = lineTables.get(model);
  if (!lines) lineTables.set(model, (lines = new LineIndex(model.tree.text)));
  return lines;
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
        if (change.deleted) index.fileDeleted(path);
        else index.fileChanged(path);
      }
    },

    setSettings(next) {
      settings = next;
    },

    diagnostics(uri) {
      const path = uriToPath(uri);
      const model = index.documentModel(uri) ?? (path === undefined ? undefined : index.fileAt(path)?.model);
      if (!model) return [];
      return diagnose(model, settings.diagnostics, { uri, path, workspace: index, flavor: settings.flavor });
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
      if (!imageQuery || !host.images) return { isIncomplete: false, items };
      const answer = await host.images({ uri, prefix: imageQuery.prefix, kind: imageQuery.kind }).catch(() => undefined);
      const range = { start: lines.positionAt(imageQuery.start), end: lines.positionAt(imageQuery.end) };
      const images = (answer?.items ?? []).map(
        (image): CompletionItem => ({ label: image.label, kind: CompletionItemKind.Value, detail: image.detail, sortText: `5${image.label}`, textEdit: { range, newText: image.label } }),
      );
      // The client answers for a prefix: the list is asked again as the image name grows.
      return { isIncomplete: true, items: [...items, ...images] };
    },

    resolveCompletion(item) {
      return resolveItem(item, settings.flavor);
    },

    documentSymbols(uri) {
      const model = index.documentModel(uri);
      return model ? documentSymbols(model, linesOf(model)) : [];
    },

    setWorkspaceFolders(uris) {
      folders = uris.map(uriToPath).filter((path) => path !== undefined);
      buildFileLists.clear();
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
