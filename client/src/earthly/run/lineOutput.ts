// Line handling of a run's output; where the text goes is the caller's (no vscode here).

/** Partial lines wait this long for their end before they are shown as they are. */
const PARTIAL_LINE_MS = 100;

/**
 * Earthly's output on its way to the terminal: whole lines go through `rewrite` (which also watches
 * them) and get the terminal's \r\n; a partial line (a prompt, a progress dot) is shown after a pause.
 */
export class LineOutput {
  private partial = '';
  private timer: NodeJS.Timeout | undefined;
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly emit: (text: string) => void,
    private readonly rewrite: (line: string) => string,
  ) {}

  write(chunk: Buffer): void {
    const lines = (this.partial + this.decoder.decode(chunk, { stream: true })).split('\n');
    this.partial = lines.pop()!;
    if (lines.length > 0) this.emit(lines.map((l) => this.rewrite(l.replace(/\r$/, '')) + '\r\n').join(''));
    clearTimeout(this.timer);
    if (this.partial) this.timer = setTimeout(() => this.flushPartial(), PARTIAL_LINE_MS);
  }

  end(): void {
    clearTimeout(this.timer);
    const rest = this.partial + this.decoder.decode();
    this.partial = '';
    if (rest) this.emit(this.rewrite(rest) + '\r\n');
  }

  private flushPartial(): void {
    this.emit(this.rewrite(this.partial));
    this.partial = '';
  }
}
