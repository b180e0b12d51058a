// An error as text for a log: its stack when it has one, else its message, else the value itself.
export function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
