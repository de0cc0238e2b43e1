import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import {
  RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { throttleRedis } from '../auth/throttle-redis';

/** 429 CHECKIN.TOO_MANY_ATTEMPTS with `retryAfterSeconds` (the exception filter sends Retry-After). */
export class CheckInTooManyAttemptsError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(seconds: number) {
    const wait = Math.max(1, Math.ceil(seconds));
    const label = wait < 60 ? `${wait} 秒` : `${Math.ceil(wait / 60)} 分钟`;
    super(
      429,
      'CHECKIN.TOO_MANY_ATTEMPTS',
      `签到码输错次数过多，请 ${label}后再试；如仍无法签到，请培训管理员为您补登`,
    );
    this.retryAfterSeconds = wait;
    Object.assign(this.getResponse() as object, { retryAfterSeconds: wait });
  }
}

/**
 * Wrong check-in codes per officer and session (docs/sessions.md, "Check-in codes"). A 6-digit code
 * rotating every 30 s could otherwise be guessed in a couple of hours at request speed. Each attempt
 * is counted before the code is compared (so parallel guesses cannot slip past the limit) and given
 * back unless the code was wrong; counting lives in Redis (shared by every process), in memory when
 * Redis is away, so a guess is never a database write.
 */
@Injectable()
export class CheckInThrottleService implements OnModuleDestroy {
  private readonly logger = new Logger('CheckInThrottle');
  private readonly redis: Redis;
  private readonly wrongCodes: RateLimiterAbstract;

  constructor(config: AppConfig) {
    this.redis = throttleRedis(config, this.logger, 'check-in throttling');
    const keyPrefix = `${config.get('QUEUE_PREFIX')}:checkin:wrong`;
    const points = config.get('CHECKIN_MAX_WRONG_CODES');
    const duration = config.get('CHECKIN_WINDOW_SECONDS');
    this.wrongCodes = new RateLimiterRedis({
      storeClient: this.redis,
      rejectIfRedisNotReady: true,
      keyPrefix,
      points,
      duration,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
    });
  }

  /** Counts this attempt; throws CheckInTooManyAttemptsError once the wrong codes are used up. */
  async reserve(userId: string, sessionId: string): Promise<void> {
    try {
      await this.wrongCodes.consume(key(userId, sessionId));
    } catch (refusal) {
      const seconds = refusal instanceof RateLimiterRes ? refusal.msBeforeNext / 1000 : 60;
      throw new CheckInTooManyAttemptsError(seconds);
    }
  }

  /** The code was not a wrong guess (right, expired, or the attempt failed for another reason). */
  async giveBack(userId: string, sessionId: string): Promise<void> {
    await this.wrongCodes
      .reward(key(userId, sessionId))
      .catch((error: unknown) =>
        this.logger.warn(`could not give back a check-in attempt: ${String(error)}`),
      );
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

const key = (userId: string, sessionId: string) => `${userId}|${sessionId}`;
