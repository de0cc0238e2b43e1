import { EntityManager } from 'typeorm';
import { rawRows, toNumber } from '../../database/sql/raw-sql';
import { Unit } from '../../units/entities/unit.entity';

type Value = { actual: number | null; basis: { numerator: number; denominator: number } | null };

const round2 = (x: number) => Math.round(x * 100) / 100;
const num = (v: unknown) => (v === null || v === undefined ? null : toNumber(v));

/**
 * The imported indicators of a unit and period. A unit's own row wins. In the subtree scope a unit
 * without its own row gets Σ numerator / Σ denominator of the topmost rows below it (a row of a
 * street already covers its communities, so they are not counted twice); when one of those rows has
 * no numerator/denominator the sum would be wrong, so the value stays empty.
 */
export async function importedValues(
  em: EntityManager,
  unit: Unit,
  period: string,
  scope: 'own' | 'subtree',
): Promise<Record<string, Value>> {
  const rows = await rawRows<{
    unitId: string;
    code: string;
    value: unknown;
    numerator: unknown;
    denominator: unknown;
    path: string;
  }>(
    em,
    `SELECT i."unitId", i."code", i."value", i."numerator", i."denominator", u."path" FROM indicator_imports i JOIN units u ON u."id" = i."unitId"` +
      ` WHERE i."period" = :period AND ${scope === 'own' ? `i."unitId" = :unitId` : `u."path" LIKE :prefix`}`,
    { period, unitId: unit.id, prefix: `${unit.path}%` },
  );
  const out: Record<string, Value> = {};
  for (const code of new Set(rows.map((r) => r.code))) {
    const ofCode = rows.filter((r) => r.code === code);
    const own = ofCode.find((r) => r.unitId === unit.id);
    if (own) {
      const n = num(own.numerator);
      const d = num(own.denominator);
      out[code] = {
        actual: toNumber(own.value),
        basis: n !== null && d !== null ? { numerator: n, denominator: d } : null,
      };
      continue;
    }
    const topmost = ofCode.filter((r) => !ofCode.some((o) => o !== r && r.path.startsWith(o.path)));
    if (topmost.some((r) => num(r.numerator) === null || num(r.denominator) === null)) {
      out[code] = { actual: null, basis: null };
      continue;
    }
    const n = topmost.reduce((s, r) => s + num(r.numerator)!, 0);
    const d = topmost.reduce((s, r) => s + num(r.denominator)!, 0);
    out[code] = { actual: d > 0 ? round2((100 * n) / d) : null, basis: { numerator: n, denominator: d } };
  }
  return out;
}
