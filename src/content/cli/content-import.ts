/**
 * `npm run content:import [dir]`: runs migrations, then imports content/ into the database named by
 * the environment (.env, DB_TYPE, SQLITE_PATH / DATABASE_URL). Exit code 1 when the content is invalid.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLog } from '../../audit/entities/audit-log.entity';
import { AuditService } from '../../audit/audit.service';
import { validateEnv } from '../../config/env.validation';
import { TransactionRunner } from '../../database/transaction-runner';
import { buildDataSourceOptions } from '../../database/typeorm.options';
import { CONTENT_ENTITIES } from '../entities';
import { ContentImportService } from '../import/content-import.service';
import { describeSummary, type ImportSummary } from '../import/import-summary';
import { ContentInvalidError } from '../model/problem';
import { contentDirFromArgs, displayPath } from './cli-args';

async function main(): Promise<number> {
  Logger.overrideLogger(['error', 'warn']); // the audit service's security log line is noise here
  const dir = contentDirFromArgs();
  const env = validateEnv(process.env);
  const dataSource = new DataSource({
    ...buildDataSourceOptions(env),
    entities: [...CONTENT_ENTITIES, AuditLog],
  });
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    if (ran.length > 0) console.log(`Ran ${ran.length} migration(s): ${ran.map((m) => m.name).join(', ')}`);
    const tx = new TransactionRunner(dataSource);
    const importer = new ContentImportService(
      dataSource,
      tx,
      new AuditService(dataSource.getRepository(AuditLog), tx),
    );
    console.log(`Importing ${dir} into ${env.DB_TYPE === 'postgres' ? 'PostgreSQL' : env.SQLITE_PATH} ...`);
    const summary = await importer.importFrom(dir, { onProgress: (line) => console.log(`  ${line}`) });
    printSummary(summary);
    return 0;
  } catch (error) {
    if (!(error instanceof ContentInvalidError)) throw error;
    for (const p of error.problems)
      {console.log(`${displayPath(dir, p.file)}:${p.line}  ${p.code}  ${p.message}`);}
    console.log(
      `\nNothing imported: ${error.problems.length} problem(s). Fix them (npm run content:check) and import again.`,
    );
    return 1;
  } finally {
    await dataSource.destroy();
  }
}

function printSummary(s: ImportSummary): void {
  console.log(`\n${describeSummary(s)}`);
  if (s.skipped) return;
  const rows: Array<[string, number]> = Object.entries(s).filter(
    (e): e is [string, number] => typeof e[1] === 'number',
  );
  for (const [key, n] of rows) console.log(`  ${key.padEnd(20)} ${String(n).padStart(5)}`);
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
