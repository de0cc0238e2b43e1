/**
 * Model cap-1.0, history (docs/scoring.md "History"): model cap-2 (./cap2) stores every score now.
 * Still the home of DIMENSIONS, and of the formula behind the benchmark's baseline statement.
 */
export const FORMULA_VERSION = 'cap-1.0';
export const DIMENSIONS = ['prevention', 'acceptance', 'handling', 'supervision', 'order'] as const;
export type DimensionCode = (typeof DIMENSIONS)[number];

export const MODEL = {
  /** Evidence loses half its weight every 180 days. */
  halfLifeDays: 180,
  /** Smoothing: every dimension starts as if two questions of weight 1 had been half right. */
  priorMean: 0.5,
  priorWeight: 2,
  /** difficulty 1 (recall) → 1, 2 (understanding) → 1.5, 3 (applying to a case) → 2. */
  difficultyStep: 0.5,
  /** Weights of the three components of the overall score (renormalised over those that apply). */
  weights: { knowledge: 0.6, courses: 0.25, attendance: 0.15 },
  /** Points per finalised session by attendance status; excused sessions do not count. */
  attendancePoints: { present: 1, late: 0.75, left_early: 0.5, absent: 0 } as Record<string, number>,
  /** An officer at or above this score meets the capability standard (能力达标). */
  passMark: 60,
} as const;

export interface Evidence {
  dimension: string;
  /** 1..3 */
  difficulty: number;
  /** 0..1 */
  credit: number;
  finishedAt: Date;
}

export interface CapabilityInput {
  evidence: Evidence[];
  coursesRequired: number;
  coursesDone: number;
  /** Attendance statuses of finalised sessions (excused ones are ignored). */
  attendance: string[];
  asOf: Date;
}

export interface DimensionScore {
  /** 0..1 smoothed mastery */
  mastery: number;
  /** Σ weights of the evidence (after recency and difficulty) */
  weight: number;
  /** Σ weight × credit */
  weightedCredit: number;
  count: number;
}

export interface Capability {
  score: number;
  knowledge: number;
  dimensions: Record<DimensionCode, DimensionScore>;
  courseRate: number | null;
  attendancePoints: number;
  attendanceCount: number;
  attendanceRate: number | null;
  formulaVersion: string;
}

const DAY_MS = 86_400_000;

export function evidenceWeight(e: Pick<Evidence, 'difficulty' | 'finishedAt'>, asOf: Date): number {
  const ageDays = Math.max(0, (asOf.getTime() - e.finishedAt.getTime()) / DAY_MS);
  return Math.pow(0.5, ageDays / MODEL.halfLifeDays) * (1 + MODEL.difficultyStep * (e.difficulty - 1));
}

export function mastery(weightedCredit: number, weight: number): number {
  return (weightedCredit + MODEL.priorWeight * MODEL.priorMean) / (weight + MODEL.priorWeight);
}

/** The overall 0–100 score from its components; null components (nothing required, no sessions) are left out. */
export function overall(knowledge: number, courseRate: number | null, attendanceRate: number | null): number {
  const w = MODEL.weights;
  let sum = w.knowledge * knowledge;
  let weights = w.knowledge;
  if (courseRate !== null) {
    sum += w.courses * courseRate;
    weights += w.courses;
  }
  if (attendanceRate !== null) {
    sum += w.attendance * attendanceRate;
    weights += w.attendance;
  }
  return (100 * sum) / weights;
}

export function computeCapability(input: CapabilityInput): Capability {
  const dims = Object.fromEntries(
    DIMENSIONS.map((d) => [d, { mastery: 0, weight: 0, weightedCredit: 0, count: 0 }]),
  ) as Record<DimensionCode, DimensionScore>;
  for (const e of input.evidence) {
    if (e.finishedAt.getTime() > input.asOf.getTime()) continue; // evidence from after asOf does not exist yet
    const d = dims[e.dimension as DimensionCode];
    if (!d) continue;
    const w = evidenceWeight(e, input.asOf);
    d.weight += w;
    d.weightedCredit += w * e.credit;
    d.count += 1;
  }
  for (const d of Object.values(dims)) d.mastery = mastery(d.weightedCredit, d.weight);
  const knowledge = DIMENSIONS.reduce((s, d) => s + dims[d].mastery, 0) / DIMENSIONS.length;
  const courseRate = input.coursesRequired > 0 ? input.coursesDone / input.coursesRequired : null;
  const counted = input.attendance.filter((s) => s in MODEL.attendancePoints);
  const attendancePoints = counted.reduce((s, a) => s + MODEL.attendancePoints[a], 0);
  const attendanceRate = counted.length > 0 ? attendancePoints / counted.length : null;
  return {
    score: overall(knowledge, courseRate, attendanceRate),
    knowledge,
    dimensions: dims,
    courseRate,
    attendancePoints,
    attendanceCount: counted.length,
    attendanceRate,
    formulaVersion: FORMULA_VERSION,
  };
}

/** Stored inputs of one officer's score (a capability_scores row) → the explanation the API returns. */
export interface StoredScore {
  score: number;
  knowledge: number;
  dimensions: Record<DimensionCode, DimensionScore>;
  coursesRequired: number;
  coursesDone: number;
  courseRate: number | null;
  attendancePoints: number;
  attendanceCount: number;
  attendanceRate: number | null;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export function explain(s: StoredScore) {
  const w = MODEL.weights;
  const components = [
    {
      component: 'knowledge',
      label: '知识掌握（五个法治化维度平均）',
      value: round(100 * s.knowledge),
      weight: w.knowledge,
    },
    ...(s.courseRate !== null
      ? [
          {
            component: 'courses',
            label: `必修课程完成 ${s.coursesDone}/${s.coursesRequired}`,
            value: round(100 * s.courseRate),
            weight: w.courses,
          },
        ]
      : []),
    ...(s.attendanceRate !== null
      ? [
          {
            component: 'attendance',
            label: `培训出勤 ${round(s.attendancePoints, 2)}/${s.attendanceCount} 场`,
            value: round(100 * s.attendanceRate),
            weight: w.attendance,
          },
        ]
      : []),
  ];
  const weightSum = components.reduce((a, c) => a + c.weight, 0);
  return {
    formula: `score = Σ(weight × value) / Σ weight over the components that apply; mastery = (Σ w·credit + ${MODEL.priorWeight}×${MODEL.priorMean}) / (Σ w + ${MODEL.priorWeight}); w = 0.5^(ageDays/${MODEL.halfLifeDays}) × (1 + ${MODEL.difficultyStep}×(difficulty−1))`,
    components: components.map((c) => ({
      ...c,
      effectiveWeight: round(c.weight / weightSum, 4),
      contribution: round((c.value * c.weight) / weightSum, 2),
    })),
    dimensions: Object.fromEntries(
      DIMENSIONS.map((d) => {
        const x = s.dimensions[d];
        return [
          d,
          {
            mastery: round(100 * x.mastery),
            questions: x.count,
            evidenceWeight: round(x.weight, 3),
            weightedCredit: round(x.weightedCredit, 3),
            prior: { mean: MODEL.priorMean, weight: MODEL.priorWeight },
          },
        ];
      }),
    ),
  };
}
