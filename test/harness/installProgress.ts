// What an `npm install` run at log level http is doing, as a few lines a person can follow: how many
// packages it has fetched (from the network or npm's cache) and which install script runs now.

/** `@scope/name` or `name@1.2.3` from the address npm fetched (metadata or tarball). */
export function packageOfAddress(address: string): string {
  const path = decodeURIComponent(address.replace(/^[a-z]+:\/\/[^/]+\//, ''));
  const tarball = /^(.+)\/-\/.*?-(\d[^/]*)\.tgz$/.exec(path);
  return tarball ? `${tarball[1]}@${tarball[2]}` : path;
}

export class InstallProgress {
  private fetched = 0;
  private lastReport = -Infinity;

  /**
   * @param expected how many fetches a full install makes (measured), to say how far it is
   * @param everyMs  at most one count line this often
   */
  constructor(
    private readonly expected: number,
    private readonly report: (line: string) => void,
    private readonly everyMs = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  line(text: string): void {
    const fetch = /^npm http (?:fetch GET \d+|cache) (?:\S+?@(?=[a-z]+:))?(\S+)/.exec(text);
    if (fetch) {
      this.fetched++;
      if (this.now() - this.lastReport < this.everyMs) return;
      this.lastReport = this.now();
      const share = Math.min(99, Math.round((100 * this.fetched) / this.expected));
      this.report(`  ${this.fetched} of about ${this.expected} packages fetched (${share}%), now ${packageOfAddress(fetch[1]!)}`);
      return;
    }
    // npm announces each lifecycle script as "> name@version postinstall".
    const script = /^> (\S+@\S+) (preinstall|install|postinstall)$/.exec(text.trim());
    if (script) this.report(`  running the ${script[2]} script of ${script[1]}`);
  }

  get fetchCount(): number {
    return this.fetched;
  }
}
