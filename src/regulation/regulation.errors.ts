import { AppError, notFound } from '../common/errors/app-error';
import type { RegulationTextProblem } from './regulation-text.check';
import { identityCheckName } from './regulation-text.identity';

/**
 * A full text that did not pass the checks; nothing was stored. The code says which kind:
 * `REGULATION.TEXT_NOT_2022` when the text is not the 2022 《信访工作条例》 (title, chapter headings or
 * 第五十条's effective date; e.g. the 2005 《信访条例》, however edited), else `REGULATION.TEXT_INVALID`
 * (not 50 articles under chapter headings). `errors` lists every problem: `{line, message, check?}`.
 */
export class RegulationTextInvalidError extends AppError {
  constructor(readonly problems: RegulationTextProblem[]) {
    const failed = [...new Set(problems.flatMap((p) => (p.check ? [p.check] : [])))];
    super(
      400,
      failed.length > 0 ? 'REGULATION.TEXT_NOT_2022' : 'REGULATION.TEXT_INVALID',
      failed.length > 0
        ? `上传的不是2022年《信访工作条例》（${failed.map(identityCheckName).join('、')}不符），未保存。共 ${problems.length} 处问题。`
        : `条例全文没有通过检查（${problems.length} 处问题），未保存。`,
      problems.map((p) => ({ ...p })),
    );
  }
}

/** Every error code regulation/ throws, with the message people see. A code lives in exactly one catalogue. */
export const RegulationErrors = {
  articleNotFound: () => notFound('REGULATION.ARTICLE_NOT_FOUND', '条例没有这一条'),
  articleNumberNotFound: (n: string | number) =>
    notFound('REGULATION.ARTICLE_NOT_FOUND', `条例没有第 ${n} 条`),
  textInvalid: (problems: RegulationTextProblem[]) => new RegulationTextInvalidError(problems),
} as const;
