/** Why content:check rejects a file. Stable codes: scripts and tests match on them. */
export type ProblemCode =
  | 'YAML_SYNTAX'
  | 'FILE_MISSING'
  | 'FRONT_MATTER_MISSING'
  | 'NOT_A_LIST'
  | 'NOT_A_MAP'
  | 'UNKNOWN_FIELD'
  | 'FIELD_MISSING'
  | 'FIELD_INVALID'
  | 'ID_INVALID'
  | 'DUPLICATE_ID'
  | 'DUPLICATE_STEM'
  | 'TYPE_INVALID'
  | 'OPTIONS_INVALID'
  | 'ANSWER_MISSING'
  | 'ANSWER_INVALID'
  | 'ANSWER_NOT_OPTION'
  | 'MULTIPLE_TOO_FEW_ANSWERS'
  | 'TRUEFALSE_HAS_OPTIONS'
  | 'EXPLANATION_NO_ARTICLE'
  | 'ARTICLES_MISSING'
  | 'ARTICLE_UNKNOWN'
  | 'ARTICLE_LINK_INVALID'
  | 'DIMENSION_INVALID'
  | 'DIFFICULTY_INVALID'
  | 'FAMILY_INVALID'
  | 'COURSE_FIELD_INVALID'
  | 'QUIZ_TOO_FEW_QUESTIONS'
  | 'QUIZ_FIELD_INVALID'
  | 'EXAM_FIELD_INVALID'
  | 'LESSON_ORDER_DUPLICATE'
  | 'LESSON_BODY_EMPTY'
  | 'ARTICLE_INDEX_INVALID'
  | 'ARTICLE_INDEX_DUPLICATE'
  | 'ARTICLE_INDEX_MISSING'
  | 'ARTICLE_INDEX_ORDER'
  // bank quality (src/content/quality): cues that let a candidate pass without knowing the law
  | 'KEY_LONGEST_TOO_OFTEN'
  | 'MULTIPLE_TOO_FEW_WRONG_OPTIONS'
  | 'ABSOLUTE_WORDS_CUE'
  | 'NEAR_DUPLICATE';

/** One thing wrong with the content; `file` is relative to the content directory (POSIX slashes). */
export interface Problem {
  file: string;
  line: number;
  code: ProblemCode;
  message: string;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.code.localeCompare(b.code),
  );
}

/** Thrown by the importer: invalid content is never imported. */
export class ContentInvalidError extends Error {
  constructor(public readonly problems: Problem[]) {
    super(`Content has ${problems.length} problem(s); nothing was imported`);
    this.name = 'ContentInvalidError';
  }
}
