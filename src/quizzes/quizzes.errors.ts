import { AppError, badRequest, conflict, notFound } from '../common/errors/app-error';

/** Every error code quizzes/ throws, with the message people see. A code lives in exactly one catalogue. */
export const QuizErrors = {
  attemptNotFound: () => notFound('ATTEMPT.NOT_FOUND', '作答记录不存在'),
  attemptEnded: () => new AppError(409, 'ATTEMPT.CLOSED', '本次作答已结束'),
  answerQuestionNotInPaper: (n: string | number, i: string | number) =>
    badRequest('ATTEMPT.ANSWER_INVALID', `第 ${n} 个答案的题目不在本次试卷中`, {
      [`answers.${i}.questionId`]: 'unknown_question',
    }),
  answerOptionNotInQuestion: (n: string | number, i: string | number) =>
    badRequest('ATTEMPT.ANSWER_INVALID', `第 ${n} 个答案选了本题没有的选项`, {
      [`answers.${i}.optionIds`]: 'unknown_option',
    }),
  answerSingleChoice: (n: string | number, i: string | number) =>
    badRequest('ATTEMPT.ANSWER_INVALID', `第 ${n} 题是单选题，只能选一个选项`, {
      [`answers.${i}.optionIds`]: 'single_choice',
    }),
  notOpen: () => conflict('QUIZ.NOT_OPEN', '考试尚未开始，请在开放时间内参加'),
  quizClosed: () => conflict('QUIZ.CLOSED', '考试已经结束，不能再开始作答'),
  noAttemptsLeft: (allowed: string | number) =>
    conflict('QUIZ.NO_ATTEMPTS_LEFT', `作答次数已用完（共 ${allowed} 次）`),
  drawFailed: () => conflict('QUIZ.DRAW_FAILED', '题库中的题目不足以按规则组卷，请联系培训管理员'),
  questionNotFound: () => notFound('PRACTICE.QUESTION_NOT_FOUND', '题目不存在或已停用'),
  practiceOptionNotInQuestion: () =>
    badRequest('PRACTICE.ANSWER_INVALID', '所选选项不属于本题', { optionIds: 'unknown_option' }),
  practiceSingleChoice: () =>
    badRequest('PRACTICE.ANSWER_INVALID', '本题只能选一个选项', { optionIds: 'single_choice' }),
  quizNotFound: () => notFound('QUIZ.NOT_FOUND', '测验不存在或不面向您'),
  attemptClosed: () => conflict('ATTEMPT.CLOSED', '本次作答已结束（已交卷或已超时），答案不能再修改'),
  reviewNotAvailable: () =>
    new AppError(403, 'ATTEMPT.REVIEW_NOT_AVAILABLE', '作答尚未结束：交卷后才能查看答案与解析'),
} as const;
