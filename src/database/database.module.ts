import { Global, Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { SqlitePragmas } from './sqlite-pragmas';
import { TransactionRunner } from './transaction-runner';
import { buildDataSourceOptions } from './typeorm.options';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions({
          DB_TYPE: config.get('DB_TYPE'),
          SQLITE_PATH: config.get('SQLITE_PATH'),
          DATABASE_URL: config.get('DATABASE_URL'),
          DB_LOGGING: config.get('DB_LOGGING'),
          SQLITE_DRIVER: config.get('SQLITE_DRIVER'),
        }),
        migrationsRun: true,
        autoLoadEntities: true,
        // main.ts checks the database before start (database-preflight.ts); a later failure is
        // reported once rather than retried nine times with a stack each.
        retryAttempts: 0,
        toRetry: () => false,
      }),
    }),
  ],
  providers: [
    {
      provide: TransactionRunner,
      inject: [getDataSourceToken(), AppConfig],
      useFactory: (dataSource: DataSource, config: AppConfig) =>
        new TransactionRunner(dataSource, config.get('SQLITE_BUSY_WAIT_MS')),
    },
    SqlitePragmas,
  ],
  exports: [TransactionRunner],
})
export class DatabaseModule {}
