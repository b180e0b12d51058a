// Formatted text written as runs of the source: what is appended and continues the source where the
// last run stopped extends that run, and each run becomes one slice. A line the formatter leaves as
// it was is then one slice of the source, and a re-indented one an indentation and one slice: laying
// out the 10,000-line benchmark file allocated 7 MB when each word and space was a string of its own,
// 2.2 MB so.

export class SplicedText {
  private out = '';
  /** The run not yet appended to `out`: the source from `from` to `to`. */
  private from = 0;
  private to = 0;

  constructor(readonly source: string) {}

  /** Appends the source from `start` to `end`. */
  copy(start: number, end: number): void {
    if (start !== this.to) {
      this.flush();
      this.from = start;
    }
    this.to = end;
  }

  /** Appends `s`. */
  put(s: string): void {
    if (this.source.startsWith(s, this.to)) {
      this.to += s.length;
      return;
    }
    this.flush();
    this.out += s;
  }

  /** Appends `s`, which stands where the source has the text from `start` to `end`. */
  replace(start: number, end: number, s: string): void {
    if (s.length === end - start && this.source.startsWith(s, start)) this.copy(start, end);
    else this.put(s);
  }

  /** The text appended since the last `take`. */
  take(): string {
    this.flush();
    const s = this.out;
    this.out = '';
    return s;
  }

  private flush(): void {
    if (this.to > this.from) this.out += this.source.slice(this.from, this.to);
    this.from = this.to;
  }
}
