// The only module that knows the Language Server Protocol transport: it wires requests and
// notifications to the language service. Started by the VS Code client over Node IPC, or by any
// editor with `node dist/server.js --stdio`.
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  FileChangeType,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  IMAGE_COMPLETIONS_REQUEST,
  SERVER_INFO_REQUEST,
  TARGETS_REQUEST,
  type ImageCompletionParams,
  type ImageCompletionResult,
  type ServerInfo,
  type TargetsParams,
  type TargetsResult,
} from '../../shared/src/protocol';
import { parseSettings } from '../../shared/src/settings';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { diskHost } from './diskHost';
import { errorText } from '../../shared/src/errorMessage';
import { createLanguageService, SEMANTIC_TOKENS_LEGEND, type Refusal } from './service';

declare const SERVER_VERSION: string;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
// Set at initialize from the client's capabilities and initialization options.
let snippetSupport = false;
let listDefaults = false;
let answersImages = false;
const service = createLanguageService({
  ...diskHost,
  images: (query) => (answersImages ? connection.sendRequest<ImageCompletionResult>(IMAGE_COMPLETIONS_REQUEST, query satisfies ImageCompletionParams) : Promise.resolve(undefined)),
});
const publisher = new DiagnosticsPublisher(
  (uri) => {
    const document = documents.get(uri);
    return document && { uri, version: document.version, diagnostics: service.diagnostics(uri) };
  },
  (publication) => connection.sendDiagnostics(publication),
);
let pullsConfiguration = false;
// The workspace folders, kept up to date when the client tells of changes.
let workspaceFolders: string[] = [];
let foldersChange = false;

// A bug must not end the server silently: what nothing caught goes to the client's output channel,
// and the server goes on with the next message.
process.on('uncaughtException', (error) => connection.console.error(`Uncaught exception: ${errorText(error)}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled promise rejection: ${errorText(reason)}`));

/** Other open Earthfiles may reference the one that changed: their diagnostics are recomputed too. */
function validateAll(): void {
  for (const document of documents.all()) publisher.schedule(document.uri);
}

async function loadSettings(): Promise<void> {
  if (!pullsConfiguration) return;
  service.setSettings(parseSettings(await connection.workspace.getConfiguration('earthly')));
}

connection.onInitialize((params): InitializeResult => {
  pullsConfiguration = params.capabilities.workspace?.configuration === true;
  snippetSupport = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
  listDefaults = params.capabilities.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange') === true;
  answersImages = (params.initializationOptions as { imageCompletions?: unknown } | undefined)?.imageCompletions === true;
  workspaceFolders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  service.setWorkspaceFolders(workspaceFolders);
  foldersChange = params.capabilities.workspace?.workspaceFolders === true;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      hoverProvider: true,
      signatureHelpProvider: { triggerCharacters: [' ', '=', '('], retriggerCharacters: [' '] },
      completionProvider: { triggerCharacters: ['+', '-', '$', '{', '/', '=', ' '], resolveProvider: true },
      definitionProvider: true,
      declarationProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      callHierarchyProvider: true,
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      documentLinkProvider: { resolveProvider: false },
      foldingRangeProvider: true,
      selectionRangeProvider: true,
      semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: { delta: true }, range: true },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
    },
    serverInfo: { name: 'earthfile-language-server', version: SERVER_VERSION },
  };
});

connection.onInitialized(async () => {
  if (foldersChange) {
    connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
      const gone = new Set(removed.map((f) => f.uri));
      workspaceFolders = [...workspaceFolders.filter((uri) => !gone.has(uri)), ...added.map((f) => f.uri)];
      service.setWorkspaceFolders(workspaceFolders);
    });
  }
  if (pullsConfiguration) {
    await connection.client.register(DidChangeConfigurationNotification.type, { section: 'earthly' });
    await loadSettings();
    validateAll();
  }
});

connection.onDidChangeConfiguration(async (change) => {
  if (pullsConfiguration) await loadSettings();
  else service.setSettings(parseSettings((change.settings as { earthly?: unknown } | undefined)?.earthly));
  validateAll();
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  service.filesChanged(changes.map((c) => ({ uri: c.uri, deleted: c.type === FileChangeType.Deleted })));
  validateAll();
});

// The fixes are recomputed for the document as it is now, rather than read back from the diagnostics
// the editor sends: editors may re-create those objects and drop their `data`.
connection.onCodeAction(({ textDocument, range }) => (documents.get(textDocument.uri) ? service.codeActions(textDocument.uri, range) : []));

connection.onHover(({ textDocument, position }) => (documents.get(textDocument.uri) ? service.hover(textDocument.uri, position) : null));
connection.onSignatureHelp(({ textDocument, position }) => (documents.get(textDocument.uri) ? service.signatureHelp(textDocument.uri, position) : null));
connection.onCompletion(({ textDocument, position, context }) =>
  documents.get(textDocument.uri)
    ? service.completion(textDocument.uri, position, { snippets: snippetSupport, triggerCharacter: context?.triggerCharacter, listDefaults })
    : { isIncomplete: false, items: [] },
);
connection.onCompletionResolve((item) => service.resolveCompletion(item));
connection.onDocumentFormatting(({ textDocument, options }) => (documents.get(textDocument.uri) ? service.format(textDocument.uri, options) : []));
connection.onDocumentRangeFormatting(({ textDocument, options, range }) =>
  documents.get(textDocument.uri) ? service.format(textDocument.uri, options, range) : [],
);

/** A refused rename becomes an error whose message the editor shows. */
function refusedAsError<T extends object>(answer: T | Refusal | null): T | ResponseError | null {
  return answer && 'refused' in answer ? new ResponseError(LSPErrorCodes.RequestFailed, answer.refused) : answer;
}

connection.onDefinition(({ textDocument, position }) => (documents.get(textDocument.uri) ? service.definition(textDocument.uri, position) : []));
connection.onDeclaration(({ textDocument, position }) => (documents.get(textDocument.uri) ? service.declaration(textDocument.uri, position) : []));
connection.onReferences(({ textDocument, position, context }) =>
  documents.get(textDocument.uri) ? service.references(textDocument.uri, position, context?.includeDeclaration !== false) : [],
);
connection.onDocumentHighlight(({ textDocument, position }) => (documents.get(textDocument.uri) ? service.documentHighlight(textDocument.uri, position) : []));
connection.onPrepareRename(({ textDocument, position }) => (documents.get(textDocument.uri) ? refusedAsError(service.prepareRename(textDocument.uri, position)) : null));
connection.onRenameRequest(({ textDocument, position, newName }) =>
  documents.get(textDocument.uri) ? refusedAsError(service.rename(textDocument.uri, position, newName)) : null,
);
connection.languages.callHierarchy.onPrepare(({ textDocument, position }) =>
  documents.get(textDocument.uri) ? service.prepareCallHierarchy(textDocument.uri, position) : null,
);
connection.languages.callHierarchy.onIncomingCalls(({ item }) => service.incomingCalls(item));
connection.languages.callHierarchy.onOutgoingCalls(({ item }) => service.outgoingCalls(item));

// Navigation and structure: the service answers empty for a document that is not open.
connection.onDocumentSymbol(({ textDocument }) => service.documentSymbols(textDocument.uri));
connection.onWorkspaceSymbol(async ({ query }, token) => (await service.workspaceSymbols(query, token)) ?? new ResponseError(LSPErrorCodes.RequestCancelled, 'workspace/symbol was cancelled'));
connection.onDocumentLinks(({ textDocument }) => service.documentLinks(textDocument.uri));
connection.onFoldingRanges(({ textDocument }) => service.foldingRanges(textDocument.uri));
connection.onSelectionRanges(({ textDocument, positions }) => service.selectionRanges(textDocument.uri, positions));
connection.languages.semanticTokens.on(({ textDocument }) => service.semanticTokens(textDocument.uri));
connection.languages.semanticTokens.onDelta(({ textDocument, previousResultId }) => service.semanticTokensDelta(textDocument.uri, previousResultId));
connection.languages.semanticTokens.onRange(({ textDocument, range }) => service.semanticTokensRange(textDocument.uri, range));

connection.onRequest(SERVER_INFO_REQUEST, (): ServerInfo => ({ pid: process.pid, version: SERVER_VERSION }));

connection.onRequest(TARGETS_REQUEST, async (params: TargetsParams | undefined, token): Promise<TargetsResult | ResponseError> => {
  const result = await service.targets(params?.uris, token);
  return result ?? new ResponseError(LSPErrorCodes.RequestCancelled, 'earthly/targets was cancelled');
});

documents.onDidChangeContent(({ document }) => {
  service.openDocument(document.uri, document.version, document.getText());
  validateAll();
});
documents.onDidClose(({ document }) => {
  service.closeDocument(document.uri);
  publisher.close(document.uri);
  validateAll();
});

documents.listen(connection);
connection.listen();
