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
  type FormattingOptions,
  type Hover,
  type Position,
  type Range,
  type SignatureHelp,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { EarthfileTargets, ImageCompletionParams, ImageCompletionResult, TargetsResult } from '../../shared/src/protocol';
import { DEFAULT_SETTINGS, type EarthlySettings } from '../../shared/src/settings';
import { analyzeText } from './analysis/analyze';
import type { FileModel } from './analysis/model';
import { WorkspaceIndex, type FileReader } from './analysis/workspaceIndex';
import { quickFixes } from './features/codeActions';
import { complete, resolveItem, type CompletionEnv, type DirectoryEntry } from './features/completion';
import { diagnose } from './features/diagnostics';
import { formatTree, formattingEdits, indentUnit } from './features/format';
import { hoverAt } from './features/hover';
import { signatureHelpAt } from './features/signatureHelp';
import { requestedUris, TargetLister } from './features/targets';
import { LineIndex } from './text/lineIndex';
import { uriToPath } from './uri';

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
  /**
   * The edits that format the open document `uri`, indented as `earthly.format.indent` says (`editor`:
   * as `options` say); with a `range`, only the lines it touches. None when the document has syntax
   * errors or is not open.
   */
  format(uri: string, options: FormattingOptions, range?: Range): TextEdit[];
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
    },

    filesChanged(changes) {
      listings.clear();
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
  };
  return service;
}
