import { ARTICLE_COUNT, CHAPTERS } from '../dimensions';
import type { RawItem } from '../model/content-model';
import { checkUnknownFields, isArticleNo, isInt, isText, Reporter } from './reporter';

const ARTICLE_FIELDS = ['number', 'chapter', 'title', 'summary'] as const;

export function chapterOf(article: number): number | undefined {
  const entry = Object.entries(CHAPTERS).find(([, c]) => article >= c.first && article <= c.last);
  return entry ? Number(entry[0]) : undefined;
}

/** regulation/articles.yaml: the 50 articles, each once, in order, each in its own chapter. */
export function checkArticleIndex(r: Reporter, file: string, items: RawItem[]): void {
  const firstLine = new Map<number, number>();
  let previous = 0;
  for (const a of items) {
    checkUnknownFields(r, a, ARTICLE_FIELDS);
    const { number, chapter, title, summary } = a.data;
    if (!isArticleNo(number)) {
      r.add(
        a,
        'number',
        'ARTICLE_INDEX_INVALID',
        `number ${JSON.stringify(number)} 无效，应为 1 到 ${ARTICLE_COUNT} 的整数`,
      );
      continue;
    }
    const seenAt = firstLine.get(number);
    if (seenAt !== undefined)
      {r.add(a, 'number', 'ARTICLE_INDEX_DUPLICATE', `第 ${number} 条重复（第 ${seenAt} 行已列出）`);}
    else firstLine.set(number, a.lines.number ?? a.line);
    if (seenAt === undefined && number < previous)
      {r.add(a, 'number', 'ARTICLE_INDEX_ORDER', `第 ${number} 条排在第 ${previous} 条之后：请按条号顺序排列`);}
    previous = Math.max(previous, number);
    const expected = chapterOf(number);
    if (!isInt(chapter) || chapter !== expected) {
      r.add(
        a,
        chapter === undefined ? 'number' : 'chapter',
        'ARTICLE_INDEX_INVALID',
        `第 ${number} 条属于第 ${expected} 章，chapter 应为 ${expected}`,
      );
    }
    if (!isText(title) || title.trim().length > 200)
      {r.add(
        a,
        title === undefined ? 'number' : 'title',
        'ARTICLE_INDEX_INVALID',
        `第 ${number} 条缺少 title（不超过 200 字）`,
      );}
    if (!isText(summary))
      {r.add(
        a,
        summary === undefined ? 'number' : 'summary',
        'ARTICLE_INDEX_INVALID',
        `第 ${number} 条缺少 summary`,
      );}
  }
  const missing = Array.from({ length: ARTICLE_COUNT }, (_, i) => i + 1).filter((n) => !firstLine.has(n));
  if (missing.length > 0) {
    r.at(
      file,
      1,
      'ARTICLE_INDEX_MISSING',
      `缺少第 ${missing.join('、')} 条：articles.yaml 应列出全部 ${ARTICLE_COUNT} 条，每条一次`,
    );
  }
}
