// When the server sends diagnostics: a document is validated a moment after the last change, so
// typing is never slowed by it, and diagnostics identical to those last sent for a document are not
// sent again, which would make editors redraw squiggles and drop light bulbs computed from them.
import type { Diagnostic } from 'vscode-languageserver-types';

/** Validation waits this long after the last keystroke. */
export const VALIDATION_DELAY_MS = 200;

export interface Publication {
  readonly uri: string;
  readonly version?: number;
  readonly diagnostics: Diagnostic[];
}

export class DiagnosticsPublisher {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** What was last sent per document, as JSON. */
  private readonly published = new Map<string, string>();

  constructor(
    /** The diagnostics of an open document as it is now; undefined once it is closed. */
    private readonly validate: (uri: string) => Publication | undefined,
    private readonly send: (publication: Publication) => void,
  ) {}

  /** Validates `uri` after the delay, unless it is scheduled again before then. */
  schedule(uri: string): void {
    clearTimeout(this.pending.get(uri));
    this.pending.set(
      uri,
      setTimeout(() => {
        this.pending.delete(uri);
        // The document may have been closed while the timer ran.
        const publication = this.validate(uri);
        if (publication) this.publish(publication);
      }, VALIDATION_DELAY_MS),
    );
  }

  /** The document closed: its pending validation is dropped and its diagnostics are cleared. */
  close(uri: string): void {
    clearTimeout(this.pending.get(uri));
    this.pending.delete(uri);
    this.published.delete(uri);
    this.send({ uri, diagnostics: [] });
  }

  private publish(publication: Publication): void {
    const key = JSON.stringify(publication.diagnostics);
    if (this.published.get(publication.uri) === key) return;
    this.published.set(publication.uri, key);
    this.send(publication);
  }
}
