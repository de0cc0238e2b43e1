import { notFound } from '../common/errors/app-error';

/** Every error code regulation/ throws, with the message people see. A code lives in exactly one catalogue. */
export const RegulationErrors = {
  articleNotFound: () => notFound('REGULATION.ARTICLE_NOT_FOUND', '条例没有这一条'),
  articleNumberNotFound: (n: string | number) =>
    notFound('REGULATION.ARTICLE_NOT_FOUND', `条例没有第 ${n} 条`),
} as const;
