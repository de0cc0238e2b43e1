import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { QueueModule } from './queue/queue.module';
import { ScoringModule } from './scoring/scoring.module';

/** The worker process (`npm run start:worker`): the scoring queue's processor and the outbox relay, no HTTP. */
@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: (config: AppConfig) => ({ pinoHttp: { level: config.get('LOG_LEVEL') } }) }),
    DatabaseModule,
    QueueModule,
    ScoringModule.register({ worker: true, http: false }),
  ],
})
export class WorkerModule {}
