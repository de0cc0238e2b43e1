import type { ContentTree, CourseDef, QuestionDef } from '../model/content-model';
import type { Problem } from '../model/problem';
import { absoluteWordsIn, bigrams, jaccard, keyIsLongest, stemAndKey, wrongOptionCount } from './bank-measures';
import { LIMIT_EXEMPT_COURSES, QUALITY_LIMITS } from './quality-limits';

export interface NearDuplicate {
  first: QuestionDef;
  second: QuestionDef;
  similarity: number;
}

/** The cue figures of one question bank (a course, or all courses pooled). */
export interface BankQuality {
  questions: number;
  singles: number;
  keyLongest: QuestionDef[];
  singlesDifficulty3: number;
  keyLongestDifficulty3: QuestionDef[];
  multiples: number;
  /** Number of wrong options → number of multiple-choice items with that many. */
  wrongOptionCounts: Record<number, number>;
  tooFewWrongOptions: QuestionDef[];
  trueStatements: number;
  trueWithAbsolute: QuestionDef[];
  falseStatements: number;
  falseWithAbsolute: QuestionDef[];
  /** Pairs within one course that are alike and not in one family. */
  nearDuplicates: NearDuplicate[];
}

export interface CourseQuality extends BankQuality {
  courseId: string;
  /** In LIMIT_EXEMPT_COURSES: measured, not enforced. */
  exempt: boolean;
}

export const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

export function measureBank(questions: QuestionDef[]): BankQuality {
  const singles = questions.filter((q) => q.type === 'single');
  const singlesD3 = singles.filter((q) => q.difficulty === 3);
  const multiples = questions.filter((q) => q.type === 'multiple');
  const statements = questions.filter((q) => q.type === 'truefalse');
  const trues = statements.filter((q) => q.answer[0] === 'true');
  const falses = statements.filter((q) => q.answer[0] === 'false');
  const wrongOptionCounts: Record<number, number> = {};
  for (const q of multiples) {
    const n = wrongOptionCount(q);
    wrongOptionCounts[n] = (wrongOptionCounts[n] ?? 0) + 1;
  }
  const withAbsolute = (qs: QuestionDef[]) => qs.filter((q) => absoluteWordsIn(q.stem).length > 0);
  return {
    questions: questions.length,
    singles: singles.length,
    keyLongest: singles.filter(keyIsLongest),
    singlesDifficulty3: singlesD3.length,
    keyLongestDifficulty3: singlesD3.filter(keyIsLongest),
    multiples: multiples.length,
    wrongOptionCounts,
    tooFewWrongOptions: multiples.filter((q) => wrongOptionCount(q) < QUALITY_LIMITS.minWrongOptions),
    trueStatements: trues.length,
    trueWithAbsolute: withAbsolute(trues),
    falseStatements: falses.length,
    falseWithAbsolute: withAbsolute(falses),
    nearDuplicates: findNearDuplicates(questions),
  };
}

/** Every pair at or above the similarity limit that is not grouped in one family. */
export function findNearDuplicates(questions: QuestionDef[]): NearDuplicate[] {
  const grams = questions.map((q) => bigrams(stemAndKey(q)));
  const pairs: NearDuplicate[] = [];
  for (let i = 0; i < questions.length; i++) {
    for (let j = i + 1; j < questions.length; j++) {
      const [a, b] = [questions[i], questions[j]];
      if (a.family !== null && a.family === b.family) continue;
      const similarity = jaccard(grams[i], grams[j]);
      if (similarity >= QUALITY_LIMITS.nearDuplicateSimilarity) pairs.push({ first: a, second: b, similarity });
    }
  }
  return pairs;
}

export function measureCourses(
  tree: ContentTree,
  exempt: readonly string[] = LIMIT_EXEMPT_COURSES,
): { courses: CourseQuality[]; overall: BankQuality } {
  const courses = tree.courses.map((c) => ({
    courseId: c.id,
    exempt: exempt.includes(c.id),
    ...measureBank(c.questions),
  }));
  const overall = measureBank(tree.courses.flatMap((c) => c.questions));
  // near-duplicates only count within a course (a quiz draws from one course)
  overall.nearDuplicates = courses.flatMap((c) => c.nearDuplicates);
  return { courses, overall };
}

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;
const where = (q: QuestionDef) => `${q.id}（${q.file}:${q.line}）`;
const list = (qs: QuestionDef[]) => qs.map(where).join('、');

/** The absolute-word rule: false statements may carry absolute words at most 1.5× as often as true ones. */
export function absoluteWordsCue(b: BankQuality): boolean {
  const enough =
    b.trueStatements >= QUALITY_LIMITS.minStatementsPerSide &&
    b.falseStatements >= QUALITY_LIMITS.minStatementsPerSide;
  if (!enough) return false;
  const trueRate = share(b.trueWithAbsolute.length, b.trueStatements);
  const falseRate = share(b.falseWithAbsolute.length, b.falseStatements);
  return falseRate > QUALITY_LIMITS.maxAbsoluteWordRatio * trueRate;
}

/** Where the shipped bank crosses a limit; exempt courses are skipped. */
export function qualityProblems(tree: ContentTree, exempt: readonly string[] = LIMIT_EXEMPT_COURSES): Problem[] {
  const problems: Problem[] = [];
  const { courses } = measureCourses(tree, exempt);
  for (const c of courses) {
    if (c.exempt) continue;
    const course = tree.courses.find((d) => d.id === c.courseId) as CourseDef;
    const atCourse = (code: Problem['code'], message: string) =>
      problems.push({ file: course.file, line: course.line, code, message });
    const keyShare = share(c.keyLongest.length, c.singles);
    if (keyShare > QUALITY_LIMITS.maxKeyLongestShare) {
      atCourse(
        'KEY_LONGEST_TOO_OFTEN',
        `单选题中正确选项最长的有 ${c.keyLongest.length}/${c.singles} 题（${percent(keyShare)}，上限 ${percent(QUALITY_LIMITS.maxKeyLongestShare)}）：缩短正确选项或加长干扰项：${list(c.keyLongest)}`,
      );
    }
    const d3Share = share(c.keyLongestDifficulty3.length, c.singlesDifficulty3);
    if (d3Share > QUALITY_LIMITS.maxKeyLongestShareDifficulty3) {
      atCourse(
        'KEY_LONGEST_TOO_OFTEN',
        `难度3单选题中正确选项最长的有 ${c.keyLongestDifficulty3.length}/${c.singlesDifficulty3} 题（${percent(d3Share)}，上限 ${percent(QUALITY_LIMITS.maxKeyLongestShareDifficulty3)}）：${list(c.keyLongestDifficulty3)}`,
      );
    }
    if (absoluteWordsCue(c)) {
      atCourse(
        'ABSOLUTE_WORDS_CUE',
        `判断题中含绝对词（只、一律、即可……）的错误陈述 ${c.falseWithAbsolute.length}/${c.falseStatements}，正确陈述 ${c.trueWithAbsolute.length}/${c.trueStatements}：错误陈述中的比例不得超过正确陈述的 ${QUALITY_LIMITS.maxAbsoluteWordRatio} 倍。含绝对词的错误陈述：${list(c.falseWithAbsolute)}`,
      );
    }
    for (const q of c.tooFewWrongOptions) {
      problems.push({
        file: q.file,
        line: q.line,
        code: 'MULTIPLE_TOO_FEW_WRONG_OPTIONS',
        message: `多选题 ${q.id} 只有 ${q.options.length - q.answer.length} 个错误选项，至少要 ${QUALITY_LIMITS.minWrongOptions} 个（每个都应是干部可能犯的错误）`,
      });
    }
    for (const d of c.nearDuplicates) {
      problems.push({
        file: d.second.file,
        line: d.second.line,
        code: 'NEAR_DUPLICATE',
        message: `${d.second.id} 与 ${where(d.first)} 近似重复（相似度 ${d.similarity.toFixed(2)}）：给两题写同一个 family，或改写其中一题`,
      });
    }
  }
  return problems;
}
