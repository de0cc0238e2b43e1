import { toChineseNumber } from '../../common/text/chinese-numerals';
import { CHAPTERS, DIMENSION_LABELS, DIMENSIONS } from '../dimensions';
import { QUESTION_TYPES } from '../model/content-model';
import { THRESHOLDS, type ContentStats } from './content-stats';

const TYPE_LABELS = { single: '单选', multiple: '多选', truefalse: '判断' } as const;
const DIFFICULTY_LABELS: Record<number, string> = { 1: '识记', 2: '理解', 3: '应用' };
const pad = (s: string | number, n: number) => String(s).padStart(n);

/** The text report content:stats prints. */
export function formatStats(stats: ContentStats): string[] {
  const out: string[] = [];
  out.push(`Questions: ${stats.questions}    Lessons: ${stats.lessons}    Courses: ${stats.courses}`, '');
  out.push('By type:');
  for (const t of QUESTION_TYPES) out.push(`  ${t.padEnd(10)} ${TYPE_LABELS[t]}  ${pad(stats.byType[t], 4)}`);
  out.push('By dimension (questions / lessons):');
  for (const d of DIMENSIONS) {
    const flag =
      stats.byDimension[d] < THRESHOLDS.minQuestionsPerDimension
        ? `   <-- below ${THRESHOLDS.minQuestionsPerDimension}`
        : '';
    out.push(
      `  ${d.padEnd(12)} ${DIMENSION_LABELS[d].padEnd(8, '　')} ${pad(stats.byDimension[d], 4)} / ${pad(stats.lessonsByDimension[d], 2)}${flag}`,
    );
  }
  out.push('By difficulty:');
  for (const level of [1, 2, 3])
    {out.push(`  ${level} ${DIFFICULTY_LABELS[level]}  ${pad(stats.byDifficulty[level] ?? 0, 4)}`);}
  out.push('By course (lessons / questions):');
  for (const c of stats.byCourse)
    {out.push(`  ${c.id.padEnd(20)} ${pad(c.lessons, 3)} / ${pad(c.questions, 4)}  ${c.title}`);}
  out.push(
    '',
    `By article, chapters 2-5 (questions / lessons; articles with fewer than ${THRESHOLDS.minQuestionsPerArticle} questions are flagged):`,
  );
  for (const chapter of [2, 3, 4, 5]) {
    const { title, first, last } = CHAPTERS[chapter];
    out.push(`  ${title}`);
    for (let n = first; n <= last; n++) {
      const { questions, lessons } = stats.byArticle[n];
      const flag = questions < THRESHOLDS.minQuestionsPerArticle ? '   <-- too few questions' : '';
      out.push(
        `    第${toChineseNumber(n)}条`.padEnd(10, '　') +
          ` ${pad(n, 2)}  ${pad(questions, 3)} / ${pad(lessons, 2)}${flag}`,
      );
    }
  }
  const others = [
    ...range(CHAPTERS[1].first, CHAPTERS[1].last),
    ...range(CHAPTERS[6].first, CHAPTERS[6].last),
  ];
  out.push(`  Chapters 1 and 6: ${others.map((n) => `${n}:${stats.byArticle[n].questions}`).join('  ')}`);
  return out;
}

const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i);
