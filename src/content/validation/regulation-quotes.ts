import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { checkRegulationText } from '../../regulation/regulation-text.check';
import type { RawContent } from '../model/content-model';
import type { Problem } from '../model/problem';
import { checkRegulationQuotes } from './check-quotes';

/**
 * Reads the full text at `path`, makes sure it is the 条例 (50 articles; otherwise every quote would
 * "fail"), then checks the content's 「」 quotes against it. An unreadable or wrong text is itself
 * reported as a problem, pointing at the text file.
 */
export function regulationQuoteProblems(raw: RawContent, path: string): { problems: Problem[]; checked: number } {
  const file = relative(resolve(raw.root), resolve(path));
  let markdown: string;
  try {
    markdown = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { checked: 0, problems: [{ file, line: 1, code: 'REGULATION_TEXT_INVALID', message: `无法读取条例全文：${reason}` }] };
  }
  const textProblems = checkRegulationText(markdown).problems;
  if (textProblems.length > 0) {
    return {
      checked: 0,
      problems: textProblems.map((p) => ({ file, line: p.line ?? 1, code: 'REGULATION_TEXT_INVALID', message: p.message })),
    };
  }
  return { checked: countQuotes(raw), problems: checkRegulationQuotes(raw, markdown) };
}

function countQuotes(raw: RawContent): number {
  const texts: unknown[] = [];
  for (const c of raw.courses) {
    for (const l of c.lessons) texts.push(l.body);
    for (const q of c.questions) {
      texts.push(q.data.stem, q.data.explanation);
      if (q.data.options && typeof q.data.options === 'object') texts.push(...Object.values(q.data.options as object));
    }
  }
  return texts.reduce<number>((n, t) => n + (typeof t === 'string' ? (t.match(/「[^「」]*」/g)?.length ?? 0) : 0), 0);
}
