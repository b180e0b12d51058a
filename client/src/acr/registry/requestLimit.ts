// At most a few calls to one registry at a time, shared by all its lists: expanding many folders at once
// queues instead of drawing ACR's throttling (429). A call whose signal aborts while queued leaves the queue.
import { abortError } from './cancellation';

export const REQUESTS_PER_REGISTRY = 4;

interface Waiter {
  readonly start: () => void;
}

export class RequestLimit {
  private running = 0;
  private readonly queue: Waiter[] = [];

  constructor(readonly max = REQUESTS_PER_REGISTRY) {}

  get active(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length;
  }

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.slot(signal);
    try {
      return await task();
    } finally {
      this.running--;
      this.queue.shift()?.start();
    }
  }

  private slot(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError());
    if (this.running < this.max) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.queue.splice(this.queue.indexOf(waiter), 1);
        reject(abortError());
      };
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          this.running++;
          resolve();
        },
      };
      this.queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
