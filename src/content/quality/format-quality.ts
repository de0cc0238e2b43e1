import { share, type BankQuality, type CourseQuality } from './bank-quality';
import { LIMIT_EXEMPT_COURSES, QUALITY_LIMITS } from './quality-limits';

const pct = (part: number, whole: number) =>
  `${part}/${whole} (${(share(part, whole) * 100).toFixed(0).padStart(3)} %)`;

function bankLine(label: string, b: BankQuality): string {
  const wrong = Object.entries(b.wrongOptionCounts)
    .sort(([a], [c]) => Number(a) - Number(c))
    .map(([n, count]) => `${n}:${count}`)
    .join(' ');
  return [
    label.padEnd(20),
    `key-longest ${pct(b.keyLongest.length, b.singles)}`,
    `d3 ${pct(b.keyLongestDifficulty3.length, b.singlesDifficulty3)}`,
    `MC wrong options {${wrong}}`,
    `absolute words true ${pct(b.trueWithAbsolute.length, b.trueStatements)} false ${pct(b.falseWithAbsolute.length, b.falseStatements)}`,
    `near-dup pairs ${b.nearDuplicates.length}`,
    `questions ${b.questions}`,
  ].join('  ');
}

/** The cue figures content:stats prints: per course, then all courses pooled. */
export function formatQuality(courses: CourseQuality[], overall: BankQuality): string[] {
  const L = QUALITY_LIMITS;
  const out = [
    '',
    `Bank quality (limits: key-longest <= ${L.maxKeyLongestShare * 100} % per course, <= ${L.maxKeyLongestShareDifficulty3 * 100} % among difficulty-3; ` +
      `>= ${L.minWrongOptions} wrong options per MC item; absolute words false <= ${L.maxAbsoluteWordRatio}x true; ` +
      `no near-duplicate pair (bigram Jaccard >= ${L.nearDuplicateSimilarity}) outside a family):`,
  ];
  for (const c of courses) out.push('  ' + bankLine(c.courseId + (c.exempt ? ' *' : ''), c));
  out.push('  ' + bankLine('ALL COURSES', overall));
  if (LIMIT_EXEMPT_COURSES.length > 0) out.push('  * limits not yet enforced for this course (LIMIT_EXEMPT_COURSES)');
  for (const c of courses) {
    for (const d of c.nearDuplicates) {
      out.push(`  near-duplicate ${d.first.id} ~ ${d.second.id}  ${d.similarity.toFixed(2)}`);
    }
  }
  return out;
}
