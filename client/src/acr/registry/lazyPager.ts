// A list that loads a page at a time as someone asks: the first page on the first call, the next on each
// later one. One load runs at a time per list (a second caller shares it), and a load stops once every
// caller waiting for it has cancelled. A failed load keeps what was loaded and where the next page starts,
// so that trying again asks for the same page.
import { abortError, linkedSignal, type Cancellation } from './cancellation';
import type { Page } from './dataSource';

export type PageSource<T> = (continuation: string | undefined, signal: AbortSignal) => Promise<Page<T>>;

export interface LoadOptions<T> {
  readonly cancellation?: Cancellation;
  /**
   * Whether the items this load fetched are enough (default: at least one); if not, the next page follows.
   * A filtered list asks for a match, so that "load more" never ends on nothing new to show.
   */
  readonly enough?: (fresh: readonly T[]) => boolean;
}

interface Load<T> {
  readonly controller: AbortController;
  promise: Promise<readonly T[]>;
  waiters: number;
}

const anyItem = (fresh: readonly unknown[]): boolean => fresh.length > 0;

export class LazyPager<T> {
  private loaded: T[] = [];
  private next: string | undefined;
  private started = false;
  private current: Load<T> | undefined;
  private failure: unknown;
  /** Bumped by reset(), so that a load begun before it changes nothing. */
  private generation = 0;

  /** `onPage` sees each page as it arrives, also the pages inside one load. */
  constructor(
    private readonly source: PageSource<T>,
    private readonly onPage?: (items: readonly T[]) => void,
  ) {}

  get items(): readonly T[] {
    return this.loaded;
  }

  get hasMore(): boolean {
    return !this.started || this.next !== undefined;
  }

  get loading(): boolean {
    return this.current !== undefined;
  }

  /** Why the last load failed, until one succeeds (a cancelled load is no failure). */
  get error(): unknown {
    return this.failure;
  }

  /**
   * Loads the next page (pages, while `enough` says so) and resolves with the items it brought. While a
   * load runs, callers share it, whatever their `enough`.
   */
  loadMore(options: LoadOptions<T> = {}): Promise<readonly T[]> {
    if (!this.hasMore) return Promise.resolve([]);
    return this.wait(this.current ?? this.start(options.enough ?? anyItem), options.cancellation);
  }

  /** Drops loaded items (after a delete). */
  remove(predicate: (item: T) => boolean): void {
    this.loaded = this.loaded.filter((item) => !predicate(item));
  }

  /** Forgets everything and stops a load in flight: the next loadMore starts from the first page. */
  reset(): void {
    this.current?.controller.abort();
    this.current = undefined;
    this.generation++;
    this.loaded = [];
    this.next = undefined;
    this.started = false;
    this.failure = undefined;
  }

  private start(enough: (fresh: readonly T[]) => boolean): Load<T> {
    const load: Load<T> = { controller: new AbortController(), promise: Promise.resolve([]), waiters: 0 };
    this.current = load;
    load.promise = this.run(load, enough);
    // When every caller has left, nobody else awaits the aborted load.
    load.promise.catch(() => undefined);
    return load;
  }

  private async run(load: Load<T>, enough: (fresh: readonly T[]) => boolean): Promise<readonly T[]> {
    const generation = this.generation;
    const { signal } = load.controller;
    const fresh: T[] = [];
    try {
      do {
        const page = await this.source(this.next, signal);
        if (generation !== this.generation) throw abortError();
        this.started = true;
        this.next = page.continuation;
        this.loaded.push(...page.items);
        fresh.push(...page.items);
        this.onPage?.(page.items);
      } while (this.next !== undefined && !enough(fresh) && !signal.aborted);
      this.failure = undefined;
      return fresh;
    } catch (error) {
      if (generation === this.generation && !signal.aborted) this.failure = error;
      throw error;
    } finally {
      if (this.current === load) this.current = undefined;
    }
  }

  private wait(load: Load<T>, cancellation: Cancellation | undefined): Promise<readonly T[]> {
    const { signal, dispose } = linkedSignal(cancellation);
    load.waiters++;
    return new Promise((resolve, reject) => {
      const leave = (): void => {
        dispose();
        load.waiters--;
        if (load.waiters === 0) load.controller.abort();
        reject(abortError());
      };
      if (signal?.aborted) return leave();
      signal?.addEventListener('abort', leave, { once: true });
      const settle = (): void => {
        signal?.removeEventListener('abort', leave);
        dispose();
      };
      load.promise.then(
        (items) => (settle(), resolve(items)),
        (error: unknown) => (settle(), reject(error)),
      );
    });
  }
}
