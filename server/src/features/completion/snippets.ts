// Snippets as data: what a command keyword expands to when the client inserts snippets, extra snippet
// items, and the templates of a new target or function (typed at column 0). `\t` is one indentation
// level; the client converts it and indents every line like the first (`InsertTextMode.adjustIndentation`).

/** The snippet a command keyword inserts instead of its bare keyword. */
export const COMMAND_SNIPPETS: ReadonlyMap<string, string> = new Map([
  ['IF', 'IF ${1:condition}\n\t$0\nEND'],
  ['FOR', 'FOR ${1:item} IN ${2:list}\n\t$0\nEND'],
  ['WITH DOCKER', 'WITH DOCKER ${1:--pull ${2:image}}\n\tRUN ${0:command}\nEND'],
  ['TRY', 'TRY\n\tRUN ${1:command}\nFINALLY\n\tSAVE ARTIFACT ${2:path} AS LOCAL ${3:local-path}\nEND'],
  ['WAIT', 'WAIT\n\t$0\nEND'],
]);

export interface ExtraSnippet {
  readonly label: string;
  /** The command whose availability the snippet follows. */
  readonly command: string;
  readonly body: string;
  readonly detail: string;
}

/** Snippet items offered beside the command keywords. */
export const EXTRA_SNIPPETS: readonly ExtraSnippet[] = [
  {
    label: 'SAVE ARTIFACT … AS LOCAL',
    command: 'SAVE ARTIFACT',
    body: 'SAVE ARTIFACT ${1:path} AS LOCAL ${2:local-path}',
    detail: 'Save an artifact and write it to the host',
  },
];

export interface HeaderSnippet {
  readonly label: string;
  readonly detail: string;
  /** `$FUNCTION` stands for the keyword that starts a function in the file (FUNCTION or COMMAND). */
  readonly body: string;
}

/** A new recipe, typed at column 0. */
export const HEADER_SNIPPETS: readonly HeaderSnippet[] = [
  { label: 'target', detail: 'New target', body: '${1:name}:\n\tFROM ${2:alpine}\n\t$0' },
  { label: 'FUNCTION', detail: 'New function', body: '${1:NAME}:\n\t$FUNCTION\n\t$0' },
];
