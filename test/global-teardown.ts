import { dropTemplateDatabase } from './utils/template-database';

/** Drops the run's template database (test/global-setup.ts). */
export default async function globalTeardown(): Promise<void> {
  await dropTemplateDatabase();
}
