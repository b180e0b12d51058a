// The floor under "edit + completion" through the LSP, over IPC or stdio (as the real server, it reads
// which from its arguments): a language server that keeps the document as the real one does (incremental
// sync) and answers each completion with the list it was handed beforehand, so the same messages cross
// the same pipes and JSON-RPC layers with no language work in between.
import { createConnection, TextDocuments, TextDocumentSyncKind, type CompletionList } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { NEXT_ANSWER } from './floorRequest';

const connection = createConnection();
const documents = new TextDocuments(TextDocument);
let answer: CompletionList = { isIncomplete: false, items: [] };
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, completionProvider: {} } }));
connection.onRequest(NEXT_ANSWER, (next: CompletionList) => {
  answer = next;
});
connection.onCompletion(() => answer);
documents.listen(connection);
connection.listen();
