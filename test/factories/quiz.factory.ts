import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import type { Course } from '../../src/content/entities/course.entity';
import { QuestionVersion } from '../../src/content/entities/question-version.entity';
import { Question, type QuestionType } from '../../src/content/entities/question.entity';
import type { Dimension } from '../../src/content/dimensions';
import { quizRulesOf, type QuizRules } from '../../src/content/quiz/quiz-definition';
import { QuizAttempt } from '../../src/quizzes/entities/quiz-attempt.entity';
import { Quiz } from '../../src/quizzes/entities/quiz.entity';

export interface QuestionSpec {
  type?: QuestionType;
  answer?: string[];
  articles?: number[];
  dimension?: Dimension;
  difficulty?: number;
  family?: string | null;
}

const OPTIONS = ['A', 'B', 'C', 'D'].map((id) => ({ id, text: `选项${id}` }));
const TF = [
  { id: 'true', text: '正确' },
  { id: 'false', text: '错误' },
];

/** One question with its first version, as the importer would write it. */
export async function createQuestion(
  ds: DataSource,
  course: Course,
  id: string,
  spec: QuestionSpec = {},
): Promise<void> {
  const type = spec.type ?? 'single';
  const answer = spec.answer ?? (type === 'multiple' ? ['A', 'C'] : type === 'truefalse' ? ['true'] : ['B']);
  const versionId = randomUUID();
  const articles = spec.articles ?? [22];
  const dimension = spec.dimension ?? 'acceptance';
  const difficulty = spec.difficulty ?? 1;
  const family = spec.family ?? null;
  await ds.getRepository(Question).insert({
    id,
    courseId: course.id,
    currentVersionId: versionId,
    currentVersion: 1,
    type,
    dimension,
    difficulty,
    family,
    retiredAt: null,
  });
  await ds.getRepository(QuestionVersion).insert({
    id: versionId,
    questionId: id,
    version: 1,
    contentHash: `hash-${id}`,
    type,
    stem: `题干 ${id}：以下哪项符合条例？`,
    options: type === 'truefalse' ? TF : OPTIONS,
    answer,
    explanation: `解析 ${id}：依据第二十二条。`,
    articles,
    dimension,
    difficulty,
    family,
  });
}

/** `n` questions cycling single → multiple → truefalse, ids `<course>-q<i>`. */
export async function createBank(
  ds: DataSource,
  course: Course,
  n: number,
  spec: (i: number) => QuestionSpec = () => ({}),
): Promise<string[]> {
  const ids: string[] = [];
  const types: QuestionType[] = ['single', 'multiple', 'truefalse'];
  for (let i = 1; i <= n; i++) {
    const id = `${course.id}-q${i}`;
    await createQuestion(ds, course, id, { type: types[(i - 1) % 3], ...spec(i) });
    ids.push(id);
  }
  return ids;
}

/** A quiz row; a course quiz takes the course id as its id. */
export async function createQuiz(
  ds: DataSource,
  course: Course | null,
  rules: Partial<QuizRules> & { questionCount: number },
  extra: Partial<Quiz> = {},
): Promise<Quiz> {
  const full: QuizRules = {
    ...quizRulesOf(
      { questionCount: rules.questionCount, timeLimitMinutes: 20, attemptsAllowed: 3 },
      course?.passMark ?? 80,
    ),
    ...rules,
  };
  const id = extra.id ?? course?.id ?? `exam-${randomUUID().slice(0, 8)}`;
  await ds.getRepository(Quiz).insert({
    id,
    kind: course ? 'course' : 'exam',
    courseId: course?.id ?? null,
    title: `测验 ${id}`,
    summary: '测试用测验。',
    rules: full,
    audience: course ? null : { roles: ['officer'], units: [] },
    opensAt: null,
    closesAt: null,
    retiredAt: null,
    ...extra,
  });
  return ds.getRepository(Quiz).findOneByOrFail({ id });
}

/** The keyed (or, with `wrong`, a wrong) answer for every question of an attempt's paper: read from the database, as no API tells. */
export async function keyedAnswers(
  ds: DataSource,
  attemptId: string,
  wrong: (position: number) => boolean = () => false,
) {
  const attempt = await ds.getRepository(QuizAttempt).findOneByOrFail({ id: attemptId });
  const versions = await ds.getRepository(QuestionVersion).findBy({ id: In(attempt.paper.map((p) => p.v)) });
  const byId = new Map(versions.map((v) => [v.id, v]));
  return attempt.paper.map((p, i) => {
    const v = byId.get(p.v)!;
    const optionIds = wrong(i) ? [v.options.map((o) => o.id).find((o) => !v.answer.includes(o))!] : v.answer;
    return { questionId: p.q, optionIds };
  });
}
