import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import {
  RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config';
import { throttleRedis } from './throttle-redis';
import { TooManyAttemptsError } from './too-many-attempts.error';

/** How long the account-wide failure steps are remembered (the delays keep growing within it). */
const STRIKE_MEMORY_SECONDS = 24 * 3600;
/** The account-wide delay grows 1×, 2×, 4× … the first delay, but never beyond this. */
const MAX_ACCOUNT_DELAY_SECONDS = 3600;

/** The keys an attempt was counted under; a failure keeps the points, `succeeded` gives them back. */
export interface LoginReservation {
  account: string;
  pair: string;
  ip: string;
  /** A known device's id: the attempt was counted under that device's own budget only. */
  device?: string;
  /**
   * Set when the address has used up its unknown-name budget. The password is still checked (a real
   * account's owner gets in), but a failure answers 429 after this many seconds instead of 401, for
   * real and unknown names alike, so the answer does not tell which names exist.
   */
  failWait?: number;
}

export interface LoginAttempt {
  username: string;
  ip: string;
  /** Device id from a valid `pt_device` cookie issued for this very account. */
  device?: string;
}

interface Step {
  limiter: RateLimiterAbstract;
  key: string;
  /** A refusal here does not stop the attempt; it only turns a failure into a 429. */
  soft?: boolean;
}

/**
 * Brute-force protection for login (docs/security.md). Every attempt is counted atomically BEFORE the
 * password is verified (`consume`), so however the requests are timed no more than the limit is ever
 * evaluated in a window; an attempt that is refused costs no hash (past the unknown-name budget a
 * failure is refused only after the hash, so real and unknown names cost the same).
 *
 * - the (name, address) pair: LOGIN_MAX_FAILURES_PER_PAIR per window, the tight limit a guesser meets;
 * - the address: LOGIN_MAX_FAILURES_PER_IP failures for real accounts per window (successes are given
 *   back: a classroom signs in behind one address); failures for names that do not exist spend a
 *   budget of their own (LOGIN_MAX_UNKNOWN_PER_IP), so nobody can shut a classroom out with made-up names;
 * - the account from every address: after each LOGIN_MAX_FAILURES_PER_ACCOUNT failures a growing wait
 *   (LOGIN_ACCOUNT_DELAY_SECONDS, then twice that …), never a long hard lock;
 * - a known device (valid `pt_device` cookie for the account) skips the three above and has its own
 *   budget of LOGIN_MAX_FAILURES_PER_PAIR per window: strangers' failures cannot keep the owner out.
 *
 * Counters live in Redis (shared by every app process, keys under QUEUE_PREFIX); when Redis is down an
 * in-memory limiter per process takes over, so login keeps working.
 */
@Injectable()
export class LoginThrottleService implements OnModuleDestroy {
  private readonly logger = new Logger('LoginThrottle');
  private readonly redis: Redis;
  private readonly perPair: RateLimiterAbstract;
  private readonly perAddress: RateLimiterAbstract;
  private readonly unknownPerAddress: RateLimiterAbstract;
  private readonly perDevice: RateLimiterAbstract;
  private readonly perAccount: RateLimiterAbstract;
  private readonly accountStrikes: RateLimiterAbstract;
  private readonly firstDelay: number;

  constructor(config: AppConfig) {
    this.redis = throttleRedis(config, this.logger, 'login throttling');

    const window = config.get('LOGIN_WINDOW_SECONDS');
    const prefix = `${config.get('QUEUE_PREFIX')}:login`;
    const limiter = (name: string, points: number, duration: number) =>
      new RateLimiterRedis({
        storeClient: this.redis,
        rejectIfRedisNotReady: true,
        keyPrefix: `${prefix}:${name}`,
        points,
        duration,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${prefix}:${name}`, points, duration }),
      });
    this.perPair = limiter('pair', config.get('LOGIN_MAX_FAILURES_PER_PAIR'), window);
    this.perAddress = limiter('ip', config.get('LOGIN_MAX_FAILURES_PER_IP'), window);
    this.unknownPerAddress = limiter('ip-unknown', config.get('LOGIN_MAX_UNKNOWN_PER_IP'), window);
    this.perDevice = limiter('device', config.get('LOGIN_MAX_FAILURES_PER_PAIR'), window);
    this.perAccount = limiter('acct', config.get('LOGIN_MAX_FAILURES_PER_ACCOUNT'), STRIKE_MEMORY_SECONDS);
    this.accountStrikes = limiter('strikes', 1_000_000, STRIKE_MEMORY_SECONDS);
    this.firstDelay = config.get('LOGIN_ACCOUNT_DELAY_SECONDS');
  }

  /**
   * Counts this attempt before any password is checked. Throws TooManyAttemptsError (429, how long to
   * wait) when a budget is used up; the points already taken by a refused attempt are given back, as it
   * is never evaluated. The per-name steps come first, before `isKnown` looks the name up, so a burst is
   * counted before any database work. Real and unknown names meet the same steps in the same order, and
   * an exhausted address budget refuses both alike: only which address budget a failure spends differs.
   */
  async reserve(attempt: LoginAttempt, isKnown: () => Promise<boolean>): Promise<LoginReservation> {
    const account = accountKey(attempt.username);
    const held: LoginReservation = { account, pair: `${account}|${attempt.ip}`, ip: attempt.ip };
    if (attempt.device) {
      await this.take([{ limiter: this.perDevice, key: attempt.device }]);
      return { ...held, device: attempt.device };
    }
    const perName: Step[] = [
      { limiter: this.perPair, key: held.pair },
      { limiter: this.perAccount, key: account },
    ];
    await this.take(perName);
    const known = await isKnown().catch(async (error: unknown) => {
      await this.giveBack(perName);
      throw error;
    });
    if (known) {
      await this.take([{ limiter: this.perAddress, key: held.ip }], perName);
      const failWait = await this.usedUp(this.unknownPerAddress, held.ip);
      return failWait === undefined ? held : { ...held, failWait };
    }
    const blocked = await this.usedUp(this.perAddress, held.ip);
    if (blocked !== undefined) {
      await this.giveBack(perName);
      throw new TooManyAttemptsError(blocked);
    }
    const failWait = await this.take(
      [{ limiter: this.unknownPerAddress, key: held.ip, soft: true }],
      perName,
    );
    return failWait === undefined ? held : { ...held, failWait };
  }

  /** Consumes a point of each step in order (`before` were taken already); returns the wait of a soft refusal, if any. */
  private async take(steps: Step[], before: Step[] = []): Promise<number | undefined> {
    const taken: Step[] = [...before];
    let softWait: number | undefined;
    for (const step of steps) {
      try {
        await step.limiter.consume(step.key);
        taken.push(step);
      } catch (refusal) {
        if (step.soft) {
          softWait = waitSeconds(refusal);
          continue;
        }
        await this.giveBack(taken);
        const wait =
          step.limiter === this.perAccount ? await this.accountWait(step.key, refusal) : waitSeconds(refusal);
        throw new TooManyAttemptsError(wait);
      }
    }
    return softWait;
  }

  private async giveBack(steps: Step[]): Promise<void> {
    await Promise.all(steps.map(({ limiter, key }) => limiter.reward(key).catch(() => undefined)));
  }

  /** Seconds until `key` has points again, when its budget is used up (without spending one). */
  private async usedUp(limiter: RateLimiterAbstract, key: string): Promise<number | undefined> {
    const seen = await limiter.get(key).catch(() => null);
    return seen && seen.consumedPoints >= limiter.points ? waitSeconds(seen) : undefined;
  }

  /** A success is not a failure: the address and account points go back and the pair (or the device) starts afresh. */
  async succeeded(held: LoginReservation): Promise<void> {
    const refunds = held.device
      ? [this.perDevice.delete(held.device)]
      : [this.perAddress.reward(held.ip), this.refundAccount(held.account), this.perPair.delete(held.pair)];
    await Promise.all(refunds).catch((error: unknown) =>
      this.logger.warn(`could not refund a successful login: ${String(error)}`),
    );
  }

  /** Not while the account sits in a wait: lowering a block to the limit would make the next attempt start a longer one. */
  private async refundAccount(account: string): Promise<void> {
    const current = await this.perAccount.get(account);
    if (current && current.consumedPoints <= this.perAccount.points) await this.perAccount.reward(account);
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }

  /**
   * The first attempt over the account limit (exactly one sees consumedPoints = points + 1, since the
   * count is atomic) starts the next wait: it records a strike and blocks the account for
   * firstDelay × 2^(strikes − 1). When the block ends the account's counter starts again from zero.
   */
  private async accountWait(account: string, refusal: unknown): Promise<number> {
    if (!(refusal instanceof RateLimiterRes)) return this.firstDelay;
    if (refusal.consumedPoints !== this.perAccount.points + 1) {
      // Racing the first refusal, the key may still carry its day-long expiry: never say more than the block.
      const strikes = await this.accountStrikes.get(account).catch(() => null);
      return Math.min(waitSeconds(refusal), this.delayFor(strikes?.consumedPoints ?? 1));
    }
    const strikes = await this.accountStrikes.penalty(account).catch(() => null);
    const wait = this.delayFor(strikes?.consumedPoints ?? 1);
    await this.perAccount.block(account, wait).catch(() => undefined);
    return wait;
  }

  private delayFor(strike: number): number {
    return Math.min(MAX_ACCOUNT_DELAY_SECONDS, this.firstDelay * 2 ** Math.min(Math.max(strike, 1) - 1, 20));
  }
}

const accountKey = (username: string) => username.trim().toLowerCase();

function waitSeconds(refusal: unknown): number {
  if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
  return 60; // the store failed without its insurance: be safe, refuse for a minute
}
