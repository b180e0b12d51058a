// A clock for the renewal schedule whose timers fire only when a test moves time forward.
import type { SchedulerClock } from '../../../client/src/acr/tokens/renewalScheduler';

export const START = 1_700_000_000_000;

export class FakeClock implements SchedulerClock {
  time = START;
  private timers: { id: number; at: number; callback: () => void }[] = [];
  private nextId = 1;

  now(): number {
    return this.time;
  }
  setTimer(callback: () => void, delayMs: number): unknown {
    const id = this.nextId++;
    this.timers.push({ id, at: this.time + delayMs, callback });
    return id;
  }
  clearTimer(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }
  get pending(): number[] {
    return this.timers.map((timer) => timer.at).sort((a, b) => a - b);
  }
  /** Moves to `time`, firing due timers in order and letting the renewals they start settle. */
  async advanceTo(time: number): Promise<void> {
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= time).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = due.at;
      due.callback();
      await settle();
    }
    this.time = time;
    await settle();
  }
}

/** Lets the promises already resolved run their callbacks. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
