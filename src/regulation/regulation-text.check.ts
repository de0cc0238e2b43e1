import { ARTICLE_COUNT } from '../content/dimensions';
import { parseChineseNumber, toChineseNumber } from '../common/text/chinese-numerals';
import {
  ARTICLE_START,
  CHAPTER_HEADING,
  parseRegulationText,
  type RegulationText,
} from './regulation-text.parser';
import { checkRegulationIdentity, type RegulationIdentityCheck } from './regulation-text.identity';

export interface RegulationTextProblem {
  /** 1-based line in the file; null for problems of the whole file. */
  line: number | null;
  message: string;
  /** Set when the text is not the 2022 《信访工作条例》 (wrong title, chapters or effective date). */
  check?: RegulationIdentityCheck;
}

/** Far above the real text (about 28 KB); anything larger is not the 条例. */
export const MAX_REGULATION_TEXT_CHARS = 200_000;

const label = (n: number) => `第${toChineseNumber(n)}条`;

/**
 * Checks a full text before it is stored: that it is the 2022 《信访工作条例》 (title, the six
 * chapter headings, 第五十条's effective date: regulation-text.identity.ts), chapter headings, exactly 50 articles numbered 1..50 in
 * order with one `第X条` paragraph each, none empty. Every problem is a Chinese sentence naming the
 * line and the fix, for the admin who uploaded the file.
 */
export function checkRegulationText(markdown: string): {
  text: RegulationText;
  problems: RegulationTextProblem[];
} {
  const problems: RegulationTextProblem[] = [];
  const empty = { chapters: new Map(), articles: new Map() } as RegulationText;
  if (markdown.trim() === '') {
    return {
      text: empty,
      problems: [{ line: null, message: '内容为空：请选择或粘贴《信访工作条例》全文。' }],
    };
  }
  if (markdown.length > MAX_REGULATION_TEXT_CHARS) {
    return {
      text: empty,
      problems: [
        {
          line: null,
          message: `内容过长（${markdown.length} 字）：条例全文约 3 万字，请确认选择的是条例全文文件。`,
        },
      ],
    };
  }
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let seenChapter = false;
  let last = 0;
  const startLine = new Map<number, number>();
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const at = index + 1;
    if (CHAPTER_HEADING.test(line)) {
      seenChapter = true;
      return;
    }
    const start = ARTICLE_START.exec(line);
    const n = start ? parseChineseNumber(start[1]) : null;
    if (!start || n === null) return;
    if (!seenChapter) {
      problems.push({
        line: at,
        message: `第 ${at} 行：${label(n)}出现在第一个章标题之前。每章以“## 第一章 总则”这样的一行开始。`,
      });
    } else if (n > last + 1) {
      const missing = n === last + 2 ? label(last + 1) : `${label(last + 1)}至${label(n - 1)}`;
      problems.push({
        line: at,
        message: `第 ${at} 行：缺少${missing}（上一条是${last === 0 ? '开头' : label(last)}，这里是${label(n)}）。`,
      });
      last = n;
    } else if (n <= last) {
      problems.push({
        line: at,
        message: `第 ${at} 行：${label(n)}重复或顺序颠倒（上一条是${label(last)}）。每条只能出现一次，按第一条至第五十条的顺序排列。`,
      });
    } else {
      last = n;
      startLine.set(n, at);
    }
  });
  if (!seenChapter) {
    problems.push({
      line: null,
      message: '没有找到章标题：每章应以“## 第一章 总则”这样的一行开始（Markdown 二级标题）。',
    });
  }
  const text = parseRegulationText(markdown);
  for (const article of text.articles.values()) {
    if (article.paragraphs.join('').trim() === '') {
      problems.push({
        line: startLine.get(article.number) ?? null,
        message: `${label(article.number)}没有条文内容。`,
      });
    }
  }
  if (last > ARTICLE_COUNT) {
    const extra = [...startLine.entries()].find(([n]) => n > ARTICLE_COUNT);
    problems.push({
      line: extra?.[1] ?? null,
      message: `条例只有 ${ARTICLE_COUNT} 条：${label(ARTICLE_COUNT + 1)}及以后各条不属于条例，请删去。`,
    });
  } else if (last < ARTICLE_COUNT && seenChapter) {
    problems.push({
      line: null,
      message: `只找到 ${last} 条，条例应有 ${ARTICLE_COUNT} 条（第一条至第五十条）：缺少${label(last + 1)}${last + 1 < ARTICLE_COUNT ? '及以后各条' : ''}。`,
    });
  }
  const identity = checkRegulationIdentity(lines, text, { structureSound: problems.length === 0 });
  // Identity first: "this is the 2005 text" is the reason that matters most to the admin.
  return { text, problems: [...identity, ...problems] };
}
