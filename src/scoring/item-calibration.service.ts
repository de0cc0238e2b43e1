import { Injectable } from '@nestjs/common';
import { rawRows, toNumber } from '../database/sql/raw-sql';
import { TransactionRunner } from '../database/transaction-runner';
import { calibrationCountsSql, itemsSql } from './cap2.sql';
import { toItems } from './cap2-scoring';
import { calibrateItems, type AbilityCount } from './model/cap2/item-calibration';
import { dialectOf } from './sql-dialect';

/** Rows per multi-row insert of item_calibrations (5 parameters a row). */
const INSERT_BATCH = 200;

/**
 * Calibrates every item's difficulty b from the first answers, with the stored cap-2 abilities
 * (model/cap2/item-calibration.ts), and upserts item_calibrations in one transaction (an item
 * with no answer of a rated dimension this time keeps its last calibration, or its label prior). A full run calls it before its chunks, so the chunks — and every event after the
 * run — score with the same stored b. Deterministic: the same evidence and scores give the same b.
 */
@Injectable()
export class ItemCalibrationService {
  constructor(private readonly tx: TransactionRunner) {}

  async calibrate(at: Date): Promise<{ items: number; answers: number }> {
    return this.tx.run(async (em) => {
      const d = dialectOf(em);
      const items = toItems(await rawRows<Record<string, unknown>>(em, itemsSql(d, { kind: 'all' }), {}));
      const counts: AbilityCount[] = (
        await rawRows<Record<string, unknown>>(em, calibrationCountsSql(d), {})
      ).map((r) => ({
        itemId: String(r.versionId),
        theta: toNumber(r.bucket) / 10,
        correct: toNumber(r.correct) === 1,
        n: toNumber(r.n),
      }));
      const list = [...items].map(([itemId, it]) => ({
        itemId,
        type: it.type,
        options: it.options,
        label: it.label,
      }));
      const calibrated = [...calibrateItems(list, counts).values()];
      for (let i = 0; i < calibrated.length; i += INSERT_BATCH) {
        const batch = calibrated.slice(i, i + INSERT_BATCH);
        const params: Record<string, unknown> = { at: d.time(at) };
        const values = batch.map((c, r) => {
          Object.assign(params, {
            [`v${r}`]: c.itemId,
            [`b${r}`]: c.b,
            [`s${r}`]: c.se,
            [`n${r}`]: c.answers,
          });
          return `(:v${r}, :b${r}, :s${r}, :n${r}, ${d.tsParam('at')})`;
        });
        await rawRows(
          em,
          `INSERT INTO item_calibrations ("versionId", "b", "se", "answers", "calibratedAt") VALUES ${values.join(', ')}` +
            ` ON CONFLICT ("versionId") DO UPDATE SET "b" = excluded."b", "se" = excluded."se", "answers" = excluded."answers", "calibratedAt" = excluded."calibratedAt"`,
          params,
        );
      }
      return { items: calibrated.length, answers: counts.reduce((s, c) => s + c.n, 0) };
    });
  }
}
