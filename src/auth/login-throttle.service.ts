import { Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config';
import { AppError } from '../common/errors/app-error';

/**
 * Brute-force protection for login: failures per account (reset by a success) and failures per
 * address. Successes are not counted against the address: a classroom of officers behind one
 * network address must be able to sign in together. Kept in memory: one app process per deployment today; swap for RateLimiterRedis when
 * the app runs on several machines.
 */
@Injectable()
export class LoginThrottleService {
  private readonly perAccount: RateLimiterMemory;
  private readonly perAddress: RateLimiterMemory;

  constructor(config: AppConfig) {
    const duration = config.get('LOGIN_WINDOW_SECONDS');
    this.perAccount = new RateLimiterMemory({ keyPrefix: 'acct', points: config.get('LOGIN_MAX_FAILURES_PER_ACCOUNT'), duration });
    this.perAddress = new RateLimiterMemory({ keyPrefix: 'ip', points: config.get('LOGIN_MAX_FAILURES_PER_IP'), duration });
  }

  /** Throws 429 when the account or the address has used up its failures in the window. */
  async beforeAttempt(username: string, ip: string): Promise<void> {
    for (const [limiter, key] of [
      [this.perAccount, accountKey(username)],
      [this.perAddress, ip],
    ] as const) {
      const used = await limiter.get(key);
      if (used && used.remainingPoints <= 0) throw tooMany(used);
    }
  }

  async onFailure(username: string, ip: string): Promise<void> {
    await this.perAccount.penalty(accountKey(username));
    await this.perAddress.penalty(ip);
  }

  async onSuccess(username: string): Promise<void> {
    await this.perAccount.delete(accountKey(username));
  }
}

const accountKey = (username: string) => username.trim().toLowerCase();

function tooMany(res: RateLimiterRes): AppError {
  const error = new AppError(429, 'AUTH.TOO_MANY_ATTEMPTS', '登录尝试过于频繁，请稍后再试');
  Object.assign(error, { retryAfterSeconds: Math.ceil(res.msBeforeNext / 1000) });
  return error;
}
