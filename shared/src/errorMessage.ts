// What a caught value says: anything can be thrown, and only an Error carries a message.

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A caught value for a log: its stack when it has one, else its message, else the value itself. */
export function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
