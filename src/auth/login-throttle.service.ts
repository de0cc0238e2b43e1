import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
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
}

/**
 * Brute-force protection for login (docs/security.md). Every attempt is counted atomically BEFORE the
 * password is verified (`consume`), so however the requests are timed no more than the limit is ever
 * evaluated in a window; an attempt that is refused costs no hash.
 *
 * - the (account, address) pair: LOGIN_MAX_FAILURES_PER_PAIR per window, the tight limit a guesser meets;
 * - the address: LOGIN_MAX_FAILURES_PER_IP failures per window, whatever the account (successes are given
 *   back: a classroom signs in behind one address);
 * - the account from every address: after each LOGIN_MAX_FAILURES_PER_ACCOUNT failures a growing wait
 *   (LOGIN_ACCOUNT_DELAY_SECONDS, then twice that …), never a long hard lock, so nobody can shut a
 *   colleague (or the admin) out for long with a few wrong passwords.
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
    this.perAccount = limiter('acct', config.get('LOGIN_MAX_FAILURES_PER_ACCOUNT'), STRIKE_MEMORY_SECONDS);
    this.accountStrikes = limiter('strikes', 1_000_000, STRIKE_MEMORY_SECONDS);
    this.firstDelay = config.get('LOGIN_ACCOUNT_DELAY_SECONDS');
  }

  /**
   * Counts this attempt against the address, the pair and the account, in that order, before any
   * password is checked. Throws TooManyAttemptsError (429, how long to wait) when one is used up; the
   * points already taken by a refused attempt are given back, as it is never evaluated.
   */
  async reserve(username: string, ip: string): Promise<LoginReservation> {
    const account = accountKey(username);
    const held: LoginReservation = { account, pair: `${account}|${ip}`, ip };
    const steps: Array<[RateLimiterAbstract, string]> = [
      [this.perAddress, held.ip],
      [this.perPair, held.pair],
      [this.perAccount, held.account],
    ];
    const taken: Array<[RateLimiterAbstract, string]> = [];
    for (const [limiter, key] of steps) {
      try {
        await limiter.consume(key);
        taken.push([limiter, key]);
      } catch (refusal) {
        await Promise.all(taken.map(([l, k]) => l.reward(k).catch(() => undefined)));
        const wait = limiter === this.perAccount ? await this.accountWait(account, refusal) : waitSeconds(refusal);
        throw new TooManyAttemptsError(wait);
      }
    }
    return held;
  }

  /** A success is not a failure: the address and account points go back and the pair starts afresh. */
  async succeeded(held: LoginReservation): Promise<void> {
    await Promise.all([this.perAddress.reward(held.ip), this.refundAccount(held.account), this.perPair.delete(held.pair)]).catch(
      (error: unknown) => this.logger.warn(`could not refund a successful login: ${String(error)}`),
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
