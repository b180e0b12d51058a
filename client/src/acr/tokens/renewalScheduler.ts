// Keeps each registry's refresh token fresh without asking the user: renews at the time renewalTime()
// picks, retries failures with growing pauses, and asks for an interactive sign-in once, only when
// renewing silently cannot work. Time and timers are injected so the schedule can be tested exactly.
import { renewalTime, tokenTimes, type TokenTimes } from './jwtClaims';

export interface SchedulerClock {
  now(): number;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

/** What `renew` rejects with when only an interactive sign-in can produce a new token. */
export class SignInRequiredError extends Error {
  override readonly name = 'SignInRequiredError';
}

export interface RenewalSchedulerOptions {
  /**
   * Gets a new refresh token for the registry and stores it where the old one was; resolves with the new token.
   * Rejects with {@link SignInRequiredError} when the user must sign in again.
   */
  readonly renew: (loginServer: string) => Promise<string>;
  /** Called once per registry when silent renewal has become impossible (not again for later attempts). */
  readonly onSignInNeeded: (loginServer: string) => void;
  readonly clock?: SchedulerClock;
  /** Pauses before the 1st, 2nd, ... retry of a failed renewal; the last one repeats. */
  readonly retryDelaysMs?: readonly number[];
}

/** ACR refresh tokens live three hours; assumed for a token whose expiry cannot be read. */
const ACR_REFRESH_TOKEN_LIFETIME_MS = 3 * 60 * 60 * 1000;
const DEFAULT_RETRY_DELAYS_MS = [30_000, 60_000, 2 * 60_000, 5 * 60_000, 10 * 60_000];
/** setTimeout fires at once for longer delays, so longer waits are taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimer: (callback, delayMs) => setTimeout(callback, delayMs).unref(),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface Registry {
  times: TokenTimes;
  renewAt: number;
  timer?: unknown;
  renewal?: Promise<void>;
  failures: number;
  signInNeeded: boolean;
}

export class RenewalScheduler {
  private readonly registries = new Map<string, Registry>();
  private readonly clock: SchedulerClock;
  private readonly retryDelaysMs: readonly number[];

  constructor(private readonly options: RenewalSchedulerOptions) {
    this.clock = options.clock ?? systemClock;
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  }

  /**
   * Starts (or restarts, after a sign-in or a renewal) keeping `loginServer` fresh, given its current refresh
   * token. A renewal still running for the token it replaces finishes without effect here.
   */
  track(loginServer: string, refreshToken: string): void {
    const now = this.clock.now();
    const times = tokenTimes(refreshToken) ?? { issuedAt: now, expiresAt: now + ACR_REFRESH_TOKEN_LIFETIME_MS };
    const previous = this.registries.get(loginServer);
    if (previous) this.stopTimer(previous);
    const registry: Registry = { times, renewAt: renewalTime(times.issuedAt, times.expiresAt, now), failures: 0, signInNeeded: false };
    this.registries.set(loginServer, registry);
    this.schedule(loginServer, registry, registry.renewAt);
  }

  /** Stops renewing `loginServer` (on logout); a renewal already running finishes but changes nothing here. */
  forget(loginServer: string): void {
    const registry = this.registries.get(loginServer);
    if (registry) this.stopTimer(registry);
    this.registries.delete(loginServer);
  }

  /** Renews now; callers that arrive while a renewal runs share it. Rejects with the renewal's error. */
  renewNow(loginServer: string): Promise<void> {
    const registry = this.registries.get(loginServer);
    if (!registry) return Promise.resolve();
    registry.renewal ??= this.runRenewal(loginServer, registry);
    return registry.renewal;
  }

  /**
   * For "before a task runs": renews first when the token is due for renewal. Resolves once the token is
   * fresh, or when renewing failed but the token has not expired yet (the retries go on); rejects when
   * renewing failed and the token has expired.
   */
  async ensureFresh(loginServer: string): Promise<void> {
    const registry = this.registries.get(loginServer);
    if (!registry || this.clock.now() < registry.renewAt) return;
    try {
      await this.renewNow(loginServer);
    } catch (error) {
      if (this.clock.now() >= registry.times.expiresAt) throw error;
    }
  }

  dispose(): void {
    for (const registry of this.registries.values()) this.stopTimer(registry);
    this.registries.clear();
  }

  private async runRenewal(loginServer: string, registry: Registry): Promise<void> {
    this.stopTimer(registry);
    try {
      const token = await this.options.renew(loginServer);
      if (this.registries.get(loginServer) === registry) this.track(loginServer, token);
    } catch (error) {
      if (this.registries.get(loginServer) === registry) this.recordFailure(loginServer, registry, error);
      throw error;
    } finally {
      registry.renewal = undefined;
    }
  }

  private recordFailure(loginServer: string, registry: Registry, error: unknown): void {
    if (error instanceof SignInRequiredError) {
      if (!registry.signInNeeded) {
        registry.signInNeeded = true;
        this.options.onSignInNeeded(loginServer);
      }
      return;
    }
    const delay = this.retryDelaysMs[Math.min(registry.failures, this.retryDelaysMs.length - 1)];
    registry.failures += 1;
    this.schedule(loginServer, registry, this.clock.now() + delay);
  }

  private schedule(loginServer: string, registry: Registry, at: number): void {
    const delay = Math.max(0, at - this.clock.now());
    registry.timer = this.clock.setTimer(() => {
      registry.timer = undefined;
      if (delay > MAX_TIMER_MS) this.schedule(loginServer, registry, at);
      else this.renewNow(loginServer).catch(() => undefined);
    }, Math.min(delay, MAX_TIMER_MS));
  }

  private stopTimer(registry: Registry): void {
    if (registry.timer !== undefined) this.clock.clearTimer(registry.timer);
    registry.timer = undefined;
  }
}
