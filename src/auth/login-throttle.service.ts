import { Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config';
import { AppError } from '../common/errors/app-error';

/**
 * Brute-force protection for login: failures per account (reset by a success) and all attempts per
 * address. Kept in memory: one app process per deployment today; swap for RateLimiterRedis when
 * the app runs on several machines.
 */
@Injectable()
export class LoginThrottleService {
  private readonly perAccount: RateLimiterMemory;
  private readonly perAddress: RateLimiterMemory;

  constructor(config: AppConfig) {
    const duration = config.get('LOGIN_WINDOW_SECONDS');
    this.perAccount = new RateLimiterMemory({ keyPrefix: 'acct', points: config.get('LOGIN_MAX_FAILURES_PER_ACCOUNT'), duration });
    this.perAddress = new RateLimiterMemory({ keyPrefix: 'ip', points: config.get('LOGIN_MAX_ATTEMPTS_PER_IP'), duration });
  }

  /** Throws 429 when either limit is used up; counts this attempt against the address. */
  async beforeAttempt(username: string, ip: string): Promise<void> {
    const account = await this.perAccount.get(accountKey(username));
    if (account && account.remainingPoints <= 0) throw tooMany(account);
    try {
      await this.perAddress.consume(ip);
    } catch (res) {
      if (res instanceof RateLimiterRes) throw tooMany(res);
      throw res;
    }
  }

  async onFailure(username: string): Promise<void> {
    await this.perAccount.penalty(accountKey(username));
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
