// The only module that knows the Language Server Protocol transport. Started by the VS Code client over
// Node IPC, or by any editor with `node dist/server.js --stdio`.
import { existsSync, readFileSync } from 'node:fs';
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
  SERVER_INFO_REQUEST,
  TARGETS_REQUEST,
  type EarthfileTargets,
  type ServerInfo,
  type TargetsParams,
  type TargetsResult,
} from '../../shared/src/protocol';
import { DEFAULT_SETTINGS, parseSettings, type EarthlySettings } from '../../shared/src/settings';
import { uriToPath, WorkspaceIndex } from './analysis/workspaceIndex';
import { quickFixes } from './features/codeActions';
import { diagnose } from './features/diagnostics';
import { requestedUris, TargetLister } from './features/targets';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { analyze } from './service';

declare const SERVER_VERSION: string;

/** Validation waits this long after the last keystroke, so typing is never slowed by it. */
const VALIDATION_DELAY_MS = 200;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const index = new WorkspaceIndex(
  {
    readFile: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    exists: (path) => existsSync(path),
  },
  analyze,
  { homeDir: process.env.HOME },
);
const pending = new Map<string, NodeJS.Timeout>();
/** What was last published per document: identical diagnostics are not sent again, which would make
 * editors redraw squiggles and drop light bulbs computed from the previous set. */
const published = new Map<string, string>();
let settings: EarthlySettings = DEFAULT_SETTINGS;
let pullsConfiguration = false;

function diagnosticsOf(document: TextDocument): Diagnostic[] {
  const model = index.setDocument(document.uri, document.version, document.getText());
  return diagnose(model, settings.diagnostics, {
    uri: document.uri,
    path: uriToPath(document.uri),
    workspace: index,
    flavor: settings.flavor,
  });
}

function validate(document: TextDocument): void {
  const diagnostics = diagnosticsOf(document);
  const key = JSON.stringify(diagnostics);
  if (published.get(document.uri) === key) return;
  published.set(document.uri, key);
  connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
}

function scheduleValidation(document: TextDocument): void {
  clearTimeout(pending.get(document.uri));
  pending.set(
    document.uri,
    setTimeout(() => {
      pending.delete(document.uri);
      // The document may have been closed while the timer ran.
      const current = documents.get(document.uri);
      if (current) validate(current);
    }, VALIDATION_DELAY_MS),
  );
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** True when the ranges share a position (a cursor at either end of a diagnostic counts). */
function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Other open Earthfiles may reference the one that changed: their diagnostics are recomputed too. */
function scheduleAll(): void {
  for (const document of documents.all()) scheduleValidation(document);
}

async function loadSettings(): Promise<void> {
  if (!pullsConfiguration) return;
  settings = parseSettings(await connection.workspace.getConfiguration('earthly'));
}

connection.onInitialize((params): InitializeResult => {
  pullsConfiguration = params.capabilities.workspace?.configuration === true;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: 'earthfile-language-server', version: SERVER_VERSION },
  };
});

connection.onInitialized(async () => {
  if (pullsConfiguration) {
    await connection.client.register(DidChangeConfigurationNotification.type, { section: 'earthly' });
    await loadSettings();
    scheduleAll();
  }
});

connection.onDidChangeConfiguration(async (change) => {
  if (pullsConfiguration) await loadSettings();
  else settings = parseSettings((change.settings as { earthly?: unknown } | undefined)?.earthly);
  scheduleAll();
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  for (const change of changes) {
    const path = uriToPath(change.uri);
    if (path === undefined) continue;
    if (change.type === FileChangeType.Deleted) index.fileDeleted(path);
    else index.fileChanged(path);
  }
  scheduleAll();
});

// The fixes are recomputed for the document as it is now, rather than read back from the diagnostics
// the editor sends: editors may re-create those objects and drop their `data`.
connection.onCodeAction((params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  return quickFixes(diagnosticsOf(document).filter((d) => overlaps(d.range, params.range)));
});

connection.onRequest(SERVER_INFO_REQUEST, (): ServerInfo => ({ pid: process.pid, version: SERVER_VERSION }));

// Files are listed one at a time, yielding in between so that a cancellation (or a keystroke) is
// read while a large workspace is listed.
connection.onRequest(TARGETS_REQUEST, async (params: TargetsParams | undefined, token): Promise<TargetsResult | ResponseError> => {
  // Open documents are analysed on a debounce; the answer must reflect their text as it is now.
  for (const document of documents.all()) index.setDocument(document.uri, document.version, document.getText());
  const lister = new TargetLister(index);
  const files: EarthfileTargets[] = [];
  for (const uri of requestedUris(params?.uris)) {
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'earthly/targets was cancelled');
    files.push(lister.targetsOf(uri));
    await new Promise(setImmediate);
  }
  return { files };
});

documents.onDidChangeContent(() => scheduleAll());
documents.onDidClose((e) => {
  clearTimeout(pending.get(e.document.uri));
  pending.delete(e.document.uri);
  index.closeDocument(e.document.uri);
  published.delete(e.document.uri);
  connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  scheduleAll();
});

documents.listen(connection);
connection.listen();
