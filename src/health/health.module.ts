import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ContentModule } from '../content/content.module';
import { DatabaseHealthIndicator } from './database-health.indicator';
import { HealthController } from './health.controller';
import { QueueHealthIndicator } from './queue-health.indicator';
import { RedisHealthIndicator } from './redis-health.indicator';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'pretty', gracefulShutdownTimeoutMs: 0 }), ContentModule],
  controllers: [HealthController],
  providers: [RedisHealthIndicator, QueueHealthIndicator, DatabaseHealthIndicator],
})
export class HealthModule {}
