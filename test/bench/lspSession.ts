// The LSP client of the completion benchmark, in a process of its own as VS Code's extension host is:
// the benchmark's own heap (every model and list it has made) would otherwise delay the answers it
// times. Run as `node lspSession.js '<SessionRequest as JSON>'`; prints the `Session` as JSON.
// It types at each position of the generated Earthfile (one character, then completion, then the
// edit undone, untimed) through `dist/server.js`, or through the floor server, which replays the
// answers the real one gave (recorded in a file).
import { fork, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import type { CompletionList } from 'vscode-languageserver-types';
import type { Position } from '../../server/src/text/lineIndex';
import { SERVER_NODE_FLAGS } from '../../shared/src/protocol';
import { REPO_ROOT } from '../harness/paths';
import { earthfileOf } from './corpus';
import { NEXT_ANSWER } from './floorRequest';
import { STEADY_PASSES, type Session, type SessionRequest, type Transport } from './sessionRequest';
import { timeEach, typingPositions } from './typing';

const URI = 'file:///bench/Earthfile';
/** The server at `path` and a connection to it over `transport`, with the Node flags the VS Code client starts it with. */
function started(path: string, transport: Transport) {
  if (transport === 'ipc') {
    const child = fork(path, ['--node-ipc'], { execArgv: [...SERVER_NODE_FLAGS], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    return { child, connection: createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child)) };
  }
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, path, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  return { child, connection: createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)) };
}

/**
 * Edit then completion through `dist/server.js` over `transport`, in one session: the edit is undone
 * (untimed) before the next one. Each position's answer is kept in `answers`; given `floor`, the same
 * messages go to the floor server instead, which replays those answers.
 */
async function editThenCompleteThroughLsp(
  transport: Transport,
  text: string,
  positions: readonly Position[],
  answers: (CompletionList | null)[],
  floor: boolean,
): Promise<Session> {
  const server = floor ? join(REPO_ROOT, 'out', 'test', 'bench', 'floorServer.js') : join(REPO_ROOT, 'dist', 'server.js');
  const { child, connection } = started(server, transport);
  connection.listen();
  try {
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL('/bench').href,
      // What VS Code's client declares for completion items and lists.
      capabilities: {
        textDocument: {
          completion: {
            completionItem: { snippetSupport: true },
            completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
          },
        },
      },
      workspaceFolders: null,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    let version = 1;
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'earthfile', version, text } });
    const change = (position: Position, end: Position, newText: string) =>
      connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: URI, version: ++version },
        contentChanges: [{ range: { start: position, end }, text: newText }],
      });
    const indices = positions.map((_, i) => i);
    const typeAndComplete = async (i: number) => {
      const position = positions[i];
      const after = { line: position.line, character: position.character + 1 };
      await change(position, position, 'a');
      const answer = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: URI }, position: after });
      if (!floor) answers[i] = answer as CompletionList;
      const undo = change(position, after, '');
      // Not timed: the next sample starts from the original text.
      await undo;
    };
    const handAnswer = floor ? (i: number) => connection.sendRequest(NEXT_ANSWER, answers[i]) : undefined;
    const first = await timeEach(indices, typeAndComplete, handAnswer);
    // Two passes are behind: one untimed, one timed.
    const steady = await timeEach(indices, typeAndComplete, handAnswer, STEADY_PASSES - 2);
    return { first, steady };
  } finally {
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    connection.dispose();
    child.kill();
  }
}

async function main(request: SessionRequest): Promise<void> {
  const text = earthfileOf(request.lines);
  const positions = typingPositions(text, request.positions);
  const answers: (CompletionList | null)[] = request.floor ? (JSON.parse(readFileSync(request.answers, 'utf8')) as (CompletionList | null)[]) : positions.map(() => null);
  const session = await editThenCompleteThroughLsp(request.transport, text, positions, answers, request.floor);
  if (!request.floor) writeFileSync(request.answers, JSON.stringify(answers));
  process.stdout.write(JSON.stringify(session));
}

main(JSON.parse(process.argv[2]) as SessionRequest).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
