import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { closeQueuesTogether } from './close-queues';
import { createTestDatabase, dropTestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<INestApplication['getHttpServer']>;
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * Boots the real AppModule through configureApp, on this test file's own fresh database. With
 * `{ database: 'same-as-first' }` another instance on the database (and queue prefix) of the file's first
 * app, which must be closed last: closing a second instance leaves the database alone.
 */
export async function createTestApp(options: { database?: 'own' | 'same-as-first' } = {}): Promise<TestApp> {
  const own = options.database !== 'same-as-first';
  if (own) await createTestDatabase();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = configureApp(moduleRef.createNestApplication({ bodyParser: false, bufferLogs: true }));
  await app.init();
  return {
    app,
    http: app.getHttpServer(),
    dataSource: app.get(DataSource),
    close: async () => {
      await closeQueuesTogether(app);
      await app.close();
      if (own) await dropTestDatabase();
    },
  };
}

/** Logs in through the API and returns the bearer token. */
export async function apiLogin(http: TestApp['http'], username: string, password: string): Promise<string> {
  const res = await request(http).post('/api/auth/login').send({ username, password }).expect(200);
  return res.body.accessToken as string;
}
