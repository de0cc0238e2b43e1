import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { QueueModule } from './queue/queue.module';
import { ScoringModule } from './scoring/scoring.module';
import { UserImportModule } from './users/import/user-import.module';

/** The worker process (`npm run start:worker`): the scoring and user-import queues' processors and the outbox relay, no HTTP. */
@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ pinoHttp: { level: config.get('LOG_LEVEL') } }),
    }),
    DatabaseModule,
    QueueModule,
    ScoringModule.register({ worker: true, http: false }),
    UserImportModule.register({ worker: true }),
  ],
})
export class WorkerModule {}
