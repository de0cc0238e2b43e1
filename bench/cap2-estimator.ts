/**
 * Time of the pure cap-2 estimator (no database): OFFICERS × 5 dimensions × ANSWERS answers each,
 * plus one calibration over a sample. `npx ts-node --transpile-only bench/cap2-estimator.ts [officers] [answers]`.
 * The answers are generated before the clock starts; this measures the model's arithmetic only.
 */
import { calibrate } from '../src/scoring/model/cap2/calibration';
import { type GradedAnswer } from '../src/scoring/model/cap2/cap2-model';
import { computeCap2 } from '../src/scoring/model/cap2/overall';

const OFFICERS = Number(process.argv[2] ?? 100_000);
const ANSWERS = Number(process.argv[3] ?? 20);
const DIMS = ['prevention', 'acceptance', 'handling', 'supervision', 'order'];
let seed = 1;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const asOf = new Date('2026-06-30T00:00:00Z');
const items = Array.from({ length: 200 }, (_, i) => ({
  itemId: `q${i}`,
  type: 'single' as const,
  options: 4,
  label: 1 + (i % 3),
}));
const bOf = new Map(items.map((it) => [it.itemId, it.label - 2]));
const difficulty = (id: string) => bOf.get(id)!;
const officers: Map<string, GradedAnswer[]>[] = [];
for (let o = 0; o < OFFICERS; o++) {
  officers.push(
    new Map(
      DIMS.map((d) => [
        d,
        Array.from({ length: ANSWERS }, () => ({
          itemId: `q${Math.floor(rnd() * 200)}`,
          type: 'single' as const,
          options: 4,
          correct: rnd() < 0.6,
          answeredAt: new Date(asOf.getTime() - rnd() * 3e10),
        })),
      ]),
    ),
  );
}
let t = process.hrtime.bigint();
let rated = 0;
for (const by of officers) if (computeCap2(by, DIMS, difficulty, asOf).rated) rated++;
const estimateMs = Number(process.hrtime.bigint() - t) / 1e6;
const sample = officers
  .slice(0, 20_000)
  .flatMap((by, o) =>
    DIMS.flatMap((d) =>
      by.get(d)!.map((a) => ({ personId: `${o}:${d}`, itemId: a.itemId, correct: a.correct })),
    ),
  );
t = process.hrtime.bigint();
calibrate(items, sample);
const calibrateMs = Number(process.hrtime.bigint() - t) / 1e6;
console.log(
  `${OFFICERS} officers × ${DIMS.length} dimensions × ${ANSWERS} answers: estimate ${estimateMs.toFixed(0)} ms (${rated} rated); calibrate ${sample.length} answers × 30 rounds: ${calibrateMs.toFixed(0)} ms`,
);
