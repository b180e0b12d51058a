// The only module that knows the Language Server Protocol transport. Started by the VS Code client over
// Node IPC, or by any editor with `node dist/server.js --stdio`.
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVER_INFO_REQUEST, type ServerInfo } from '../../shared/src/protocol';
import { diagnostics } from './service';

declare const SERVER_VERSION: string;

/** Validation waits this long after the last keystroke, so typing is never slowed by it. */
const VALIDATION_DELAY_MS = 200;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const pending = new Map<string, NodeJS.Timeout>();

function validate(document: TextDocument): void {
  connection.sendDiagnostics({
    uri: document.uri,
    version: document.version,
    diagnostics: diagnostics(document.getText()),
  });
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

connection.onInitialize(
  (): InitializeResult => ({
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
    serverInfo: { name: 'earthfile-language-server', version: SERVER_VERSION },
  }),
);

connection.onRequest(SERVER_INFO_REQUEST, (): ServerInfo => ({ pid: process.pid, version: SERVER_VERSION }));

documents.onDidChangeContent((e) => scheduleValidation(e.document));
documents.onDidClose((e) => {
  clearTimeout(pending.get(e.document.uri));
  pending.delete(e.document.uri);
  connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

documents.listen(connection);
connection.listen();
