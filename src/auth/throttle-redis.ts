import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';

/**
 * The Redis connection behind a rate limiter (login, check-in codes). It fails fast, so the limiter's
 * in-memory insurance takes over instead of requests queueing while Redis is away; "Redis unavailable"
 * is logged once per outage.
 */
export function throttleRedis(config: AppConfig, logger: Logger, purpose: string): Redis {
  const redis = new Redis({
    host: config.get('REDIS_HOST'),
    port: config.get('REDIS_PORT'),
    password: config.get('REDIS_PASSWORD'),
    db: config.get('REDIS_DB'),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    commandTimeout: 1000,
    retryStrategy: () => 2000,
  });
  let downLogged = false;
  redis.on('error', (error: Error) => {
    if (downLogged) return;
    downLogged = true;
    logger.warn(`Redis unavailable for ${purpose}, using per-process memory: ${error.message}`);
  });
  redis.on('ready', () => (downLogged = false));
  return redis;
}
