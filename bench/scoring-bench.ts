/**
 * The scoring full run against a one-statement baseline. `npm run bench:scoring -- --officers N
 * [--attempts 30] [--reuse]` (or part of `npm run bench` with 2,000 officers): generates the
 * organisation (bench/scoring-data.ts), then times
 *  - expand: quiz results → scoring_evidence (one INSERT … SELECT per range of officers, as a run does),
 *  - full run: what the queue jobs do: the item calibration, then chunk by chunk (SCORING_CHUNK_SIZE
 *    officers each; timed after one untimed pass, so the calibration has stored abilities to use),
 *  - baseline: ONE statement computing the same per-officer numbers (CREATE TEMP TABLE AS SELECT),
 * and prints the ratio and the RSS growth. No Redis: the jobs' SQL is what is measured.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../src/database/transaction-runner';
import { CapabilityService } from '../src/scoring/capability.service';
import { ItemCalibrationService } from '../src/scoring/item-calibration.service';
import { scoreSelectSql } from '../src/scoring/capability.sql';
import { dialectOf } from '../src/scoring/sql-dialect';
import { argText, argValue, generateOrganisation, openBenchDataSource } from './scoring-data';

const CHUNK = 2000;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

export async function scoringBench(ds: DataSource): Promise<string[]> {
  const svc = new CapabilityService(ds, new TransactionRunner(ds), null as never, { get: () => 5 } as never);
  const asOf = new Date();
  const rss0 = process.memoryUsage().rss;
  const ids = await svc.officerIds();
  const expand = await timed(() => svc.expandEvidenceInRanges(ids, CHUNK));
  const calibration = new ItemCalibrationService(new TransactionRunner(ds));
  // a first pass so that the timed run calibrates from stored cap-2 abilities, as every nightly run does
  for (let i = 0; i < ids.length; i += CHUNK) {
    await svc.scoreRange(ids[i], ids[Math.min(i + CHUNK, ids.length) - 1], asOf);
  }
  let calibrated = { items: 0, answers: 0 };
  let calibrate = 0;
  const full = await timed(async () => {
    calibrate = await timed(async () => (calibrated = await calibration.calibrate(asOf)));
    for (let i = 0; i < ids.length; i += CHUNK) {
      await svc.scoreRange(ids[i], ids[Math.min(i + CHUNK, ids.length) - 1], asOf);
    }
  });
  const d = dialectOf(ds);
  const [sql, params] = ds.driver.escapeQueryWithParameters(
    `CREATE TEMP TABLE bench_baseline AS ${scoreSelectSql(d, { kind: 'all' })}`,
    {
      asOf: d.time(asOf),
      asOfDay: asOf.getTime() / 86_400_000,
      computedAt: d.time(new Date()),
      no: false,
      yes: true,
    },
    {},
  );
  await ds.query('DROP TABLE IF EXISTS bench_baseline');
  const baseline = await timed(() => ds.query(sql, params));
  const rss1 = process.memoryUsage().rss;
  const [{ n: evidence }] = await ds.query(`SELECT COUNT(*) AS n FROM scoring_evidence`);
  const [{ n: scored }] = await ds.query(`SELECT COUNT(*) AS n FROM capability_scores`);
  const [{ n: base }] = await ds.query(`SELECT COUNT(*) AS n FROM bench_baseline`);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return [
    `scoring full run    ${ids.length} officers (${scored} scored, baseline ${base}), ${evidence} answered questions`,
    `  calibration of ${calibrated.items} items from ${calibrated.answers} first answers ${s(calibrate)} (part of the full run)`,
    `  expand evidence ${s(expand)}   full run in ${Math.ceil(ids.length / CHUNK)} chunks ${s(full)}   baseline one statement ${s(baseline)}   full/baseline = ${(full / baseline).toFixed(2)}×`,
    `  expand + full run ${s(expand + full)}   RSS ${mb(rss0)} → ${mb(rss1)} (growth ${mb(rss1 - rss0)})`,
  ];
}

async function main(): Promise<void> {
  const officers = argValue('officers', 2000);
  const attempts = argValue('attempts', 30);
  const db = argText('db', join(__dirname, '..', 'tmp', 'bench', `scoring-${officers}.sqlite`));
  const reuse = process.argv.includes('--reuse');
  const ds = await openBenchDataSource(db, !reuse);
  try {
    if (!reuse) {
      const t = await timed(() => generateOrganisation(ds, officers, attempts, () => undefined));
      console.log(`generated ${officers} officers × ${attempts} attempts in ${(t / 1000).toFixed(1)} s`);
    }
    for (const line of await scoringBench(ds)) console.log(line);
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
