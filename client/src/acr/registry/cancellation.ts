// Cancellation as callers have it: an AbortSignal, or a token shaped like VS Code's CancellationToken
// (without importing vscode), turned into the AbortSignal that requests take.

export interface CancellationTokenLike {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export type Cancellation = AbortSignal | CancellationTokenLike;

export interface LinkedSignal {
  readonly signal?: AbortSignal;
  /** Stops listening to the token. */
  dispose(): void;
}

export function linkedSignal(cancellation: Cancellation | undefined): LinkedSignal {
  if (cancellation === undefined || cancellation instanceof AbortSignal) return { signal: cancellation, dispose: () => undefined };
  const controller = new AbortController();
  if (cancellation.isCancellationRequested) controller.abort();
  const listening = cancellation.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => listening.dispose() };
}

/** The error an aborted wait rejects with, as fetch and the Azure SDK name it. */
export function abortError(): Error {
  return Object.assign(new Error('The operation was cancelled.'), { name: 'AbortError' });
}
