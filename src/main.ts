// Must stay the first import: sizes libuv's thread pool before anything can start it.
import './bootstrap/thread-pool';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { AppConfig } from './config/app-config';

async function bootstrap(): Promise<void> {
  const app = configureApp(await NestFactory.create(AppModule, { bodyParser: false, bufferLogs: true, abortOnError: false }));
  const config = app.get(AppConfig);
  await app.listen(config.get('PORT'), config.get('HOST'));
  app.get(Logger).log(`petition-training listening on http://localhost:${config.get('PORT')}`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  // Configuration errors name the variable; print them plainly and stop.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
