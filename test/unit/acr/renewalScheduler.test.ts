import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RenewalScheduler, SignInRequiredError } from '../../../client/src/acr/tokens/renewalScheduler';
import { FakeClock, START } from './fakeClock';
import { makeJwt } from './jwt';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const HOST = 'myreg.azurecr.io';

/** A refresh token issued `ageMs` before the clock's time, living `lifeMs`. */
function token(clock: FakeClock, lifeMs = 3 * HOUR, ageMs = 0): string {
  const issued = clock.now() - ageMs;
  return makeJwt({ iat: issued / 1000, exp: (issued + lifeMs) / 1000 });
}

function setUp(renew: (calls: number) => Promise<string>) {
  const clock = new FakeClock();
  const renewals: number[] = [];
  const signInRequests: string[] = [];
  const scheduler = new RenewalScheduler({
    clock,
    renew: (host) => {
      assert.equal(host, HOST);
      renewals.push(clock.now());
      return renew(renewals.length);
    },
    onSignInNeeded: (host) => signInRequests.push(host),
  });
  return { clock, scheduler, renewals, signInRequests };
}

test('a token is renewed at 75% of its life, and so is the renewed one', async () => {
  const { clock, scheduler, renewals } = setUp(async () => token(clock));
  scheduler.track(HOST, token(clock));
  assert.deepEqual(clock.pending, [START + 2.25 * HOUR]);
  await clock.advanceTo(START + 2.25 * HOUR - 1);
  assert.deepEqual(renewals, []);
  await clock.advanceTo(START + 4.5 * HOUR);
  assert.deepEqual(renewals, [START + 2.25 * HOUR, START + 4.5 * HOUR]);
  assert.deepEqual(clock.pending, [START + 6.75 * HOUR]);
  scheduler.dispose();
  assert.deepEqual(clock.pending, []);
});

test('concurrent renewals of one registry share one call', async () => {
  let finish!: (value: string) => void;
  const { clock, scheduler, renewals } = setUp(() => new Promise((resolve) => (finish = resolve)));
  scheduler.track(HOST, token(clock));
  const calls = [scheduler.renewNow(HOST), scheduler.renewNow(HOST), scheduler.renewNow(HOST)];
  assert.equal(calls[0], calls[1]);
  assert.equal(calls[1], calls[2]);
  assert.equal(renewals.length, 1);
  finish(token(clock));
  await Promise.all(calls);
  const again = scheduler.renewNow(HOST);
  assert.equal(renewals.length, 2, 'the first renewal has settled, so this call starts another');
  finish(token(clock));
  await again;
  scheduler.dispose();
});

test('ensureFresh renews only inside the renewal window', async () => {
  const { clock, scheduler, renewals } = setUp(async () => token(clock));
  await scheduler.ensureFresh('unknown.azurecr.io');
  scheduler.track(HOST, token(clock));
  await scheduler.ensureFresh(HOST);
  assert.deepEqual(renewals, []);
  scheduler.track(HOST, token(clock, 3 * HOUR, 2.5 * HOUR));
  await scheduler.ensureFresh(HOST);
  assert.deepEqual(renewals, [START]);
  await scheduler.ensureFresh(HOST);
  assert.deepEqual(renewals, [START], 'the renewed token is fresh');
  scheduler.dispose();
});

test('ensureFresh tolerates a failed renewal until the token expires', async () => {
  const { clock, scheduler } = setUp(async () => {
    throw new Error('network down');
  });
  scheduler.track(HOST, token(clock, 3 * HOUR, 2.5 * HOUR));
  await scheduler.ensureFresh(HOST);
  clock.time = START + 0.5 * HOUR;
  await assert.rejects(scheduler.ensureFresh(HOST), /network down/);
  scheduler.dispose();
});

test('failed renewals are retried with growing pauses', async () => {
  const { clock, scheduler, renewals } = setUp(async (calls) => {
    if (calls <= 6) throw new Error('offline');
    return token(clock);
  });
  scheduler.track(HOST, token(clock));
  const first = START + 2.25 * HOUR;
  await clock.advanceTo(first + 30 * MINUTE);
  const pauses = renewals.slice(1).map((time, i) => time - renewals[i]);
  assert.deepEqual(pauses, [0.5 * MINUTE, 1 * MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 10 * MINUTE]);
  assert.equal(renewals[0], first);
  assert.deepEqual(clock.pending, [renewals[6] + 2.25 * HOUR], 'success returns to the normal schedule');
  scheduler.dispose();
});

test('sign-in is requested once, not on every attempt, and again after a new sign-in', async () => {
  const { clock, scheduler, signInRequests, renewals } = setUp(async () => {
    throw new SignInRequiredError('interaction required');
  });
  scheduler.track(HOST, token(clock, 3 * HOUR, 2.5 * HOUR));
  await assert.rejects(scheduler.renewNow(HOST), SignInRequiredError);
  await assert.rejects(scheduler.renewNow(HOST), SignInRequiredError);
  await scheduler.ensureFresh(HOST);
  assert.equal(renewals.length, 3);
  assert.deepEqual(signInRequests, [HOST]);
  assert.deepEqual(clock.pending, [], 'no retries while only the user can help');
  scheduler.track(HOST, token(clock, 3 * HOUR, 2.5 * HOUR));
  await assert.rejects(scheduler.renewNow(HOST), SignInRequiredError);
  assert.deepEqual(signInRequests, [HOST, HOST]);
  scheduler.dispose();
});

test('a forgotten registry is not renewed, even by a renewal that was running', async () => {
  let finish!: (value: string) => void;
  const { clock, scheduler, renewals } = setUp(() => new Promise((resolve) => (finish = resolve)));
  scheduler.track(HOST, token(clock));
  const running = scheduler.renewNow(HOST);
  scheduler.forget(HOST);
  finish(token(clock));
  await running;
  assert.deepEqual(clock.pending, []);
  await clock.advanceTo(START + 10 * HOUR);
  await scheduler.renewNow(HOST);
  assert.equal(renewals.length, 1);
});

test('far-off expiry waits in steps and an unreadable token is assumed to live three hours', async () => {
  const { clock, scheduler, renewals } = setUp(async () => 'opaque');
  scheduler.track(HOST, 'sanitized.eyJleHAiOjg2NDAwMDAwMDAwMDB9.sanitized');
  assert.deepEqual(clock.pending, [START + 2 ** 31 - 1]);
  await clock.advanceTo(START + 2 ** 31);
  assert.deepEqual(renewals, []);
  scheduler.track(HOST, 'opaque');
  assert.deepEqual(clock.pending, [clock.now() + 2.25 * HOUR]);
  scheduler.dispose();
});
