import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';

/** Pings Redis on its own short-timeout connection, so a Redis outage answers quickly with 503. */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly client: Redis;

  constructor(
    config: AppConfig,
    private readonly indicator: HealthIndicatorService,
  ) {
    this.client = new Redis({
      host: config.get('REDIS_HOST'),
      port: config.get('REDIS_PORT'),
      password: config.get('REDIS_PASSWORD'),
      db: config.get('REDIS_DB'),
      lazyConnect: true,
      connectTimeout: 1000,
      commandTimeout: 1000,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => 2000,
    });
    this.client.on('error', () => undefined); // reported through the health check, not as crashes
  }

  async check(key: string) {
    const check = this.indicator.check(key);
    try {
      if (this.client.status === 'wait') await this.client.connect();
      const pong = await this.client.ping();
      return pong === 'PONG' ? check.up() : check.down({ message: `unexpected reply ${pong}` });
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.client.disconnect();
  }
}
